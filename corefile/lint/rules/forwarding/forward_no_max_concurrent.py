from __future__ import annotations

from corefile.analysis.kubernetes import applies
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class ForwardNoMaxConcurrent(Rule):
    """## What it does
    Reports a `forward` without `max_concurrent` in a Kubernetes block (a block using the
    `kubernetes` plugin, or every block with the `kubernetes` profile).

    ## Why is this bad?
    Without a limit, `forward` starts a goroutine for every query waiting on a slow or
    unreachable upstream. In a query spike (a node's pods all retrying) memory grows until the
    pod is OOM-killed, which makes the spike worse (coredns/coredns#2593, #4823). With
    `max_concurrent` CoreDNS answers REFUSED above the limit and stays up. The Kubernetes default
    Corefile sets `max_concurrent 1000` since CoreDNS 1.7.0.

    ## Example
    ```
    . {
        kubernetes cluster.local
        forward . /etc/resolv.conf
    }
    ```

    ## Use instead
    ```
    . {
        kubernetes cluster.local
        forward . /etc/resolv.conf {
            max_concurrent 1000
        }
    }
    ```

    ## Fix safety
    No automatic fix: the limit depends on the load.
    """

    code = "FW020"
    name = "forward-no-max-concurrent"
    severity = Severity.INFO
    summary = "a `forward` in a Kubernetes block with no `max_concurrent` limit"
    profile = "kubernetes"
    bad = (Example(". {\n    kubernetes cluster.local\n    forward . /etc/resolv.conf\n}\n", expect=((3, 5),)),)
    good = (
        Example(". {\n    kubernetes cluster.local\n    forward . /etc/resolv.conf {\n        max_concurrent 1000\n    }\n}\n"),
        Example(". {\n    forward . 8.8.8.8\n}\n", title="not a Kubernetes block"),
    )

    def check(self, context):
        plugin = context.plugin("forward")
        option = plugin.options.get("max_concurrent") if plugin else None
        if option is None or not option.exists_at(context.version):
            return
        for view in context.blocks:
            if not applies(context, view):
                continue
            for line in view.named("forward"):
                if not any(sub.name.text == "max_concurrent" for sub in line.block or ()):
                    yield Report(line.name, "`forward` has no `max_concurrent`: a query spike to a slow upstream can exhaust memory",
                                 help="add `max_concurrent 1000` (the Kubernetes default) in the forward block")
