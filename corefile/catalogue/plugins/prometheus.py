"""Catalogue entry for ``prometheus`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin, RepeatSpan
from corefile.catalogue.plugins._common import FILE, NO_ARGS, opt, req, v
from corefile.catalogue.types import HOST_PORT

PROMETHEUS = Plugin(
    "prometheus",
    summary="Export Prometheus metrics at /metrics and record per-zone request metrics.",
    syntax="prometheus [ADDRESS] [{ runtime_metrics; tls WEB_CONFIG_FILE }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=(opt("ADDRESS", HOST_PORT),),
    block="options",
    options=[
        Option("runtime_metrics", NO_ARGS, since=v("1.14.3")),
        Option("tls", (req("WEB_CONFIG_FILE", FILE),), since=v("1.14.3"), once=True),
    ],
)

PLUGINS: tuple[Plugin, ...] = (PROMETHEUS,)

__all__ = ["PLUGINS"]
