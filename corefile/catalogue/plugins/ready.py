"""Catalogue entry for ``ready`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import opt, req, v
from corefile.catalogue.types import HOST_PORT, one_of

READY = Plugin(
    "ready",
    summary="HTTP readiness endpoint /ready.",
    syntax="ready [ADDRESS] [{ monitor until-ready|continuously }]",
    since=v("1.5.0"),
    repeat="once",
    arguments=(opt("ADDRESS", HOST_PORT),),
    block="options",
    options=[Option("monitor", (req("MODE", one_of("until-ready", "continuously")),), since=v("1.12.2"))],
)

PLUGINS: tuple[Plugin, ...] = (READY,)

__all__ = ["PLUGINS"]
