"""The syntax tree: frozen attrs nodes, lossless by construction.

Every character of the source belongs to exactly one field: a leaf's ``prefix`` (the whitespace
before it), its ``comments`` (whole comments before it, each with its own prefix), its ``raw``
text, or its ``glued`` comment (``log#x``: CoreDNS drops ``#x`` but keeps reading the line).
Printing is concatenation in document order (see :mod:`corefile.syntax.printer`).

Nodes hold 0-based offsets and a reference to their :class:`~corefile.core.positions.Source`; the
1-based line/column :class:`~corefile.core.positions.Span` is computed on demand, because most
consumers never ask for most spans.
"""

from __future__ import annotations

from typing import Union

import attrs

from corefile.core.positions import Source, Span

_SOURCE = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Comment:
    """A ``#`` comment. ``text`` starts with ``#`` and holds no line break."""

    text: str
    prefix: str = ""  #: Whitespace (and line breaks) between the previous token and the ``#``.
    offset: int = 0
    line: int = 1
    source: Source | None = _SOURCE

    @property
    def span(self) -> Span:
        return _span(self.source, self.offset, self.offset + len(self.text))

    @property
    def own_line(self) -> bool:
        """True when nothing but whitespace precedes the comment on its line."""
        return "\n" in self.prefix or self.offset == len(self.prefix)


@attrs.frozen
class Word:
    """One token as CoreDNS's lexer reads it: a bare word, a quoted string, or a brace.

    ``raw`` is the exact source text (quotes, escapes and stray carriage returns included);
    ``value`` is what CoreDNS sees before environment expansion (quotes removed, ``\\"``
    unescaped, carriage returns outside quotes dropped).
    """

    raw: str
    value: str
    prefix: str = ""
    offset: int = 0
    line: int = 1  #: The line on which the token starts.
    comments: tuple[Comment, ...] = ()  #: Whole comments between the previous token and this one.
    glued: Comment | None = None  #: A ``#...`` cut from the end of this word (CoreDNS ignores it).
    source: Source | None = _SOURCE

    @property
    def quoted(self) -> bool:
        return self.raw[:1] == '"'

    @property
    def end_offset(self) -> int:
        return self.offset + len(self.raw)

    @property
    def span(self) -> Span:
        return _span(self.source, self.offset, self.end_offset)

    @property
    def newlines(self) -> int:
        """Line breaks inside the token (only quoted tokens have any)."""
        return self.value.count("\n") if self.quoted else 0

    @property
    def has_placeholder(self) -> bool:
        """True when the value holds an environment placeholder (``{$X}`` or ``{%X%}``)."""
        return "{$" in self.value or "{%" in self.value


@attrs.frozen
class Block:
    """A ``{ ... }`` block: the statements inside and both braces.

    ``close`` is None only for a server block left open at the end of the file in the one
    layout CoreDNS accepts (its last token closes a directive's block).
    """

    open: Word
    body: tuple[Statement, ...]
    close: Word | None

    @property
    def span(self) -> Span:
        return _span_between(self.open, last_word(self))


@attrs.frozen
class Directive:
    """A plugin line (or an option line inside a plugin's block).

    ``parts`` are the words and blocks in source order: the name, its arguments, and any block.
    CoreDNS allows odd shapes (``} fallthrough`` after a block, a ``{`` on the next line), so the
    general form is kept; ``arguments`` and ``block`` give the usual view.
    """

    parts: tuple[Word | Block, ...]

    @property
    def name(self) -> Word:
        first = self.parts[0]
        return first if isinstance(first, Word) else first.open

    @property
    def words(self) -> tuple[Word, ...]:
        """Name and arguments: the words before the first block."""
        words = []
        for part in self.parts:
            if isinstance(part, Block):
                break
            words.append(part)
        return tuple(words)

    @property
    def arguments(self) -> tuple[Word, ...]:
        return self.words[1:]

    @property
    def block(self) -> Block | None:
        for part in self.parts:
            if isinstance(part, Block):
                return part
        return None

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(part for part in self.parts if isinstance(part, Block))

    @property
    def span(self) -> Span:
        return _span_between(first_word(self), last_word(self))


