from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class StrayBrace(Rule):
    """## What it does
    Reports braces CoreDNS accepts but reads differently from how they look: an extra `}` at the
    top level (CoreDNS serves it as a zone named `}`), and a server block whose final `}` is
    missing but whose last directive block closed at the end of the file (CoreDNS takes that
    `}` as the server block's).

    ## Why is this bad?
    The file works by accident; the next edit that adds a block after it breaks startup.

    ## Example
    ```
    . {
        whoami
    }
    }
    ```

    ## Use instead
    ```
    . {
        whoami
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "SY012"
    name = "stray-brace"
    severity = Severity.WARNING
    summary = "a `}` CoreDNS accepts in a way the text does not show"
    bad = (
        Example(". {\n    whoami\n}\n}\n", expect=((4, 1),)),
        Example(". {\n    hosts {\n    }\n", expect=((1, 3),)),
    )
    good = (Example(". {\n    hosts {\n    }\n}\n"),)

    def check(self, context):
        for view in context.blocks:
            for key in view.block.keys:
                if key.text == "}":
                    yield Report(key, "extra `}`: CoreDNS reads it as a server block for the zone `}`")
        tree = context.loaded.tree
        if tree is None:
            return
        for item in tree.server_blocks:
            if item.block is not None and item.block.close is None:
                yield Report(
                    item.block.open,
                    "this block's closing `}` is missing; CoreDNS only accepts it because the last "
                    "directive's `}` ends the file",
                )
