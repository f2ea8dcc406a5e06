from __future__ import annotations

from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule


class DuplicatePlugin(Rule):
    """## What it does
    Reports a plugin used twice in one server block (after `import` and snippets are expanded)
    when the target CoreDNS version allows it only once, such as `cache`, `errors`, `hosts`,
    `kubernetes`, `prometheus`, `loop`, `ready` (and `forward` before 1.9.4).

    ## Why is this bad?
    CoreDNS refuses to start: `this plugin can only be used once per Server Block`. A snippet
    imported into a block that already has the plugin is a common way to get here.

    ## Example
    ```
    . {
        cache 30
        cache 60
    }
    ```

    ## Use instead
    ```
    . {
        cache 60
    }
    ```

    ## Fix safety
    No automatic fix: which occurrence to keep is a decision.
    """

    code = "PL020"
    name = "duplicate-plugin"
    severity = Severity.ERROR
    summary = "a plugin CoreDNS allows once per server block is used twice"
    bad = (
        Example(". {\n    cache 30\n    cache 60\n}\n", expect=((3, 5),)),
        Example("(common) {\n    errors\n}\n. {\n    import common\n    errors\n}\n", expect=((6, 5),)),
    )
    good = (Example(". {\n    log\n    log . {class error}\n}\n"),)

    def check(self, context):
        for view in context.blocks:
            first_seen = {}
            for line in view.directives:
                name = line.name.text
                plugin = context.plugin(name)
                if plugin is None or not context.is_available(name):
                    continue
                if name not in first_seen:
                    first_seen[name] = line
                    continue
                if plugin.repeat_at(context.version) in ("once", "err"):
                    yield Report(
                        line.name,
                        f"`{name}` may be used only once per server block",
                        related=(Related(first_seen[name].name.span, "first used here"),),
                    )
