"""Catalogue entry for ``chaos`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import any_number

CHAOS = Plugin(
    "chaos",
    summary="Answer CH-class TXT queries such as version.bind and authors.bind.",
    syntax="chaos [VERSION] [AUTHORS...]",
    repeat="first",
    arguments=(any_number("VERSION AUTHORS"),),
    block="refused",
)

PLUGINS: tuple[Plugin, ...] = (CHAOS,)

__all__ = ["PLUGINS"]
