from __future__ import annotations

from corefile.catalogue import PLUGINS
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules.plugins._proxy_fix import proxy_to_forward


class RemovedPlugin(Rule):
    """## What it does
    Reports a plugin the target CoreDNS version no longer has: `proxy` (removed in 1.5.0, use
    `forward`), `federation` (1.7.0), `reverse` (1.2.0, use `template`), `startup` and
    `shutdown` (1.1.1, use `on`).

    ## Why is this bad?
    CoreDNS refuses to start (`Unknown directive 'proxy'`). This is the most common reason an
    upgrade crash-loops.

    ## Example
    ```
    . {
        proxy . /etc/resolv.conf
    }
    ```

    ## Use instead
    ```
    . {
        forward . /etc/resolv.conf
    }
    ```

    ## Fix safety
    For `proxy`, an unsafe fix (`--unsafe-fixes`) renames it to `forward` and keeps every
    option forward supports (`except`, `max_fails`, the `random`, `round_robin` and
    `sequential` policies, `first` as `sequential`, `protocol ... force_tcp` as `force_tcp`).
    Each option forward lacks (`fail_timeout`, `spray`, `policy least_conn`, an HTTP
    `health_check`, other protocols) becomes a comment saying what was dropped and why, and the
    fix's description lists them. Unsafe because forward's health checking and policies differ
    from proxy's. `corefile migrate` rewrites the other removed plugins.
    """

    code = "PL010"
    name = "removed-plugin"
    severity = Severity.ERROR
    summary = "a plugin removed from CoreDNS at or before the target version"
    fix = "unsafe"
    bad = (
        Example(
            ". {\n    proxy . 8.8.8.8 { # upstream\n        max_fails 3\n        policy round_robin\n    }\n}\n",
            expect=((2, 5),),
            fixed=". {\n    forward . 8.8.8.8 { # upstream\n        max_fails 3\n        policy round_robin\n    }\n}\n",
        ),
    )
    good = (Example(". {\n    proxy . /etc/resolv.conf\n}\n", coredns_version="1.4.0"),)

    def check(self, context):
        for _view, line in context.all_lines():
            name = line.name.text
            plugin = PLUGINS.get(name)
            if plugin is None or plugin.removed is None or context.version < plugin.removed:
                continue
            if name in context.settings.extra_plugins:
                continue
            message = f"`{name}` was removed in CoreDNS {plugin.removed}"
            if plugin.replacement:
                message += f"; use `{plugin.replacement}`"
            fix = proxy_to_forward(context, line) if plugin.name == "proxy" else None
            yield Report(line.name, message, fix=fix)
