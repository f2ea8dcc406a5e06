"""Catalogue entry for ``pprof`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin, RepeatSpan
from corefile.catalogue.plugins._common import opt, v
from corefile.catalogue.types import HOST_PORT, integer

PPROF = Plugin(
    "pprof",
    summary="Go profiling endpoints under /debug/pprof.",
    syntax="pprof [ADDRESS] [{ block [RATE] }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "err"),),
    arguments=(opt("ADDRESS", HOST_PORT),),
    block="options",
    options=[Option("block", (opt("RATE", integer()),), since=v("1.5.0"))],
)

PLUGINS: tuple[Plugin, ...] = (PPROF,)

__all__ = ["PLUGINS"]
