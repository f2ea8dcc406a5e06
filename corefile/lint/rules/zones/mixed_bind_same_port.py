from __future__ import annotations

from corefile.analysis.forwarding import listen_hosts
from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule


class MixedBindSamePort(Rule):
    """## What it does
    Reports server blocks on one port where some use `bind` and some do not.

    ## Why is this bad?
    CoreDNS opens one listener per address: the blocks with `bind 127.0.0.1` get a socket on
    `127.0.0.1:53`, the others one on every address (`:53`). A query sent to `127.0.0.1` goes to
    the more specific socket, whose server knows only the bound blocks' zones: queries there
    for the other blocks' zones get REFUSED, with no error at start-up (coredns/coredns#4270,
    #7786; the bind README asks for all or none). The same zone bound and unbound is refused
    at start-up instead (`duplicate-zone`).

    ## Example
    ```
    example.org {
        bind 127.0.0.1
        file db.example.org
    }
    . {
        forward . 8.8.8.8
    }
    ```

    ## Use instead
    ```
    example.org {
        bind 127.0.0.1
        file db.example.org
    }
    . {
        bind 127.0.0.1
        forward . 8.8.8.8
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "ZN005"
    name = "mixed-bind-same-port"
    severity = Severity.WARNING
    summary = "blocks on one port with and without `bind`: queries land in the wrong block"
    bad = (
        Example("example.org {\n    bind 127.0.0.1\n    whoami\n}\n. {\n    forward . 8.8.8.8\n}\n", expect=((5, 1),)),
    )
    good = (
        Example("example.org {\n    bind 127.0.0.1\n    whoami\n}\n. {\n    bind 127.0.0.1\n    forward . 8.8.8.8\n}\n"),
        Example("example.org {\n    bind 127.0.0.1\n    whoami\n}\n.:1053 {\n    forward . 8.8.8.8\n}\n"),
    )

    def check(self, context):
        groups: dict[tuple[str, str], list] = {}
        for view in context.blocks:
            seen = set()
            for key in view.keys:
                if key.address is None:
                    continue
                ident = (key.address.transport, key.address.port)
                if ident not in seen:
                    seen.add(ident)
                    groups.setdefault(ident, []).append((view, key))
        for (transport, port), members in groups.items():
            bound = [(v, k) for v, k in members if listen_hosts(v) is not None]
            unbound = [(v, k) for v, k in members if listen_hosts(v) is None]
            if not bound or not unbound:
                continue
            first_view = members[0][0]
            minority = unbound if listen_hosts(first_view) is not None else bound
            majority = bound if minority is unbound else unbound
            for view, key in minority:
                zones = set(view.zones)
                if any(zones & set(other.zones) for other, _ in majority):
                    continue  # same zone bound and unbound: CoreDNS refuses it (duplicate-zone)
                other_view, other_key = majority[0]
                if minority is unbound:
                    message = (f"this block listens on port {port} of every address, while the block of `{other_key.text}` "
                               f"binds {', '.join(listen_hosts(other_view))}: queries sent to that address for this block's "
                               "zones get REFUSED")
                else:
                    message = (f"this block binds {', '.join(listen_hosts(view))} on port {port}, while the block of "
                               f"`{other_key.text}` listens on every address: queries sent to the bound address for "
                               "the other blocks' zones get REFUSED")
                yield Report(key.token, message, related=(Related(other_key.token.span, "the other kind of block"),),
                             help="use `bind` in every block of the port, or in none")
                break
