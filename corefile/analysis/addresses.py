"""Server-block keys as CoreDNS normalises them (corefile-syntax notes, section 6).

``normalize_key("10.0.0.0/23:1053")`` gives the transport, port and every zone CoreDNS will
serve for that key, or the message CoreDNS refuses it with.
"""

from __future__ import annotations

import ipaddress
import re

import attrs

from corefile.catalogue.types import is_domain_name
from corefile.core.versions import Version

#: Checked in this order; the first match is stripped once. Anything else stays in the zone.
SCHEMES = (
    ("tls://", "tls"),
    ("dns://", "dns"),
    ("quic://", "quic"),
    ("grpc://", "grpc"),
    ("https3://", "https3"),
    ("https://", "https"),
    ("unix://", "unix"),
)
DEFAULT_PORTS = {"dns": "53", "tls": "853", "quic": "853", "grpc": "443", "https": "443", "https3": "443", "unix": ""}
#: Server-block zones became case-insensitive (lower-cased) in this release.
LOWERCASE_ZONES_SINCE = Version(1, 14, 7)

_GO_ATOI = re.compile(r"[+-]?[0-9]+")
_IPV4 = re.compile(r"(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")


@attrs.frozen
class ServerAddress:
    """One key after normalisation: ``transport://zone:port`` for each zone it produces."""

    key: str  #: The key as written (after placeholders, trailing comma removed).
    transport: str
    host: str  #: The zone part before CIDR expansion and qualification.
    port: str  #: Canonical port text ("" for unix://).
    zones: tuple[str, ...]  #: Fully qualified zones; several for a CIDR off an octet/nibble boundary.
    cidr: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    host_bits_set: bool = False  #: The CIDR had bits set right of its prefix (CoreDNS ignores them).

    @property
    def normalized(self) -> tuple[str, ...]:
        return tuple(f"{self.transport}://{zone}:{self.port}" for zone in self.zones)


class AddressError(ValueError):
    """CoreDNS refuses the key; the message is what it says (after ``error inspecting server blocks:``)."""


def normalize_key(key: str, *, version: Version | None = None, dns_port: str = "53") -> ServerAddress:
    transport = "dns"
    rest = key
    for prefix, name in SCHEMES:
        if key.startswith(prefix):
            transport, rest = name, key[len(prefix):]
            break
    host, port = rest, None
    colon = rest.rfind(":")
    if colon != -1 or rest == "":
        after = rest[colon + 1:] if colon != -1 else ""
        if after == "":
            raise AddressError(f'expecting data after last colon: "{_go_quote(rest)}"')
        if _GO_ATOI.fullmatch(after) and abs(int(after)) < 2**63:
            host, port = rest[:colon], str(int(after))
    if port is None:
        port = DEFAULT_PORTS[transport] if transport != "dns" else dns_port
    if len(host.encode()) > 255:
        raise AddressError(f"specified zone is too long: {len(host.encode())} > 255")
    if not is_domain_name(host):
        raise AddressError(f"zone is not a valid domain name: {host}")
    network, host_bits = parse_cidr(host)
    if network is not None and (host.startswith(":") or (host.startswith("0") and ":" in host)):
        # CoreDNS's own CIDR check trips over these IPv6 spellings although Go parses them.
        raise AddressError(f"invalid CIDR {host}")
    zones = reverse_zones(network) if network is not None else (host,)
    qualified = []
    for zone in zones:
        zone = fqdn(zone)
        if len(zone.encode()) > 255:
            raise AddressError(f"specified zone is too long: {len(zone.encode())} > 255")
        if version is None or version >= LOWERCASE_ZONES_SINCE:
            zone = zone.lower()
        qualified.append(zone)
    return ServerAddress(key, transport, host, port, tuple(qualified), network, host_bits)


def port_problem(port: str) -> str | None:
    """Why a listener cannot use ``port`` (checked when CoreDNS opens its sockets), or None."""
    if port == "":
        return None
    number = int(port)
    if not 0 <= number <= 65535:
        return f"address {port}: invalid port"
    return None


def parse_cidr(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network | None, bool]:
    """Go's ``net.ParseCIDR``: the network (host bits cleared) and whether host bits were set.

    CoreDNS refuses IPv6 CIDRs that start with ``:`` (or ``0`` and contain ``:``) on its own
    before this; callers check that. Anything that does not parse is None: CoreDNS then serves
    it as an ordinary (odd) zone name.
    """
    address, slash, prefix = text.partition("/")
    if not slash or not prefix.isdigit() or not prefix.isascii():
        return None, False
    length = int(prefix)
    try:
        if _IPV4.fullmatch(address):
            ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.IPv4Address(address)
            if length > 32:
                return None, False
        elif ":" in address:
            ip = ipaddress.IPv6Address(address)
            if length > 128:
                return None, False
        else:
            return None, False
    except ValueError:
        return None, False
    network = ipaddress.ip_network(f"{ip}/{length}", strict=False)
    return network, network.network_address != ip


def reverse_zones(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> tuple[str, ...]:
    """The reverse zones CoreDNS serves for a CIDR: the prefix rounded up to a label boundary."""
    step = 8 if network.version == 4 else 4
    boundary = -(-network.prefixlen // step) * step
    subnets = [network] if boundary == network.prefixlen else list(network.subnets(new_prefix=boundary))
    zones = []
    for subnet in subnets:
        labels = subnet.network_address.reverse_pointer.split(".")
        total = 4 if network.version == 4 else 32
        keep = boundary // step
        suffix = labels[total:]  # in-addr / ip6 / arpa
        zones.append(".".join(labels[total - keep:total] + suffix))
    return tuple(zones)


def reverse_zone_count(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> int:
    step = 8 if network.version == 4 else 4
    boundary = -(-network.prefixlen // step) * step
    return 2 ** (boundary - network.prefixlen)


def fqdn(name: str) -> str:
    """Add the final dot unless the name already ends in an unescaped one."""
    if name.endswith("."):
        before = name[:-1]
        if (len(before) - len(before.rstrip("\\"))) % 2 == 0:
            return name
    return name + "."


def _go_quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
