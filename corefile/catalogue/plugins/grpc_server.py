"""Catalogue entry for ``grpc_server`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, req, v
from corefile.catalogue.types import NON_NEGATIVE_INT

GRPC_SERVER = Plugin(
    "grpc_server",
    summary="Tune the DNS-over-gRPC listener of a grpc:// block.",
    syntax="grpc_server [{ max_streams N; max_connections N }]",
    since=v("1.14.0"),
    repeat="first",
    arguments=NO_ARGS,
    block="options",
    options=[
        Option("max_streams", (req("N", NON_NEGATIVE_INT),), once=True),
        Option("max_connections", (req("N", NON_NEGATIVE_INT),), once=True),
    ],
)

PLUGINS: tuple[Plugin, ...] = (GRPC_SERVER,)

__all__ = ["PLUGINS"]
