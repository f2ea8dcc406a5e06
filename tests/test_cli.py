"""The command line, called in-process (the integration tests run real processes)."""

from __future__ import annotations

import json

import pytest

from corefile.cli.main import lint_main, main

SEED = """.:53 {
    errors
    log
    health
    rewrite name foo.example.com foo.default.svc.cluster.local
    kubernetes cluster.local 10.0.0.0/24
    file /etc/coredns/example.db example.org
    proxy . /etc/resolv.conf
    cache 30
}
"""


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(SEED)
    return path


def test_seed_gives_exactly_one_error_on_proxy(seed, capsys):
    assert lint_main(["--isolated", "--output-format", "json", str(seed)]) == 1
    findings = json.loads(capsys.readouterr().out)
    errors = [f for f in findings if f["severity"] == "error"]
    assert [(f["rule"], f["line"], f["column"]) for f in errors] == [("removed-plugin", 8, 5)]
    for key in ("path", "line", "column", "end_line", "end_column", "code", "rule", "severity", "message", "fix"):
        assert key in errors[0]


def test_seed_for_1_4_0_gives_a_deprecation_warning_instead(seed, capsys):
    lint_main(["--isolated", "--coredns-version", "1.4.0", "--output-format", "json", str(seed)])
    findings = json.loads(capsys.readouterr().out)
    assert not [f for f in findings if f["severity"] == "error"]
    assert ("deprecated-plugin", 8) in [(f["rule"], f["line"]) for f in findings]


def test_full_output_shows_location_code_excerpt_and_caret(seed, capsys):
    lint_main(["--isolated", str(seed)])
    out = capsys.readouterr().out
    assert f"{seed}:8:5: PL010 " in out
    assert "    proxy . /etc/resolv.conf" in out and "^^^^^ error[removed-plugin]" in out


def test_exit_codes(tmp_path, capsys):
    clean = tmp_path / "Corefile"
    clean.write_text(". {\n    whoami\n}\n")
    assert lint_main(["--isolated", str(clean)]) == 0
    assert lint_main(["--isolated", str(tmp_path / "missing")]) == 2
    assert lint_main(["--isolated", "--select", "not-a-rule", str(clean)]) == 2
    bad = tmp_path / "bad.corefile"
    bad.write_text(". { whoami }\n")
    assert lint_main(["--isolated", str(bad)]) == 1
    assert lint_main(["--isolated", "--exit-zero", str(bad)]) == 0
    capsys.readouterr()


def test_folder_search_and_selection(tmp_path, capsys):
    (tmp_path / "a.corefile").write_text(". {\n    cache 1\n    cache 2\n}\n")
    (tmp_path / "Corefile.prod").write_text(". {\n    proxy . 1.1.1.1\n}\n")
    (tmp_path / "notes.txt").write_text("not a Corefile {\n")
    assert lint_main(["--isolated", "--select", "PL020", "--output-format", "concise", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "a.corefile:3:5: PL020" in out and "Corefile.prod" not in out and "notes.txt" not in out


def test_config_errors_exit_2(tmp_path, capsys):
    (tmp_path / ".corefile-lint.toml").write_text("unknown-key = 1\n")
    (tmp_path / "Corefile").write_text(". {\n}\n")
    assert lint_main([str(tmp_path / "Corefile")]) == 2
    assert "unknown-key" in capsys.readouterr().err


def test_rules_command(capsys):
    assert main(["rules"]) == 0
    assert "ZN001  duplicate-zone" in capsys.readouterr().out
    assert main(["rules", "PL010"]) == 0
    assert "# removed-plugin (PL010)" in capsys.readouterr().out


def test_tokens_command(seed, capsys):
    assert main(["tokens", str(seed)]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["accepted"] and view["blocks"][0]["keys"] == [".:53"]
    assert view["blocks"][0]["directives"]["proxy"][0] == ["proxy", 8, ""]


def test_format_command(tmp_path, capsys):
    path = tmp_path / "Corefile"
    path.write_text(". {\n  whoami   # hi\n}\n")
    assert main(["format", "--check", str(path)]) == 1
    assert main(["format", str(path)]) == 0
    assert path.read_text() == ". {\n    whoami # hi\n}\n"
    assert main(["format", "--check", str(path)]) == 0
    capsys.readouterr()


def test_plugins_command(capsys):
    assert main(["plugins", "forward"]) == 0
    assert "### `forward`" in capsys.readouterr().out
    assert main(["plugins", "nope"]) == 2
    capsys.readouterr()
