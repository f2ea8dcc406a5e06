"""Catalogue entry for ``geoip`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import FILE, NO_ARGS, req, v

GEOIP = Plugin(
    "geoip",
    summary="Add GeoIP metadata from a MaxMind database.",
    syntax="geoip DBFILE [{ edns-subnet }]",
    since=v("1.8.5"),
    repeat="err",
    arguments=(req("DBFILE", FILE),),
    block="options",
    options=[Option("edns-subnet", NO_ARGS, since=v("1.9.2"))],
    notes=("DBFILE is required although the README shows it optional.",),
)

PLUGINS: tuple[Plugin, ...] = (GEOIP,)

__all__ = ["PLUGINS"]
