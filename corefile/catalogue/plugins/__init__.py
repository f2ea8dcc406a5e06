"""The plugin catalogue: one entry per directive, assembled from the per-group modules.

Modules are grouped alphabetically (``a_c``: acl … clouddns, and so on) so that entries can be
reviewed side by side with plugins.md §3; ``removed`` holds directives CoreDNS no longer compiles
and ``external`` the well-known third-party plugins.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins import (
    a_c,
    d_g,
    external,
    h_l,
    m_r,
    removed,
    rewrite,
    s_w,
)


def _assemble() -> Mapping[str, Plugin]:
    by_name: dict[str, Plugin] = {}
    for module in (a_c, d_g, h_l, m_r, rewrite, s_w, removed, external):
        for plugin in module.PLUGINS:
            if plugin.name in by_name:
                raise ValueError(f"plugin {plugin.name} declared twice")
            by_name[plugin.name] = plugin
    return MappingProxyType(dict(sorted(by_name.items())))


PLUGINS: Mapping[str, Plugin] = _assemble()

__all__ = ["PLUGINS"]
