"""Catalogue entry for ``whoami`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import NO_ARGS

WHOAMI = Plugin(
    "whoami",
    summary="Reply with the client's address, port and transport.",
    syntax="whoami",
    repeat="first",
    arguments=NO_ARGS,
    block="refused",  # `if c.NextArg() { ArgErr }`: the `{` is an argument
)

PLUGINS: tuple[Plugin, ...] = (WHOAMI,)

__all__ = ["PLUGINS"]
