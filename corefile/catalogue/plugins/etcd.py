"""Catalogue entry for ``etcd`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import TLS_CLIENT, ZONES, fallthrough, legacy_upstream, many, req, v
from corefile.catalogue.types import DURATION, duration

_LEASE_TTL = duration(minimum=0, maximum=4294967295, int_means_seconds=True)

ETCD = Plugin(
    "etcd",
    summary="Serve SkyDNS-style records stored in etcd v3.",
    syntax="etcd [ZONES...] [{ fallthrough; path PATH; endpoint ENDPOINT...; credentials USER PASSWORD; tls ...; min-lease-ttl/max-lease-ttl DURATION }]",
    repeat="first",
    arguments=ZONES,
    block="options",
    options=[
        fallthrough(),
        Option("path", (req("PATH"),)),
        Option("endpoint", (many("ENDPOINT"),)),
        Option("credentials", (req("USERNAME"), req("PASSWORD"))),
        TLS_CLIENT,
        Option("min-lease-ttl", (req("DURATION", _LEASE_TTL),), since=v("1.12.4")),
        Option("max-lease-ttl", (req("DURATION", _LEASE_TTL),), since=v("1.12.4")),
        Option("stubzones", None, deprecated=v("1.4.0"), notes="stub zones were dropped; accepted and ignored"),
        Option("debug", None, deprecated=v("1.4.0"), notes="accepted and ignored"),  # unsure: exact deprecation release
        legacy_upstream(),
    ],
)

PLUGINS: tuple[Plugin, ...] = (ETCD,)

__all__ = ["PLUGINS"]
