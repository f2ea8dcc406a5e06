"""The catalogue's cases through the real path: reader, expansion, linter and the CLI's JSON.

Each case's directive is placed in a server block and linted with ``corefile-lint --output-format
json``; the findings of the four setup rules (and the option-history rules) must be exactly the
case's expected rules, as when the catalogue is called directly.
"""

from __future__ import annotations

import json

import pytest

from corefile.cli.main import lint_main

from .cases import CASES, Case, all_cases

SETUP_RULES = {"invalid-arguments", "unknown-option", "invalid-option-value", "missing-argument",
               "removed-option", "deprecated-option"}


@pytest.mark.parametrize(
    ("directive", "case"),
    all_cases(),
    ids=[f"{name}-{index}" for name, cases in CASES.items() for index in range(len(cases))],
)
def test_case_through_the_cli(directive: str, case: Case, tmp_path, capsys) -> None:
    path = tmp_path / "Corefile"
    path.write_text(case.keys + " {\n" + case.text + "\n}\n", encoding="utf-8")
    lint_main(["--isolated", "--no-cache", "--select", "ALL", "--coredns-version", case.version,
               "--output-format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)
    setup = [f for f in findings if f["rule"] in SETUP_RULES]
    described = "\n".join(f"{f['rule']} ({f['severity']}): {f['message']}" for f in findings)
    assert {f["rule"] for f in setup} == case.rules, described
    assert any(f["severity"] == "error" for f in setup) == case.refused, described
