"""Every rule's documented examples, run: bad ones report exactly there, good ones report nothing."""

from __future__ import annotations

import pytest

from corefile.core.versions import Version
from corefile.lint.config import Config
from corefile.lint.fixes import fix_text
from corefile.lint.linter import lint_text
from corefile.lint.rules import all_rules
from tests.test_properties import _comments

CASES = [
    pytest.param(rule, example, id=f"{rule.name}-{kind}{index}")
    for rule in all_rules()
    for kind, examples in (("bad", rule.bad), ("good", rule.good))
    for index, example in enumerate(examples)
]


def _findings(rule, example, tmp_path):
    for name, text in example.files:
        (tmp_path / name).write_text(text, encoding="utf-8")
    path = tmp_path / "Corefile"
    path.write_bytes(example.corefile.encode("utf-8"))
    version = Version.parse(example.coredns_version) if example.coredns_version else None
    config = Config(select=("ALL",), **({"coredns_version": version} if version else {}))
    return [f for f in lint_text(example.corefile, filename=str(path), config=config) if f.rule == rule.name]


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_example(rule, example, tmp_path):
    found = sorted((f.span.start.line, f.span.start.column) for f in _findings(rule, example, tmp_path))
    assert found == sorted(example.expect)


FIXED = [
    pytest.param(rule, example, id=f"{rule.name}-fix{index}")
    for rule in all_rules()
    for index, example in enumerate(rule.bad)
    if example.fixed is not None
]


@pytest.mark.parametrize(("rule", "example"), FIXED)
def test_rule_fix_gives_the_documented_text(rule, example, tmp_path):
    path = str(tmp_path / "Corefile")
    version = Version.parse(example.coredns_version) if example.coredns_version else None
    config = Config(select=(rule.name,), **({"coredns_version": version} if version else {}))
    result = fix_text(example.corefile, lint=lambda text: lint_text(text, filename=path, config=config), path=path, unsafe=True)
    assert result.text == example.fixed
    assert not [f for f in result.remaining if f.rule == rule.name]
    assert _comments(result.text) == _comments(example.corefile)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.name)
def test_rule_is_documented(rule):
    doc = rule.__doc__ or ""
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead", "## Fix safety"):
        assert section in doc, f"{rule.name} lacks {section}"
    assert rule.bad or rule.name in {"invalid-utf8", "environment-loop"}, "every rule shows a failing example"
