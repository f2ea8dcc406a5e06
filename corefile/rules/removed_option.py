from __future__ import annotations

from corefile.findings import Severity
from corefile.rules._base import Example
from corefile.rules._setup_rule import SetupRule


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
    `corefile migrate` drops them.
    """

    code = "PL012"
    name = "removed-option"
    severity = Severity.ERROR
    summary = "a plugin option removed at or before the target version"
    bad = (Example("cluster.local {\n    kubernetes {\n        upstream\n        resyncperiod 30s\n    }\n}\n", expect=((3, 9), (4, 9))),)
    good = (Example("cluster.local {\n    kubernetes {\n        resyncperiod 30s\n    }\n}\n", coredns_version="1.6.0"),)
