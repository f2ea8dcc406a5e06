"""The smallest set of line edits that turns one text into another.

Formatting and "fix all" compute a whole new text; sending only the lines that changed keeps
the editor's cursor, marks and undo history where they were on the lines that did not.
"""

from __future__ import annotations

import difflib

from corefile.lint.findings import Edit


def _line_offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    return offsets


def minimal_edits(old: str, new: str) -> list[Edit]:
    """Edits (offsets into ``old``) replacing each run of changed lines, in order."""
    if old == new:
        return []
    old_lines = old.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    old_at = _line_offsets(old_lines)
    new_at = _line_offsets(new_lines)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            edits.append(Edit(None, old_at[i1], old_at[i2], new[new_at[j1]:new_at[j2]]))
    return edits
