from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule

CODES = ("bad-import", "import-cycle")


class BadImport(Rule):
    """## What it does
    Reports an `import` CoreDNS refuses: a missing file, a directory, a glob with more than one
    wildcard, a malformed pattern, no argument or more than one, an empty path, and import
    cycles that hit CoreDNS's limits (10,000 snippet imports, 100,000 file imports).

    ## Why is this bad?
    CoreDNS stops reading and does not start.

    ## Example
    ```
    . {
        import conf.d/*/*.conf
    }
    ```

    ## Use instead
    ```
    . {
        import conf.d/*.conf
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "SY006"
    name = "bad-import"
    severity = Severity.ERROR
    summary = "an `import` CoreDNS refuses (missing file, bad glob, wrong arguments, cycle)"
    bad = (
        Example(". {\n    import conf.d/*/*.conf\n}\n", expect=((2, 12),)),
        Example(". {\n    import missing.conf\n}\n", expect=((2, 12),)),
        Example(". {\n    import a b\n}\n", expect=((2, 14),)),
    )
    good = (
        Example(". {\n    import common\n}\n", files=(("common", "log\n"),)),
        Example("(s) {\n    log\n}\n. {\n    import s\n}\n"),
    )

    def check(self, context):
        error = context.loaded.expansion.error
        if error is not None and error.code in CODES and error.span is not None:
            yield Report(error.span, error.message)
