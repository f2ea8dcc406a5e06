"""Catalogue entry for ``sign`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import FILE, ZONE, ZONES, any_number, req, v
from corefile.core.versions import Version


def _check_sign_key(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = line.arguments
    if not words:
        yield problem("missing-argument", line.name, "sign option 'key' needs 'file KEY...'")
        return
    source = words[0]
    if known(source) and source.value == "directory":
        yield problem("invalid-option-value", source, "sign 'key directory' is not implemented; use 'key file KEY...'")
    elif known(source) and source.value == "file" and len(words) < 2:
        yield problem("missing-argument", source, "sign 'key file' needs at least one key name")
    # Any other source word loads nothing, without an error.


SIGN = Plugin(
    "sign",
    summary="Sign a zone file with DNSSEC periodically and write the signed copy to disk.",
    syntax="sign DBFILE [ZONES...] { key file KEY...; directory DIR }",
    since=v("1.6.3"),
    repeat="multi",
    arguments=(req("DBFILE", FILE), any_number("ZONES", ZONE)),
    block="options",
    options=[
        Option("key", None, check=_check_sign_key, shape="file KEY..."),
        Option("directory", (req("DIR", FILE),)),
    ],
)

PLUGINS: tuple[Plugin, ...] = (SIGN,)

__all__ = ["PLUGINS"]
