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
    For `proxy`, an unsafe fix (`--unsafe-fixes`) renames it to `forward` and translates its
    options as kubeadm's migration does (`fail_timeout`, `max_fails`, `health_check`, `spray`
    dropped; `protocol ... force_tcp` becomes `force_tcp`); unsafe because forward's health
    checking and policies differ. `corefile migrate` rewrites the other removed plugins.
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
            fixed=". {\n    forward . 8.8.8.8 { # upstream\n        policy round_robin\n    }\n}\n",
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
