from __future__ import annotations

from corefile.analysis.chain import chains, overlap, under, zones_of
from corefile.analysis.kubernetes import applies
from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule


class CacheCoversClusterDomain(Rule):
    """## What it does
    Reports `cache` in a block where `kubernetes` answers, when the cache covers the
    kubernetes zones and does not `disable success` and `disable denial` for them. Off by
    default: it is advice.

    ## Why is this bad?
    `cache` runs before `kubernetes`, so cluster answers are served from the cache: a pod that
    became NotReady, a headless Service's changed endpoints or a just-created Service stay
    wrong (or NXDOMAIN) for up to the TTL. The kubernetes plugin already answers from its own
    in-memory copy of the API, so caching its answers saves little (kubernetes/kubernetes#92559;
    kubeadm emits `disable success cluster.local` and `disable denial cluster.local` since
    kubernetes/kubernetes#128359).

    ## Example
    ```
    .:53 {
        kubernetes cluster.local in-addr.arpa ip6.arpa
        forward . /etc/resolv.conf
        cache 30
    }
    ```

    ## Use instead
    ```
    .:53 {
        kubernetes cluster.local in-addr.arpa ip6.arpa
        forward . /etc/resolv.conf
        cache 30 {
            disable success cluster.local
            disable denial cluster.local
        }
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "CA001"
    name = "cache-covers-cluster-domain"
    severity = Severity.INFO
    summary = "`cache` keeps answers of the `kubernetes` plugin (stale cluster records)"
    default_enabled = False
    profile = "kubernetes"
    bad = (
        Example(".:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . 8.8.8.8\n    cache 30\n}\n",
                expect=((4, 5),)),
    )
    good = (
        Example(".:53 {\n    kubernetes cluster.local\n    forward . 8.8.8.8\n    cache 30 {\n"
                "        disable success cluster.local\n        disable denial cluster.local\n    }\n}\n"),
        Example(".:53 {\n    kubernetes cluster.local\n    forward . 8.8.8.8\n    cache 30 example.org\n}\n"),
    )

    def check(self, context):
        plugin = context.plugin("cache")
        option = plugin.options.get("disable") if plugin else None
        if option is None or not option.exists_at(context.version):
            return
        for chain in chains(context):
            if not applies(context, chain.view):
                continue
            kubernetes = chain.named("kubernetes")
            for cache in chain.named("cache"):
                if not kubernetes:
                    continue
                cluster = [z for z in kubernetes[0].zones if not z.endswith(".arpa.")]
                covered = [z for z in cluster if any(overlap(z, c) for c in cache.zones)]
                disabled = {"success": set(), "denial": set()}
                for sub in cache.line.block or ():
                    if sub.name.text == "disable" and sub.arguments and sub.arguments[0].text in disabled:
                        zones = zones_of(sub.arguments[1:], context.version) or cache.zones
                        disabled[sub.arguments[0].text].update(zones)
                missing = [z for z in covered
                           if not all(any(under(z, d) for d in disabled[kind]) for kind in disabled)]
                if missing:
                    yield Report(
                        cache.token,
                        f"`cache` also caches the answers of `kubernetes` for {' '.join(missing)}: "
                        "cluster records can stay stale for up to their TTL",
                        related=(Related(kubernetes[0].token.span, "kubernetes answers these names"),),
                        help=f"add `disable success {missing[0].rstrip('.')}` and `disable denial {missing[0].rstrip('.')}` to the cache block",
                    )
