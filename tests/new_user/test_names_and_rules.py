"""Issue 13, conventions: bare suppressions, did-you-mean, `corefile rules` for families and terminals."""

from __future__ import annotations

from corefile.lint.linter import lint_text

TWO_TYPOS = ". {\n    kubernets cluster.local # corefile-lint: ignore\n    forwrd . 1.1.1.1\n}\n"


def test_a_bare_ignore_suppresses_every_rule_on_its_line():
    found = [(f.span.start.line, f.rule) for f in lint_text(TWO_TYPOS, filename="Corefile")]
    assert found == [(3, "unknown-plugin")]


def test_a_bare_ignore_that_suppresses_nothing_is_reported():
    text = ". {\n    whoami # corefile-lint: ignore\n}\n"
    assert [(f.span.start.line, f.rule) for f in lint_text(text, filename="Corefile")] == [(2, "unused-suppression")]


def test_a_bare_file_ignore_covers_the_whole_file():
    text = "# corefile-lint: file-ignore\n. {\n    kubernets cluster.local\n}\n"
    assert lint_text(text, filename="Corefile") == []


def test_rule_names_get_a_did_you_mean_everywhere(cli, tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(". {\n    whoami # corefile-lint: ignore[ignored-duplicat]\n}\n")
    select = cli("corefile-lint", "--isolated", "--select", "duplicat-zone", str(path))
    assert select.returncode == 2 and b"did you mean 'duplicate-zone'?" in select.stderr
    rules = cli("corefile", "rules", "ZN05")
    assert rules.returncode == 2 and b"did you mean 'ZN005'?" in rules.stderr
    suppression = cli("corefile-lint", "--isolated", str(path))
    assert b"did you mean `ignored-duplicate`?" in suppression.stdout


def test_configuration_keys_get_a_did_you_mean(cli, tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(". {\n    whoami\n}\n")
    (tmp_path / ".corefile-lint.toml").write_text('coredns_version = "1.8.0"\n')
    done = cli("corefile-lint", str(path))
    assert done.returncode == 2 and b"did you mean `coredns-version`?" in done.stderr


def test_rules_takes_a_family_like_select(cli):
    done = cli("corefile", "rules", "ZN")
    assert done.returncode == 0
    codes = [line.split()[0] for line in done.stdout.decode().splitlines()]
    assert codes and all(code.startswith("ZN") for code in codes) and "ZN005" in codes


def test_rules_name_renders_for_a_terminal(cli):
    out = cli("corefile", "rules", "mixed-bind-same-port").stdout.decode()
    assert "<!--" not in out and "```" not in out and "**" not in out and "\n## " not in out
    assert out.startswith("mixed-bind-same-port (ZN005)\n====")
    assert "\nWhy is this bad?\n----" in out and "\n    example.org {\n" in out
    raw = cli("corefile", "rules", "--output-format", "markdown", "mixed-bind-same-port").stdout.decode()
    assert raw.startswith("<!--") and "## Why is this bad?" in raw
