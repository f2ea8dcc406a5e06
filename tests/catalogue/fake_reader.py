"""A tiny, test-only stand-in for the project's reader.

It turns simple Corefile text (one directive per line, ``{`` at the end of a line opens a block,
``}`` alone on a line closes it, double quotes group words, ``#`` starts a comment) into objects
satisfying the catalogue's DirectiveLike / WordLike protocols.  ``{$NAME}`` and ``{%NAME%}``
become placeholder words of unknown value.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

import attrs

_PLACEHOLDER = re.compile(r"\{\$[^}]+\}|\{%[^}]+%\}")


@attrs.frozen
class FakeWord:
    value: str
    is_placeholder: bool = False


@attrs.frozen
class FakeDirective:
    name: FakeWord
    arguments: tuple[FakeWord, ...]
    block: tuple[FakeDirective, ...] | None


def _words(line: str) -> list[FakeWord]:
    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    lexer.quotes = '"'
    lexer.escape = ""
    return [FakeWord(token, bool(_PLACEHOLDER.fullmatch(token))) for token in lexer]


def parse_directives(text: str) -> list[FakeDirective]:
    """Directives of ``text`` (the body of one server block)."""
    lines = [_words(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    directives, rest = _parse_lines(lines, 0)
    assert rest == len(lines), "unbalanced '}' in test snippet"
    return directives


def _parse_lines(lines: Sequence[list[FakeWord]], index: int) -> tuple[list[FakeDirective], int]:
    parsed: list[FakeDirective] = []
    while index < len(lines):
        words = lines[index]
        if [word.value for word in words] == ["}"]:
            return parsed, index
        index += 1
        block = None
        if words[-1].value == "{":
            words = words[:-1]
            children, index = _parse_lines(lines, index)
            assert index < len(lines), "missing '}' in test snippet"
            index += 1  # the closing brace
            block = tuple(children)
        parsed.append(FakeDirective(words[0], tuple(words[1:]), block))
    return parsed, index


def group_by_name(directives: Sequence[FakeDirective]) -> dict[str, list[FakeDirective]]:
    """Occurrences per directive name, in file order (how CoreDNS hands them to setup)."""
    grouped: dict[str, list[FakeDirective]] = {}
    for directive in directives:
        grouped.setdefault(directive.name.value, []).append(directive)
    return grouped

