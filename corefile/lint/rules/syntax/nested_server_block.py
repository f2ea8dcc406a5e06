from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules._common import looks_like_server_key


class NestedServerBlock(Rule):
    """## What it does
    Reports a server block written inside another block, or a second zone line that lacks the
    trailing comma needed to continue a key list.

    ## Why is this bad?
    Server blocks do not nest, and keys continue on the next line only after a trailing comma.
    CoreDNS reads the zone as a directive name and refuses the file with
    `Unknown directive 'example.org'`.

    ## Example
    ```
    . {
        example.org {
            whoami
        }
    }
    ```

    ## Use instead
    ```
    . {
    }
    example.org {
        whoami
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "SY005"
    name = "nested-server-block"
    severity = Severity.ERROR
    summary = "a zone where a plugin name is expected: server blocks do not nest"
    bad = (
        Example(". {\n    example.org {\n        whoami\n    }\n}\n", expect=((2, 5),)),
        Example("a.example\nb.example {\n}\n", expect=((2, 1),)),
    )
    good = (Example("a.example,\nb.example {\n}\n"),)

    def check(self, context):
        for _view, line in context.all_lines():
            name = line.name.text
            if looks_like_server_key(name) and not context.is_available(name):
                yield Report(
                    line.name,
                    f"`{name}` looks like a server block's zone but is where a plugin name belongs; "
                    "CoreDNS refuses it as an unknown directive",
                    help="close the enclosing block first, or end the previous key line with a comma",
                )
