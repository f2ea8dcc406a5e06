"""Lossless: printing an unchanged tree gives back the exact text, on every corpus file."""

from __future__ import annotations

import pytest

import corefile
from corefile.core.errors import CorefileSyntaxError
from tests.conftest import corpus_files, edge_cases, needs_corpus

SAMPLES = [
    ". {\n    whoami\n}\n",
    "\ufeff. {\r\n    forward . 1.1.1.1 # upstream\r\n\tlog#x y   \r\n}\r\n",
    '. {\n    log . "{remote} \\"x\\" \\\\"\n    template ANY ANY {\n        answer "multi\nline"\n    }\n}\n',
    "# only a comment",
    "(s) {\n    log\n}\n\n\nexample.org example.net,\n  other.example {\n    import s\n}   # trailing\n",
    'example.org\nwhoami\n}\nexample.net {\n}\n"',
    "",
    "   \n\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_samples_round_trip(text):
    assert corefile.dumps(corefile.parse(text)) == text


@needs_corpus
@pytest.mark.parametrize("path", corpus_files() + [case / "Corefile" for case in edge_cases()], ids=str)
def test_corpus_round_trips(path):
    data = path.read_bytes()
    try:
        tree = corefile.parse(data, filename=str(path))
    except CorefileSyntaxError:
        pytest.skip("CoreDNS refuses this file too")
    assert corefile.dumps(tree) == data.decode("utf-8", "replace") or tree.source.invalid_bytes
    if not tree.source.invalid_bytes:
        assert corefile.dumps(tree).encode("utf-8") == data
