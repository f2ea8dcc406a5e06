"""Fixes on the whole corpus: every comment survives, and the result still reads as CoreDNS reads it."""

from __future__ import annotations

import pytest

import corefile
from corefile.core.errors import CorefileSyntaxError
from corefile.lint.config import Config
from corefile.lint.fixes import fix_text
from corefile.lint.linter import lint_text
from tests.conftest import corpus_files, needs_corpus
from tests.test_properties import _comments

pytestmark = needs_corpus


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_fixes_keep_comments_and_leave_a_readable_file(path):
    data = path.read_bytes()
    try:
        tree = corefile.parse(data)
    except CorefileSyntaxError:
        pytest.skip("CoreDNS refuses this file")
    if tree.source.invalid_bytes:
        pytest.skip("not UTF-8")
    text = data.decode()
    config = Config(select=("ALL",))
    result = fix_text(text, lint=lambda t: lint_text(t, filename=str(path), config=config), path=str(path), unsafe=True)
    # Every comment stays; the only comments a fix adds say what the proxy -> forward
    # translation could not carry over.
    added = _comments(result.text)
    for comment in _comments(text):
        assert comment in added, comment
        added.remove(comment)
    assert all(comment.startswith("# proxy: ") for comment in added), added
    corefile.parse(result.text)  # still a Corefile CoreDNS's reader accepts
    assert not [f for f in result.remaining if f.fix is not None and f.fix.safe]
