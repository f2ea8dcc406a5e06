"""Fixes: text edits that findings carry, and the loop that applies them.

Edits are character offsets into one file's text, so a fix never depends on tree identity.
Helpers here build the common edits so that no fix drops a comment: deleting a line keeps a
comment that sat on it (or inside its block) as an own-line comment in its place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from corefile.expansion.expand import Line, Token
from corefile.lint.findings import Edit, Finding
from corefile.syntax.nodes import Word

MAX_ROUNDS = 10


def in_main_file(token: Token, path: str | None) -> bool:
    """Only text of the linted file itself is fixed (not imported files)."""
    return token.file == "" and token.word.source is not None and token.word.source.path == path


def replace_word(token: Token, replacement: str) -> Edit:
    word = token.word
    return Edit(word.source.path, word.offset, word.end_offset, replacement)


def delete_line(line: Line) -> Edit:
    """Delete a directive or option line (and its block), keeping every comment in it."""
    first, last = line.tokens[0].word, line.tokens[-1].word
    text = first.source.text
    start, end = first.offset, last.end_offset
    line_start = text.rfind("\n", 0, start) + 1
    indent = text[line_start:start]
    if indent.strip():
        line_start, indent = start, ""
    line_end = text.find("\n", end)
    if line_end == -1:
        line_end = len(text)
    rest = text[end:line_end].strip()
    kept = [comment.text for token in line.tokens[1:] for comment in token.word.comments]
    kept += [token.word.glued.text for token in line.tokens if token.word.glued is not None]
    if rest.startswith("#"):
        kept.append(rest)
    elif rest:
        line_end = end  # something else follows on the line: delete only the words
    replacement = "".join(f"{indent}{comment}\n" for comment in kept)
    if line_end < len(text) and text[line_end] == "\n" and (rest.startswith("#") or not rest):
        line_end += 1
    elif kept:
        replacement = replacement.rstrip("\n")
    return Edit(first.source.path, line_start, line_end, replacement)


def insert_after_line(line: Line, text_lines: Sequence[str]) -> Edit:
    """Insert lines after the line (or block) ``line`` ends on, at its indentation."""
    first, last = line.tokens[0].word, line.tokens[-1].word
    text = first.source.text
    line_start = text.rfind("\n", 0, first.offset) + 1
    indent = text[line_start:first.offset] if not text[line_start:first.offset].strip() else ""
    end = text.find("\n", last.end_offset)
    if end == -1:
        return Edit(first.source.path, len(text), len(text), "".join(f"\n{indent}{t}" for t in text_lines))
    return Edit(first.source.path, end + 1, end + 1, "".join(f"{indent}{t}\n" for t in text_lines))


def indent_unit(word: Word) -> str:
    """The indentation one level deeper than ``word``'s line uses (4 spaces, or a tab if tabs)."""
    text = word.source.text
    line_start = text.rfind("\n", 0, word.offset) + 1
    return "\t" if text[line_start:word.offset].startswith("\t") else "    "


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:  # insertions: clash only at the same point or inside
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Apply edits that do not overlap (callers choose them with :func:`_overlap`)."""
    out = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[position:edit.start])
        out.append(edit.replacement)
        position = edit.end
    out.append(text[position:])
    return "".join(out)


@attrs.frozen
class FixResult:
    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]


@attrs.frozen
class FilesFixResult:
    """The texts after fixing (by the path edits name), the findings fixed and those left."""

    texts: dict[str | None, str]
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]


def fix_text(text: str, *, lint, path: str | None, unsafe: bool = False) -> FixResult:
    """Apply fixes to one file until none is left (see :func:`fix_files`)."""
    result = fix_files({path: text}, lint=lambda texts: lint(texts[path]), unsafe=unsafe)
    return FixResult(result.texts[path], result.applied, result.remaining)


def fix_files(texts: dict[str | None, str], *, lint, unsafe: bool = False) -> FilesFixResult:
    """Apply fixes until none is left (or :data:`MAX_ROUNDS`), re-linting after each round.

    ``texts`` are the files that may be edited, by the path their edits name (a Corefile and
    the ConfigMap keys it imports, say); ``lint(texts) -> list[Finding]`` lints them as they
    currently are. A fix is applied whole or not at all: one with an edit in a file outside
    ``texts`` is left alone, and one that overlaps a fix already chosen waits for the next round.
    """
    texts = dict(texts)
    applied: list[Finding] = []
    findings = lint(texts)
    for _ in range(MAX_ROUNDS):
        chosen: list[Edit] = []
        for finding in findings:
            fix = finding.fix
            if fix is None or not (fix.safe or unsafe) or any(edit.path not in texts for edit in fix.edits):
                continue
            if any(_overlap(edit, other) for edit in fix.edits for other in chosen if other.path == edit.path):
                continue
            chosen.extend(fix.edits)
            applied.append(finding)
        if not chosen:
            break
        for path in {edit.path for edit in chosen}:
            texts[path] = apply_edits(texts[path], [edit for edit in chosen if edit.path == path])
        findings = lint(texts)
    return FilesFixResult(texts, tuple(applied), tuple(findings))
