"""Catalogue entry for ``any`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import NO_ARGS, v

ANY = Plugin(
    "any",
    summary="Answer ANY queries with a short HINFO reply (RFC 8482).",
    syntax="any",
    since=v("1.5.1"),
    repeat="first",
    arguments=NO_ARGS,
    block="refused",
)

PLUGINS: tuple[Plugin, ...] = (ANY,)

__all__ = ["PLUGINS"]
