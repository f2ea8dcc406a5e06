from __future__ import annotations

from corefile.analysis.kubernetes import applies
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class HealthWithoutLameduck(Rule):
    """## What it does
    Reports `health` without `lameduck` in a Kubernetes block (a block using the `kubernetes`
    plugin, or every block with the `kubernetes` profile).

    ## Why is this bad?
    On every rollout or scale-down, a CoreDNS pod stops at once while Services still send it
    queries for a few seconds: clients see timeouts and failed lookups. `lameduck 5s` keeps the
    pod answering (and `/health` OK, `/ready` not-ready) for five seconds after the stop signal
    so endpoints are removed first. The Kubernetes default Corefile carries it since CoreDNS
    1.6.5 (coredns/deployment#199, aws/containers-roadmap#2026).

    ## Example
    ```
    .:53 {
        health
        kubernetes cluster.local
    }
    ```

    ## Use instead
    ```
    .:53 {
        health {
            lameduck 5s
        }
        kubernetes cluster.local
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "OP010"
    name = "health-without-lameduck"
    severity = Severity.INFO
    summary = "`health` without `lameduck` in a Kubernetes block: failed lookups on every rollout"
    profile = "kubernetes"
    bad = (Example(".:53 {\n    health\n    kubernetes cluster.local\n}\n", expect=((2, 5),)),)
    good = (
        Example(".:53 {\n    health {\n        lameduck 5s\n    }\n    kubernetes cluster.local\n}\n"),
        Example(".:53 {\n    health\n    forward . 8.8.8.8\n}\n", title="not a Kubernetes block"),
    )

    def check(self, context):
        plugin = context.plugin("health")
        option = plugin.options.get("lameduck") if plugin else None
        if option is None or not option.exists_at(context.version):
            return
        for view in context.blocks:
            if not applies(context, view):
                continue
            lines = view.named("health")
            if lines and not any(sub.name.text == "lameduck" for line in lines for sub in line.block or ()):
                yield Report(lines[-1].name, "`health` has no `lameduck`: pods stop answering at once on every rollout",
                             help="add `lameduck 5s` in a health block")
