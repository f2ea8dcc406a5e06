from __future__ import annotations

from corefile.analysis.chain import chains, under, zones_of
from corefile.analysis.forwarding import dns_ports, listens_on, parse_target
from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule

#: Docker's embedded DNS: iptables in the container redirects 127.0.0.11:53 to Docker's resolver.
_NAT = ("127.0.0.11",)


class ForwardToLoopback(Rule):
    """## What it does
    Reports a `forward` to a loopback address (`127.0.0.0/8`, `::1`, `localhost`, `0.0.0.0`)
    when the queries it sends come back to CoreDNS itself: the server block listening on that
    address and port (the block itself, or another block that forwards them back) is this
    Corefile's. A loopback upstream on a port no block of the file listens on (a local unbound
    or dnsmasq on `127.0.0.1:5353`) is fine and not reported, and so is Docker's embedded DNS
    `127.0.0.11`, which the container's iptables send elsewhere.

    ## Why is this bad?
    Every query is forwarded to CoreDNS, which forwards it again, until it times out. With the
    `loop` plugin in the block CoreDNS sends a probe at start-up, sees it come back and exits
    (`plugin/loop: Loop (127.0.0.1:55953 -> :53) detected for zone "."`): the pod crash-loops.
    Inside a pod, `127.0.0.1` is the pod itself, not the node. This is the most reported CoreDNS
    failure (coredns/coredns#2087, kubernetes/kubeadm#1162, kubernetes-sigs/kind#1975).

    Severity: warning. CoreDNS starts; when the block has `loop` and the forward covers the
    block's first zone, it then exits within seconds (the message says so), otherwise the
    forwarded queries fail.

    ## Example
    ```
    . {
        forward . 127.0.0.1
        loop
    }
    ```

    ## Use instead
    ```
    . {
        forward . 10.0.0.2 10.0.0.3
        loop
    }
    ```
    (real upstream servers), or a local resolver on another port: `forward . 127.0.0.1:5353`.

    ## Fix safety
    No automatic fix: only you know the real upstream.
    """

    code = "FW001"
    name = "forward-to-loopback"
    severity = Severity.WARNING
    summary = "a forward to a loopback address that sends queries back to CoreDNS itself"
    bad = (
        Example(". {\n    forward . 127.0.0.1\n    loop\n}\n", expect=((2, 15),)),
        Example(".:53 {\n    forward . [::1]:53 8.8.8.8\n}\n", expect=((2, 15),)),
        Example(
            ".:53 {\n    forward . 127.0.0.1:1053\n}\n.:1053 {\n    forward . 127.0.0.1:53\n}\n",
            expect=((2, 15), (5, 15)),
            title="two blocks forwarding to each other",
        ),
    )
    good = (
        Example(". {\n    forward . 127.0.0.1:5353\n    loop\n}\n"),
        Example(". {\n    bind 10.0.0.1\n    forward . 127.0.0.1\n}\n"),
        Example(".:53 {\n    forward . 127.0.0.1:1053\n}\n.:1053 {\n    forward . 8.8.8.8\n}\n"),
        Example(". {\n    forward . 127.0.0.11\n}\n", title="Docker's embedded DNS"),
    )

    def check(self, context):
        for chain in chains(context):
            view = chain.view
            for link in chain.named("forward") + chain.named("proxy"):
                if not link.line.arguments or not link.zones:
                    continue
                source = link.zones[0]
                regions = _regions(view.zones, source)
                for token in link.line.arguments[1:]:
                    if token.unknown_env:
                        continue
                    target = parse_target(token.text)
                    if target is None or target.transport != "dns" or not target.loopback or target.host in _NAT:
                        continue
                    for region in regions:
                        path = _follow(context, view, region, target)
                        if path is None:
                            continue
                        yield _report(view, link, token, target, region, path)
                        break


def _regions(block_zones, source):
    regions = []
    for zone in block_zones:
        if under(zone, source):
            regions.append(zone)
        elif under(source, zone):
            regions.append(source)
    return list(dict.fromkeys(regions))


def _receiver(context, name, target):
    best, best_len = None, -1
    for view in context.blocks:
        if target.port not in dns_ports(view) or not listens_on(view, target):
            continue
        for key in view.keys:
            if key.address is None or key.address.port != target.port or key.address.transport != "dns":
                continue
            for zone in key.address.zones:
                if under(name, zone) and len(zone) > best_len:
                    best, best_len = view, len(zone)
    return best


def _follow(context, start, name, target):
    """The blocks a query for ``name`` sent to ``target`` passes before returning to ``start``."""
    path = []
    for _ in range(len(context.blocks) + 1):
        receiver = _receiver(context, name, target)
        if receiver is None:
            return None
        if receiver.index == start.index:
            return path
        if receiver.index in {view.index for view in path}:
            return None  # a loop that does not involve this block: reported there
        path.append(receiver)
        target = _forward_target(context, receiver, name)
        if target is None:
            return None
    return None


def _forward_target(context, view, name):
    for line in view.named("forward"):
        zones = zones_of(line.arguments[:1], context.version)
        if not zones or not under(name, zones[0]):
            continue
        for token in line.arguments[1:]:
            target = parse_target(token.text)
            if target is not None and target.transport == "dns" and target.loopback:
                return target
        return None
    return None


def _report(view, link, token, target, region, path):
    loops_plugin = view.has("loop")
    first_zone = view.zones[0] if view.zones else None
    fatal = loops_plugin and first_zone is not None and link.handles(first_zone)
    where = f"{target.host}:{target.port}"
    if path:
        route = " → ".join(f"the block at line {v.first_token.line}" for v in path)
        how = f"queries for {region} go to {route}, which forwards them back here"
    else:
        how = f"this block listens on port {target.port} of that address, so queries for {region} come back to it"
    message = f"forwarding to {where} is a loop: {how}"
    if fatal:
        message += "; `loop` detects it at start-up and CoreDNS exits"
    return Report(
        token,
        message,
        # CoreDNS exits when `loop` sees the probe come back, but only after a clean start: the
        # start-up checks pass, so this stays a warning (the message says it crashes).
        severity=Severity.WARNING,
        help="forward to real upstream servers, or to a local resolver on another port",
        related=tuple(Related(v.first_token.span, "this block receives the forwarded queries") for v in path),
    )
