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
from corefile.sources.errors import InputError
from corefile.sources.inputs import Document, read_data
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


def load_document(
    document: Document,
    *,
    environment: Environment | None = None,
    import_map: Mapping[str, str] | None = None,
    roots: tuple[str, ...] | None = None,
    known_directives: frozenset[str] | None = None,
    unresolved_is_missing: bool = False,
) -> Loaded:
    """Parse and expand one Corefile of an input (a plain file, or a ConfigMap's Corefile whose
    imports read the ConfigMap keys), as CoreDNS reads it."""
    if roots is None:
        folder = document.input.path and os.path.dirname(os.path.abspath(document.input.path))
        roots = (folder,) if folder else ()
    access = FileAccess(roots=roots, import_map=dict(import_map or {}), files=document.files)
    return load_text(
        document.read_by_coredns(),
        filename=document.filename,
        environment=environment,
        access=access,
        coredns_path=document.coredns_path,
        known_directives=known_directives,
        unresolved_is_missing=unresolved_is_missing,
    )


def load(
    path: str | os.PathLike[str],
    *,
    environment: Environment | None = None,
    import_map: Mapping[str, str] | None = None,
    roots: tuple[str, ...] | None = None,
    known_directives: frozenset[str] | None = None,
    unresolved_is_missing: bool = False,
) -> Loaded:
    """Read the Corefile at ``path`` and expand its imports (only under ``roots``, by default its folder).

    A Kubernetes manifest works too: its ConfigMap's Corefile is loaded, with the ConfigMap keys
    (and ``coredns-custom``'s) as the files it may import. A manifest holding no Corefile or
    several raises :class:`~corefile.sources.errors.InputError` (read several with
    :func:`corefile.sources.inputs.read_input` and :func:`load_document`).
    """
    path = os.fspath(path)
    with open(path, "rb") as handle:
        source = read_data(handle.read(), path=path, name=path)
    if len(source.documents) != 1:
        raise InputError(f"{source.name}: holds {len(source.documents)} Corefiles, not one "
                         "(read them with corefile.sources.inputs.read_input and load_document)")
    return load_document(
        source.documents[0],
        environment=environment,
        import_map=import_map,
        roots=roots,
        known_directives=known_directives,
        unresolved_is_missing=unresolved_is_missing,
    )
