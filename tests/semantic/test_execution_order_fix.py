"""The execution-order fix is safe: after it, CoreDNS's reader sees exactly the same chain."""

from __future__ import annotations

import pytest

from corefile.expansion.loader import load_text
from corefile.lint.config import Config
from corefile.lint.linter import lint_text
from corefile.lint.rules import get
from tests.conftest import CORPUS, manifest, needs_corpus

RULE = get("execution-order")


def apply(text: str, findings) -> str:
    edits = sorted((edit for f in findings if f.fix for edit in f.fix.edits), key=lambda e: e.start, reverse=True)
    for edit in edits:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def chain_view(text: str, path: str):
    expansion = load_text(text, filename=path).expansion
    blocks = [
        (block.key_texts, {name: [token.text for token in tokens] for name, tokens in block.tokens_by_directive().items()})
        for block in expansion.blocks
    ]
    return blocks, expansion.error is None


def findings(text: str, path: str):
    return [f for f in lint_text(text, filename=path, config=Config(select=("CH001",))) if f.rule == RULE.name]


@pytest.mark.parametrize("example", [e for e in RULE.bad if e.fixed is not None], ids=lambda e: e.corefile[:30])
def test_documented_fix(example, tmp_path):
    path = str(tmp_path / "Corefile")
    found = findings(example.corefile, path)
    assert all(f.fix is not None and f.fix.safe for f in found)
    assert apply(example.corefile, found) == example.fixed
    assert findings(example.fixed, path) == []


def test_comments_move_with_their_directive(tmp_path):
    text = ". {\n    # the upstream\n    forward . 8.8.8.8 # google\n    # cache first\n    cache 30\n}\n"
    fixed = apply(text, findings(text, str(tmp_path / "Corefile")))
    assert fixed == ". {\n    # cache first\n    cache 30\n    # the upstream\n    forward . 8.8.8.8 # google\n}\n"


def test_no_fix_for_imported_directives(tmp_path):
    (tmp_path / "extra").write_text("forward . 8.8.8.8\n")
    text = ". {\n    import extra\n    cache 30\n    hosts\n}\n"
    path = tmp_path / "Corefile"
    path.write_text(text)
    found = findings(text, str(path))
    assert found and all(f.fix is None for f in found)


@needs_corpus
def test_fix_keeps_every_corpus_chain():
    checked = 0
    for name in [row["file"] for row in manifest() if row["expected"] in ("valid", "deprecated")]:
        path = CORPUS / "files" / name
        text = path.read_bytes().decode("utf-8", "replace")
        found = findings(text, str(path))
        if not any(f.fix for f in found):
            continue
        fixed = apply(text, found)
        assert chain_view(fixed, str(path)) == chain_view(text, str(path)), name
        assert not any(f.fix for f in findings(fixed, str(path))), name
        checked += 1
    assert checked > 50
