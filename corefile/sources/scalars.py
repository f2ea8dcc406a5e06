"""Where each character of a decoded YAML or JSON string sits in the file it came from.

A Corefile inside a manifest is a string: a YAML block scalar (``|``, ``|-``, ``>``), a quoted
or plain YAML scalar, or a JSON string. Findings have offsets into the decoded string; to point
at the manifest's own line and column, each decoded character is mapped back to the file.

The mapping is built by re-reading the scalar's source text the way YAML (or JSON) does and
then *aligning* the result with the value the parser produced. Literal block scalars and JSON
strings map exactly. Folded (``>``) and multi-line quoted or plain scalars map every character
that appears in the source; characters produced by folding (a line break read as a space) map
to that line break, and characters the alignment cannot place map to the nearest earlier
character (:attr:`TextMap.exact` is then False).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

#: One character of the re-read value: (character, start offset, end offset) in the file.
Piece = tuple[str, int, int]

_BREAKS = "\r\n"
_YAML_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0",
    "L": "\u2028", "P": "\u2029",
}
_YAML_HEX = {"x": 2, "u": 4, "U": 8}
_JSON_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


@attrs.frozen
class TextMap:
    """File offsets of each character of a decoded string.

    ``starts[i]``/``ends[i]`` bound the source text that produced character ``i`` (an escape
    such as ``\\n`` spans two file characters); ``end`` is the offset just after the string.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    end: int
    exact: bool = True

    def start_of(self, offset: int) -> int:
        """The file offset of the decoded character at ``offset`` (the end for ``len(value)``)."""
        if offset < len(self.starts):
            return self.starts[max(offset, 0)]
        return self.ends[-1] if self.ends else self.end

    def end_of(self, start: int, end: int) -> int:
        """The file offset just after the decoded range ``[start, end)``."""
        if end <= start or not self.ends:
            return self.start_of(end)
        return self.ends[min(end, len(self.ends)) - 1]


def align(value: str, pieces: Sequence[Piece], fallback: int) -> TextMap:
    """Map ``value`` onto the re-read ``pieces``.

    Equal characters match; a space in the value may stand for a folded line break; line breaks
    the value dropped (folding) are skipped. Anything else is skipped too, but makes the map
    inexact. Characters left over map to the last matched position (or ``fallback``).
    """
    starts: list[int] = []
    ends: list[int] = []
    exact = True
    j = 0
    last = (fallback, fallback)
    for char in value:
        k = j
        while k < len(pieces):
            piece = pieces[k][0]
            if piece == char or (char == " " and piece == "\n"):
                break
            if piece != "\n":
                exact = False
            k += 1
        if k == len(pieces):
            exact = False
            starts.append(last[0])
            ends.append(last[1])
            continue
        _, start, end = pieces[k]
        starts.append(start)
        ends.append(end)
        last = (start, end)
        j = k + 1
    end = pieces[j - 1][2] if 0 < j <= len(pieces) else fallback
    return TextMap(tuple(starts), tuple(ends), end, exact)


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """(line start, content end, next line start) for each line of ``text[start:end]``."""
    lines = []
    position = start
    while position < end:
        newline = text.find("\n", position, end)
        if newline == -1:
            lines.append((position, end, end))
            break
        content_end = newline - 1 if newline > position and text[newline - 1] == "\r" else newline
        lines.append((position, content_end, newline + 1))
        position = newline + 1
    return lines


@attrs.frozen
class BlockLayout:
    """How a block scalar is written: its header line, content indentation and lines."""

    header: str  #: The indicator and its modifiers (``|``, ``|-``, ``>2+``), without comment or tag.
    header_end: int  #: Offset of the line break ending the header line (-1: none).
    indent: int  #: Columns of indentation stripped from each content line.
    explicit_indent: bool  #: The header gives the indentation (``|2``).
    lines: tuple[tuple[int, int, int], ...]  #: (line start, content end, next line start) per line.

    @property
    def chomping(self) -> str:
        """``-`` (strip), ``+`` (keep) or ``""`` (clip)."""
        return "-" if "-" in self.header else "+" if "+" in self.header else ""


def block_layout(text: str, start: int, end: int, parent_indent: int) -> BlockLayout:
    """The layout of the block scalar whose header starts at ``start`` (tag or indicator) and ends at ``end``."""
    header_end = text.find("\n", start, end)
    words = text[start:end if header_end == -1 else header_end].split("#", 1)[0].split()
    header = words[-1] if words else ""
    if header_end == -1:
        return BlockLayout(header, -1, 0, False, ())
    digits = [char for char in header if char.isdigit()]
    minimum = max(parent_indent + 1, 1)
    lines = tuple(_lines(text, header_end + 1, end))
    if digits:
        indent = minimum + int(digits[0]) - 1
    else:
        indent = 0
        for line_start, content_end, _ in lines:
            spaces = len(text[line_start:content_end]) - len(text[line_start:content_end].lstrip(" "))
            indent = max(indent, spaces)
            if text[line_start:content_end].strip(" "):
                break
        indent = max(indent, minimum)
    return BlockLayout(header, header_end, indent, bool(digits), lines)


