from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class UnusedSuppression(Rule):
    """## What it does
    Reports a `# corefile-lint: ignore[...]` (or `file-ignore[...]`) comment that suppresses
    nothing, and names in it that are not rules.

    ## Why is this bad?
    Stale suppressions hide the next real problem on that line, and a misspelt rule name
    suppresses nothing at all.

    ## Example
    ```
    . {
        whoami # corefile-lint: ignore[duplicate-plugin]
    }
    ```

    ## Use instead
    Remove the comment (or the rule name that no longer applies).

    ## Fix safety
    No automatic fix yet.
    """

    code = "LN001"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "a suppression comment that suppresses nothing"
    bad = (
        Example(". {\n    whoami # corefile-lint: ignore[duplicate-plugin]\n}\n", expect=((2, 12),)),
        Example(". {\n    whoami # corefile-lint: ignore[no-such-rule]\n}\n", expect=((2, 12),)),
    )
    good = (Example(". {\n    cache 30\n    cache 60 # corefile-lint: ignore[duplicate-plugin]\n}\n"),)

    judges_suppressions = True

    def check(self, context):
        return ()

    def check_suppressions(self, context, suppressions):
        for suppression in suppressions:
            for name in suppression.unknown:
                yield Report(suppression.comment.span, f"`{name}` in this suppression is not a rule code or name")
            if not suppression.used and not suppression.unknown:
                rules = ", ".join(suppression.rules)
                yield Report(suppression.comment.span, f"this suppression ({rules}) suppresses nothing")
