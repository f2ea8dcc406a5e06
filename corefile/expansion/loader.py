"""``load``: read a Corefile from disk or text, parse it, and expand it as CoreDNS would."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from corefile.core.errors import CorefileError, CorefileSyntaxError
from corefile.core.positions import Source
from corefile.expansion.environment import Environment
from corefile.expansion.expand import Expansion, expand_words
from corefile.expansion.imports import FileAccess
from corefile.syntax._parser import parse_lexed
from corefile.syntax.lexer import Lexed, decode, lex
from corefile.syntax.nodes import Comment, Corefile


@attrs.frozen
class Loaded:
    """One read of a Corefile: the lossless tree of the file itself and what CoreDNS would see.

    ``tree`` is None when the file itself does not parse (``syntax_error`` says why); the
    expansion is still attempted, since CoreDNS's own reader decides what it accepts.
    """

    source: Source
    tree: Corefile | None
    syntax_error: CorefileSyntaxError | None
    expansion: Expansion
    lexed: Lexed = attrs.field(repr=False, eq=False)

    def comments(self) -> list[Comment]:
        """Every whole comment of the file itself, in order."""
        found = [comment for word in self.lexed.words for comment in word.comments]
        found.extend(self.lexed.end.comments)
        return found

    @property
    def error(self) -> CorefileError | None:
        return self.expansion.error or self.syntax_error


def load_text(
    text: str | bytes,
    *,
    filename: str | None = None,
    environment: Environment | None = None,
    access: FileAccess | None = None,
    coredns_path: str | None = None,
    known_directives: frozenset[str] | None = None,
    unresolved_is_missing: bool = False,
) -> Loaded:
    """Parse and expand ``text``.

    ``filename`` names the text in messages and is the base for relative imports; imports are
    read only through ``access`` (by default: nothing outside the file's own folder).
    ``coredns_path`` is the path CoreDNS would know the file by, when it differs (ConfigMaps).
    """
    decoded, invalid = decode(text)
    source = Source(decoded, filename, invalid)
    lexed = lex(source)
    tree = None
    syntax_error = None
    try:
        tree = parse_lexed(lexed, source)
    except CorefileSyntaxError as problem:
        syntax_error = problem
    if access is None:
        base = os.path.dirname(os.path.abspath(filename)) if filename else None
        access = FileAccess(roots=(base,) if base else ())
    main_path = coredns_path or (os.path.abspath(filename) if filename else "/dev/stdin")
    expansion = expand_words(
        lexed.words,
        path=main_path,
        access=access,
        environment=environment,
        known_directives=known_directives,
        unresolved_is_missing=unresolved_is_missing,
    )
    return Loaded(source, tree, syntax_error, expansion, lexed)


def load(
    path: str | os.PathLike[str],
    *,
    environment: Environment | None = None,
    import_map: Mapping[str, str] | None = None,
    roots: tuple[str, ...] | None = None,
    known_directives: frozenset[str] | None = None,
    unresolved_is_missing: bool = False,
) -> Loaded:
    """Read the Corefile at ``path`` and expand its imports (only under ``roots``, by default its folder)."""
    path = os.fspath(path)
    with open(path, "rb") as handle:
        data = handle.read()
    folder = os.path.dirname(os.path.abspath(path))
    access = FileAccess(roots=roots if roots is not None else (folder,), import_map=dict(import_map or {}))
    return load_text(
        data,
        filename=path,
        environment=environment,
        access=access,
        known_directives=known_directives,
        unresolved_is_missing=unresolved_is_missing,
    )
