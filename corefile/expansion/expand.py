"""Expansion: the server blocks CoreDNS would see, after ``import``, snippets and placeholders.

This is CoreDNS's own parsing loop (coredns/caddy ``caddyfile/parse.go``) replayed over our
tokens. It is kept apart from the syntax tree on purpose: CoreDNS splices imported tokens into
one stream, so an import can bring half a block, keys after a trailing comma, or a snippet
whose line numbers change what "same line" means. Only a token-level replay agrees with
CoreDNS on all of that; every token keeps its original :class:`~corefile.syntax.nodes.Word`, so
findings still point at file:line:column, with the chain of imports that brought it.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Mapping

import attrs

from corefile.core.errors import CorefileError, CorefileSyntaxError
from corefile.core.positions import Source, Span
from corefile.expansion.environment import Environment
from corefile.expansion.imports import GLOB_CHARACTERS, BadPattern, FileAccess, Refused
from corefile.syntax._parser import MAX_NESTING
from corefile.syntax.lexer import decode, lex
from corefile.syntax.nodes import Word

#: CoreDNS's limits per read (corefile-syntax notes, section 5.4).
MAX_SNIPPET_IMPORTS = 10_000
MAX_FILE_IMPORTS = 100_000


@attrs.frozen
class Token:
    """One token as CoreDNS's parser holds it: expanded text, plus where it was written."""

    word: Word
    text: str  #: After environment expansion (for tokens CoreDNS expands).
    file: str = ""  #: CoreDNS's file tag: "" for the main file, the absolute path for imported ones.
    via: tuple[Word, ...] = ()  #: The import arguments that brought this token in, outermost first.
    unknown_env: bool = False  #: A placeholder whose variable was not given took part.

    @property
    def value(self) -> str:
        return self.text

    @property
    def line(self) -> int:
        return self.word.line

    @property
    def span(self) -> Span:
        return self.word.span

    @property
    def is_placeholder(self) -> bool:
        return self.unknown_env


@attrs.frozen
class Line:
    """A directive or option line of the expanded file (the catalogue's ``DirectiveLike``)."""

    name: Token
    arguments: tuple[Token, ...]
    block: tuple[Line, ...] | None
    tokens: tuple[Token, ...]  #: Every token of the occurrence, braces and nested lines included.


@attrs.frozen
class EffectiveBlock:
    """A server block as CoreDNS builds it: keys (commas stripped) and directive occurrences."""

    keys: tuple[Token, ...]
    key_texts: tuple[str, ...]
    directives: tuple[Line, ...]  #: Every occurrence, in file order.

    def tokens_by_directive(self) -> dict[str, list[Token]]:
        """CoreDNS's own view: every token of every occurrence, grouped by directive name."""
        grouped: dict[str, list[Token]] = {}
        for line in self.directives:
            grouped.setdefault(line.name.text, []).extend(line.tokens)  # Line.name holds the expanded name
        return grouped


@attrs.frozen
class Notice:
    """Something CoreDNS only logs (an empty import glob) or that we could not check (unresolved import)."""

    code: str
    message: str
    token: Token


@attrs.frozen
class Expansion:
    blocks: tuple[EffectiveBlock, ...]
    notices: tuple[Notice, ...]
    error: CorefileError | None  #: The first error CoreDNS's reader would stop at, if any.
    snippets: Mapping[str, tuple[Token, ...]] = attrs.field(factory=dict)

    @property
    def accepted(self) -> bool:
        return self.error is None


class _Stop(Exception):
    def __init__(self, error: CorefileError) -> None:
        self.error = error


