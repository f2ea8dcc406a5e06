"""Catalogue entry for ``autopath`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import ZONES, many

AUTOPATH = Plugin(
    "autopath",
    summary="Complete search paths on the server side (resolv.conf search list or @PLUGIN).",
    syntax="autopath [ZONES...] RESOLV_CONF|@PLUGIN",
    repeat="last",
    # The resolv.conf (or @plugin) is the *last* word; earlier words are zones.
    arguments=(many("[ZONES...] RESOLV_CONF|@PLUGIN"),),
    block="refused",  # setup reads the `{` as one more line argument (or as a new, empty occurrence)
)

PLUGINS: tuple[Plugin, ...] = (AUTOPATH,)

__all__ = ["PLUGINS"]
