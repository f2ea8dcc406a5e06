"""The plugin catalogue: one module per directive, imported only when its entry is needed.

Each built-in directive has a module named after it (``forward.py``; a dash would become an
underscore); ``rewrite`` has its own module too, ``removed`` holds the directives CoreDNS no longer
compiles and ``external`` the well-known third-party plugins.

The registry below is explicit: every name, the module holding its entry, and the releases that
compile it.  That is all the linter needs to tell a known directive from an unknown one and to
order a chain, so a run imports only the entries of the plugins its Corefile uses (start-up time,
issue 12).  ``tests/catalogue/test_registry.py`` checks the registry against the entries.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from corefile.core.versions import Version

if TYPE_CHECKING:
    from corefile.catalogue.model import Plugin

_V = Version

#: Directives of the default build: name -> (module, first release compiling it or None for
#: "from the start", first release no longer compiling it or None).
BUILT_IN: Mapping[str, tuple[str, Version | None, Version | None]] = {
    "acl": ("acl", _V(1, 6, 4), None),
    "any": ("any", _V(1, 5, 1), None),
    "auto": ("auto", None, None),
    "autopath": ("autopath", None, None),
    "azure": ("azure", _V(1, 6, 2), None),
    "bind": ("bind", None, None),
    "bufsize": ("bufsize", _V(1, 6, 6), None),
    "cache": ("cache", None, None),
    "cancel": ("cancel", _V(1, 5, 0), None),
    "chaos": ("chaos", None, None),
    "clouddns": ("clouddns", _V(1, 6, 3), None),
    "debug": ("debug", None, None),
    "dns64": ("dns64", _V(1, 7, 0), None),
    "dnssec": ("dnssec", None, None),
    "dnstap": ("dnstap", None, None),
    "erratic": ("erratic", None, None),
    "errors": ("errors", None, None),
    "etcd": ("etcd", None, None),
    "federation": ("removed", None, _V(1, 7, 0)),
    "file": ("file", None, None),
    "forward": ("forward", _V(1, 0, 6), None),
    "geoip": ("geoip", _V(1, 8, 5), None),
    "grpc": ("grpc", _V(1, 5, 0), None),
    "grpc_server": ("grpc_server", _V(1, 14, 0), None),
    "header": ("header", _V(1, 8, 5), None),
    "health": ("health", None, None),
    "hosts": ("hosts", None, None),
    "https": ("https", _V(1, 14, 0), None),
    "https3": ("https3", _V(1, 14, 0), None),
    "k8s_external": ("k8s_external", _V(1, 3, 0), None),
    "kubernetes": ("kubernetes", None, None),
    "loadbalance": ("loadbalance", None, None),
    "local": ("local", _V(1, 8, 1), None),
    "log": ("log", None, None),
    "loop": ("loop", _V(1, 2, 1), None),
    "metadata": ("metadata", _V(1, 2, 0), None),
    "minimal": ("minimal", _V(1, 8, 4), None),
    "multisocket": ("multisocket", _V(1, 12, 0), None),
    "nomad": ("nomad", _V(1, 13, 0), None),
    "nsid": ("nsid", _V(1, 0, 1), None),
    "on": ("on", _V(1, 0, 5), None),
    "pprof": ("pprof", None, None),
    "prometheus": ("prometheus", None, None),
    "proxy": ("removed", None, _V(1, 5, 0)),
    "proxyproto": ("proxyproto", _V(1, 14, 2), None),
    "quic": ("quic", _V(1, 12, 2), None),
    "ready": ("ready", _V(1, 5, 0), None),
    "reload": ("reload", _V(1, 1, 0), None),
    "reverse": ("removed", None, _V(1, 2, 0)),
    "rewrite": ("rewrite", None, None),
    "root": ("root", None, None),
    "route53": ("route53", _V(1, 0, 5), None),
    "secondary": ("secondary", None, None),
    "shed": ("shed", _V(1, 14, 7), None),
    "shutdown": ("removed", None, _V(1, 1, 1)),
    "sign": ("sign", _V(1, 6, 3), None),
    "startup": ("removed", None, _V(1, 1, 1)),
    "template": ("template", _V(1, 0, 3), None),
    "timeouts": ("timeouts", _V(1, 10, 1), None),
    "tls": ("tls", None, None),
    "trace": ("trace", None, None),
    "transfer": ("transfer", _V(1, 6, 5), None),
    "tsig": ("tsig", _V(1, 9, 4), None),
    "view": ("view", _V(1, 10, 0), None),
    "whoami": ("whoami", None, None),
}

#: Well-known external plugins (entries in ``external.py``): never part of a default build.
EXTERNAL: frozenset[str] = frozenset(
    (
        "ads alias alternate blocker dnsredir dnsseed docker dynapi fanout finalize gathersrv gslb json "
        "k8s_cache k8s_event k8s_gateway kubeforward meship meshname multicluster ocp_dnsnameresolver "
        "postgresql recursor redis redis_cache rrl sqlite traefik unbound"
    ).split()
)

_MODULE_OF: dict[str, str] = {
    name: (BUILT_IN[name][0] if name in BUILT_IN else "external") for name in sorted({*BUILT_IN, *EXTERNAL})
}


def compiled_in(name: str, version: Version) -> bool:
    """True when ``version``'s default build compiles the directive ``name`` (no entry is imported)."""
    entry = BUILT_IN.get(name)
    if entry is None:
        return False
    _, since, removed = entry
    return (since is None or version >= since) and (removed is None or version < removed)


def is_external(name: str) -> bool:
    """True for a well-known plugin that only custom builds compile."""
    return name in EXTERNAL


class _Catalogue(Mapping[str, "Plugin"]):
    """name -> Plugin, importing a module the first time one of its entries is asked for."""

    __slots__ = ("_loaded",)

    def __init__(self) -> None:
        self._loaded: dict[str, Plugin] = {}

    def __getitem__(self, name: str) -> Plugin:
        plugin = self._loaded.get(name)
        if plugin is not None:
            return plugin
        module = importlib.import_module(f"{__name__}.{_MODULE_OF[name]}")
        for entry in module.PLUGINS:
            self._loaded[entry.name] = entry
        return self._loaded[name]

    def __contains__(self, name: object) -> bool:
        return name in _MODULE_OF

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULE_OF)

    def __len__(self) -> int:
        return len(_MODULE_OF)

    def __repr__(self) -> str:
        return f"<plugin catalogue: {len(_MODULE_OF)} entries, {len(self._loaded)} loaded>"


#: Every catalogue entry by directive name, sorted by name; entries load on first access.
PLUGINS: Mapping[str, Plugin] = _Catalogue()

__all__ = ["BUILT_IN", "EXTERNAL", "PLUGINS", "compiled_in", "is_external"]
