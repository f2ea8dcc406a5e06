"""Catalogue entry for ``nomad`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import TTL_0_3600, ZONE, any_number, many, req, v
from corefile.catalogue.types import integer

TTL_0_3600 = integer(0, 3600)

NOMAD = Plugin(
    "nomad",
    summary="Serve records from the Nomad service catalogue.",
    syntax="nomad [ZONE] [{ address URL...; filter FILTER; token TOKEN; ttl SECONDS }]",
    since=v("1.13.0"),
    repeat="first",
    arguments=(any_number("ZONE", ZONE),),  # only the first word is used; extra words are ignored
    block="options",
    options=[
        Option("address", (many("URL"),)),
        Option("filter", (req("FILTER"),), since=v("1.13.2")),
        Option("token", (req("TOKEN"),)),
        Option("ttl", (req("SECONDS", TTL_0_3600),)),
    ],
)

PLUGINS: tuple[Plugin, ...] = (NOMAD,)

__all__ = ["PLUGINS"]
