"""Catalogue entry for ``nsid`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin, RepeatSpan
from corefile.catalogue.plugins._common import any_number, v

NSID = Plugin(
    "nsid",
    summary="Add an NSID (RFC 5001) option to replies.",
    syntax="nsid [DATA...]",
    since=v("1.0.1"),
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=(any_number("DATA"),),
    block="refused",  # a block is read as a second occurrence (ErrOnce)
)

PLUGINS: tuple[Plugin, ...] = (NSID,)

__all__ = ["PLUGINS"]
