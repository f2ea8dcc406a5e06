"""Catalogue entry for ``tls`` (plugins.md §3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import option_lines, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import FILE, many, req, v
from corefile.catalogue.types import HOST_PORT, ValueType, one_of
from corefile.versions import Version

_ACME_SINCE = v("1.14.7")


_ACME_OPTIONS = ("acme", "email", "ca", "storage", "ca_root", "resolver")


def _check_acme_ca(text: str) -> str | None:
    if re.fullmatch(r"https?://[^\s/]+.*", text):
        return None
    return f'invalid ACME CA URL "{text}"; expected an https:// URL'


def _check_tls(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    acme_mode = not words
    if acme_mode and version < _ACME_SINCE:
        yield problem("missing-argument", occurrence.name, "tls needs CERT KEY [CA] (ACME mode without arguments exists only from 1.14.7)")
    elif len(words) == 1:
        yield problem("missing-argument", words[0], "tls needs CERT and KEY (and optionally CA), or no arguments for ACME mode")
    elif len(words) > 3:
        yield problem("invalid-arguments", words[3], "tls takes at most three arguments: CERT KEY [CA]")
    if acme_mode and version >= _ACME_SINCE:
        if not option_lines(occurrence.block, "acme"):
            yield problem("missing-argument", occurrence.name, "ACME requires at least one domain: add 'acme DOMAIN...' to the tls block")
        for name in _ACME_OPTIONS:
            for line in option_lines(occurrence.block, name)[1:]:
                yield problem("invalid-arguments", line.name, f'ACME option "{name}" can only be specified once')


TLS = Plugin(
    "tls",
    summary="Server certificate for tls://, grpc://, https://, https3:// and quic:// blocks.",
    syntax="tls CERT KEY [CA] [{ client_auth MODE; keylog FILE }] | tls { acme DOMAIN...; email ...; ca URL; storage DIR; ca_root FILE; resolver HOST:PORT }",
    repeat="last",
    arguments=None,
    block="options",
    options=[
        Option(
            "client_auth",
            (req("MODE", one_of("nocert", "request", "require", "verify_if_given", "require_and_verify")),),
            since=v("1.5.1"),
        ),
        Option("keylog", (req("FILE", FILE),), since=v("1.14.3")),
        # unsure: whether manual mode refuses ACME options (and vice versa); both sets accepted in both modes
        Option("acme", (many("DOMAIN"),), since=_ACME_SINCE),
        Option("email", (req("EMAIL"),), since=_ACME_SINCE),
        Option("ca", (req("URL", ValueType("URL", _check_acme_ca)),), since=_ACME_SINCE),
        Option("storage", (req("DIRECTORY", FILE),), since=_ACME_SINCE),
        Option("ca_root", (req("FILE", FILE),), since=_ACME_SINCE),
        Option("resolver", (req("HOST:PORT", HOST_PORT),), since=_ACME_SINCE),
    ],
    check=_check_tls,
    notes=("Without arguments (ACME mode, since 1.14.7) the block needs `acme DOMAIN...`; each ACME option once.",),
)

PLUGINS: tuple[Plugin, ...] = (TLS,)

__all__ = ["PLUGINS"]
