"""Configuration (validated eagerly, closest file wins) and inline suppressions."""

from __future__ import annotations

import pytest

import corefile
from corefile.core.versions import Version
from corefile.lint.config import (
    Config,
    ConfigError,
    find_config_file,
    from_table,
    load_config_file,
)
from corefile.lint.findings import Severity
from corefile.lint.linter import enabled_rules, lint_text

DUPLICATE_CACHE = ". {\n    cache 30\n    cache 60\n    whoami\n}\n"


def test_table_is_validated_and_converted(tmp_path):
    config = from_table(
        {"coredns-version": "1.8.0", "select": ["PL", "duplicate-zone"], "ignore": ["PL001"],
         "severity": {"plugin-conflict": "error"}, "plugins": ["fanout"], "fail-level": "error",
         "import-map": {"/etc/coredns/custom": "custom"}},
        base=tmp_path,
    )
    assert config.coredns_version == Version(1, 8, 0)
    assert config.severity == {"plugin-conflict": Severity.ERROR}
    assert config.import_map == {"/etc/coredns/custom": str(tmp_path / "custom")}
    names = {rule.name for rule in enabled_rules(config)}
    assert "duplicate-zone" in names and "removed-plugin" in names and "unknown-plugin" not in names


@pytest.mark.parametrize(
    ("table", "named"),
    [({"colour": "x"}, "colour"), ({"select": ["nope"]}, "nope"), ({"coredns-version": "one"}, "coredns-version"),
     ({"severity": {"duplicate-zone": "fatal"}}, "fatal"), ({"fail-level": 3}, "fail-level")],
)
def test_bad_configuration_names_the_culprit(table, named, tmp_path):
    with pytest.raises(ConfigError) as caught:
        from_table(table, base=tmp_path)
    assert named in str(caught.value)


def test_closest_configuration_wins(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.corefile-lint]\ncoredns-version = "1.4.0"\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / ".corefile-lint.toml").write_text('coredns-version = "1.8.0"\n')
    (inner / "Corefile").write_text(". {\n}\n")
    assert find_config_file(inner / "Corefile") == inner / ".corefile-lint.toml"
    assert find_config_file(tmp_path / "x") == tmp_path / "pyproject.toml"
    assert load_config_file(tmp_path / "pyproject.toml").coredns_version == Version(1, 4, 0)


def test_pyproject_without_our_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config_file(tmp_path) is None


def test_severity_override_applies():
    config = Config(severity={"duplicate-plugin": Severity.INFO})
    [finding] = lint_text(DUPLICATE_CACHE, config=config)
    assert finding.rule == "duplicate-plugin" and finding.severity is Severity.INFO


def test_suppression_at_end_of_line_and_above():
    trailing = ". {\n    whoami\n    cache 30\n    cache 60 # corefile-lint: ignore[duplicate-plugin]\n}\n"
    above = ". {\n    whoami\n    cache 30\n    # corefile-lint: ignore[PL020]\n    cache 60\n}\n"
    family = ". {\n    whoami\n    cache 30\n    cache 60 # corefile-lint: ignore[PL]\n}\n"
    for text in (trailing, above, family):
        assert lint_text(text) == []


def test_file_ignore():
    assert lint_text("# corefile-lint: file-ignore[ALL]\n" + DUPLICATE_CACHE) == []


def test_unused_and_unknown_suppressions_are_reported():
    findings = lint_text(". {\n    whoami # corefile-lint: ignore[duplicate-plugin,no-such-rule]\n}\n")
    assert [(f.rule, f.span.start.line) for f in findings] == [("unused-suppression", 2)]


def test_findings_compare_by_span_and_rule_not_message():
    [finding] = lint_text(DUPLICATE_CACHE)
    import attrs

    assert attrs.evolve(finding, message="other words") == finding
    assert attrs.evolve(finding, rule="other-rule") != finding


def test_lint_reports_imported_text_at_its_own_file_with_the_chain(tmp_path):
    (tmp_path / "extra.conf").write_text("cache 60\n")
    (tmp_path / "Corefile").write_text(". {\n    cache 30\n    import extra.conf\n    whoami\n}\n")
    [finding] = corefile.lint_path(str(tmp_path / "Corefile"))
    assert finding.rule == "duplicate-plugin"
    assert finding.span.file == str(tmp_path / "extra.conf") and finding.span.start.line == 1
    assert finding.via and finding.via[0].file == str(tmp_path / "Corefile") and finding.via[0].start.line == 3