@attrs.frozen
class Import:
    """An ``import`` line: the keyword and its arguments (CoreDNS wants exactly one)."""

    words: tuple[Word, ...]

    @property
    def keyword(self) -> Word:
        return self.words[0]

    @property
    def arguments(self) -> tuple[Word, ...]:
        return self.words[1:]

    @property
    def span(self) -> Span:
        return _span_between(self.words[0], self.words[-1])


Statement = Union[Directive, Import]


@attrs.frozen
class ServerBlock:
    """A server block: its keys and its body.

    A braced block has ``block``; CoreDNS also reads a block without braces (``block`` is None,
    the statements are in ``body``), which runs to the end of the file or to a ``}`` in
    directive position (kept in ``close``).
    """

    keys: tuple[Word, ...]
    block: Block | None = None
    bare_body: tuple[Statement, ...] = ()
    bare_close: Word | None = None

    @property
    def body(self) -> tuple[Statement, ...]:
        return self.block.body if self.block is not None else self.bare_body

    @property
    def directives(self) -> tuple[Directive, ...]:
        return tuple(s for s in self.body if isinstance(s, Directive))

    @property
    def span(self) -> Span:
        return _span_between(first_word(self), last_word(self))


@attrs.frozen
class Snippet:
    """A snippet definition ``(name) { ... }``; its body is spliced wherever it is imported."""

    key: Word
    block: Block

    @property
    def name(self) -> str:
        return self.key.value[1:-1]

    @property
    def body(self) -> tuple[Statement, ...]:
        return self.block.body

    @property
    def span(self) -> Span:
        return _span_between(self.key, last_word(self))


@attrs.frozen
class EndOfFile:
    """What follows the last token: whitespace, comments, and text CoreDNS ignores (a lone ``"``)."""

    prefix: str = ""
    comments: tuple[Comment, ...] = ()
    raw: str = ""
    offset: int = 0  #: Where the trailing text starts (after the last token).
    source: Source | None = _SOURCE

    @property
    def span(self) -> Span:
        end = len(self.source.text) if self.source is not None else self.offset
        return _span(self.source, self.offset, end)


TopLevel = Union[ServerBlock, Snippet, Import]


@attrs.frozen
class Corefile:
    """A whole file as written (imports not expanded). ``corefile.dumps`` prints it back exactly."""

    items: tuple[TopLevel, ...]
    end: EndOfFile = EndOfFile()
    bom: bool = False  #: The text started with U+FEFF, which CoreDNS drops.
    source: Source | None = _SOURCE

    @property
    def server_blocks(self) -> tuple[ServerBlock, ...]:
        return tuple(item for item in self.items if isinstance(item, ServerBlock))

    @property
    def snippets(self) -> tuple[Snippet, ...]:
        return tuple(item for item in self.items if isinstance(item, Snippet))

    @property
    def imports(self) -> tuple[Import, ...]:
        return tuple(item for item in self.items if isinstance(item, Import))


Node = Union[Corefile, ServerBlock, Snippet, Directive, Import, Block, Word, Comment, EndOfFile]


def iter_words(node: Node):
    """Every word (braces included) under ``node``, in source order."""
    if isinstance(node, Word):
        yield node
    elif isinstance(node, Directive):
        for part in node.parts:
            yield from iter_words(part)
    elif isinstance(node, Import):
        yield from node.words
    elif isinstance(node, Block):
        yield node.open
        for statement in node.body:
            yield from iter_words(statement)
        if node.close is not None:
            yield node.close
    elif isinstance(node, ServerBlock):
        yield from node.keys
        if node.block is not None:
            yield from iter_words(node.block)
        for statement in node.bare_body:
            yield from iter_words(statement)
        if node.bare_close is not None:
            yield node.bare_close
    elif isinstance(node, Snippet):
        yield node.key
        yield from iter_words(node.block)
    elif isinstance(node, Corefile):
        for item in node.items:
            yield from iter_words(item)


def first_word(node: Node) -> Word:
    return next(iter_words(node))


def last_word(node: Node) -> Word:
    word = None
    for word in iter_words(node):
        pass
    assert word is not None
    return word


def _span(source: Source | None, start: int, end: int) -> Span:
    if source is None:
        source = Source("")
    return source.span(start, end)


def _span_between(first: Word, last: Word) -> Span:
    return _span(first.source, first.offset, last.end_offset)
