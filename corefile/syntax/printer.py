"""Print a tree back to text. Printing is concatenation: ``dumps(parse(text)) == text``."""

from __future__ import annotations

from corefile.syntax.nodes import (
    Block,
    Comment,
    Corefile,
    Directive,
    EndOfFile,
    Import,
    ServerBlock,
    Snippet,
    Word,
)


def dumps(node) -> str:
    """The exact text of ``node`` (a whole :class:`Corefile` or any node inside one)."""
    out: list[str] = []
    _emit(node, out.append)
    return "".join(out)


def _emit(node, write) -> None:
    if isinstance(node, Word):
        for comment in node.comments:
            write(comment.prefix)
            write(comment.text)
        write(node.prefix)
        write(node.raw)
        if node.glued is not None:
            write(node.glued.text)
    elif isinstance(node, Directive):
        for part in node.parts:
            _emit(part, write)
    elif isinstance(node, Import):
        for word in node.words:
            _emit(word, write)
    elif isinstance(node, Block):
        _emit(node.open, write)
        for statement in node.body:
            _emit(statement, write)
        if node.close is not None:
            _emit(node.close, write)
    elif isinstance(node, ServerBlock):
        for key in node.keys:
            _emit(key, write)
        if node.block is not None:
            _emit(node.block, write)
        for statement in node.bare_body:
            _emit(statement, write)
        if node.bare_close is not None:
            _emit(node.bare_close, write)
    elif isinstance(node, Snippet):
        _emit(node.key, write)
        _emit(node.block, write)
    elif isinstance(node, EndOfFile):
        for comment in node.comments:
            write(comment.prefix)
            write(comment.text)
        write(node.prefix)
        write(node.raw)
    elif isinstance(node, Comment):
        write(node.text)
    elif isinstance(node, Corefile):
        if node.bom:
            write("\ufeff")
        for item in node.items:
            _emit(item, write)
        _emit(node.end, write)
    else:
        raise TypeError(f"cannot print {type(node).__name__}")