class _Reader:
    """caddyfile's parser state: a token list that imports splice into, and a cursor."""

    def __init__(
        self,
        tokens: list[Token],
        main_path: str,
        access: FileAccess,
        environment: Environment,
        known_directives: frozenset[str] | None,
        unresolved_is_missing: bool = False,
    ) -> None:
        self.unresolved_is_missing = unresolved_is_missing
        self.tokens = tokens
        self.cursor = -1
        self.main_path = main_path
        self.access = access
        self.environment = environment
        self.known_directives = known_directives
        self.snippets: dict[str, list[Token]] = {}
        self.snippet_imports = 0
        self.file_imports = 0
        self.notices: list[Notice] = []
        self.blocks: list[EffectiveBlock] = []
        self._lexed_cache: dict[str, list[Word]] = {}

    # -- the dispenser -------------------------------------------------------------------------
    def next(self) -> bool:
        if self.cursor < len(self.tokens) - 1:
            self.cursor += 1
            return True
        return False

    def current(self) -> Token | None:
        if 0 <= self.cursor < len(self.tokens):
            return self.tokens[self.cursor]
        return None

    def val(self) -> str:
        """The current token's text. Braces and ``import`` are compared on it before expansion:
        CoreDNS expands a directive's argument in place only once it has passed those checks."""
        token = self.current()
        return token.text if token is not None else ""

    def is_new_line(self) -> bool:
        if self.cursor < 1:
            return True
        if self.cursor > len(self.tokens) - 1:
            return False
        previous = self.tokens[self.cursor - 1]
        current = self.tokens[self.cursor]
        if previous.file != current.file:
            return True
        return previous.word.line + previous.text.count("\n") < current.word.line

    def next_arg(self) -> bool:
        if self.cursor + 1 >= len(self.tokens):
            return False
        self.cursor += 1
        if self.is_new_line():
            self.cursor -= 1
            return False
        return True

    def expand(self, token: Token) -> Token:
        text, unknown = self.environment.expand(token.text)
        if text == token.text and not unknown:
            return token
        return attrs.evolve(token, text=text, unknown_env=token.unknown_env or unknown)

    def error(self, message: str, code: str = "syntax-error", token: Token | None = None) -> _Stop:
        token = token or self.current() or (self.tokens[-1] if self.tokens else None)
        if token is None:
            return _Stop(CorefileSyntaxError(message, code=code))
        return _Stop(_positioned(CorefileSyntaxError, message, token, code))

    # -- the parser ------------------------------------------------------------------------------
    def parse_all(self) -> None:
        while self.next():
            self.parse_one()

    def parse_one(self) -> None:
        if not self.tokens:
            return
        keys, key_texts, at_eof = self.addresses()
        if at_eof:
            self._add_block(keys, key_texts, [])
            return
        if len(key_texts) == 1 and key_texts[0].startswith("(") and key_texts[0].endswith(")"):
            self.define_snippet(key_texts[0][1:-1], keys[0])
            return
        directives = self.block_contents()
        self._add_block(keys, key_texts, directives)

    def _add_block(self, keys: list[Token], key_texts: list[str], directives: list[Line]) -> None:
        if key_texts:
            self.blocks.append(EffectiveBlock(tuple(keys), tuple(key_texts), tuple(directives)))

    def addresses(self) -> tuple[list[Token], list[str], bool]:
        keys: list[Token] = []
        key_texts: list[str] = []
        expecting_another = False
        while True:
            token = self.current()
            if token is None:  # an import that brought nothing left the cursor past the end
                text = ""
            else:
                token = self.expand(token)
                text = token.text
            if text == "import" and self.is_new_line():
                self.do_import()
                continue
            if text == "{":
                if expecting_another:
                    raise self.error("Expected another address but had '{' - check for extra comma")
                break
            if text != "":
                if text.endswith(","):
                    text = text[:-1]
                    expecting_another = True
                else:
                    expecting_another = False
                keys.append(token)  # type: ignore[arg-type]  # text is non-empty, so token is set
                key_texts.append(text)
            has_next = self.next()
            if expecting_another and not has_next:
                raise self.error("Unexpected EOF: another address must follow the trailing comma")
            if not has_next:
                return keys, key_texts, True
            if not expecting_another and self.is_new_line():
                break
        return keys, key_texts, False

    def define_snippet(self, name: str, key: Token) -> None:
        if name in self.snippets:
            raise self.error(f"redeclaration of previously declared snippet {name}", "snippet-redeclared", key)
        if self.val() != "{":
            raise self.error(f"Unexpected token '{self.val()}', expecting '{{'", "snippet-syntax")
        nesting = 1
        opening = self.tokens[self.cursor]
        body: list[Token] = []
        while self.next():
            value = self.val()
            if value == "}":
                nesting -= 1
                if nesting == 0:
                    break
            if value == "{":
                nesting += 1
            body.append(self.tokens[self.cursor])
        if nesting != 0:
            raise self.error("Unexpected EOF: the snippet's block is never closed, expecting '}'", "unbalanced-braces")
        # CoreDNS refuses a snippet that plainly imports itself, before any use: an `import NAME`
        # that starts a line of the body (the test the reader uses for an import anywhere). An
        # `import` in the middle of a line is an ordinary word there, so it is no self-import.
        previous = opening
        for index, token in enumerate(body[:-1]):
            starts_line = previous.file != token.file or previous.word.line + previous.text.count("\n") < token.word.line
            previous = token
            if starts_line and token.word.value == "import" and self.environment.expand(body[index + 1].text)[0] == name:
                raise self.error(
                    f"maximum snippet import depth ({MAX_SNIPPET_IMPORTS}) exceeded: snippet {name} imports itself",
                    "import-cycle",
                )
        self.snippets[name] = body

    def block_contents(self) -> list[Line]:
        braced = self.val() == "{"
        opening = self.current()
        if not braced:
            self.cursor -= 1  # a server block without braces: its body starts here
        directives = self.directives()
        if braced and self.val() != "}":
            raise self.error(
                f"this block is never closed: the input ends at '{self.val()}', expecting '}}'",
                "unbalanced-braces",
                opening,
            )
        return directives

    def directives(self) -> list[Line]:
        lines: list[Line] = []
        while self.next():
            value = self.val()
            if value == "}":
                break
            if value == "import":
                self.do_import()
                self.cursor -= 1
                continue
            lines.append(self.directive())
        return lines

    def directive(self) -> Line:
        name_token = self.tokens[self.cursor]
        name = self.environment.expand(name_token.text)[0]
        if self.known_directives is not None and name not in self.known_directives:
            raise self.error(f"Unknown directive '{name}'", "unknown-plugin")
        collected = [name_token]  # CoreDNS keeps the name token's own text; only the grouping key is expanded
        nesting = 0
        open_braces: list[Token] = []
        while self.next():
            value = self.val()
            if value == "{":
                nesting += 1
                open_braces.append(self.tokens[self.cursor])
                if nesting > MAX_NESTING:
                    raise self.error(
                        f"blocks nested deeper than {MAX_NESTING} levels are not supported", "syntax-error"
                    )
            elif self.is_new_line() and nesting == 0:
                self.cursor -= 1
                break
            elif value == "}" and nesting > 0:
                nesting -= 1
                open_braces.pop()
            elif value == "}" and nesting == 0:
                raise self.error(
                    "Unexpected '}' because no matching opening brace: a closing brace must start its own line",
                    "one-line-block",
                )
            elif value == "import" and self.is_new_line():
                self.do_import()
                self.cursor -= 1
                continue
            token = self.expand(self.tokens[self.cursor])
            self.tokens[self.cursor] = token
            collected.append(token)
        if nesting > 0:
            raise self.error(
                "this block is never closed: the input ends first, expecting '}'", "unbalanced-braces", open_braces[-1]
            )
        return _structure(collected, attrs.evolve(name_token, text=name) if name != name_token.text else name_token)

    # -- imports -------------------------------------------------------------------------------------
    def do_import(self) -> None:
        if not self.next_arg():
            raise self.error("Wrong argument count or unexpected line ending after 'import'", "bad-import")
        argument = self.expand(self.tokens[self.cursor])
        pattern = argument.text
        if pattern == "":
            raise self.error("Import requires a non-empty filepath", "bad-import")
        if self.next_arg():
            raise self.error("Import takes only one argument (glob pattern or file)", "bad-import")
        import_at = self.cursor - 1
        via = argument.via + (argument.word,)
        if pattern in self.snippets:
            self.snippet_imports += 1
            if self.snippet_imports > MAX_SNIPPET_IMPORTS:
                raise self.error(f"maximum snippet import depth ({MAX_SNIPPET_IMPORTS}) exceeded", "import-cycle")
            imported = [attrs.evolve(token, via=via) for token in self.snippets[pattern]]
        else:
            imported = self._import_files(pattern, argument, via)
            self.file_imports += 1
            if self.file_imports > MAX_FILE_IMPORTS:
                # CoreDNS's message prints the snippet limit here; the limit really is 100,000.
                raise self.error(f"maximum file import depth ({MAX_SNIPPET_IMPORTS}) exceeded", "import-cycle")
        self.tokens[import_at : self.cursor + 1] = imported
        self.cursor = import_at  # the first imported token (or whatever followed the import)

    def _import_files(self, pattern: str, argument: Token, via: tuple[Word, ...]) -> list[Token]:
        importing_file = argument.file or self.main_path
        if posixpath.isabs(pattern) or os.path.isabs(pattern):
            full = pattern
        else:
            full = posixpath.join(posixpath.dirname(importing_file), pattern)
        if full.count("*") > 1 or full.count("?") > 1 or ("[" in full and "]" in full):
            raise self.error(f"Glob pattern may only contain one wildcard (*), but has others: {full}", "bad-import")
        try:
            matches, resolved = self.access.glob(full)
        except BadPattern as problem:
            raise self.error(f"Failed to use import pattern {pattern}: {problem}", "bad-import") from None
        if not resolved and not self.unresolved_is_missing:
            self.notices.append(
                Notice(
                    "unresolved-import",
                    f"import {pattern} points outside the files this run may read ({full}); "
                    "map it to a local folder with --import-map to check what it brings",
                    argument,
                )
            )
            return []
        if not matches:
            if any(ch in full for ch in GLOB_CHARACTERS):
                self.notices.append(Notice("empty-import-glob", f"No files matching import glob pattern: {pattern}", argument))
                return []
            raise self.error(f"File to import not found: {pattern}", "bad-import", argument)
        imported: list[Token] = []
        not_read: list[str] = []
        for match in matches:
            if match.refused is None and match.is_dir:
                raise self.error(f"Could not import {match.coredns_path}: is a directory", "bad-import", argument)
            try:
                words = self._lex_file(match)
            except Refused as refusal:
                if self.unresolved_is_missing:
                    raise self.error(f"Could not import {match.coredns_path}: not read, {refusal}", "bad-import", argument) from None
                not_read.append(f"{match.coredns_path} ({refusal})")
                continue
            imported.extend(Token(word, word.value, match.coredns_path, via) for word in words)
        if not_read:
            # One notice per import (findings are one per place and rule), naming every file.
            self.notices.append(
                Notice("unresolved-import", f"import {pattern}: not read, so not checked: {'; '.join(not_read)}", argument)
            )
        return imported

    def _lex_file(self, match) -> list[Word]:
        key = match.coredns_path
        cached = self._lexed_cache.get(key)
        if cached is not None:
            return cached
        try:
            data = self.access.read(match)
        except OSError as problem:
            raise self.error(f"Could not import {match.coredns_path}: {problem.strerror}", "bad-import") from None
        text, invalid = decode(data)
        source = Source(text, match.local_path or match.coredns_path, invalid)
        words = lex(source).words
        self._lexed_cache[key] = words
        return words


