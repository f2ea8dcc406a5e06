"""Well-known external plugins (plugins.md §8 and the corpus).

They exist only in custom builds, so their options are not known and never validated; the entries
let other rules say "external plugin, needs a custom build" instead of "unknown directive".
"""

from __future__ import annotations

from corefile.catalogue.model import Plugin

#: name -> (one-line summary, usage when known)
_EXTERNAL: dict[str, tuple[str, str]] = {
    "ads": ("Ad blocking from block lists (c-mueller/ads).", "ads [{ ... }]"),
    "alias": ("CNAME flattening (alias records).", "alias"),
    "alternate": (
        "Retry a query with another upstream on selected rcodes; must sit before forward in plugin.cfg.",
        "alternate [original] RCODE[,RCODE...] . UPSTREAM...",
    ),
    "blocker": ("Block domains from a block list.", "blocker ..."),
    "dnsredir": ("Redirect queries for listed names to other upstreams (leiless/dnsredir).", "dnsredir FROM... { to TO... }"),
    "dnsseed": ("DNS seeder for peer-to-peer networks (Zcash).", "dnsseed { ... }"),
    "docker": ("Records for Docker containers.", "docker [ZONES...] [{ ... }]"),
    "dynapi": ("Dynamic record updates through an HTTP API.", "dynapi"),
    "fanout": ("Send each query to several upstreams in parallel; first good answer wins.", "fanout FROM TO... [{ ... }]"),
    "finalize": ("Resolve CNAME chains to final addresses.", "finalize [max_depth N]"),
    "gathersrv": ("Merge SRV records of several domains.", "gathersrv DOMAIN { ... }"),
    "gslb": ("Global server load balancing with health checks.", "gslb [{ ... }]"),
    "json": ("Records from a JSON HTTP backend.", "json URL"),
    "k8s_cache": ("Kubernetes cache plugin.", "k8s_cache ..."),
    "k8s_event": ("Publish CoreDNS log events as Kubernetes events.", "k8s_event [{ ... }]"),
    "k8s_gateway": ("Records for Kubernetes Ingress/Gateway/LoadBalancer resources.", "k8s_gateway ZONES... [{ ... }]"),
    "kubeforward": ("Forward to kube-dns endpoints discovered through the Kubernetes API.", "kubeforward ..."),
    "meshname": ("Names derived from IPv6 mesh addresses.", "meshname ..."),
    "meship": ("Names derived from IPv6 mesh addresses.", "meship ..."),
    "multicluster": ("Kubernetes multi-cluster services (external plugin).", "multicluster ZONES..."),
    "ocp_dnsnameresolver": ("OpenShift DNS name resolver for egress firewall rules.", "ocp_dnsnameresolver { ... }"),
    "postgresql": ("Records stored in PostgreSQL.", "postgresql { ... }"),
    "recursor": ("Recursive resolution.", "recursor [{ ... }]"),
    "redis": ("Records stored in Redis.", "redis [ZONES...] [{ ... }]"),
    "redis_cache": ("Response cache stored in Redis.", "redis_cache [{ ... }]"),
    "rrl": ("Response rate limiting (coredns/rrl).", "rrl [ZONES...] [{ ... }]"),
    "sqlite": ("Records stored in SQLite (custom plugin).", "sqlite ..."),
    "traefik": ("Records for Traefik routers.", "traefik URL [{ ... }]"),
    "unbound": ("Recursive resolution through libunbound (coredns/unbound, cgo build).", "unbound [FROM...] [{ ... }]"),
}

PLUGINS: tuple[Plugin, ...] = tuple(
    Plugin(name, summary=summary, syntax=syntax, external=True, arguments=None, block="ignored")
    for name, (summary, syntax) in sorted(_EXTERNAL.items())
)

__all__ = ["PLUGINS"]
