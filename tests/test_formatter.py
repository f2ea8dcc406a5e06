"""The formatter: canonical layout, meaning kept on every corpus file, comments kept."""

from __future__ import annotations

import pytest

import corefile
from corefile.core.errors import CorefileSyntaxError
from tests.conftest import corpus_files, edge_cases, needs_corpus
from tests.test_properties import _comments, _tokens_without_lines


def test_canonical_layout():
    text = "# top\n.:53 {   # main\n  errors\n\n\n  health {\n lameduck 5s\n  }\n  hosts {\n  10.0.0.1 a\n  } fallthrough\n}\nb, c { whoami\n}\n"
    assert corefile.format(text) == (
        "# top\n.:53 { # main\n    errors\n\n    health {\n        lameduck 5s\n    }\n"
        "    hosts {\n        10.0.0.1 a\n    } fallthrough\n}\n\nb, c {\n    whoami\n}\n"
    )


def test_indent_width_is_configurable():
    assert corefile.format(". {\n log\n}\n", indent=2) == ". {\n  log\n}\n"


def test_refuses_what_coredns_refuses():
    with pytest.raises(CorefileSyntaxError):
        corefile.format(". { whoami }\n")


def test_inline_import_in_a_plugin_block_stays_inline():
    text = "(s) {\n    x\n}\n. {\n    hosts { import s\n    }\n}\n"
    assert "hosts { import s" in corefile.format(text)


def test_lone_quote_at_the_end_stays_last():
    formatted = corefile.format('example.org\nchaos "')
    assert formatted.endswith('chaos "') and _tokens_without_lines(formatted) == _tokens_without_lines('example.org\nchaos "')


@needs_corpus
@pytest.mark.parametrize("path", corpus_files() + [c / "Corefile" for c in edge_cases()], ids=str)
def test_corpus_formats_without_changing_meaning(path):
    data = path.read_bytes()
    try:
        tree = corefile.parse(data)
    except CorefileSyntaxError:
        pytest.skip("CoreDNS refuses this file")
    if tree.source.invalid_bytes:
        pytest.skip("not UTF-8")
    text = data.decode()
    formatted = corefile.format(text)
    assert corefile.format(formatted) == formatted
    assert _tokens_without_lines(formatted) == _tokens_without_lines(text)
    assert _comments(formatted) == _comments(text)
