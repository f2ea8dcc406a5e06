"""The parser boundary: the only module that knows Lark.

CoreDNS's reader is line-sensitive in ways a context-free grammar over characters cannot state
cleanly (a directive ends at the first token on a new line; a trailing comma continues the key
list; ``{`` is a brace only as a whole token; ``. { whoami }`` is refused but ``. { }`` is not).
So parsing happens in two steps:

1. :func:`_runs` (the thin layer) walks the lexer's words once and emits one Lark token per *run*:
   a brace, or the words of one line between braces, typed by how the run starts (a new line, a
   new line after a trailing comma, the same line, an ``import`` line). Few tokens reach Lark:
   roughly one per line, not one per word.
2. Lark's LALR parser checks those runs against ``grammar/corefile.lark`` and, through inline
   callbacks (no intermediate Lark tree), builds the :mod:`corefile.syntax.nodes` tree directly.

Lark types and exceptions never leave this module: errors become
:class:`~corefile.core.errors.CorefileSyntaxError` with a span.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
from importlib import resources
from pathlib import Path

import lark
from lark.lexer import Lexer as _LarkLexer

from corefile.core.errors import CorefileSyntaxError
from corefile.core.positions import Source
from corefile.syntax.lexer import Lexed
from corefile.syntax.nodes import (
    Block,
    Corefile,
    Directive,
    Import,
    ServerBlock,
    Snippet,
    Statement,
    Word,
)

_GRAMMAR = "corefile.lark"
#: Deeper nesting is refused with a clear error rather than risking Python's recursion limit
#: in the code that walks the tree (real Corefiles nest two or three levels).
MAX_NESTING = 200


def _grammar_text() -> str:
    packaged = resources.files("corefile").joinpath("grammar", _GRAMMAR)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # An editable checkout: the grammar lives at the top of the repository (the wheel maps it in).
    return (Path(__file__).resolve().parents[2] / "grammar" / _GRAMMAR).read_text(encoding="utf-8")


class _RunStream(_LarkLexer):
    """Hands Lark the runs prepared by :func:`_runs`; Lark does no lexing of its own."""

    __future_interface__ = 2

    def __init__(self, lexer_conf) -> None:  # noqa: D107 - Lark's constructor protocol
        pass

    def lex(self, lexer_state, parser_state):
        return iter(lexer_state.text)


def _words(token) -> list[Word]:
    return token.value


class _Builder(lark.Transformer):
    """Inline callbacks: Lark runs them as it reduces, so no Lark tree is ever built."""

    def start(self, children):
        return children[:-1]  # drop EOF

    def keys(self, children):
        keys: list[Word] = []
        for token in children:
            keys.extend(_words(token))
        return tuple(keys)

    def server_block(self, children):
        if len(children) == 1:
            keys, body = (), children[0]
        else:
            keys, body = children
        if isinstance(body, Block):
            _check_keys_before_brace(keys, body.open)
            if len(keys) == 1 and _is_snippet_key(keys[0]):
                return Snippet(keys[0], body)
            return ServerBlock(keys, body)
        statements, close = body
        if len(keys) == 1 and _is_snippet_key(keys[0]):
            first = _first_word_of(statements[0]) if statements else close
            raise _error(f"Unexpected token '{first.value}', expecting '{{'", first, "snippet-syntax")
        return ServerBlock(keys, None, statements, close)

    def keys_only(self, children):
        (keys,) = children
        if keys[-1].value.endswith(","):
            raise _error("Unexpected EOF: another address must follow the trailing comma", keys[-1], "syntax-error")
        return ServerBlock(keys)

    def open_server(self, children):
        keys: tuple[Word, ...] = ()
        if isinstance(children[0], tuple):
            keys, *children = children
        open_token, *items = children
        open_brace = _words(open_token)[0]
        statements = tuple(items)
        if _last_token(statements[-1]).value != "}":
            raise _error(
                "Unexpected EOF: the block opened here is never closed, expecting '}'", open_brace, "unbalanced-braces"
            )
        _check_keys_before_brace(keys, open_brace)
        block = Block(open_brace, statements, None)
        if len(keys) == 1 and _is_snippet_key(keys[0]):
            return Snippet(keys[0], block)
        return ServerBlock(keys, block)

    def braced(self, children):
        open_brace, *items, close = children
        return Block(_words(open_brace)[0], tuple(items), _words(close)[0])

    def bare_body(self, children):
        close = None
        if isinstance(children[-1], _Run):
            close = _words(children[-1])[0]
            children = children[:-1]
        return tuple(children), close

    def directive(self, children):
        parts: list[Word | Block] = []
        for child in children:
            if isinstance(child, _Run):
                parts.extend(_words(child))
            else:
                parts.append(child)
        if parts[0].value == "import":
            return Import(tuple(parts))  # type: ignore[arg-type]
        return Directive(tuple(parts))

    directive_inline = directive

    def block(self, children):
        open_brace, *items, close = children
        statements: list[Statement] = []
        current: list[Word | Block] | None = None
        at_line_start = False
        for item in items:
            starts_line = isinstance(item, _Run) and item.type in ("LINE", "CONT", "IMPORT")
            if current is None or starts_line:
                if current:
                    statements.append(_statement(current, at_line_start))
                current = []
                at_line_start = starts_line
            if isinstance(item, _Run):
                current.extend(_words(item))
            else:
                current.append(item)
        if current:
            statements.append(_statement(current, at_line_start))
        return Block(_words(open_brace)[0], tuple(statements), _words(close)[0])

    def import_stmt(self, children):
        return Import(tuple(_words(children[0])))


def _statement(parts: list[Word | Block], at_line_start: bool) -> Statement:
    """A line inside a directive's block; ``import`` there counts only first on its line."""
    first = parts[0]
    if at_line_start and isinstance(first, Word) and first.value == "import" and all(isinstance(p, Word) for p in parts):
        return Import(tuple(parts))  # type: ignore[arg-type]
    return Directive(tuple(parts))


