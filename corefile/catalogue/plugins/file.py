"""Catalogue entry for ``file`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import (
    FILE,
    NO_ARGS,
    ZONE,
    ZONES,
    any_number,
    fallthrough,
    legacy_transfer_to,
    legacy_upstream,
    req,
    v,
)
from corefile.catalogue.types import DURATION, duration

FILE_PLUGIN = Plugin(
    "file",
    summary="Serve zones from RFC 1035 zone files.",
    syntax="file DBFILE [ZONES...] [{ reload DURATION; reload_by_mtime; fallthrough [ZONES...] }]",
    repeat="multi",
    arguments=(req("DBFILE", FILE), any_number("ZONES", ZONE)),
    block="options",
    options=[
        Option("reload", (req("DURATION", duration(minimum=0)),), notes="0 disables reloading"),
        Option("reload_by_mtime", NO_ARGS, since=v("1.14.4")),
        fallthrough(since=v("1.12.2")),
        legacy_upstream(),
        legacy_transfer_to(),
        Option("no_reload", NO_ARGS, deprecated=v("1.4.0"), removed=v("1.5.0"), replacement="reload 0"),
    ],
)

PLUGINS: tuple[Plugin, ...] = (FILE_PLUGIN,)

__all__ = ["PLUGINS"]
