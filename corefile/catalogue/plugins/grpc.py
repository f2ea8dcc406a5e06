"""Catalogue entry for ``grpc`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import (
    MAX_UPSTREAMS,
    TLS_CLIENT,
    ZONE,
    check_from_to,
    fallthrough,
    many,
    req,
    v,
)
from corefile.catalogue.types import IP, one_of
from corefile.core.versions import Version


def _check_grpc(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from check_from_to("grpc", occurrence)
    # Upstreams are IP[:port] or resolv.conf paths (parse.HostPortOrFile): only the count is certain.
    upstreams = occurrence.arguments[1:]
    if len(upstreams) > MAX_UPSTREAMS and all(known(word) for word in upstreams):
        yield problem("invalid-arguments", upstreams[MAX_UPSTREAMS], f"grpc: more than {MAX_UPSTREAMS} TOs configured ({len(upstreams)})")


GRPC = Plugin(
    "grpc",
    summary="Proxy queries to upstreams over DNS-over-gRPC.",
    syntax="grpc FROM TO... [{ except ...; tls ...; tls_servername NAME; policy ...; fallthrough }]",
    since=v("1.5.0"),
    repeat="once",
    arguments=None,
    block="options",
    options=[
        # unsure: measured for forward (an empty except is an ArgErr); grpc parses its block the same way
        Option("except", (many("IGNORED_NAMES", ZONE),)),
        TLS_CLIENT,
        Option("tls_servername", (req("NAME"),)),
        Option("policy", (req("POLICY", one_of("random", "round_robin", "sequential")),)),
        fallthrough(since=v("1.12.3")),
    ],
    check=_check_grpc,
)

PLUGINS: tuple[Plugin, ...] = (GRPC,)

__all__ = ["PLUGINS"]
