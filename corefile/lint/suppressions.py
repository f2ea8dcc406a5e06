"""Inline suppressions: ``# corefile-lint: ignore[RULE,...]`` and ``file-ignore[RULE,...]``.

``ignore`` at the end of a line covers that line; alone on its line it covers the next line
that holds a token. ``file-ignore`` covers the whole file. Rules are named by name, code,
family prefix or ``ALL``; a bare ``# corefile-lint: ignore`` (or ``file-ignore``), with no
list, covers every rule, as ruff's bare ``# noqa`` does.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from corefile.lint.findings import Finding
from corefile.syntax.nodes import Comment

_DIRECTIVE = re.compile(r"#\s*corefile-lint:\s*(ignore|file-ignore)(?:\[([^\]]*)\]|(?![\w\[-]))")


@attrs.define
class Suppression:
    comment: Comment
    scope: str  #: "line" or "file"
    line: int  #: The line it covers (for "line").
    rules: tuple[str, ...]
    names: frozenset[str]  #: Rule names it covers.
    unknown: tuple[str, ...]
    used: bool = False
    #: Per unknown name, the rule name or code it was probably meant to be.
    guesses: dict[str, str] = attrs.field(factory=dict)

    def covers(self, finding: Finding) -> bool:
        if finding.rule not in self.names:
            return False
        if self.comment.source is not None and finding.span.file != self.comment.source.path:
            return False
        return self.scope == "file" or finding.span.start.line == self.line


def find_suppressions(
    comments: list[Comment],
    following_line: dict[int, int],
    rule_names: Callable[[str], frozenset[str] | None],
    guess: Callable[[str], str | None] = lambda name: None,
) -> list[Suppression]:
    """Suppressions in ``comments``; ``following_line`` maps a comment's offset to the line of the
    token after it (the line an own-line suppression covers); ``rule_names`` gives the rule names
    a selector (a code, a name or a family) stands for, None when it names no rule; ``guess`` the
    rule a name that is none was probably meant to be."""
    found = []
    for comment in comments:
        match = _DIRECTIVE.search(comment.text)
        if match is None:
            continue
        kind, listed = match.groups()
        if listed is None:  # bare: every rule
            listed = "ALL"
        rules = tuple(part.strip() for part in listed.split(",") if part.strip())
        names: set[str] = set()
        unknown = []
        for selector in rules:
            selected = rule_names(selector)
            if selected is None:
                unknown.append(selector)
            else:
                names.update(selected)
        if kind == "file-ignore":
            scope, line = "file", 0
        elif comment.own_line:
            scope, line = "line", following_line.get(comment.offset, comment.line + 1)
        else:
            scope, line = "line", comment.line
        guesses = {name: guessed for name in unknown if (guessed := guess(name))}
        found.append(Suppression(comment, scope, line, rules, frozenset(names), tuple(unknown), guesses=guesses))
    return found
