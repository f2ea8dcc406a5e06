"""Catalogue entry for ``transfer`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import option_lines, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import ZONES, many, req, v
from corefile.catalogue.types import IP, IP_PORT, ValueType
from corefile.core.versions import Version


def _check_transfer_target(text: str) -> str | None:
    if text == "*":
        return None
    return IP_PORT.check(text)


def _check_transfer(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    if not option_lines(occurrence.block, "to"):
        yield problem("missing-argument", occurrence.name, "transfer needs a block with 'to ADDRESS...' ('to' is required)", suggestion="to")


TRANSFER = Plugin(
    "transfer",
    summary="Answer outgoing zone transfers (AXFR/IXFR) and send NOTIFY.",
    syntax="transfer [ZONES...] { to ADDRESS...; source ADDRESS }",
    since=v("1.6.5"),
    repeat="multi",
    arguments=ZONES,
    block="options",
    options=[
        Option("to", (many("ADDRESS", ValueType("* or IP[:PORT]", _check_transfer_target)),)),
        Option("source", (req("IP", IP),), since=v("1.14.5"), once=True),
    ],
    check=_check_transfer,
)

PLUGINS: tuple[Plugin, ...] = (TRANSFER,)

__all__ = ["PLUGINS"]
