from __future__ import annotations

from corefile.lint.findings import Severity
from corefile.lint.rules._base import Example
from corefile.lint.rules.plugins._setup_rule import SetupRule


class UnknownOption(SetupRule):
    """## What it does
    Reports a line inside a plugin's block that is not an option of that plugin in the target
    CoreDNS version, with the closest valid option.

    ## Why is this bad?
    CoreDNS refuses to start (`unknown property`, `unknown option`...).

    ## Example
    ```
    . {
        forward . 8.8.8.8 {
            max_concurent 1000
        }
    }
    ```

    ## Use instead
    ```
    . {
        forward . 8.8.8.8 {
            max_concurrent 1000
        }
    }
    ```

    ## Fix safety
    No automatic fix; the message names the closest option.
    """

    code = "PL041"
    name = "unknown-option"
    severity = Severity.ERROR
    summary = "a block option the plugin does not have in the target version"
    bad = (Example(". {\n    forward . 8.8.8.8 {\n        max_concurent 1000\n    }\n}\n", expect=((3, 9),)),)
    good = (Example(". {\n    forward . 8.8.8.8 {\n        max_concurrent 1000\n    }\n}\n"),)
