from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules.templating._placeholders import (
    EXPLAINS,
    consequence,
    expanded_words,
)


def unclosed_at(text: str) -> int:
    """Where an environment placeholder ``{$`` with no closing ``}`` starts in ``text``, or -1."""
    start = text.find("{$")
    while start != -1:
        if text.find("}", start + 2) == -1:
            return start
        start = text.find("{$", start + 2)
    return -1


class UnclosedPlaceholder(Rule):
    """## What it does
    Reports an environment placeholder opened with `{$` and never closed with `}` (`bind
    {$BIND_ADDR`).

    ## Why is this bad?
    CoreDNS substitutes `{$NAME}` only when it finds the closing brace; without it the word is
    kept as written, `{$BIND_ADDR` and all. Where the plugin cannot take that text (an address, a
    plugin name, an upstream) CoreDNS refuses to start (error); elsewhere it starts and uses the
    literal text (warning). The `{%NAME%}` form left open is reported by `unrendered-template`.

    ## Example
    ```
    . {
        bind {$BIND_ADDR
        forward . 8.8.8.8
    }
    ```

    ## Use instead
    ```
    . {
        bind {$BIND_ADDR}
        forward . 8.8.8.8
    }
    ```

    ## Fix safety
    No automatic fix: where the name ends is not knowable.
    """

    code = "TP002"
    name = "unclosed-placeholder"
    severity = Severity.WARNING
    explains = EXPLAINS
    summary = "an environment placeholder `{$NAME` with no closing `}`: CoreDNS reads it literally"
    bad = (
        Example(". {\n    bind {$BIND_ADDR\n    forward . 8.8.8.8\n}\n", expect=((2, 10),)),
        Example(". {\n    log . \"{$FORMAT\"\n}\n", expect=((2, 11),)),
    )
    good = (Example(". {\n    bind {$BIND_ADDR}\n    forward . 8.8.8.8\n}\n"),)

    def check(self, context):
        for position, token in expanded_words(context):
            start = unclosed_at(token.text)
            if start == -1:
                continue
            severity, why = consequence(context, position, token)
            opened = token.text[start:]
            yield Report(
                token,
                f"`{opened}` opens a placeholder that is never closed, so CoreDNS reads `{token.text}` "
                f"literally{why}",
                severity=severity,
                help=f"close it: `{opened}}}`",
            )
