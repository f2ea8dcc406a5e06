from __future__ import annotations

from corefile.lint.findings import Severity
from corefile.lint.rules._base import Example
from corefile.lint.rules.plugins._setup_rule import SetupRule


class InvalidOptionValue(SetupRule):
    """## What it does
    Reports a known block option with a value its plugin refuses: a duration that is not a Go
    duration, a number out of range, a name outside the allowed set.

    ## Why is this bad?
    CoreDNS refuses to start.

    ## Example
    ```
    . {
        forward . 8.8.8.8 {
            policy fastest
        }
    }
    ```

    ## Use instead
    ```
    . {
        forward . 8.8.8.8 {
            policy sequential
        }
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "PL042"
    name = "invalid-option-value"
    severity = Severity.ERROR
    summary = "a block option's value is refused by its plugin"
    bad = (Example(". {\n    forward . 8.8.8.8 {\n        policy fastest\n    }\n}\n", expect=((3, 16),)),)
    good = (Example(". {\n    forward . 8.8.8.8 {\n        policy sequential\n    }\n}\n"),)
