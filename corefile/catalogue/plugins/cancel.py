"""Catalogue entry for ``cancel`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import opt, v
from corefile.catalogue.types import duration

CANCEL = Plugin(
    "cancel",
    summary="Give every request a context deadline.",
    syntax="cancel [TIMEOUT]",
    since=v("1.5.0"),
    repeat="last",
    arguments=(opt("TIMEOUT", duration(minimum=0, exclusive_minimum=True)),),
    block="refused",
)

PLUGINS: tuple[Plugin, ...] = (CANCEL,)

__all__ = ["PLUGINS"]
