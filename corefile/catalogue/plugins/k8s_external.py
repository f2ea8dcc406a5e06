"""Catalogue entry for ``k8s_external`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, TTL_0_3600, ZONES, fallthrough, req, v

K8S_EXTERNAL = Plugin(
    "k8s_external",
    summary="Answer for Kubernetes external/LoadBalancer IPs under an external zone.",
    syntax="k8s_external [ZONES...] [{ apex APEX; ttl SECONDS; headless; fallthrough [ZONES...] }]",
    since=v("1.3.0"),
    repeat="last",
    arguments=ZONES,
    block="options",
    options=[
        Option("apex", (req("APEX"),)),
        Option("ttl", (req("SECONDS", TTL_0_3600),)),
        Option("headless", NO_ARGS, since=v("1.9.4")),
        fallthrough(since=v("1.11.0")),
    ],
    notes=("Requires the kubernetes directive in the same server block (startup error otherwise).",),
)

PLUGINS: tuple[Plugin, ...] = (K8S_EXTERNAL,)

__all__ = ["PLUGINS"]
