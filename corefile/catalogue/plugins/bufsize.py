"""Catalogue entry for ``bufsize`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Plugin
from corefile.catalogue.plugins._common import opt, v
from corefile.catalogue.types import integer

BUFSIZE = Plugin(
    "bufsize",
    summary="Cap the EDNS0 UDP buffer size advertised by clients.",
    syntax="bufsize [SIZE]",
    since=v("1.6.6"),
    repeat="first",
    arguments=(opt("SIZE", integer(512, 4096)),),
    block="ignored",
)

PLUGINS: tuple[Plugin, ...] = (BUFSIZE,)

__all__ = ["PLUGINS"]
