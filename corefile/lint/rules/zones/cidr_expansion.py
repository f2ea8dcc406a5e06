from __future__ import annotations

from corefile.analysis.addresses import reverse_zone_count
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class CidrExpansion(Rule):
    """## What it does
    Reports a reverse CIDR key whose prefix is not on an octet (IPv4) or nibble (IPv6)
    boundary, and says which reverse zones CoreDNS creates for it.

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
    bad = (Example("10.0.0.0/23 {\n}\n", expect=((1, 1),)),)
    good = (Example("10.0.0.0/24 {\n}\n"),)

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
