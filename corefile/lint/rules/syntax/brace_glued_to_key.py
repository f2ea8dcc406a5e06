from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class BraceGluedToKey(Rule):
    """## What it does
    Reports a `{` or `}` glued to a word, such as `example.org{` or `whoami}`.

    ## Why is this bad?
    CoreDNS treats a brace as a brace only when it stands alone. `example.org{` is read as the
    zone `example.org{.` with a body that has no braces at all; `.{` is refused as an invalid
    zone. The block does not mean what the text shows.

    ## Example
    ```
    example.org{
        whoami
    }
    ```

    ## Use instead
    ```
    example.org {
        whoami
    }
    ```

    ## Fix safety
    No automatic fix yet.
    """

    code = "SY004"
    name = "brace-glued-to-key"
    severity = Severity.WARNING
    summary = "a brace glued to a word is part of the word, not a brace"
    bad = (Example("example.org{\n    whoami\n}\n", expect=((1, 1),)),)
    good = (Example("example.org {\n    whoami\n}\n"), Example(". {\n    template ANY ANY {\n        answer \"{{ .Name }} 60 IN A 127.0.0.1\"\n    }\n}\n"))

    def check(self, context):
        for view in context.blocks:
            for key in view.block.keys:
                text = key.text
                if len(text) > 1 and (text.endswith("{") or text.startswith("}") or text.endswith("}")):
                    if text.startswith("{$") or text.startswith("{%"):
                        continue
                    yield Report(
                        key,
                        f"`{text}` is one word: CoreDNS reads it as a zone, not as a zone and a brace",
                        help="separate the brace from the zone with a space",
                    )
            for line in view.directives:
                name = line.name.text
                if len(name) > 1 and (name.endswith("{") or name.endswith("}")) and not line.name.word.quoted:
                    yield Report(
                        line.name,
                        f"`{name}` is one word: the brace is not a brace here",
                        help="separate the brace from the word with a space",
                    )
