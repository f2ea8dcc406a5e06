from __future__ import annotations

from corefile.analysis.addresses import fqdn
from corefile.analysis.chain import zones_of
from corefile.analysis.kubernetes import applies
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules.templating.unrendered_template import looks_unrendered


class ClusterDomainMismatch(Rule):
    """## What it does
    Reports a `kubernetes` plugin whose zones do not include the cluster domain
    (`--cluster-domain`, `cluster_domain` in the configuration; default `cluster.local`).

    ## Why is this bad?
    Pods resolve `service.namespace.svc.<cluster domain>` (the kubelet's `clusterDomain`).
    When the plugin serves another zone (a typo, the default `cluster.local` on a cluster
    installed with a custom domain, a value copied from another cluster), every in-cluster name
    goes to the upstream and fails with NXDOMAIN (rancher/rke2#10067,
    kubernetes-sigs/kubespray#2890). If your cluster really uses another domain, tell the
    linter with `--cluster-domain`.

    ## Example
    ```
    .:53 {
        kubernetes cluster.locl in-addr.arpa ip6.arpa
    }
    ```

    ## Use instead
    ```
    .:53 {
        kubernetes cluster.local in-addr.arpa ip6.arpa
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "K8002"
    name = "cluster-domain-mismatch"
    severity = Severity.WARNING
    summary = "the `kubernetes` plugin does not serve the cluster domain"
    profile = "kubernetes"
    bad = (Example(".:53 {\n    kubernetes cluster.locl in-addr.arpa ip6.arpa\n}\n", expect=((2, 5),)),)
    good = (
        Example(".:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n"),
        Example("cluster.local:53 {\n    kubernetes\n}\n"),
    )

    def check(self, context):
        domain = fqdn(context.settings.cluster_domain).lower()
        for view in context.blocks:
            if not applies(context, view):
                continue
            for line in view.named("kubernetes"):
                if any(token.unknown_env or looks_unrendered(token.text) for token in line.arguments):
                    continue
                zones = zones_of(line.arguments, context.version) if line.arguments else view.zones
                if not zones or domain in {zone.lower() for zone in zones}:
                    continue
                forward = [z for z in zones if not z.endswith(".arpa.")]
                shown = " ".join(forward or zones)
                yield Report(
                    line.name,
                    f"`kubernetes` serves {shown} but the cluster domain is {domain}: in-cluster names go unanswered",
                    help="add the cluster domain to the kubernetes zones, or pass --cluster-domain if yours differs",
                )