def _first_word_of(statement: Statement) -> Word:
    first = statement.parts[0] if isinstance(statement, Directive) else statement.words[0]
    return first if isinstance(first, Word) else first.open


def _last_token(node) -> Word:
    if isinstance(node, Import):
        return node.words[-1]
    if isinstance(node, Block):
        return node.close if node.close is not None else _last_token(node.body[-1])
    last = node.parts[-1]
    return last if isinstance(last, Word) else _last_token(last)


def _is_snippet_key(key: Word) -> bool:
    return len(key.value) >= 2 and key.value[0] == "(" and key.value[-1] == ")"


def _check_keys_before_brace(keys: tuple[Word, ...], open_brace: Word) -> None:
    if keys and keys[-1].value.endswith(","):
        raise _error(
            "Expected another address but had '{' - check for extra comma", open_brace, "syntax-error"
        )


def _error(message: str, word: Word, code: str) -> CorefileSyntaxError:
    return CorefileSyntaxError(message, span=word.span, source=word.source, code=code)


@contextlib.contextmanager
def no_cyclic_gc():
    """Pause the cyclic garbage collector while a tree is built.

    A tree is hundreds of thousands of small acyclic objects; every allocation burst would
    otherwise trigger full collections that scan them all again (a third of the parse time on a
    5 MB file) and free nothing. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _table_cache(grammar: str) -> str | bool:
    """Where Lark may keep the built parse table between runs (a third of a cold start).

    A file in the user's own cache folder, named by Lark's version and the grammar's hash, so a
    changed grammar never meets a stale table; never the shared temporary folder, whose files
    another user could plant. False (no caching) when the folder cannot be created or
    ``COREFILE_NO_CACHE`` is set.
    """
    if os.environ.get("COREFILE_NO_CACHE"):
        return False
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "corefile"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    digest = hashlib.sha256(grammar.encode()).hexdigest()[:16]
    return str(folder / f"lark-{lark.__version__}-{digest}.parser")


@functools.cache
def _lark() -> lark.Lark:
    grammar = _grammar_text()
    return lark.Lark(
        grammar,
        parser="lalr",
        lexer=_RunStream,
        transformer=_Builder(),
        maybe_placeholders=False,
        cache=_table_cache(grammar),
    )


class _Run:
    """A Lark token without Lark's constructor cost: Lark's parser only reads ``type``."""

    __slots__ = ("type", "value")
    # Lark borrows these for its end-of-input token and its error objects.
    start_pos = line = column = end_line = end_column = end_pos = None

    def __init__(self, kind: str, words: list[Word]) -> None:
        self.type = kind
        self.value = words


def _runs(words: list[Word]) -> list[_Run]:
    """The thin layer: one Lark token per brace or per run of same-line words, typed by position.

    A word starts a new line exactly when a line feed separates it from the previous token
    (CoreDNS compares start lines plus the line feeds inside the previous token; the text
    between two tokens holds the same line feeds), so the check is on the word's prefix.
    """
    tokens: list[_Run] = []
    append = tokens.append
    run: list[Word] | None = None
    new_line = True
    after_comma = False
    depth = 0
    for word in words:
        value = word.value
        if tokens:
            new_line = "\n" in word.prefix
        if value == "{":
            depth += 1
            if depth > MAX_NESTING:
                raise _error(f"blocks nested deeper than {MAX_NESTING} levels are not supported", word, "syntax-error")
            run = None
            append(_Run("OPEN_NL" if new_line else "OPEN", [word]))
            after_comma = False
            continue
        if value == "}":
            depth = max(0, depth - 1)
            run = None
            if not new_line:
                kind = "CLOSE"
            else:
                kind = "CLOSE_CONT" if after_comma else "CLOSE_NL"
            append(_Run(kind, [word]))
            after_comma = False
            continue
        if run is not None and not new_line:
            run.append(word)
        else:
            if not new_line:
                kind = "MORE"
            elif after_comma:
                kind = "CONT"
            elif value == "import":
                kind = "IMPORT"
            else:
                kind = "LINE"
            run = [word]
            append(_Run(kind, run))
        after_comma = value[-1:] == ","
    append(_Run("EOF", [words[-1]] if words else []))
    return tokens


def parse_lexed(lexed: Lexed, source: Source) -> Corefile:
    """Parse the words of one file into a :class:`~corefile.syntax.nodes.Corefile` (no import expansion)."""
    try:
        tokens = _runs(lexed.words)
        with no_cyclic_gc():
            items = _lark().parse(tokens)
    except lark.exceptions.UnexpectedToken as error:
        raise _unexpected(error, lexed, source) from None
    except lark.exceptions.VisitError as error:  # an error raised by a builder callback
        if isinstance(error.orig_exc, CorefileSyntaxError):
            raise error.orig_exc from None
        raise
    return Corefile(tuple(items), lexed.end, lexed.bom, source)


def _unexpected(error: lark.exceptions.UnexpectedToken, lexed: Lexed, source: Source) -> CorefileSyntaxError:
    token = error.token
    kind = token.type
    words = token.value
    if kind == "EOF" or kind == "$END":
        where = words[0] if words else None
        message = "Unexpected EOF: a block is still open, expecting '}'"
        if where is None:
            return CorefileSyntaxError(message, source=source, code="unbalanced-braces")
        return _error(message, where, "unbalanced-braces")
    word = words[0]
    if kind == "CLOSE":
        same_line_open = any(
            w.value == "{" and w.line == word.line and w.offset < word.offset for w in lexed.words
        )
        code = "one-line-block" if same_line_open else "unbalanced-braces"
        return _error(
            "Unexpected '}' because no matching opening brace: a closing brace must start its own line",
            word,
            code,
        )
    if kind in ("OPEN", "OPEN_NL"):
        return _error("Unexpected '{': a block must follow a directive or a server block's keys", word, "unbalanced-braces")
    return _error(f"Unexpected token '{word.value}'", word, "syntax-error")
