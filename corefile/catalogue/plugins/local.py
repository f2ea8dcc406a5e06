"""Catalogue entry for ``local`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, req, v
from corefile.catalogue.types import one_of

LOCAL = Plugin(
    "local",
    summary="Answer localhost and loopback reverse names locally.",
    syntax="local [{ localhost_prefix on|off }]",
    since=v("1.8.1"),
    repeat="last",
    arguments=NO_ARGS,
    block="options",
    options=[Option("localhost_prefix", (req("on|off", one_of("on", "off")),), since=v("1.14.5"))],
)

PLUGINS: tuple[Plugin, ...] = (LOCAL,)

__all__ = ["PLUGINS"]
