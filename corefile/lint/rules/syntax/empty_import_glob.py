from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class EmptyImportGlob(Rule):
    """## What it does
    Reports an `import` glob that matches no file.

    ## Why is this bad?
    CoreDNS only logs `No files matching import glob pattern` and carries on without the
    configuration the line was meant to bring in.

    ## Example
    ```
    . {
        import conf.d/*.conf
    }
    ```

    ## Use instead
    Create the files, fix the pattern, or remove the import.

    ## Fix safety
    No automatic fix.
    """

    code = "SY007"
    name = "empty-import-glob"
    severity = Severity.WARNING
    summary = "an `import` glob matches no file"
    bad = (Example(". {\n    import conf.d/*.conf\n}\n", expect=((2, 12),)),)
    good = (Example(". {\n    import *.conf\n}\n", files=(("a.conf", "log\n"),)),)

    def check(self, context):
        for notice in context.loaded.expansion.notices:
            if notice.code == "empty-import-glob":
                yield Report(notice.token, notice.message)
