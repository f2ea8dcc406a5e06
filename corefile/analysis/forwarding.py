"""Forward targets and listening addresses, shared by the forwarding rules."""

from __future__ import annotations

import ipaddress

import attrs

from corefile.analysis.context import BlockView


@attrs.frozen
class Target:
    """A forward/grpc TO word, parsed."""

    transport: str  #: "dns", "tls", "grpc", ... or "file" for a resolv.conf-style path
    host: str
    port: str
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None

    @property
    def loopback(self) -> bool:
        if self.host.lower() in ("localhost", "localhost."):
            return True
        return self.ip is not None and (self.ip.is_loopback or self.ip.is_unspecified)


_DEFAULT_PORTS = {"dns": "53", "tls": "853", "grpc": "443", "https": "443"}


def parse_target(text: str, plugin: str = "forward") -> Target | None:
    transport = "grpc" if plugin == "grpc" else "dns"
    rest = text
    if "://" in text:
        transport, _, rest = text.partition("://")
        transport = transport.lower()
    elif "/" in text:
        return Target("file", text, "", None)
    rest = rest.split("%", 1)[0]  # tls://IP%servername
    host, port = rest, _DEFAULT_PORTS.get(transport, "53")
    if rest.startswith("["):
        end = rest.find("]")
        if end < 0:
            return None
        host, tail = rest[1:end], rest[end + 1 :]
        if tail.startswith(":"):
            port = tail[1:]
    elif rest.count(":") == 1:
        host, port = rest.split(":")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    return Target(transport, host, port, ip)


def listen_hosts(view: BlockView) -> tuple[str, ...] | None:
    """The ``bind`` addresses of a block; None when it has no ``bind`` (every address)."""
    lines = view.named("bind")
    if not lines:
        return None
    hosts: list[str] = []
    for line in lines:
        excluded = {token.text for option in line.block or () if option.name.text == "except" for token in option.arguments}
        hosts.extend(token.text for token in line.arguments if token.text not in excluded)
    return tuple(hosts)


def listens_on(view: BlockView, target: Target) -> bool:
    """The block's listener receives what is sent to ``target`` (a loopback address)."""
    hosts = listen_hosts(view)
    if hosts is None:
        return True
    for host in hosts:
        if host == "lo":
            return True
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            continue
        if ip.is_unspecified:
            return True
        if target.ip is not None and (ip == target.ip or target.ip.is_unspecified and ip.is_loopback):
            return True
        if target.ip is None and ip.is_loopback:  # localhost
            return True
    return False


def dns_ports(view: BlockView) -> set[str]:
    return {key.address.port for key in view.keys if key.address is not None and key.address.transport == "dns"}
