"""Issue 13, "Every problem at once": a refused import does not hide the rest of the file."""

from __future__ import annotations

from corefile.expansion.loader import load_text
from corefile.lint.linter import lint_text

TEXT = ". {\n    import missing.conf\n    kubernets cluster.local\n}\nexample.org {\n    forwrd . 1.1.1.1\n}\n"


def test_the_reader_keeps_coredns_verdict_and_reads_on(tmp_path):
    loaded = load_text(TEXT, filename=str(tmp_path / "Corefile"))
    assert loaded.expansion.error is not None and loaded.expansion.error.code == "bad-import"
    assert [block.key_texts for block in loaded.expansion.blocks] == [(".",), ("example.org",)]


def test_a_missing_import_beside_a_typo_reports_both_and_the_next_block(cli, tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(TEXT)
    findings = {(f.span.start.line, f.rule) for f in lint_text(TEXT, filename=str(path))}
    assert {(2, "bad-import"), (3, "unknown-plugin"), (6, "unknown-plugin")} <= findings
    done = cli("corefile-lint", "--output-format", "concise", str(path))
    assert done.returncode == 1
    assert b":2:12: SY006" in done.stdout and b":3:5: PL001" in done.stdout and b":6:5: PL001" in done.stdout


def test_every_refused_import_is_reported(tmp_path):
    text = ". {\n    import missing.conf\n    import a b\n    import\n}\n"
    lines = [f.span.start.line for f in lint_text(text, filename=str(tmp_path / "Corefile")) if f.rule == "bad-import"]
    assert lines == [2, 3, 4]
