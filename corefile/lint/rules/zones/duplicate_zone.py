from __future__ import annotations

from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule


class DuplicateZone(Rule):
    """## What it does
    Reports two server blocks (or two keys of one block) that CoreDNS refuses to serve together:
    the same transport, zone and port, bound to the same address, or one bound copy and one
    unbound copy. Zones are compared as CoreDNS normalises them, so `example.org`,
    `EXAMPLE.ORG.:53` and `dns://example.org` are the same zone, and `10.0.0.0/24` is the same as
    `0.0.10.in-addr.arpa`. Blocks brought in by `import` and snippets count; blocks with a
    `view` may share a zone with one unfiltered block, as CoreDNS allows.

    ## Why is this bad?
    CoreDNS refuses to start: `cannot serve dns://example.org.:53 - it is already defined`, or
    `zone overlap listener capacity` for a bound and an unbound copy.

    ## Example
    ```
    example.org {
        whoami
    }
    example.org:53 {
        log
    }
    ```

    ## Use instead
    ```
    example.org {
        whoami
        log
    }
    ```

    ## Fix safety
    No automatic fix: merging blocks is a decision.
    """

    code = "ZN001"
    name = "duplicate-zone"
    severity = Severity.ERROR
    summary = "two server blocks serve the same zone on the same port and address"
    bad = (
        Example("example.org {\n    whoami\n}\nexample.org:53 {\n    log\n}\n", expect=((4, 1),)),
        Example("10.0.0.0/24 {\n}\n0.0.10.in-addr.arpa {\n}\n", expect=((3, 1),)),
        Example(". {\n}\n. {\n    bind 127.0.0.1\n}\n", expect=((3, 1),)),
        Example(". .:53 {\n}\n", expect=((1, 3),)),
    )
    good = (
        Example("example.org {\n}\nexample.org:1053 {\n}\n"),
        Example(". {\n    bind 127.0.0.1\n}\n. {\n    bind 127.0.0.2\n}\n"),
        Example(". {\n    view v1 {\n        expr true\n    }\n}\n. {\n}\n"),
    )

    def check(self, context):
        registered: dict[tuple[str, str, str], list[tuple[str, object]]] = {}
        for view in context.blocks:
            hosts = _listen_hosts(view)
            if hosts == ():
                continue  # `bind ... { except ... }` removed every address: no listener at all
            filtered = view.has("view")
            for key in view.keys:
                if key.address is None:
                    continue
                for zone in key.address.zones:
                    ident = (key.address.transport, zone, key.address.port)
                    label = f"{ident[0]}://{ident[1]}:{ident[2]}"
                    for host in hosts:
                        seen = registered.setdefault(ident, [])
                        same = [token for h, token in seen if h == host]
                        if same:
                            if filtered:
                                continue
                            yield Report(
                                key.token,
                                f"cannot serve {label}{_on(host)}: it is already defined",
                                related=(Related(same[0].span, "first defined here"),),
                            )
                            continue
                        if host == "" and seen:
                            other_host, token = seen[-1]
                            yield Report(
                                key.token,
                                f"cannot serve {label}: zone overlap with the copy bound to {other_host}",
                                related=(Related(token.span, "bound copy defined here"),),
                                help="bind every copy of the zone to its own address, or none",
                            )
                            continue
                        wildcard = [token for h, token in seen if h == ""]
                        if host != "" and wildcard:
                            yield Report(
                                key.token,
                                f"cannot serve {label} on {host}: zone overlap with the unbound copy",
                                related=(Related(wildcard[0].span, "unbound copy defined here"),),
                                help="bind every copy of the zone to its own address, or none",
                            )
                            continue
                        if not filtered:
                            seen.append((host, key.token))


def _on(host: str) -> str:
    return f" on {host}" if host else ""


def _listen_hosts(view) -> tuple[str, ...]:
    """The addresses ``bind`` gives the block, as strings; ("",) for the wildcard.

    Repeats are kept on purpose: the same address twice is "already defined" in CoreDNS too.
    """
    lines = view.named("bind")
    if not lines:
        return ("",)
    hosts: list[str] = []
    for line in lines:
        excluded = set()
        for option in line.block or ():
            if option.name.text == "except":
                excluded.update(token.text for token in option.arguments)
        hosts.extend(token.text for token in line.arguments if token.text not in excluded)
    return tuple(hosts)
