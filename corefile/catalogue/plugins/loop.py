"""Catalogue entry for ``loop`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import NO_ARGS, v

LOOP = Plugin(
    "loop",
    summary="Detect forwarding loops at startup and stop the process.",
    syntax="loop",
    since=v("1.2.1"),
    repeat="once",
    arguments=NO_ARGS,
    block="refused",  # setup reads the `{` as one more line argument (or as a new, empty occurrence)
)

PLUGINS: tuple[Plugin, ...] = (LOOP,)

__all__ = ["PLUGINS"]
