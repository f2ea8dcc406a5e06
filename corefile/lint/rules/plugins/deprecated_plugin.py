from __future__ import annotations

from corefile.catalogue import PLUGINS
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules.plugins._proxy_fix import proxy_to_forward


class DeprecatedPlugin(Rule):
    """## What it does
    Reports a plugin that the target CoreDNS version still runs but has deprecated, such as
    `proxy` in 1.4.0.

    ## Why is this bad?
    The next upgrade removes it and CoreDNS will then refuse to start.

    ## Example
    ```
    . {
        proxy . /etc/resolv.conf
    }
    ```
    (target 1.4.0)

    ## Use instead
    ```
    . {
        forward . /etc/resolv.conf
    }
    ```

    ## Fix safety
    For `proxy`, the same unsafe fix as `removed-plugin`; `corefile migrate` rewrites the others.
    """

    code = "PL011"
    name = "deprecated-plugin"
    severity = Severity.WARNING
    summary = "a plugin deprecated in the target version (removed in a later one)"
    fix = "unsafe"
    bad = (Example(". {\n    proxy . /etc/resolv.conf\n}\n", expect=((2, 5),), coredns_version="1.4.0"),)
    good = (Example(". {\n    forward . /etc/resolv.conf\n}\n", coredns_version="1.4.0"),)

    def check(self, context):
        for _view, line in context.all_lines():
            plugin = PLUGINS.get(line.name.text)
            if plugin is None or plugin.deprecated is None or context.version < plugin.deprecated:
                continue
            if plugin.removed is not None and context.version >= plugin.removed:
                continue
            message = f"`{plugin.name}` is deprecated since CoreDNS {plugin.deprecated}"
            if plugin.removed is not None:
                message += f" and removed in {plugin.removed}"
            if plugin.replacement:
                message += f"; use `{plugin.replacement}`"
            fix = proxy_to_forward(context, line) if plugin.name == "proxy" else None
            yield Report(line.name, message, fix=fix)
