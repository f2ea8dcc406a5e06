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
    block="ignored",  # unsure: reaction to a block is not documented; lenient
)

PLUGINS: tuple[Plugin, ...] = (AUTOPATH,)

__all__ = ["PLUGINS"]
