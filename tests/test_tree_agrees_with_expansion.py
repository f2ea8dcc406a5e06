"""The Lark-built tree has CoreDNS's structure: for files without imports or placeholders, the
server blocks and directive groups read off the tree equal the token replay of CoreDNS's parser."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import corefile
from corefile.core.errors import CorefileSyntaxError
from corefile.expansion.tokens_view import token_view
from corefile.syntax.nodes import Block, Directive, Import, iter_words
from tests.conftest import corpus_files, edge_cases, needs_corpus
from tests.strategies import corefiles


def _tree_view(tree) -> list[dict]:
    blocks = []
    for block in tree.server_blocks:
        keys = []
        for word in block.keys:
            text = word.value
            if text.endswith(","):
                text = text[:-1]
            if word.value:
                keys.append(text)
        directives: dict[str, list] = {}
        for statement in block.body:
            assert isinstance(statement, (Directive, Import))
            if isinstance(statement, Directive):
                tokens = [[w.value, w.line, ""] for part in statement.parts for w in iter_words(part)]
                directives.setdefault(statement.name.value, []).extend(tokens)
        if keys:
            blocks.append({"keys": keys, "directives": dict(sorted(directives.items()))})
    return blocks


def _comparable(text: str) -> bool:
    return "import" not in text and "{$" not in text and "{%" not in text


def _check(text: str) -> None:
    try:
        tree = corefile.parse(text)
    except CorefileSyntaxError:
        return
    view = token_view(corefile.load_text(text))
    if view["accepted"]:
        assert _tree_view(tree) == view["blocks"]


@needs_corpus
@pytest.mark.parametrize("path", corpus_files() + [c / "Corefile" for c in edge_cases()], ids=str)
def test_corpus_tree_structure_matches_coredns(path):
    text = path.read_bytes().decode("utf-8", "replace")
    if not _comparable(text):
        pytest.skip("imports or placeholders: structure decided at expansion time")
    _check(text)


@settings(max_examples=200, deadline=None)
@given(corefiles())
def test_generated_tree_structure_matches_coredns(text):
    if _comparable(text):
        _check(text)
