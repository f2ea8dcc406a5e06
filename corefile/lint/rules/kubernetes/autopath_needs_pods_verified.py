from __future__ import annotations

from corefile.analysis.kubernetes import applies
from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule


class AutopathNeedsPodsVerified(Rule):
    """## What it does
    Reports `autopath @kubernetes` when the block's `kubernetes` plugin does not have
    `pods verified`, or when the block has no `kubernetes` plugin at all.

    ## Why is this bad?
    autopath asks the kubernetes plugin for the search path of the pod that sent the query; the
    plugin can only tell when it watches pods (`pods verified`). With `pods insecure`,
    `pods disabled` (the default) or no kubernetes plugin in the block, autopath silently does
    nothing: every `name.namespace.svc.cluster.local.` search-list query still goes to CoreDNS,
    the load autopath was meant to save (coredns/coredns#1752, #1025).

    ## Example
    ```
    .:53 {
        autopath @kubernetes
        kubernetes cluster.local {
            pods insecure
        }
    }
    ```

    ## Use instead
    ```
    .:53 {
        autopath @kubernetes
        kubernetes cluster.local {
            pods verified
        }
    }
    ```
    (`pods verified` needs RBAC to list and watch pods, and more memory).

    ## Fix safety
    No automatic fix.
    """

    code = "K8001"
    name = "autopath-needs-pods-verified"
    severity = Severity.WARNING
    summary = "`autopath @kubernetes` without `pods verified` silently does nothing"
    profile = "kubernetes"
    bad = (
        Example(".:53 {\n    autopath @kubernetes\n    kubernetes cluster.local {\n        pods insecure\n    }\n}\n", expect=((2, 14),)),
        Example(".:53 {\n    autopath @kubernetes\n    kubernetes cluster.local\n}\n", expect=((2, 14),)),
    )
    good = (Example(".:53 {\n    autopath @kubernetes\n    kubernetes cluster.local {\n        pods verified\n    }\n}\n"),)

    def check(self, context):
        for view in context.blocks:
            if context.settings.profile == "standalone":
                return
            for line in view.named("autopath"):
                if not line.arguments or line.arguments[-1].text != "@kubernetes":
                    continue
                token = line.arguments[-1]
                kubernetes = view.named("kubernetes")
                if not kubernetes:
                    yield Report(token, "autopath asks `kubernetes`, which is not in this block: autopath does nothing")
                    continue
                if not applies(context, view):
                    continue
                modes = [sub for k in kubernetes for sub in k.block or () if sub.name.text == "pods"]
                mode = modes[-1].arguments[0].text if modes and modes[-1].arguments else "disabled"
                if mode != "verified":
                    yield Report(
                        token,
                        f"autopath @kubernetes needs `pods verified`; with pods {mode} it silently does nothing",
                        related=(Related((modes[-1].name if modes else kubernetes[0].name).span, "the kubernetes plugin"),),
                        help="set `pods verified` in the kubernetes block (it needs RBAC to watch pods)",
                    )
