"""Offsets in a document's text and LSP positions, both ways.

LSP counts lines split at ``\\n``, ``\\r\\n`` or a lone ``\\r``, and columns in the code units the
client and server agreed on (UTF-16 unless the client offers UTF-8 or UTF-32). The engine counts
0-based character offsets, so every conversion goes through offsets: a lone ``\\r`` (which the
engine's own 1-based lines do not count) still lands on the line the editor shows.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _units(text: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex:
    """Line starts of one text, for converting offsets to positions and back."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [match.end() for match in _LINE_BREAK.finditer(text)]

    def line_end(self, line: int) -> int:
        """The offset where 0-based ``line``'s text ends (before its line break)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1] - 1
            if end > self.starts[line] and self.text[end - 1 : end + 1] == "\r\n":
                end -= 1
            return end
        return len(self.text)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return types.Position(line=line, character=_units(self.text[start:offset], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(max(start, end)))

    def offset(self, position: types.Position) -> int:
        """The offset of an LSP position; positions past a line's end (or the text's) are clamped."""
        if position.line < 0:
            return 0
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.line_end(position.line)
        if self.encoding == types.PositionEncodingKind.Utf32:
            return min(start + max(position.character, 0), end)
        wanted = max(position.character, 0)
        counted = 0
        offset = start
        while offset < end and counted < wanted:
            counted += _units(self.text[offset], self.encoding)
            offset += 1
        return offset
