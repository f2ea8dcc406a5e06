"""Catalogue entry for ``shed`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import NO_ARGS, v

SHED = Plugin(
    "shed",
    summary="Drop new UDP queries when a socket's response queue is saturated.",
    syntax="shed",
    since=v("1.14.7"),
    repeat="once",
    arguments=NO_ARGS,
    block="refused",
    notes=("Only plain dns:// server blocks are supported.",),
)

PLUGINS: tuple[Plugin, ...] = (SHED,)

__all__ = ["PLUGINS"]
