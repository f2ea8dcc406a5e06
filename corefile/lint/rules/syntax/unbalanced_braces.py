from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class UnbalancedBraces(Rule):
    """## What it does
    Reports a block that is never closed, or a `}` CoreDNS cannot match, where CoreDNS refuses
    the file. (Braces CoreDNS accepts in odd ways are reported by `stray-brace`.)

    ## Why is this bad?
    CoreDNS stops reading at the end of the file with `Unexpected EOF` or
    `Unexpected '}' because no matching opening brace`, and does not start.

    ## Example
    ```
    . {
        forward . 8.8.8.8 {
            max_concurrent 1000
        }
        cache 30
    ```

    ## Use instead
    ```
    . {
        forward . 8.8.8.8 {
            max_concurrent 1000
        }
        cache 30
    }
    ```

    ## Fix safety
    No automatic fix: where the missing brace belongs is a guess.
    """

    code = "SY002"
    name = "unbalanced-braces"
    severity = Severity.ERROR
    summary = "a block is never closed, or a `}` has no opening brace"
    bad = (
        Example(". {\n    forward . 8.8.8.8 {\n        max_concurrent 1000\n    }\n    cache 30\n", expect=((1, 3),)),
        Example(". {\n    forward . 8.8.8.8 {\n        max_concurrent 1000\n", expect=((2, 23),)),
    )
    good = (Example(". {\n    forward . 8.8.8.8 {\n        max_concurrent 1000\n    }\n}\n"),)

    def check(self, context):
        error = context.loaded.expansion.error
        if error is not None and error.code == "unbalanced-braces" and error.span is not None:
            yield Report(error.span, error.message)
