"""``parse``: text or bytes in, a lossless :class:`~corefile.syntax.nodes.Corefile` out."""

from __future__ import annotations

from corefile.core.positions import Source
from corefile.syntax._parser import no_cyclic_gc, parse_lexed
from corefile.syntax.lexer import decode, lex
from corefile.syntax.nodes import Corefile


def parse(text: str | bytes, *, filename: str | None = None) -> Corefile:
    """Read a Corefile exactly as CoreDNS's reader does, keeping every character.

    Imports are not expanded (see :func:`corefile.load`). Raises
    :class:`~corefile.core.errors.CorefileSyntaxError` (with file, line and column) where CoreDNS's
    reader would refuse the text. Bytes are decoded as UTF-8 with each invalid byte read as
    U+FFFD, as CoreDNS does; their offsets are kept on ``tree.source.invalid_bytes``.
    """
    decoded, invalid = decode(text)
    source = Source(decoded, filename, invalid)
    with no_cyclic_gc():
        return parse_lexed(lex(source), source)
