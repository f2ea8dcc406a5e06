from __future__ import annotations

from corefile.lint.findings import Severity
from corefile.lint.rules._base import Example
from corefile.lint.rules.plugins._setup_rule import SetupRule


class InvalidArguments(SetupRule):
    """## What it does
    Reports a plugin line with the wrong number or the wrong type of arguments, as the plugin's
    setup in the target CoreDNS version checks them (for example `reload 1s`, `bufsize 100000`,
    `health 8080`), and options given twice or together with an option they exclude.

    ## Why is this bad?
    CoreDNS refuses to start; it reports only the first such problem, this rule reports all.

    ## Example
    ```
    . {
        health 8080
    }
    ```

    ## Use instead
    ```
    . {
        health :8080
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "PL040"
    name = "invalid-arguments"
    severity = Severity.ERROR
    summary = "a plugin's arguments have the wrong count or type"
    bad = (Example(". {\n    health 8080\n}\n", expect=((2, 12),)), Example(". {\n    loop now\n}\n", expect=((2, 10),)))
    good = (Example(". {\n    health :8080\n    loop\n}\n"),)