def _positioned(cls, message: str, token: Token, code: str) -> CorefileError:
    error = cls(message, span=token.word.span, source=token.word.source, code=code)
    error.via = token.via  # type: ignore[attr-defined]
    return error


def _structure(tokens: list[Token], name: Token) -> Line:
    """Split one directive occurrence into name, arguments and a block of option lines."""
    index = 1
    arguments: list[Token] = []
    while index < len(tokens) and tokens[index].word.value != "{":
        arguments.append(tokens[index])
        index += 1
    block = None
    if index < len(tokens):
        block, _ = _block_lines(tokens, index + 1)
    return Line(name, tuple(arguments), block, tuple(tokens))


def _block_lines(tokens: list[Token], index: int) -> tuple[tuple[Line, ...], int]:
    """Lines inside a block starting after its ``{``; returns them and the index after its ``}``."""
    lines: list[Line] = []
    current: list[Token] = []
    nested: tuple[Line, ...] | None = None
    start = index

    def flush() -> None:
        nonlocal current, nested
        if current:
            lines.append(Line(current[0], tuple(current[1:]), nested, tuple(tokens[start:index])))
        current, nested = [], None

    while index < len(tokens):
        token = tokens[index]
        value = token.word.value
        if value == "}":
            flush()
            return tuple(lines), index + 1
        if value == "{":
            nested, index = _block_lines(tokens, index + 1)
            continue
        if current and _starts_line(tokens[index - 1], token):
            flush()
            start = index
        if not current:
            start = index
        current.append(token)
        index += 1
    flush()
    return tuple(lines), index


def _starts_line(previous: Token, token: Token) -> bool:
    if previous.file != token.file:
        return True
    return previous.word.line + previous.text.count("\n") < token.word.line


def expand_words(
    words: Iterable[Word],
    *,
    path: str,
    access: FileAccess | None = None,
    environment: Environment | None = None,
    known_directives: frozenset[str] | None = None,
    unresolved_is_missing: bool = False,
) -> Expansion:
    """Replay CoreDNS's parser over the words of the main file.

    An import that points outside the readable files is a notice by default (we cannot check
    it, the target machine may have it); with ``unresolved_is_missing`` it is treated as CoreDNS
    running here would treat it: a file that does not exist.
    """
    reader = _Reader(
        [Token(word, word.value) for word in words],
        path,
        access or FileAccess(),
        environment or Environment(),
        known_directives,
        unresolved_is_missing,
    )
    error = None
    try:
        reader.parse_all()
    except _Stop as stop:
        error = stop.error
    except CorefileError as problem:  # e.g. an environment loop
        error = problem
    return Expansion(tuple(reader.blocks), tuple(reader.notices), error, dict(reader.snippets))
