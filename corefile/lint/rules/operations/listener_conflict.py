from __future__ import annotations

from corefile.analysis.chain import LISTENERS, chains
from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule

_LOCAL = ("localhost", "127.0.0.1", "::1", "[::1]")


class ListenerConflict(Rule):
    """## What it does
    Reports the HTTP side listeners of `health` (default `:8080`), `ready` (`:8181`), `pprof`
    (`localhost:6053`) and `prometheus` (`localhost:9153`) when two different ones share an
    address and port (`health :8080` and `prometheus :8080`, or `ready :9153` next to the
    default `prometheus`), and `health` or `pprof` set up on the same address in more than one
    server block.

    ## Why is this bad?
    All four open their port with SO_REUSEPORT, so CoreDNS starts: two different services on
    one port each get part of the connections, and `/health`, `/ready` or `/metrics` answer 404
    part of the time — probes fail at random (helm/charts#19604). A wildcard address (`:8080`)
    and a specific one on the same port split traffic by destination address. `prometheus` and
    `ready` share one listener between blocks by design; `health` and `pprof` are process-wide
    and open one more socket per block (the health README asks for one block).

    Severity: warning for two services on one port, info for a repeated `health`/`pprof`.

    ## Example
    ```
    . {
        health :8080
        prometheus :8080
    }
    ```

    ## Use instead
    ```
    . {
        health :8080
        prometheus :9153
    }
    ```

    ## Fix safety
    No automatic fix: probes and scrapers point at these ports.
    """

    code = "OP001"
    name = "listener-conflict"
    severity = Severity.WARNING
    summary = "two HTTP side services on one address, or a process-wide listener in several blocks"
    bad = (
        Example(". {\n    health :8080\n    prometheus :8080\n}\n", expect=((3, 5),)),
        Example(". {\n    ready :9153\n    prometheus\n}\n", expect=((3, 5),)),
        Example("a.example {\n    health\n}\nb.example {\n    health\n}\n", expect=((5, 5),)),
    )
    good = (
        Example(". {\n    health\n    ready\n    prometheus :9153\n}\n"),
        Example("a.example {\n    prometheus :9153\n    ready\n}\nb.example {\n    prometheus :9153\n    ready\n}\n"),
        Example("com {\n    health :8080\n}\nnet {\n    health :8081\n}\n"),
    )

    def check(self, context):
        seen: list = []  # (host, port, link)
        first_of: dict[tuple, object] = {}
        for chain in chains(context):
            for link in chain.listeners:
                if link.line.arguments and link.line.arguments[0].unknown_env:
                    continue
                address = _split(link.listener)
                if address is None:
                    continue
                host, port = address
                clash = next((other for h, p, other in seen if p == port and other.name != link.name and _meet(h, host)), None)
                if clash is not None:
                    yield Report(
                        link.token,
                        f"`{link.name}` listens on {link.listener}, where `{clash.name}` listens too "
                        f"({clash.listener}): each gets part of the connections",
                        related=(Related(clash.token.span, f"`{clash.name}` listens here"),),
                        help=f"give `{link.name}` its own port (default {LISTENERS[link.name]})",
                    )
                elif link.name in ("health", "pprof") and (host, port, link.name) in first_of:
                    other = first_of[(host, port, link.name)]
                    yield Report(
                        link.token,
                        f"`{link.name}` on {link.listener} is already set up in another server block: it is process-wide, "
                        "one block is enough (each copy opens one more socket on the port)",
                        severity=Severity.INFO,
                        related=(Related(other.token.span, f"`{link.name}` is set up here"),),
                    )
                seen.append((host, port, link))
                first_of.setdefault((host, port, link.name), link)


def _split(address: str):
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit():
        return None
    return host.strip("[]").lower(), port


def _meet(a: str, b: str) -> bool:
    if a in ("", "0.0.0.0", "::") or b in ("", "0.0.0.0", "::"):
        return True
    if a in _LOCAL and b in _LOCAL:
        return True
    return a == b
