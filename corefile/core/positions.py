"""Positions in source text: one convention, written on the types.

Lines and columns are 1-based (as CoreDNS, Lark and editors count them); offsets are 0-based
character offsets into the decoded text; every ``end`` is exclusive (the first position after).
Conversions between offsets and line/column happen only here, in :class:`Source`.
"""

from __future__ import annotations

from bisect import bisect_right

import attrs


@attrs.frozen
class Position:
    line: int  #: 1-based line number.
    column: int  #: 1-based column, counted in characters.
    offset: int  #: 0-based character offset into the text.


@attrs.frozen
class Span:
    """Where a node sits: from ``start`` up to, not including, ``end``."""

    file: str | None  #: The path the text was read from (None for anonymous text).
    start: Position
    end: Position  #: Exclusive.

    def __str__(self) -> str:
        return f"{self.file or '<string>'}:{self.start.line}:{self.start.column}"


@attrs.define(eq=False, repr=False)
class Source:
    """One decoded text and its name; nodes keep a reference and compute spans lazily from offsets."""

    text: str
    path: str | None = None
    #: Offsets (0-based) of invalid UTF-8 bytes in the original bytes, if the text came from bytes.
    invalid_bytes: tuple[int, ...] = ()
    _line_starts: list[int] | None = attrs.field(default=None, init=False)

    def __repr__(self) -> str:
        return f"Source(path={self.path!r}, {len(self.text)} chars)"

    @property
    def line_starts(self) -> list[int]:
        if self._line_starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        return self._line_starts

    def position(self, offset: int) -> Position:
        """The line/column of a 0-based character offset."""
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return Position(index + 1, offset - starts[index] + 1, offset)

    def span(self, start: int, end: int) -> Span:
        return Span(self.path, self.position(start), self.position(end))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line ending."""
        starts = self.line_starts
        if not 1 <= line <= len(starts):
            return ""
        begin = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[begin:end].rstrip("\r")
