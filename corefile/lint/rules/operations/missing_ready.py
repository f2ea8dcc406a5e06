from __future__ import annotations

from corefile.analysis.kubernetes import applies
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class MissingReady(Rule):
    """## What it does
    Reports a block that uses the `kubernetes` plugin without `ready` (with the `kubernetes`
    profile: every block, when no block of the file has `ready`).

    ## Why is this bad?
    Kubernetes Deployments of CoreDNS probe `/ready` on port 8181 (the `ready` plugin). Without
    it the probe fails and the pods never become Ready, so the DNS Service has no endpoints. And
    `ready` only waits for plugins of the blocks that contain it: with `ready` in another block
    only, a pod reports Ready before its `kubernetes` plugin has synced the API, answering
    NXDOMAIN meanwhile (coredns/coredns#3219, kubernetes/kubernetes#78305).

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
        health
        ready
        kubernetes cluster.local
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "OP011"
    name = "missing-ready"
    severity = Severity.INFO
    summary = "a Kubernetes block without `ready`: the readiness probe fails or ignores the kubernetes plugin"
    profile = "kubernetes"
    bad = (Example(".:53 {\n    health\n    kubernetes cluster.local\n}\n", expect=((1, 1),)),)
    good = (
        Example(".:53 {\n    ready\n    kubernetes cluster.local\n}\n"),
        Example(".:53 {\n    forward . 8.8.8.8\n}\n", title="not a Kubernetes block"),
    )

    def check(self, context):
        if not context.is_available("ready"):
            return
        anywhere = any(view.has("ready") for view in context.blocks)
        for view in context.blocks:
            if not applies(context, view) or view.has("ready"):
                continue
            if view.has("kubernetes"):
                message = ("this block uses `kubernetes` but has no `ready`: "
                           + ("`ready` in the other blocks does not wait for it to sync" if anywhere
                              else "the standard readiness probe (/ready on :8181) cannot succeed"))
            elif anywhere:
                continue
            else:
                message = "no block has `ready`: the standard readiness probe (/ready on :8181) cannot succeed"
            yield Report(view.first_token, message, help="add `ready` to the block")
