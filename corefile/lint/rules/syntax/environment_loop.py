from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Rule


class EnvironmentLoop(Rule):
    """## What it does
    Reports an environment placeholder whose value keeps expanding into placeholders (for
    example `SELF={$SELF}`), with the values given by `--env`.

    ## Why is this bad?
    CoreDNS expands placeholders recursively with no limit: it hangs while reading the file and
    never starts.

    ## Example
    `. {` / `    log {$SELF}` / `}` with `SELF={$SELF}`.

    ## Use instead
    Give the variable a value that does not refer to itself.

    ## Fix safety
    No fix.
    """

    code = "SY013"
    name = "environment-loop"
    severity = Severity.ERROR
    summary = "a placeholder that expands forever (CoreDNS hangs)"

    def check(self, context):
        error = context.loaded.expansion.error
        if error is not None and error.code == "environment-loop":
            yield Report(error.span or context.loaded.source.span(0, 0), error.message)
