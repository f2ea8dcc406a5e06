from __future__ import annotations

from corefile.lint.findings import Severity
from corefile.lint.rules._base import Example
from corefile.lint.rules.plugins._setup_rule import SetupRule


class DeprecatedOption(SetupRule):
    """## What it does
    Reports a plugin option the target CoreDNS version still accepts but ignores or has
    deprecated, such as kubernetes `upstream` between 1.4.0 and 1.7.0.

    ## Why is this bad?
    The line does nothing now and stops CoreDNS from starting after a later upgrade.

    ## Example
    ```
    cluster.local {
        kubernetes {
            upstream
        }
    }
    ```
    (target 1.6.0)

    ## Use instead
    ```
    cluster.local {
        kubernetes
    }
    ```

    ## Fix safety
    Safe for options that do nothing (kubernetes `upstream`...): deleted, comments kept.
    Unsafe (deletion) for the others.
    """

    code = "PL013"
    name = "deprecated-option"
    severity = Severity.WARNING
    summary = "a plugin option deprecated (or ignored) in the target version"
    fix = "safe"
    bad = (Example("cluster.local {\n    kubernetes {\n        upstream\n    }\n}\n", expect=((3, 9),), coredns_version="1.6.0"),)
    good = (Example("cluster.local {\n    kubernetes {\n        fallthrough\n    }\n}\n", coredns_version="1.6.0"),)
