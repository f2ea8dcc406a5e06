"""Catalogue entry for ``view`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import exactly, many, req, v
from corefile.core.versions import Version

_PAIRS = {")": "(", "]": "[", "}": "{"}


def expression_balance_error(text: str) -> str | None:
    """Unclosed quotes or unbalanced brackets in an expr-lang expression (the part of its syntax we judge)."""
    stack: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'`":
            end = index + 1
            while end < len(text) and text[end] != char:
                end += 2 if text[end] == "\\" and char != "`" else 1
            if end >= len(text):
                return f"unterminated string starting at {text[index:index + 20]!r}"
            index = end + 1
            continue
        if char in "([{":
            stack.append(char)
        elif char in _PAIRS:
            if not stack or stack[-1] != _PAIRS[char]:
                return f"unexpected {char!r}"
            stack.pop()
        index += 1
    if stack:
        return f"unclosed {stack[-1]!r}"
    return None


def _check_expr(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    # Setup joins the words with spaces and compiles the text with expr-lang; a compile error
    # refuses the file. Only brackets and quotes are judged here.
    yield from exactly(line, (many("EXPRESSION"),), "view option 'expr'")
    if line.arguments and all(known(word) for word in line.arguments):
        error = expression_balance_error(" ".join(word.value for word in line.arguments))
        if error is not None:
            yield problem("invalid-option-value", line.arguments[0], f"view option 'expr' does not compile: {error}")


VIEW = Plugin(
    "view",
    summary="Route a query to this server block only if expressions hold (split DNS).",
    syntax="view NAME { expr EXPRESSION }",
    since=v("1.10.0"),
    repeat="once",
    arguments=(req("NAME"),),
    block="options",
    options=[Option("expr", None, check=_check_expr, shape="EXPRESSION")],
    notes=("Expressions are compiled by expr-lang at start-up; brackets and quotes are checked here, the rest is not.",),
)

PLUGINS: tuple[Plugin, ...] = (VIEW,)

__all__ = ["PLUGINS"]
