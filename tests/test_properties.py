"""Properties that must hold for any input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import corefile
from corefile.core.errors import CorefileError
from corefile.core.positions import Source
from corefile.expansion.tokens_view import token_view
from corefile.syntax.lexer import lex
from tests.strategies import corefiles

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _tokens_without_lines(text: str) -> dict:
    view = token_view(corefile.load_text(text))
    view.pop("error")
    for block in view["blocks"]:
        for name, tokens in block["directives"].items():
            block["directives"][name] = [token[0] for token in tokens]
    return view


def _comments(text: str) -> list[str]:
    lexed = lex(Source(text))
    found = [c.text for w in lexed.words for c in w.comments] + [c.text for c in lexed.end.comments]
    found += [w.glued.text for w in lexed.words if w.glued is not None]
    return sorted(c.rstrip() for c in found)


@FAST
@given(corefiles())
def test_printing_a_parsed_file_gives_the_same_text(text):
    try:
        tree = corefile.parse(text)
    except CorefileError:
        return
    assert corefile.dumps(tree) == text


@FAST
@given(st.one_of(st.text(), st.binary(), corefiles()))
def test_reading_never_raises_anything_but_corefile_errors(data):
    try:
        corefile.parse(data)
    except CorefileError as error:
        assert error.line >= 0 and error.message
    loaded = corefile.load_text(data)
    assert loaded.expansion.error is None or isinstance(loaded.expansion.error, CorefileError)
    corefile.lint_text(data)  # the linter never raises either


@FAST
@given(corefiles())
def test_reparsing_printed_trees_gives_equal_trees(text):
    try:
        tree = corefile.parse(text)
    except CorefileError:
        return
    assert corefile.parse(corefile.dumps(tree)) == tree


@FAST
@given(corefiles())
def test_formatting_keeps_tokens_and_comments_and_is_idempotent(text):
    try:
        formatted = corefile.format(text)
    except CorefileError:
        return
    assert corefile.format(formatted) == formatted
    assert _tokens_without_lines(formatted) == _tokens_without_lines(text)
    assert _comments(formatted) == _comments(text)
