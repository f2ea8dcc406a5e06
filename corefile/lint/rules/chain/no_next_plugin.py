from __future__ import annotations

from corefile.analysis.chain import chains, overlap, under
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class NoNextPlugin(Rule):
    """## What it does
    Reports a `fallthrough` (or forward's `next`) that hands queries to the next plugin when no
    plugin after it, in plugin.cfg order, answers those names; and a server block whose plugins
    all pass queries on and none answers.

    ## Why is this bad?
    The last plugin of the chain that passes a query on ends it with SERVFAIL
    (`plugin/kubernetes: no next plugin found`). Without the `fallthrough` the client would have
    had the plugin's own NXDOMAIN; with it, resolvers see a server failure and retry
    (coredns/coredns#6855, kubernetai#39).

    ## Example
    ```
    cluster.local {
        kubernetes {
            fallthrough
        }
    }
    ```

    ## Use instead
    ```
    cluster.local {
        kubernetes
    }
    ```
    or add the plugin that should answer what falls through (`forward . 10.0.0.2`).

    ## Fix safety
    No automatic fix.
    """

    code = "CH003"
    name = "no-next-plugin"
    severity = Severity.WARNING
    summary = "queries passed on with no later plugin to answer them (SERVFAIL: no next plugin found)"
    bad = (
        Example("cluster.local {\n    kubernetes {\n        fallthrough\n    }\n}\n", expect=((3, 9),)),
        Example(". {\n    hosts {\n        10.0.0.1 db.lan\n        fallthrough\n    }\n    cache\n}\n", expect=((4, 9),)),
        Example(". {\n    log\n    errors\n}\n", expect=((1, 1),), title="nothing answers"),
    )
    good = (
        Example(". {\n    hosts {\n        fallthrough\n    }\n    forward . 8.8.8.8\n}\n"),
        Example(". {\n    kubernetes cluster.local {\n        fallthrough\n    }\n    forward . 8.8.8.8\n}\n"),
        Example(". {\n    bind 127.0.0.1\n}\n", title="no plugin at all: CoreDNS answers REFUSED, another matter"),
    )

    def check(self, context):
        for chain in chains(context):
            if not chain.all_known:
                continue
            handlers = chain.handlers
            if handlers and not any(link.role in ("answers", "partial") for link in handlers):
                if not any(link.name == "view" for link in handlers):
                    yield Report(
                        chain.view.first_token,
                        "no plugin in this block answers queries: every query passes "
                        f"{' → '.join(link.name for link in handlers)} and ends in SERVFAIL (no next plugin found)",
                        help="add the plugin that should answer (forward, file, hosts, ...)",
                    )
                continue
            for link in chain.links:
                passed = []
                if link.fallthrough is not None:
                    passed = [(option.name, option) for option in link.line.block or () if option.name.text == "fallthrough"]
                    regions = _regions(link.fallthrough, link.zones, chain.zones)
                elif link.next_rcodes:
                    passed = [(option.name, option) for option in link.line.block or () if option.name.text == "next"]
                    regions = _regions(link.zones, link.zones, chain.zones)
                if not passed or not regions:
                    continue
                later = [other for other in chain.after(link) if other.answers]
                orphans = [region for region in regions
                           if not any(any(overlap(region, zone) for zone in other.zones) for other in later)]
                if orphans:
                    token = passed[0][0]
                    yield Report(
                        token,
                        f"`{link.name}` passes queries for {' '.join(orphans)} on, but no plugin after it answers them: "
                        "they end in SERVFAIL (no next plugin found)",
                        help="remove the fallthrough to answer NXDOMAIN, or add the plugin that should answer",
                    )


def _regions(passed, own, block_zones):
    regions = []
    for zone in passed:
        for mine in own:
            region = zone if under(zone, mine) else mine if under(mine, zone) else None
            if region is None:
                continue
            for block_zone in block_zones:
                if under(region, block_zone):
                    regions.append(region)
                elif under(block_zone, region):
                    regions.append(block_zone)
    return list(dict.fromkeys(regions))
