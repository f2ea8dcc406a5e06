"""Catalogue entry for ``log`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import any_number, many
from corefile.catalogue.types import one_of

LOG = Plugin(
    "log",
    summary="Log queries to standard output.",
    syntax="log [NAMES...] [FORMAT] [{ class all|success|denial|error... }]",
    repeat="multi",
    arguments=(any_number("NAMES FORMAT"),),
    block="options",
    options=[
        # unsure: whether class names are case-sensitive; accepted in any case
        Option("class", (many("CLASS", one_of("all", "success", "denial", "error", case_sensitive=False)),)),
    ],
    notes=("A single argument is always a NAME, never a format: write `log . {combined}`.",),
)

PLUGINS: tuple[Plugin, ...] = (LOG,)

__all__ = ["PLUGINS"]
