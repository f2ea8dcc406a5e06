"""Catalogue entry for ``https`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, req, v
from corefile.catalogue.types import NON_NEGATIVE_INT

HTTPS = Plugin(
    "https",
    summary="Tune the DNS-over-HTTPS listener of an https:// block.",
    syntax="https [{ max_connections N }]",
    since=v("1.14.0"),
    repeat="first",
    arguments=NO_ARGS,
    block="options",
    options=[Option("max_connections", (req("N", NON_NEGATIVE_INT),), once=True)],
)

PLUGINS: tuple[Plugin, ...] = (HTTPS,)

__all__ = ["PLUGINS"]
