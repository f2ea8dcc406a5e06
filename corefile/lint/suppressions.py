"""Inline suppressions: ``# corefile-lint: ignore[RULE,...]`` and ``file-ignore[RULE,...]``.

``ignore`` at the end of a line covers that line; alone on its line it covers the next line
that holds a token. ``file-ignore`` covers the whole file. Rules are named by name, code,
family prefix or ``ALL``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import attrs

from corefile.lint.findings import Finding
from corefile.syntax.nodes import Comment

_DIRECTIVE = re.compile(r"#\s*corefile-lint:\s*(ignore|file-ignore)\[([^\]]*)\]")


@attrs.define
class Suppression:
    comment: Comment
    scope: str  #: "line" or "file"
    line: int  #: The line it covers (for "line").
    rules: tuple[str, ...]
    names: frozenset[str]  #: Rule names it covers.
    unknown: tuple[str, ...]
    used: bool = False

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
) -> list[Suppression]:
    """Suppressions in ``comments``; ``following_line`` maps a comment's offset to the line of the
    token after it (the line an own-line suppression covers); ``rule_names`` gives the rule names
    a selector (a code, a name or a family) stands for, None when it names no rule."""
    found = []
    for comment in comments:
        match = _DIRECTIVE.search(comment.text)
        if match is None:
            continue
        kind, listed = match.groups()
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
        found.append(Suppression(comment, scope, line, rules, frozenset(names), tuple(unknown)))
    return found
