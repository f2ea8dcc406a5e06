"""Catalogue entry for ``root`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import FILE, many

ROOT = Plugin(
    "root",
    summary="Base directory for the block's relative file paths.",
    syntax="root PATH",
    repeat="last",
    arguments=(many("PATH", FILE),),  # words after PATH are ignored
    block="ignored",  # unsure: reaction to a block is not documented; lenient
)

PLUGINS: tuple[Plugin, ...] = (ROOT,)

__all__ = ["PLUGINS"]
