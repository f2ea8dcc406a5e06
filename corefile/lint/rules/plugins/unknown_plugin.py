from __future__ import annotations

from corefile.catalogue import PLUGINS, directive_order
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules._common import did_you_mean, looks_like_server_key


class UnknownPlugin(Rule):
    """## What it does
    Reports a directive that is not a plugin of the target CoreDNS version: a typo, a plugin
    added in a later release, or an external plugin that is not in the default build. Declare
    the external plugins of a custom build with `--plugins` (or `plugins = [...]` in the config)
    so that they are not reported.

    ## Why is this bad?
    CoreDNS refuses to start: `Unknown directive 'NAME'`.

    ## Example
    ```
    . {
        forwrd . 8.8.8.8
    }
    ```

    ## Use instead
    ```
    . {
        forward . 8.8.8.8
    }
    ```

    ## Fix safety
    No automatic fix; the message suggests the closest plugin name.
    """

    code = "PL001"
    name = "unknown-plugin"
    severity = Severity.ERROR
    summary = "a directive that is not a plugin of the target CoreDNS build"
    bad = (
        Example(". {\n    forwrd . 8.8.8.8\n}\n", expect=((2, 5),)),
        Example(". {\n    view v1 {\n        expr true\n    }\n}\n", expect=((2, 5),), coredns_version="1.9.0"),
        Example(". {\n    fanout . 10.0.0.1 10.0.0.2\n}\n", expect=((2, 5),)),
    )
    good = (Example(". {\n    forward . 8.8.8.8\n}\n"),)

    def check(self, context):
        known = directive_order(context.version)
        for _view, line in context.all_lines():
            name = line.name.text
            if context.is_available(name) or line.name.unknown_env:
                continue
            plugin = PLUGINS.get(name)
            if plugin is not None and plugin.removed is not None and context.version >= plugin.removed:
                continue  # removed-plugin explains it
            if plugin is None and looks_like_server_key(name):
                continue  # nested-server-block explains it
            if plugin is not None and plugin.external:
                message = (f"`{name}` is an external plugin, not in CoreDNS's default build; "
                           "declare it with --plugins if your build compiles it in")
            elif plugin is not None and plugin.since is not None and context.version < plugin.since:
                message = f"`{name}` was added in CoreDNS {plugin.since}; the target is {context.version}"
            else:
                message = f"CoreDNS {context.version} has no plugin `{name}`"
                suggestion = did_you_mean(name, known)
                if suggestion:
                    message += f"; did you mean `{suggestion}`?"
            yield Report(line.name, message)
