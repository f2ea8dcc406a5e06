"""Document symbols (server blocks, snippets, imports, directives, options) and go to definition
(``import NAME`` to the snippet, ``import FILE`` to each file it reads).

Imports are resolved as the engine resolves them for the linter: relative to the document's
folder with CoreDNS's glob rules, through the configuration's ``import-map``, and only where the
linter may read.
"""

from __future__ import annotations

import os
import posixpath

from lsprotocol import types

from corefile.expansion.imports import BadPattern
from corefile.syntax.lexer import lex
from corefile.lint.linter import access_for, environment_for
from corefile.lsp.analysis import CORFILE, Analysis
from corefile.lsp.positions import LineIndex
from corefile.lsp.outline import DIRECTIVE, IMPORT, OPTION, SERVER, SNIPPET, Entry
from corefile.lsp.uris import path_to_uri

_KINDS = {
    SERVER: types.SymbolKind.Namespace,
    SNIPPET: types.SymbolKind.Function,
    IMPORT: types.SymbolKind.File,
    DIRECTIVE: types.SymbolKind.Module,
    OPTION: types.SymbolKind.Property,
}


def document_symbols(analysis: Analysis) -> list[types.DocumentSymbol] | None:
    if analysis.kind != CORFILE or analysis.outline is None:
        return None
    return [_symbol(analysis, entry) for entry in analysis.outline.entries if entry.words]


def _symbol(analysis: Analysis, entry: Entry) -> types.DocumentSymbol:
    if entry.kind == SERVER:
        name = " ".join(word.value.rstrip(",") for word in entry.words)
        detail = None
    else:
        name = entry.name
        detail = " ".join(word.value for word in entry.words[1:]) or None
    head = entry.words[0]
    children = [_symbol(analysis, child) for child in entry.children if child.words]
    return types.DocumentSymbol(
        name=name or "(empty)",
        detail=detail,
        kind=_KINDS[entry.kind],
        range=analysis.index.range(entry.start, entry.end),
        selection_range=analysis.index.range(head.offset, head.end_offset),
        children=children or None,
    )


def definition(analysis: Analysis, offset: int) -> list[types.Location] | None:
    if analysis.kind != CORFILE or analysis.outline is None:
        return None
    word = analysis.outline.word_at(offset)
    entry = analysis.outline.entry_of(word) if word is not None else None
    if entry is None or entry.kind != IMPORT or len(entry.words) != 2 or word is not entry.words[1]:
        return None
    pattern, _unknown = environment_for(analysis.config).expand(word.value)
    found = _snippet_definition(analysis, pattern)
    if found is not None:
        return [found]
    return _imported_files(analysis, pattern)


def _snippet_definition(analysis: Analysis, name: str) -> types.Location | None:
    for entry in analysis.outline.snippets():
        if entry.name == f"({name})":
            return types.Location(uri=analysis.uri, range=analysis.index.range(entry.head.offset, entry.head.end_offset))
    tokens = analysis.loaded.expansion.snippets.get(name) if analysis.loaded is not None else None
    if not tokens:
        return None
    source = tokens[0].word.source  # a snippet defined in an imported file: find its `(name)` there
    if source is None or not source.path:
        return None
    for candidate in lex(source).words:
        if candidate.value == f"({name})":
            where = LineIndex(source.text, analysis.index.encoding).range(candidate.offset, candidate.end_offset)
            return types.Location(uri=path_to_uri(source.path), range=where)
    return None


def _imported_files(analysis: Analysis, pattern: str) -> list[types.Location] | None:
    if analysis.path is None:
        return None
    importing = os.path.abspath(analysis.path)
    full = pattern if posixpath.isabs(pattern) else posixpath.join(posixpath.dirname(importing), pattern)
    try:
        matches, _resolved = access_for(analysis.path, analysis.config).glob(full)
    except BadPattern:
        return None
    start = types.Position(line=0, character=0)
    return [
        types.Location(uri=path_to_uri(match.local_path), range=types.Range(start=start, end=start))
        for match in matches
        if match.local_path is not None and not match.is_dir
    ] or None
