"""The linter against CoreDNS 1.14.7's own verdict on every corpus file (MANIFEST.tsv `coredns_1_14_7`).

CoreDNS ran its reader, its server-block checks and every plugin's setup on each file, in an empty
environment. The linter must agree: a file CoreDNS accepts gets no error-level finding, a file it
refuses gets at least one. `host-dependent` verdicts come from the machine CoreDNS ran on (a
missing certificate, an unresolvable name, cloud credentials) and say nothing about the text, so
those files are left out of the error check. Where CoreDNS read `{$VAR}` placeholders as empty
("(placeholders empty)"), the file is linted with each of its variables given as empty, as
`--env NAME=` would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corefile.catalogue import PLUGINS
from corefile.lint.config import Config
from corefile.lint.findings import Severity
from corefile.lint.configmap import lint_path
from tests.conftest import CORPUS, manifest, needs_corpus

pytestmark = needs_corpus

DEPRECATION_RULES = {"removed-plugin", "deprecated-plugin", "removed-option", "deprecated-option"}
ROWS = manifest()
_PLACEHOLDER = re.compile(r"\{\$([^}]+)\}|\{%([^}]+?)%\}")


def _lint(row: dict[str, str]):
    path = CORPUS / "files" / row["file"]
    env = {}
    if "(placeholders empty)" in row["coredns_1_14_7"]:
        text = path.read_bytes().decode("utf-8", errors="replace")
        env = {dollar or percent: "" for dollar, percent in _PLACEHOLDER.findall(text)}
    return lint_path(str(path), Config(select=("ALL",), env=env))


def _judged(verdict: str) -> list[dict[str, str]]:
    return [row for row in ROWS if row["coredns_1_14_7"].startswith(verdict)]


def _errors(row):
    return [(f.rule, f.span.start.line, f.message) for f in _lint(row) if f.severity is Severity.ERROR]


@pytest.mark.parametrize("row", _judged("accepted"), ids=lambda row: row["file"][:3])
def test_files_coredns_accepts_get_no_error(row):
    assert _errors(row) == []


@pytest.mark.parametrize("row", _judged("refused"), ids=lambda row: row["file"][:3])
def test_files_coredns_refuses_get_an_error(row):
    assert _errors(row), f"CoreDNS says {row['coredns_1_14_7']}"


def _once_allowed_repeat(finding) -> bool:
    """A duplicate-plugin finding about a plugin that an older release let repeat."""
    if finding.rule != "duplicate-plugin" or finding.span.start.line != finding.span.end.line:
        return False
    line = Path(finding.span.file).read_text(encoding="utf-8").splitlines()[finding.span.start.line - 1]
    name = line[finding.span.start.column - 1 : finding.span.end.column - 1]
    return any(span.mode in ("multi", "last", "first") for span in PLUGINS[name].repeat_history)


@pytest.mark.parametrize("row", [r for r in ROWS if r["expected"] == "deprecated"], ids=lambda row: row["file"][:3])
def test_deprecated_files_get_a_deprecation_finding(row):
    """What an old release accepted is reported as removed or deprecated (or, for a directive that
    could once repeat, as a duplicate)."""
    findings = _lint(row)
    assert {f.rule for f in findings} & DEPRECATION_RULES or any(_once_allowed_repeat(f) for f in findings)


def test_every_verdict_is_one_the_tests_know():
    kinds = {row["coredns_1_14_7"].split(":")[0].split(" (")[0] for row in ROWS}
    assert kinds <= {"accepted", "refused", "host-dependent"}
