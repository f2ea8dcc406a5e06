from __future__ import annotations

from corefile.lint.findings import Severity
from corefile.lint.rules._base import Example
from corefile.lint.rules.plugins._setup_rule import SetupRule


class RemovedOption(SetupRule):
    """## What it does
    Reports a plugin option removed at or before the target CoreDNS version: kubernetes
    `upstream` and `resyncperiod` (1.7.0), secondary `upstream` (1.8.0), and the others in the
    plugin reference.

    ## Why is this bad?
    CoreDNS refuses to start. These lines survive in many Corefiles from the kube-dns era and
    break upgrades.

    ## Example
    ```
    cluster.local {
        kubernetes {
            upstream
            resyncperiod 30s
        }
    }
    ```

    ## Use instead
    ```
    cluster.local {
        kubernetes
    }
    ```

    ## Fix safety
    Safe for options that have done nothing for several releases (kubernetes `upstream` and
    `resyncperiod`, the `upstream` of file, auto, secondary, etcd...): they are deleted. Safe
    for the 1.8.0 `transfer` move: `transfer to ...` inside kubernetes/file/auto/secondary
    becomes a `transfer ZONES { to ... }` plugin line. Unsafe (deletion) for the others.
    Comments on deleted lines are kept.
    """

    code = "PL012"
    name = "removed-option"
    severity = Severity.ERROR
    summary = "a plugin option removed at or before the target version"
    fix = "safe"
    bad = (
        Example(
            "cluster.local {\n    kubernetes {\n        upstream # kube-dns leftover\n        resyncperiod 30s\n    }\n}\n",
            expect=((3, 9), (4, 9)),
            fixed="cluster.local {\n    kubernetes {\n        # kube-dns leftover\n    }\n}\n",
        ),
        Example(
            "example.org {\n    file db.example.org example.org {\n        transfer to 10.0.0.2\n    }\n}\n",
            expect=((3, 9),),
            fixed="example.org {\n    file db.example.org example.org {\n    }\n    transfer example.org {\n        to 10.0.0.2\n    }\n}\n",
        ),
    )
    good = (Example("cluster.local {\n    kubernetes {\n        resyncperiod 30s\n    }\n}\n", coredns_version="1.6.0"),)