def block_scalar_map(text: str, start: int, end: int, value: str, parent_indent: int) -> TextMap:
    """Map a ``|`` or ``>`` block scalar whose indicator is at ``start`` and which ends at ``end``.

    ``parent_indent`` is the column (0-based) of the enclosing block collection, -1 at the top
    level; it matters only with an explicit indentation indicator (``|2``).
    """
    layout = block_layout(text, start, end, parent_indent)
    if layout.header_end == -1:
        return align(value, [], start)
    pieces: list[Piece] = []
    for line_start, content_end, _next in layout.lines:
        for offset in range(line_start + layout.indent, content_end):
            pieces.append((text[offset], offset, offset + 1))
        pieces.append(("\n", content_end, content_end + 1))
    return align(value, pieces, layout.header_end + 1)


def flow_scalar_map(text: str, start: int, end: int, value: str, style: str | None) -> TextMap:
    """Map a double-quoted (``"``), single-quoted (``'``) or plain (None) YAML scalar.

    ``start``/``end`` bound the scalar including its quotes. Escapes, ``''`` and line folding
    are read as YAML reads them.
    """
    if style in ('"', "'"):
        start, end = start + 1, end - 1
    pieces: list[Piece] = []
    literal_white: list[bool] = []  # per piece: an unescaped space or tab (stripped before a fold)
    position = start
    while position < end:
        char = text[position]
        if char in _BREAKS:
            while pieces and literal_white[-1]:
                pieces.pop()
                literal_white.pop()
            fold_at = position
            position = _skip_break(text, position)
            blank_breaks: list[int] = []
            while True:
                scan = position
                while scan < end and text[scan] in " \t":
                    scan += 1
                if scan < end and text[scan] in _BREAKS:
                    blank_breaks.append(scan)
                    position = _skip_break(text, scan)
                    continue
                position = scan
                break
            if blank_breaks:
                pieces.extend(("\n", at, at + 1) for at in blank_breaks)
                literal_white.extend(False for _ in blank_breaks)
            else:
                pieces.append(("\n", fold_at, fold_at + 1))  # read as a space by align()
                literal_white.append(False)
            continue
        if style == '"' and char == "\\" and position + 1 < end:
            escape = text[position + 1]
            if escape in _BREAKS:
                position = _skip_break(text, position + 1)
                while position < end and text[position] in " \t":
                    position += 1
                continue
            if escape in _YAML_HEX:
                size = _YAML_HEX[escape]
                digits = text[position + 2:position + 2 + size]
                try:
                    produced = chr(int(digits, 16))
                except ValueError:
                    produced = escape
                    size = 0
                pieces.append((produced, position, position + 2 + size))
                literal_white.append(False)
                position += 2 + size
                continue
            pieces.append((_YAML_ESCAPES.get(escape, escape), position, position + 2))
            literal_white.append(False)
            position += 2
            continue
        if style == "'" and char == "'" and text[position + 1:position + 2] == "'":
            pieces.append(("'", position, position + 2))
            literal_white.append(False)
            position += 2
            continue
        pieces.append((char, position, position + 1))
        literal_white.append(char in " \t")
        position += 1
    return align(value, pieces, start)


def _skip_break(text: str, position: int) -> int:
    if text.startswith("\r\n", position):
        return position + 2
    return position + 1


def json_string_map(text: str, start: int, end: int, value: str) -> TextMap:
    """Map a JSON string whose opening quote is at ``start`` and which ends (after its quote) at ``end``."""
    pieces: list[Piece] = []
    position = start + 1
    stop = end - 1
    while position < stop:
        char = text[position]
        if char == "\\" and position + 1 < stop:
            escape = text[position + 1]
            if escape == "u":
                code = int(text[position + 2:position + 6], 16)
                size = 6
                if 0xD800 <= code < 0xDC00 and text.startswith("\\u", position + 6):
                    low = int(text[position + 8:position + 12], 16)
                    if 0xDC00 <= low < 0xE000:
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        size = 12
                pieces.append((chr(code), position, position + size))
                position += size
                continue
            pieces.append((_JSON_ESCAPES.get(escape, escape), position, position + 2))
            position += 2
            continue
        pieces.append((char, position, position + 1))
        position += 1
    return align(value, pieces, start + 1)
