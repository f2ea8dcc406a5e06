from __future__ import annotations

from corefile.core.versions import Version
from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule

#: From this release, reload hashes the parsed Corefile (imports expanded) rather than the file.
_SEES_IMPORTS = Version(1, 7, 0)


class ReloadWithImport(Rule):
    """## What it does
    Reports `reload` in a Corefile that imports other files, for CoreDNS releases before 1.7.0.

    ## Why is this bad?
    Before 1.7.0 `reload` compared a checksum of the main Corefile only: editing an imported
    file (a k3s/AKS `coredns-custom` override, a zone list) changed nothing until the main file
    changed or the pod restarted. Since 1.7.0 reload checksums the parsed Corefile, imports
    included, so this rule stays silent for newer targets.

    ## Example
    ```
    . {
        reload
        import custom/*.override
        forward . 8.8.8.8
    }
    ```
    with `--coredns-version 1.6.9`.

    ## Use instead
    Upgrade CoreDNS, or touch the main Corefile (or restart) after editing an imported file.

    ## Fix safety
    No automatic fix.
    """

    code = "OP020"
    name = "reload-with-import"
    severity = Severity.INFO
    summary = "`reload` does not see edits to imported files (CoreDNS before 1.7.0)"
    bad = (
        Example(". {\n    reload\n    import extra.conf\n}\n", expect=((2, 5),), coredns_version="1.6.9",
                files=(("extra.conf", "log\n"),)),
    )
    good = (Example(". {\n    reload\n    import extra.conf\n}\n", files=(("extra.conf", "log\n"),)),)

    def check(self, context):
        if context.version >= _SEES_IMPORTS:
            return
        imported = next((line.name for _, line in context.all_lines() if line.name.file), None)
        if imported is None:
            return
        for view in context.blocks:
            for line in view.named("reload"):
                yield Report(line.name, f"CoreDNS {context.version} reloads only when the main Corefile changes, "
                             "not when an imported file does", related=(Related(imported.span, "imported from another file"),))
                return
