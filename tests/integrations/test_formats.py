"""Every output format against its specification: SARIF 2.1.0, GitHub workflow commands, JUnit XML,
GitLab Code Quality, JSON lines; plus colours, exit codes, stdin and --output-file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from corefile.core.positions import Position, Source, Span
from corefile.lint.findings import Finding, Severity
from corefile.report.formats import github_data, github_property, render

from .conftest import FIXTURES, RULES, line_of

BAD = ". {\n    proxy . 1.1.1.1\n    bogus\n}\n"
CLEAN = ". {\n    forward . 1.1.1.1\n}\n"


@pytest.fixture
def corefiles(tmp_path, monkeypatch):
    """A folder with a bad and a clean Corefile; the current folder is tmp_path (paths relative)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "Corefile").write_text(BAD)
    (tmp_path / "conf" / "clean.corefile").write_text(CLEAN)
    return tmp_path


def finding(message: str, severity=Severity.ERROR, file="a,b:c.corefile") -> Finding:
    span = Span(file, Position(2, 5, 7), Position(2, 10, 12))
    return Finding(rule="removed-plugin", code="PL010", severity=severity, message=message, span=span)


# --- SARIF ------------------------------------------------------------------------------------


def test_sarif_has_what_github_code_scanning_requires(cli, corefiles):
    status, out, _err = cli("--output-format", "sarif", "conf")
    assert status == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "corefile-lint"
    assert driver["informationUri"].startswith("https://")
    assert driver["version"]
    rules = driver["rules"]
    assert [rule["id"] for rule in rules] == ["PL001", "PL010"]
    for rule in rules:
        assert rule["name"] in ("unknown-plugin", "removed-plugin")
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["helpUri"] == f"docs/rules/{rule['name']}.md"
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    assert len(results) == 2
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] == "error"
        assert result["message"]["text"]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "conf/Corefile"
        region = physical["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert region["startLine"] in (2, 3) and region["startColumn"] == 5
        assert region["endColumn"] > region["startColumn"]


def test_sarif_levels_and_absolute_paths_outside_the_folder(tmp_path):
    outside = os.path.join(os.path.dirname(os.getcwd()), "elsewhere", "Corefile")
    log = json.loads(render("sarif", [finding("m", Severity.INFO, outside)], {}))
    result = log["runs"][0]["results"][0]
    assert result["level"] == "note"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")


# --- GitHub -----------------------------------------------------------------------------------


def test_github_workflow_commands(cli, corefiles):
    status, out, _err = cli("--output-format", "github", "conf")
    assert status == 1
    lines = out.splitlines()
    line, column = line_of(BAD, "proxy")
    assert f"::error file=conf/Corefile,line={line},col={column},endLine={line},endColumn={column + 5}," \
           f"title=PL010 removed-plugin::`proxy` was removed" in lines[0]
    assert all(item.startswith("::error ") for item in lines)


def test_github_escaping():
    assert github_data("100% sure\r\nnext: a,b") == "100%25 sure%0D%0Anext: a,b"
    assert github_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    out = render("github", [finding("50% off\nsecond line: yes", Severity.INFO)], {})
    assert out == (
        "::notice file=a%2Cb%3Ac.corefile,line=2,col=5,endLine=2,endColumn=10,title=PL010 removed-plugin"
        "::50%25 off%0Asecond line: yes\n"
    )
    assert render("github", [finding("w", Severity.WARNING)], {}).startswith("::warning ")


# --- JUnit ------------------------------------------------------------------------------------


def test_junit_is_well_formed_with_a_suite_per_file(cli, corefiles):
    status, out, _err = cli("--output-format", "junit", "conf")
    assert status == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {"conf/Corefile", "conf/clean.corefile"}
    bad = suites["conf/Corefile"]
    assert bad.get("tests") == "2" and bad.get("failures") == "2"
    failures = [case.find("failure") for case in bad.findall("testcase")]
    assert all(failure is not None and failure.get("message") for failure in failures)
    clean = suites["conf/clean.corefile"]
    assert clean.get("failures") == "0"
    [case] = clean.findall("testcase")
    assert case.find("failure") is None
    assert root.get("tests") == "3" and root.get("failures") == "2"


def test_junit_escapes_markup_and_control_characters():
    message = 'a <b> & "c" \x1b[0m ]]> \x00'
    out = render("junit", [finding(message)], {"x": Source("", "x")})
    root = ET.fromstring(out)  # would raise on bad escaping or control characters
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == 'a <b> & "c" \ufffd[0m ]]> \ufffd'


# --- JSON lines, GitLab -------------------------------------------------------------------------


def test_json_lines_match_json(cli, corefiles):
    _status, lines_out, _err = cli("--output-format", "json-lines", "conf")
    _status, json_out, _err = cli("--output-format", "json", "conf")
    assert [json.loads(line) for line in lines_out.splitlines()] == json.loads(json_out)


def test_gitlab_code_quality(cli, corefiles):
    _status, out, _err = cli("--output-format", "gitlab", "conf")
    issues = json.loads(out)
    assert len(issues) == 2
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] == "conf/Corefile"
        assert issue["location"]["positions"]["begin"]["line"] in (2, 3)
    assert len({issue["fingerprint"] for issue in issues}) == 2


