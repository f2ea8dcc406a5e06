from __future__ import annotations

import re

from corefile.analysis.addresses import SCHEMES, port_problem
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_KNOWN = tuple(prefix for prefix, _ in SCHEMES)


class InvalidAddress(Rule):
    """## What it does
    Reports server-block keys CoreDNS refuses (an empty or invalid zone such as `:53` or
    `a..example`, a trailing colon, a port out of range) and keys it accepts but reads
    differently from how they look: an unknown scheme (`http://x` becomes the zone `http://x.`),
    `zone:IP:port` (keys never choose a listen address), a bare IPv6 address (`fe80::1` becomes
    zone `fe80:` on port 1), a key whose text after the last colon is not a port number
    (`example.org:domain` is the zone `example.org:domain.` on port 53), a `unix://` key (no
    listener).

    ## Why is this bad?
    A refused key stops CoreDNS at startup (`error inspecting server blocks: ...`). The others
    start a server for a zone nobody queries.

    ## Example
    ```
    :53 {
        forward . 8.8.8.8
    }
    ```

    ## Use instead
    ```
    .:53 {
        forward . 8.8.8.8
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "ZN002"
    name = "invalid-address"
    severity = Severity.ERROR
    summary = "a server-block key CoreDNS refuses, or reads as a different zone or port"
    bad = (
        Example(":53 {\n}\n", expect=((1, 1),)),
        Example("example.org: {\n}\n", expect=((1, 1),)),
        Example("example.org:99999 {\n}\n", expect=((1, 1),)),
        Example("http://example.org {\n}\n", expect=((1, 1),)),
        Example("example.org:10.0.0.1:53 {\n}\n", expect=((1, 1),)),
        Example("fe80::1 {\n}\n", expect=((1, 1),)),
        Example("example.org:domain {\n}\n", expect=((1, 1),)),
    )
    good = (Example(".:53 {\n}\n"), Example("tls://example.org grpc://example.org:443 {\n    tls cert.pem key.pem\n}\n"))

    def check(self, context):
        for view in context.blocks:
            for key in view.keys:
                if key.error is not None:
                    if str(key.error).startswith("invalid CIDR"):
                        continue  # invalid-cidr reports it
                    yield Report(key.token, f"CoreDNS refuses the key `{key.text}`: {key.error}")
                    continue
                address = key.address
                problem = port_problem(address.port)
                if problem:
                    yield Report(key.token, f"CoreDNS cannot listen on `{key.text}`: {problem}")
                scheme = _SCHEME.match(key.text)
                if scheme and not key.text.startswith(_KNOWN):
                    yield Report(
                        key.token,
                        f"`{scheme.group()}` is not a CoreDNS scheme: the key is served as the zone "
                        f"`{address.zones[0]}`",
                        severity=Severity.WARNING,
                        help="use dns://, tls://, quic://, grpc://, https:// or https3://",
                    )
                elif address.cidr is None and re.search(r":\d{1,3}(\.\d{1,3}){3}$", address.host):
                    yield Report(
                        key.token,
                        f"`{key.text}` is read as the zone `{address.zones[0]}`: a key cannot choose a listen address",
                        severity=Severity.WARNING,
                        help="use the zone as the key and the `bind` plugin for the address",
                    )
                elif address.cidr is None and address.host.count(":") >= 1 and re.fullmatch(r"[0-9A-Fa-f:]+", address.host):
                    yield Report(
                        key.token,
                        f"`{key.text}` is read as the zone `{address.zones[0]}` on port {address.port}",
                        severity=Severity.WARNING,
                        help="an IPv6 address is not a zone; use its reverse CIDR or `bind`",
                    )
                elif address.cidr is None and ":" in address.host and not any(c in address.host for c in "[]"):
                    # Only digits after the last colon make a port; anything else stays in the zone.
                    after = address.host.rsplit(":", 1)[1]
                    yield Report(
                        key.token,
                        f"`{key.text}` is read as the zone `{address.zones[0]}` on port {address.port}: "
                        f"`{after}` after the last colon is not a port number",
                        severity=Severity.WARNING,
                        help="write the port as a number (example.org:53)",
                    )
                if address.transport == "unix":
                    yield Report(
                        key.token,
                        "a unix:// key starts no server; unix:// is for upstream addresses",
                        severity=Severity.WARNING,
                    )
                if address.transport == "https3" and not view.has("tls"):
                    yield Report(key.token, "https3:// needs the tls plugin in this block (DoH3 requires TLS)")
