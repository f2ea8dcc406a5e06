"""What the placeholder rules share: every word CoreDNS expands, and how bad a literal word is.

When CoreDNS refuses the word, the placeholder rule's finding says so with the refusal's own
words and takes its place (see ``Rule.explains``): one finding for one mistake, naming its cause.
"""

from __future__ import annotations

from collections.abc import Iterator

from corefile.expansion.expand import Token
from corefile.lint.findings import Severity
from corefile.lint.rules._common import setup_problems, target_token


def expanded_words(context) -> Iterator[tuple[str, Token]]:
    """``(position, token)`` for every key, directive name and argument of the expanded file;
    position is ``key``, ``name`` (a directive's name) or ``argument``. Braces are left out."""
    for view in context.blocks:
        for key in view.keys:
            yield "key", key.token
        for line in view.directives:
            yield "name", line.name
            for token in line.tokens[1:]:
                if token.word.value not in ("{", "}"):
                    yield "argument", token


def consequence(context, position: str, token: Token) -> tuple[Severity, str]:
    """How CoreDNS takes the word as it is: ERROR and why when it refuses to start, else WARNING."""
    if position == "name" and not context.is_available(token.text):
        return Severity.ERROR, f"; CoreDNS refuses to start: Unknown directive '{token.text}'"
    for _view, problem in setup_problems(context):
        if target_token(problem.target).word is token.word and problem.rule != "deprecated-option":
            return Severity.ERROR, f"; CoreDNS refuses to start: {problem.message}"
    return Severity.WARNING, ""


#: Rules whose finding on the same word a placeholder finding already explains.
EXPLAINS = ("invalid-arguments", "invalid-option-value", "missing-argument", "unknown-option", "unknown-plugin")
