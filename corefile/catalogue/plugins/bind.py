"""Catalogue entry for ``bind`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import many, v
from corefile.catalogue.types import ValueType, check_ip


def _check_address_or_interface(text: str) -> str | None:
    # Each word must be an IP or the name of an interface of the host. Interface names exist only
    # there, so a name-like word is not judged; but no interface name holds "/" or ":" (Linux
    # refuses both), so such a word that is not an IP (a CIDR, an address with a port) is refused.
    if check_ip(text) is None:
        return None
    if text == "" or "/" in text or ":" in text:
        return f'not a valid IP address or interface name: "{text}" (bind takes addresses without a port or mask)'
    return None


_ADDRESS_OR_INTERFACE = ValueType("ADDRESS|IFACE", _check_address_or_interface)

BIND = Plugin(
    "bind",
    summary="Restrict the addresses (or interfaces) the server block listens on.",
    syntax="bind ADDRESS|IFACE... [{ except ADDRESS|IFACE... }]",
    repeat="multi",
    arguments=(many("ADDRESS|IFACE", _ADDRESS_OR_INTERFACE),),
    block="options",
    options=[Option("except", (many("ADDRESS|IFACE", _ADDRESS_OR_INTERFACE),), since=v("1.8.4"))],
    notes=("A word that is not an IP is taken as an interface name of the host (not judged here), "
           "unless it holds '/' or ':', which no interface name does.",),
)

PLUGINS: tuple[Plugin, ...] = (BIND,)

__all__ = ["PLUGINS"]
