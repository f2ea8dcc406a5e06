from __future__ import annotations

from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule


class IgnoredDuplicate(Rule):
    """## What it does
    Reports a plugin repeated in one server block where CoreDNS silently keeps only one
    occurrence: the first (`whoami`, `any`, `minimal`, `reload`, `bufsize`...) or the last
    (`root`, `health`, `timeouts`...).

    ## Why is this bad?
    CoreDNS starts, but the other lines do nothing, not even get their arguments checked.

    ## Example
    ```
    . {
        reload 10s
        reload 60s
    }
    ```

    ## Use instead
    ```
    . {
        reload 60s
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "PL021"
    name = "ignored-duplicate"
    severity = Severity.WARNING
    summary = "a repeated plugin whose other occurrences CoreDNS silently ignores"
    bad = (Example(". {\n    reload 10s\n    reload 60s\n}\n", expect=((3, 5),)),)
    good = (Example(". {\n    reload 60s\n}\n"),)

    def check(self, context):
        for view in context.blocks:
            by_name: dict[str, list] = {}
            for line in view.directives:
                by_name.setdefault(line.name.text, []).append(line)
            for name, lines in by_name.items():
                plugin = context.plugin(name)
                if len(lines) < 2 or plugin is None or not context.is_available(name):
                    continue
                mode = plugin.repeat_at(context.version)
                if mode == "first":
                    kept, dropped, how = lines[0], lines[1:], "only the first is read"
                elif mode == "last":
                    kept, dropped, how = lines[-1], lines[:-1], "only the last takes effect"
                else:
                    continue
                for line in dropped:
                    yield Report(
                        line.name,
                        f"`{name}` is repeated and {how}: this line does nothing",
                        related=(Related(kept.name.span, "the occurrence CoreDNS uses"),),
                    )
