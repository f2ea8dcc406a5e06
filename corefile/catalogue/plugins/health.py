"""Catalogue entry for ``health`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import opt, req, v
from corefile.catalogue.types import DURATION, HOST_PORT

HEALTH = Plugin(
    "health",
    summary="HTTP liveness endpoint /health (process-wide).",
    syntax="health [ADDRESS] [{ lameduck DURATION }]",
    repeat="last",
    arguments=(opt("ADDRESS", HOST_PORT),),
    block="options",
    options=[Option("lameduck", (req("DURATION", DURATION),), since=v("1.0.5"))],
)

PLUGINS: tuple[Plugin, ...] = (HEALTH,)

__all__ = ["PLUGINS"]