def test_configmap_key_in_machine_formats(cli):
    pytest.importorskip("yaml")
    _status, out, _err = cli("--output-format", "sarif", str(FIXTURES / "coredns.yaml"))
    results = json.loads(out)["runs"][0]["results"]
    keys = {result["properties"]["key"] for result in results}
    assert keys == {"Corefile", "example.server"}


# --- exit codes, stdin, output file -------------------------------------------------------------


def test_exit_codes(cli, corefiles):
    assert cli("conf/clean.corefile")[0] == 0
    assert cli("conf/Corefile")[0] == 1
    assert cli("--exit-zero", "conf/Corefile")[0] == 0
    assert cli("missing/Corefile")[0] == 2
    assert cli("--select", "no-such-rule", "conf/Corefile")[0] == 2
    (corefiles / "warn.corefile").write_text(". {\n    reload 10s\n    reload 20s\n}\n")
    assert cli("warn.corefile")[0] == 1
    assert cli("--fail-level", "error", "warn.corefile")[0] == 0
    with pytest.raises(SystemExit) as usage:  # argparse: bad option value
        cli("--output-format", "nope", "conf")
    assert usage.value.code == 2


def test_stdin_corefile_with_and_without_a_name(cli):
    status, out, _err = cli("-", "--stdin-filename", "deploy/Corefile", "--output-format", "concise", stdin=BAD.encode())
    assert status == 1 and out.startswith("deploy/Corefile:2:5: PL010")
    status, out, _err = cli("-", "--output-format", "concise", stdin=BAD.encode())
    assert out.startswith("-:2:5: PL010")


def test_output_file(cli, corefiles):
    status, out, _err = cli("--output-format", "sarif", "--output-file", "report.sarif", "conf")
    assert status == 1 and out == ""
    assert json.loads((corefiles / "report.sarif").read_text())["version"] == "2.1.0"


# --- colour -------------------------------------------------------------------------------------


def run_process(*args: str, env: dict[str, str]) -> str:
    """The CLI in a child process (standard output is a pipe, not a terminal)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    completed = subprocess.run(
        [sys.executable, "-c", "import sys; from corefile.cli.main import lint_main; sys.exit(lint_main())",
         "--isolated", "--select", RULES, *args],
        input=BAD, capture_output=True, text=True, env={**clean, **env},
    )
    return completed.stdout


def test_colour_choices():
    assert "\033[" not in run_process("-", env={})  # not a terminal
    assert "\033[" in run_process("-", "--color", "always", env={"NO_COLOR": "1"})
    assert "\033[" in run_process("-", env={"FORCE_COLOR": "1"})
    assert "\033[" not in run_process("-", "--color", "never", env={"FORCE_COLOR": "1"})
    for machine in ("json", "json-lines", "sarif", "github", "junit", "gitlab"):
        assert "\033[" not in run_process("-", "--output-format", machine, "--color", "always", env={})


def test_auto_colour_on_a_terminal():
    from corefile.cli.commands.lint import use_color

    assert use_color("auto", True, {}) is True
    assert use_color("auto", True, {"NO_COLOR": "1"}) is False
    assert use_color("auto", True, {"NO_COLOR": ""}) is True  # no-color.org: set *and non-empty*
    assert use_color("auto", False, {"FORCE_COLOR": "1"}) is True
    assert use_color("auto", True, {"TERM": "dumb"}) is False
