from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class OneLineBlock(Rule):
    """## What it does
    Reports a closing `}` on the same line as the directive it should close, such as
    `. { whoami }`, and one-line plugin blocks such as `bind lo { except 127.0.0.1 }`.

    ## Why is this bad?
    CoreDNS ends a directive at the end of its line, so a `}` after a directive on the same line
    has nothing to close: CoreDNS refuses the file with `Unexpected '}' because no matching
    opening brace`. Inside a plugin's block the reader accepts it, but most plugins then read
    the `}` as one more argument (`bind` says `not a valid IP address or interface name: "}"`);
    that case is reported as a warning.

    ## Example
    ```
    . { whoami }
    ```

    ## Use instead
    ```
    . {
        whoami
    }
    ```

    ## Fix safety
    No automatic fix yet; `corefile format` puts every directive and `}` on its own line.
    """

    code = "SY003"
    name = "one-line-block"
    severity = Severity.ERROR
    summary = "a `}` on the same line as the directive it should close"
    bad = (
        Example(". { whoami }\n", expect=((1, 12),)),
        Example(". {\n    bind lo { except 127.0.0.1 }\n}\n", expect=((2, 32),)),
    )
    good = (Example(". { whoami\n}\n"), Example(". { }\n"))

    def check(self, context):
        error = context.loaded.expansion.error
        if error is not None and error.code == "one-line-block" and error.span is not None:
            yield Report(error.span, error.message)
        for _view, line in context.all_lines():
            if line.block is None:
                continue
            tokens = line.tokens
            for previous, token in zip(tokens, tokens[1:]):
                if token.word.value == "}" and previous.word.value != "{" and token.file == previous.file and (
                    previous.word.line + previous.text.count("\n") == token.word.line
                ):
                    yield Report(
                        token,
                        f"`}}` on the same line as `{previous.text}`: the reader accepts it, but "
                        f"`{line.name.text}` reads its block line by line and may take `}}` as an argument",
                        severity=Severity.WARNING,
                        help="put the closing brace on its own line",
                    )
