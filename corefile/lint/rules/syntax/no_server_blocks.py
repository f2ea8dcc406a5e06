from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class NoServerBlocks(Rule):
    """## What it does
    Reports a Corefile that yields no server block at all: empty, only comments, only snippets,
    or blocks whose only keys are unset placeholders.

    ## Why is this bad?
    CoreDNS then silently serves its built-in default (`.:53 { whoami log }`) instead of the
    configuration you meant.

    ## Example
    ```
    {$ZONE} {
        forward . 8.8.8.8
    }
    ```
    (with `ZONE` unset)

    ## Use instead
    Give every block a key, and check the placeholders are set.

    ## Fix safety
    No fix.
    """

    code = "SY014"
    name = "no-server-blocks"
    severity = Severity.WARNING
    summary = "no server block: CoreDNS serves its built-in default instead"
    bad = (Example("# nothing here yet\n", expect=((1, 1),)), Example("(s) {\n    log\n}\n", expect=((1, 1),)))
    good = (Example(". {\n    whoami\n}\n"),)

    def check(self, context):
        expansion = context.loaded.expansion
        if expansion.error is None and not expansion.blocks:
            yield Report(
                context.loaded.source.span(0, 0),
                "no server block: CoreDNS ignores this file and serves its default (`.:53 { whoami log }`)",
            )
