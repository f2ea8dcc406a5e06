"""Catalogue entry for ``multisocket`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import opt, v
from corefile.catalogue.types import integer

MULTISOCKET = Plugin(
    "multisocket",
    summary="Open several SO_REUSEPORT listeners per address.",
    syntax="multisocket [NUM_SOCKETS]",
    since=v("1.12.0"),
    repeat="err",
    arguments=(opt("NUM_SOCKETS", integer(1, 1024)),),
    block="refused",
)

PLUGINS: tuple[Plugin, ...] = (MULTISOCKET,)

__all__ = ["PLUGINS"]
