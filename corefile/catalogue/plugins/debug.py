"""Catalogue entry for ``debug`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import NO_ARGS

DEBUG = Plugin(
    "debug",
    summary="Disable panic recovery and enable debug logging (process-wide).",
    syntax="debug",
    repeat="multi",
    arguments=NO_ARGS,
    block="refused",  # setup reads the `{` as one more line argument (or as a new, empty occurrence)
)

PLUGINS: tuple[Plugin, ...] = (DEBUG,)

__all__ = ["PLUGINS"]
