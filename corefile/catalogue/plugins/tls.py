"""Catalogue entry for ``tls`` (plugins.md §3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import option_lines, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import FILE, many, req, v
from corefile.catalogue.types import HOST_PORT, ValueType, check_ip, one_of, split_host_port
from corefile.core.versions import Version

_ACME_SINCE = v("1.14.7")

_ACME_OPTIONS = ("acme", "email", "ca", "storage", "ca_root", "resolver")


def _check_acme_ca(text: str) -> str | None:
    if re.fullmatch(r"https?://[^\s/]+.*", text):
        return None
    return f'invalid ACME CA URL "{text}"; expected an https:// URL'


def _check_acme_domain(text: str) -> str | None:
    # An ACME certificate names DNS names only: no IP address, and a wildcard only as the whole
    # leftmost label, once.
    if check_ip(text.strip("[]")) is None:
        return f'invalid ACME domain "{text}": an IP address cannot get an ACME certificate here'
    labels = text.split(".")
    if "*" in text and (labels[0] != "*" or "*" in ".".join(labels[1:])):
        return f'invalid ACME domain "{text}": a wildcard may only be the whole leftmost label (*.example.org)'
    if text in ("", "*") or "" in labels[:-1]:
        return f'invalid ACME domain "{text}"'
    return None


def _check_acme_resolver(text: str) -> str | None:
    error = HOST_PORT.check(text)
    if error is not None:
        return f"invalid ACME resolver: {error}"
    if not split_host_port(text)[1].isdigit():
        return f'invalid ACME resolver "{text}": the port must be a number'
    return None


def _check_tls(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    acme_mode = not words
    if acme_mode and version < _ACME_SINCE:
        yield problem("missing-argument", occurrence.name, "tls needs CERT KEY [CA] (ACME mode without arguments exists only from 1.14.7)")
    elif len(words) == 1:
        yield problem("missing-argument", words[0], "tls needs CERT and KEY (and optionally CA), or no arguments for ACME mode")
    elif len(words) > 3:
        yield problem("invalid-arguments", words[3], "tls takes at most three arguments: CERT KEY [CA]")
    if not acme_mode and version >= _ACME_SINCE:
        # CERT KEY mode reads client_auth and keylog only.
        # unsure: measured for acme; the other ACME options are assumed to be refused the same way
        for line in occurrence.block or ():
            if line.name.value in _ACME_OPTIONS:
                yield problem(
                    "invalid-arguments",
                    line.name,
                    f"tls with CERT KEY does not take the ACME option '{line.name.value}'; "
                    "use 'tls { acme DOMAIN... }' without certificate files for ACME",
                )
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
        # ACME options are refused with CERT KEY (see _check_tls).
        # unsure: whether ACME mode refuses client_auth and keylog; accepted
        Option("acme", (many("DOMAIN", ValueType("DOMAIN", _check_acme_domain)),), since=_ACME_SINCE),
        Option("email", (req("EMAIL"),), since=_ACME_SINCE),
        Option("ca", (req("URL", ValueType("URL", _check_acme_ca)),), since=_ACME_SINCE),
        Option("storage", (req("DIRECTORY", FILE),), since=_ACME_SINCE),
        Option("ca_root", (req("FILE", FILE),), since=_ACME_SINCE),
        Option("resolver", (req("HOST:PORT", ValueType("HOST:PORT", _check_acme_resolver)),), since=_ACME_SINCE),
    ],
    check=_check_tls,
    notes=("Without arguments (ACME mode, since 1.14.7) the block needs `acme DOMAIN...`; each ACME option once.",),
)

PLUGINS: tuple[Plugin, ...] = (TLS,)

__all__ = ["PLUGINS"]
