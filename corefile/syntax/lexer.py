"""CoreDNS's lexer, reproduced: text in, :class:`~corefile.syntax.nodes.Word` leaves out.

The rules (corefile-syntax notes, section 2) that make this lexer unusual:

* whitespace is Go's ``unicode.IsSpace`` set, but a carriage return is not a separator: outside
  quotes it is dropped wherever it appears, even inside a word (``a\\rb`` reads ``ab``);
* only LF starts a new line; VT, FF, NEL, U+2028/2029 separate words on the same line;
* a ``"`` opens a quoted token only as a token's first character; inside quotes ``\\"`` is a quote
  and every other backslash pair is kept as written; an unterminated quote runs to the end;
* ``#`` where a token would start comments out the rest of the line; in the middle of a word it
  cuts the word and only the rest of *that word* is ignored (``log#x y`` reads ``log y``);
* one U+FEFF at the very start is dropped.

One compiled regular expression finds each token; everything between tokens is whitespace,
kept as the next leaf's ``prefix`` so that printing gives back the exact text.
"""

from __future__ import annotations

import re

import attrs

from corefile.core.positions import Source
from corefile.sources.encoding import decode_utf8
from corefile.syntax.nodes import Comment, EndOfFile, Word

#: Go's unicode.IsSpace, minus the carriage return (which never separates tokens).
SEPARATORS = "\t\n\x0b\x0c \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"

_TOKEN = re.compile(
    rf"""
    (?P<quoted>"(?:[^"\\]|\\[\s\S])*(?:(?P<closed>")|\\?\Z))
    | (?P<comment>\#[^\n]*)
    | (?P<word>[^{SEPARATORS}#"\r][^{SEPARATORS}#]*)(?P<glued>\#[^{SEPARATORS}]*)?
    """,
    re.VERBOSE,
)
_ESCAPE = re.compile(r"\\([\s\S])")


@attrs.frozen
class Lexed:
    """The tokens of one text, the comments and whitespace after the last one, and the BOM flag."""

    words: list[Word]
    end: EndOfFile
    bom: bool


def decode(data: bytes | str) -> tuple[str, tuple[int, ...]]:
    """Decode as CoreDNS does: UTF-8, each invalid byte becoming U+FFFD.

    Returns the text and the byte offsets of the invalid bytes, so that callers can report them.
    """
    if isinstance(data, str):
        return data, ()
    return decode_utf8(data)


def _unquote(raw: str, closed: bool) -> str:
    inner = raw[1:-1] if closed else raw[1:]
    if not closed and inner.endswith("\\") and (len(inner) - len(inner.rstrip("\\"))) % 2:
        inner = inner[:-1]  # a dangling escape at the end of the input produces nothing
    if "\\" in inner:
        inner = _ESCAPE.sub(lambda m: '"' if m.group(1) == '"' else m.group(0), inner)
    return inner


def lex(source: Source) -> Lexed:
    """Split ``source.text`` into words exactly where CoreDNS's lexer does."""
    text = source.text
    bom = text.startswith("\ufeff")
    pos = 1 if bom else 0
    line = 1
    words: list[Word] = []
    append = words.append
    comments: list[Comment] = []
    no_comments: tuple[Comment, ...] = ()
    # Indentation strings repeat on every line: share one object per distinct prefix.
    shared = {}
    share = shared.setdefault
    for match in _TOKEN.finditer(text, pos):
        start = match.start()
        prefix = text[pos:start]
        if len(prefix) < 64:
            prefix = share(prefix, prefix)
        if "\n" in prefix:
            line += prefix.count("\n")
        kind = match.lastgroup
        if kind == "word":
            raw = match.group()
            append(
                Word(
                    raw,
                    raw.replace("\r", "") if "\r" in raw else raw,
                    prefix,
                    start,
                    line,
                    tuple(comments) if comments else no_comments,
                    None,
                    source,
                )
            )
            pos = match.end()
        elif kind == "comment":
            raw = match.group()
            stripped = raw.rstrip("\r")  # the CR of a CRLF ending is whitespace, not comment text
            comments.append(Comment(stripped, prefix, start, line, source))
            pos = start + len(stripped)
            continue
        elif kind == "glued":
            raw = match.group("word")
            glued = Comment(match.group("glued"), "", start + len(raw), line, source)
            value = raw.replace("\r", "") if "\r" in raw else raw
            append(Word(raw, value, prefix, start, line, tuple(comments) if comments else no_comments, glued, source))
            pos = match.end()
        else:
            raw = match.group("quoted")
            closed = match.group("closed") is not None
            value = _unquote(raw, closed)
            if not closed and not value:
                # A lone quote at the very end makes no token in CoreDNS; keep its text.
                return Lexed(words, EndOfFile(prefix, tuple(comments), raw, _trailing_start(comments, start - len(prefix)), source), bom)
            append(Word(raw, value, prefix, start, line, tuple(comments) if comments else no_comments, None, source))
            pos = match.end()
            if "\n" in raw:
                line += raw.count("\n")
        if comments:
            comments = []
    return Lexed(words, EndOfFile(text[pos:], tuple(comments), "", _trailing_start(comments, pos), source), bom)


def _trailing_start(comments: list[Comment], otherwise: int) -> int:
    """Where the text after the last token starts: before its first comment, if any."""
    if comments:
        return comments[0].offset - len(comments[0].prefix)
    return otherwise
