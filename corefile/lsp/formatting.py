"""Document and range formatting, from the formatter ``corefile format`` uses.

The layout is the project's canonical one, not the editor's tab settings, so that a file
formatted in the editor passes ``corefile format --check`` in CI; the indentation width can be
set once for the server (its ``indent`` setting, as ``corefile format --indent``).

A range is formatted by keeping, of the whole document's changes, those that touch the range.
The formatter only moves whitespace, and each kept change is a run of whole lines, so the
words and comments stay the same; that is checked anyway before anything is sent.
"""

from __future__ import annotations

from lsprotocol import types

from corefile.core.errors import CorefileError
from corefile.lint.findings import Edit
from corefile.lint.fixes import apply_edits
from corefile.syntax.formatter import format_text
from corefile.syntax.lexer import lex
from corefile.lsp.analysis import CORFILE, Analysis
from corefile.lsp.edits import minimal_edits
from corefile.core.positions import Source

DEFAULT_INDENT = 4


class CannotFormat(Exception):
    """The document does not parse; the message says where (as ``corefile format`` would)."""


def _formatted_edits(analysis: Analysis, indent: int) -> list[Edit]:
    try:
        formatted = format_text(analysis.text, indent=indent, filename=analysis.path)
    except CorefileError as error:
        raise CannotFormat(str(error)) from None
    return minimal_edits(analysis.text, formatted)


def _to_text_edits(analysis: Analysis, edits: list[Edit]) -> list[types.TextEdit]:
    return [types.TextEdit(range=analysis.index.range(e.start, e.end), new_text=e.replacement) for e in edits]


def format_document(analysis: Analysis, indent: int = DEFAULT_INDENT) -> list[types.TextEdit] | None:
    if analysis.kind != CORFILE:
        return None
    return _to_text_edits(analysis, _formatted_edits(analysis, indent))


def format_range(analysis: Analysis, start: int, end: int, indent: int = DEFAULT_INDENT) -> list[types.TextEdit] | None:
    if analysis.kind != CORFILE:
        return None
    edits = [e for e in _formatted_edits(analysis, indent) if e.start <= end and start <= e.end]
    if not edits or _content(apply_edits(analysis.text, edits)) != _content(analysis.text):
        return []
    return _to_text_edits(analysis, edits)


def _content(text: str) -> tuple:
    """The words and comments of a text, which formatting must leave as they are."""
    lexed = lex(Source(text))
    words = tuple((w.raw, tuple(c.text for c in w.comments), w.glued.text if w.glued else None) for w in lexed.words)
    return words, tuple(c.text for c in lexed.end.comments)
