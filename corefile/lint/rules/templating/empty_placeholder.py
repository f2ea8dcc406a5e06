from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules.templating._placeholders import (
    EXPLAINS,
    consequence,
    expanded_words,
)


class EmptyPlaceholder(Rule):
    """## What it does
    Reports a directive name or argument that is only an environment placeholder given an empty
    value (`forward . {$UPSTREAM}` linted with `--env UPSTREAM=`, or an empty variable in the
    environment read with `--use-environment`).

    ## Why is this bad?
    CoreDNS reads an unset or empty variable as the empty string, and the word stays: the
    plugin gets an empty argument. `bind`, `forward` and every plugin name refuse it, and
    CoreDNS does not start (error); elsewhere it starts with an empty value where the text
    promised one (warning). Placeholders whose value was not given are never judged: the linter
    cannot know them. An empty server-block key simply disappears (`no-server-blocks` reports a
    file left without blocks).

    ## Example
    With `UPSTREAM` empty:
    ```
    . {
        forward . {$UPSTREAM}
    }
    ```

    ## Use instead
    Set the variable where CoreDNS runs, or write the value.

    ## Fix safety
    No automatic fix.
    """

    code = "TP003"
    name = "empty-placeholder"
    severity = Severity.WARNING
    explains = EXPLAINS
    summary = "a placeholder given an empty value where a value is required"
    bad = (
        Example(". {\n    forward . {$UPSTREAM}\n}\n", expect=((2, 15),), env=(("UPSTREAM", ""),)),
        Example(". {\n    bind {$ADDR}\n    whoami\n}\n", expect=((2, 10),), env=(("ADDR", ""),)),
        Example(". {\n    {$PLUGIN}\n}\n", expect=((2, 5),), env=(("PLUGIN", ""),)),
    )
    good = (
        Example(". {\n    forward . {$UPSTREAM}\n}\n", title="a value that was not given is not judged"),
        Example(". {\n    forward . {$UPSTREAM}\n}\n", env=(("UPSTREAM", "8.8.8.8"),)),
    )

    def check(self, context):
        for position, token in expanded_words(context):
            if position == "key" or token.text or token.unknown_env or not token.word.has_placeholder:
                continue
            severity, why = consequence(context, position, token)
            what = "an empty directive name" if position == "name" else "an empty argument"
            yield Report(
                token,
                f"`{token.word.value}` is given an empty value, so CoreDNS reads {what} here{why}",
                severity=severity,
                help="give the variable a value where CoreDNS runs (or write the value in the file)",
            )
