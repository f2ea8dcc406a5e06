"""Catalogue entry for ``minimal`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import NO_ARGS, v

MINIMAL = Plugin(
    "minimal",
    summary="Strip authority and additional sections from positive answers.",
    syntax="minimal",
    since=v("1.8.4"),
    repeat="first",
    arguments=NO_ARGS,
    block="refused",  # `if c.NextArg() { ArgErr }`: the `{` is an argument
)

PLUGINS: tuple[Plugin, ...] = (MINIMAL,)

__all__ = ["PLUGINS"]
