"""Catalogue entry for ``metadata`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import ZONES, v

METADATA = Plugin(
    "metadata",
    summary="Enable metadata collection for other plugins (log, rewrite, template, view...).",
    syntax="metadata [ZONES...]",
    since=v("1.2.0"),
    repeat="err",
    arguments=ZONES,
    block="refused",
)

PLUGINS: tuple[Plugin, ...] = (METADATA,)

__all__ = ["PLUGINS"]
