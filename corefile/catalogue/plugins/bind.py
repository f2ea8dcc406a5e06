"""Catalogue entry for ``bind`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import many, v

BIND = Plugin(
    "bind",
    summary="Restrict the addresses (or interfaces) the server block listens on.",
    syntax="bind ADDRESS|IFACE... [{ except ADDRESS|IFACE... }]",
    repeat="multi",
    # Interface names only exist on the target host, so words are not judged statically.
    arguments=(many("ADDRESS|IFACE"),),
    block="options",
    options=[Option("except", (many("ADDRESS|IFACE"),), since=v("1.8.4"))],
)

PLUGINS: tuple[Plugin, ...] = (BIND,)

__all__ = ["PLUGINS"]
