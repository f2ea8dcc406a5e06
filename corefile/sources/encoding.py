"""The bytes of a plain file and the text they hold: encoding, byte order mark, line endings.

CoreDNS reads a Corefile as UTF-8 and replaces each byte that does not decode with U+FFFD;
the lint path reads a file's bytes that way (:func:`decode_utf8`). A command that rewrites a
file must give back the bytes it did not mean to change, so the file's own encoding (UTF-8,
UTF-8 with a BOM, UTF-16 LE or BE with a BOM) and line endings are recorded here and applied
again by :func:`encode`. A file whose bytes do not decode is never rewritten
(:class:`Undecodable`, raised by :meth:`FileText.check_writable`).

Standard library only.
"""

from __future__ import annotations

import codecs
import re

import attrs

from corefile.sources.errors import InputError

UTF8 = "utf-8"
UTF16_LE = "utf-16-le"
UTF16_BE = "utf-16-be"

#: Byte order marks, longest first; the BOM is decoded with the text (as U+FEFF).
_BOMS = ((codecs.BOM_UTF8, UTF8), (codecs.BOM_UTF16_LE, UTF16_LE), (codecs.BOM_UTF16_BE, UTF16_BE))

CRLF = "\r\n"
LF = "\n"
_BARE_LF = re.compile(r"(?<!\r)\n")


class Undecodable(InputError):
    """The file's bytes do not decode in its encoding, so rewriting it would change bytes."""

    def __init__(self, name: str, encoding: str, byte_offset: int, byte: int, line: int, column: int) -> None:
        self.name = name
        self.byte_offset = byte_offset
        self.line = line
        self.column = column
        super().__init__(
            f"{name}:{line}:{column}: byte 0x{byte:02x} at offset {byte_offset} is not valid {_label(encoding)}; "
            "not rewriting a file that does not decode (fix the bytes or re-save it as UTF-8)"
        )


def _label(encoding: str) -> str:
    return {UTF8: "UTF-8", UTF16_LE: "UTF-16 LE", UTF16_BE: "UTF-16 BE"}[encoding]


@attrs.frozen
class FileText:
    """One file's bytes, decoded.

    ``text`` is the file's text in its own encoding, the BOM included as U+FEFF (CoreDNS's
    lexer drops one at the start, and so does ours); bytes that do not decode are U+FFFD, one
    per byte as CoreDNS reads them, and ``invalid`` holds their byte offsets.
    """

    data: bytes = attrs.field(repr=False)
    text: str = attrs.field(repr=False)
    encoding: str
    bom: bool
    invalid: tuple[int, ...] = ()
    name: str = "-"

    @property
    def newline(self) -> str:
        """The file's line ending: that of its first line (CRLF or LF), as black decides."""
        first = self.text.find("\n")
        return CRLF if first > 0 and self.text[first - 1] == "\r" else LF

    @property
    def only_crlf(self) -> bool:
        """Every line ends in CRLF (and there is at least one line break)."""
        return "\n" in self.text and _BARE_LF.search(self.text) is None

    def check_writable(self) -> None:
        """Raise :class:`Undecodable` when the file's bytes do not all decode."""
        if not self.invalid:
            return
        offset = self.invalid[0]
        before = self.data[:offset]
        if self.encoding == UTF8:
            prefix = decode_utf8(before)[0]
        else:
            prefix = before.decode(self.encoding, "replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        raise Undecodable(self.name, self.encoding, offset, self.data[offset], line, column)


def decode_utf8(data: bytes) -> tuple[str, tuple[int, ...]]:
    """Decode as CoreDNS does: UTF-8, each invalid byte becoming U+FFFD; also their byte offsets."""
    invalid: list[int] = []

    def replace_each_byte(error: UnicodeDecodeError) -> tuple[str, int]:
        # Go's decoder replaces every invalid byte on its own (Python's "replace" would merge
        # a truncated sequence into one U+FFFD), so step over exactly one byte at a time.
        invalid.append(error.start)
        return "\ufffd", error.start + 1

    handler = "corefile-each-byte"
    codecs.register_error(handler, replace_each_byte)
    return data.decode("utf-8", errors=handler), tuple(invalid)


def read_bytes(data: bytes, name: str = "-") -> FileText:
    """Decode a file's bytes in the encoding its BOM names (UTF-8 when there is none)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            break
    else:
        bom, encoding = b"", UTF8
    if encoding == UTF8:
        text, invalid = decode_utf8(data)
        return FileText(data, text, UTF8, bool(bom), invalid, name)
    invalid_at: list[int] = []

    def note(error: UnicodeDecodeError) -> tuple[str, int]:
        invalid_at.append(error.start)
        return "\ufffd", error.end

    handler = "corefile-note-invalid"
    codecs.register_error(handler, note)
    text = data.decode(encoding, errors=handler)
    return FileText(data, text, encoding, True, tuple(invalid_at), name)


def encode(text: str, like: FileText, *, newlines: str = "keep") -> bytes:
    """``text`` as bytes in ``like``'s encoding and BOM.

    ``newlines``: ``"keep"`` leaves line endings as they are in ``text``; ``"file"`` makes
    every bare LF the file's own line ending when the file used CRLF throughout;
    ``"first"`` makes every line end as the file's first line did (the formatter's choice).
    """
    if like.bom and not text.startswith("\ufeff"):
        text = "\ufeff" + text
    if newlines == "first" and like.newline == CRLF or newlines == "file" and like.only_crlf:
        text = _BARE_LF.sub(CRLF, text)
    return text.encode(like.encoding)


def crlf_lines(text: str) -> str:
    """Every bare LF of ``text`` as CRLF (for text inserted into a CRLF file)."""
    return _BARE_LF.sub(CRLF, text)
