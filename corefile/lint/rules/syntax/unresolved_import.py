from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class UnresolvedImport(Rule):
    """## What it does
    Reports an `import` of a path this run may not read: an absolute path of the target machine
    (`/etc/coredns/custom/*.server`) with no `--import-map`, or a path outside the Corefile's
    folder. Files are judged by their real location, so a symbolic link that leads outside the
    folder is not read either; nor is anything but a regular file (a FIFO, a device), a file
    over 1 MiB, or more than 8 MiB of imports in all. The message names each file and why.

    ## Why is this bad?
    It is not wrong in itself, but what it imports is not checked. Map the folder to a local
    copy (`--import-map /etc/coredns/custom=./custom`) so that the imported text is linted too.

    ## Example
    ```
    . {
        import /etc/coredns/custom/*.override
    }
    ```

    ## Use instead
    Run with `--import-map /etc/coredns/custom=./custom`.

    ## Fix safety
    No fix.
    """

    code = "SY010"
    name = "unresolved-import"
    severity = Severity.INFO
    summary = "an `import` outside the files this run may read was not checked"
    bad = (Example(". {\n    import /etc/coredns/custom/*.override\n}\n", expect=((2, 12),)),)
    good = (Example(". {\n    import *.override\n}\n", files=(("a.override", "log\n"),)),)

    def check(self, context):
        for notice in context.loaded.expansion.notices:
            if notice.code == "unresolved-import":
                yield Report(notice.token, notice.message)
