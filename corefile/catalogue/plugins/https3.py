"""Catalogue entry for ``https3`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, req, v
from corefile.catalogue.types import NON_NEGATIVE_INT

HTTPS3 = Plugin(
    "https3",
    summary="Tune the DNS-over-HTTP/3 listener of an https3:// block.",
    syntax="https3 [{ max_streams N; max_connections N }]",
    since=v("1.14.0"),
    repeat="first",
    arguments=NO_ARGS,
    block="options",
    options=[
        Option("max_streams", (req("N", NON_NEGATIVE_INT),), once=True),
        Option("max_connections", (req("N", NON_NEGATIVE_INT),), since=v("1.14.7"), once=True),
    ],
)

PLUGINS: tuple[Plugin, ...] = (HTTPS3,)

__all__ = ["PLUGINS"]
