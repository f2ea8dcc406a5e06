from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule

#: Reader error codes this rule reports (the others have rules of their own).
CODES = ("syntax-error", "snippet-syntax", "snippet-redeclared")


class SyntaxError_(Rule):
    """## What it does
    Reports text CoreDNS's Corefile reader refuses that no more specific rule explains: a
    snippet defined twice, a snippet name not followed by `{`, a comma that leaves an address
    missing, a block opened where none can start.

    ## Why is this bad?
    CoreDNS stops at the first such error and does not start (in Kubernetes: a crash loop).

    ## Example
    ```
    a.example, {
        whoami
    }
    ```

    ## Use instead
    ```
    a.example {
        whoami
    }
    ```

    ## Fix safety
    No automatic fix: the intent is not knowable.
    """

    code = "SY001"
    name = "syntax-error"
    severity = Severity.ERROR
    summary = "CoreDNS's reader refuses the text"
    bad = (
        Example("a.example, {\n    whoami\n}\n", expect=((1, 12),)),
        Example("(common) {\n    log\n}\n(common) {\n    errors\n}\n", expect=((4, 1),)),
    )
    good = (Example("a.example, b.example {\n    whoami\n}\n"),)

    def check(self, context):
        error = context.loaded.expansion.error
        if error is not None and error.code in CODES and error.span is not None:
            yield Report(error.span, error.message)
