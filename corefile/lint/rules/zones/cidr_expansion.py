from __future__ import annotations

from corefile.analysis.addresses import parse_cidr, reverse_zone_count, reverse_zones
from corefile.catalogue.types import ZONE
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule

#: Plugins whose zone arguments the catalogue cannot locate from their slots: where they start.
_ZONES_FROM = {"cache": 0, "template": 2}
#: Plugins that keep only the first zone of an expanding CIDR (and log a warning).
_FIRST_ZONE_ONLY = ("forward", "grpc")


class CidrExpansion(Rule):
    """## What it does
    Reports a reverse CIDR whose prefix is not on an octet (IPv4) or nibble (IPv6) boundary,
    as a server-block key or as a zone given to a plugin (`kubernetes cluster.local
    10.96.0.0/12` serves 16 reverse zones), and says which reverse zones CoreDNS creates for it.
    `forward` and `grpc` keep only the first of them for their FROM (a warning).

    ## Why is this bad?
    Reverse zones exist only at label boundaries, so CoreDNS rounds the prefix up and serves
    one zone per subnet: `10.0.0.0/23` becomes two zones, `10.0.0.0/25` 128 zones. That may be
    what you want; it is rarely what the key suggests.

    ## Example
    ```
    10.0.0.0/23 {
        whoami
    }
    ```

    ## Use instead
    Name the zones you mean (`0.0.10.in-addr.arpa 1.0.10.in-addr.arpa`) or use a boundary prefix.

    ## Fix safety
    No fix.
    """

    code = "ZN004"
    name = "cidr-expansion"
    severity = Severity.INFO
    summary = "a CIDR key off an octet or nibble boundary expands into several reverse zones"
    bad = (
        Example("10.0.0.0/23 {\n}\n", expect=((1, 1),)),
        Example(".:53 {\n    kubernetes cluster.local 10.96.0.0/12\n}\n", expect=((2, 30),)),
        Example(".:53 {\n    forward 10.0.0.0/23 10.0.0.1\n}\n", expect=((2, 13),)),
    )
    good = (Example("10.0.0.0/24 {\n}\n"), Example(".:53 {\n    kubernetes cluster.local 10.96.0.0/16\n}\n"))

    def check(self, context):
        for view in context.blocks:
            for key in view.keys:
                address = key.address
                if address is None or address.cidr is None:
                    continue
                count = reverse_zone_count(address.cidr)
                if count > 1:
                    shown = ", ".join(address.zones[:4]) + (", ..." if count > 4 else "")
                    yield Report(key.token, f"`{key.text}` is not on a label boundary: CoreDNS serves {count} reverse zones ({shown})")
            for line in view.directives:
                yield from _plugin_cidrs(context, line)


def _zone_words(context, line):
    name = line.name.text
    if name in _FIRST_ZONE_ONLY:
        return line.arguments[:1]
    if name in _ZONES_FROM:
        return line.arguments[_ZONES_FROM[name]:]
    plugin = context.plugin(name)
    if plugin is None or not plugin.arguments or not context.is_available(name):
        return ()
    for index, slot in enumerate(plugin.arguments):
        if slot.type is ZONE and slot.repeat:
            return line.arguments[index:]
    return ()


def _plugin_cidrs(context, line):
    """CIDRs given to plugins as zones expand the same way (plugin.Host(...).NormalizeExact)."""
    for token in _zone_words(context, line):
        if token.unknown_env:
            continue
        network, _ = parse_cidr(token.text)
        if network is None:
            continue
        count = reverse_zone_count(network)
        if count <= 1:
            continue
        zones = reverse_zones(network)
        shown = ", ".join(zones[:4]) + (", ..." if count > 4 else "")
        name = line.name.text
        if name in _FIRST_ZONE_ONLY:
            yield Report(
                token,
                f"`{token.text}` is not on a label boundary: {name} uses only the first of its {count} reverse zones ({zones[0]})",
                severity=Severity.WARNING,
                help="give a CIDR on an octet (IPv4) or nibble (IPv6) boundary",
            )
        else:
            yield Report(token, f"`{token.text}` is not on a label boundary: {name} serves {count} reverse zones ({shown})")
