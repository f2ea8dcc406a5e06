"""Catalogue entry for ``quic`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, req, v
from corefile.catalogue.types import POSITIVE_INT

QUIC = Plugin(
    "quic",
    summary="Tune the DNS-over-QUIC listener of a quic:// block.",
    syntax="quic [{ max_streams N; worker_pool_size N }]",
    since=v("1.12.2"),
    repeat="first",
    arguments=NO_ARGS,
    block="options",
    options=[
        Option("max_streams", (req("N", POSITIVE_INT),), once=True),
        Option("worker_pool_size", (req("N", POSITIVE_INT),), once=True),
    ],
)

PLUGINS: tuple[Plugin, ...] = (QUIC,)

__all__ = ["PLUGINS"]
