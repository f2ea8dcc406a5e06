from __future__ import annotations

from corefile.lint.findings import Severity
from corefile.lint.rules._base import Example
from corefile.lint.rules.plugins._setup_rule import SetupRule


class MissingArgument(SetupRule):
    """## What it does
    Reports a plugin line or option that lacks a required argument (`forward .` with no
    upstream, `file` with no zone file), or a required option that is absent.

    ## Why is this bad?
    CoreDNS refuses to start (`Wrong argument count or unexpected line ending`).

    ## Example
    ```
    . {
        forward .
    }
    ```

    ## Use instead
    ```
    . {
        forward . 8.8.8.8
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "PL043"
    name = "missing-argument"
    severity = Severity.ERROR
    summary = "a required argument or option is missing"
    bad = (Example(". {\n    forward .\n}\n", expect=((2, 13),)),)
    good = (Example(". {\n    forward . 8.8.8.8\n}\n"),)
