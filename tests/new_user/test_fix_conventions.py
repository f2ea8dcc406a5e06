"""Issue 13, conventions: fixes are discoverable, --quiet, --statistics (also as JSON)."""

from __future__ import annotations

import json

import pytest

# Two safe fixes (removed options) and one unsafe one (proxy -> forward).
TEXT = ". {\n    kubernetes cluster.local {\n        upstream\n        resyncperiod 30s\n    }\n    ready\n    proxy . 1.1.1.1\n}\n"
UNSAFE_ONLY = ". {\n    proxy . 1.1.1.1\n}\n"


@pytest.fixture
def corefile(tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(TEXT)
    return path


def test_fixable_findings_are_marked_and_counted(cli, corefile):
    out = cli("corefile-lint", "--isolated", str(corefile)).stdout.decode()
    assert ":3:9: PL012 [*] " in out and ":7:5: PL010 [~] " in out
    assert out.rstrip().endswith("[*] 2 fixable with `--fix` ([~] 1 more with `--unsafe-fixes`).")
    with_unsafe = cli("corefile-lint", "--isolated", "--unsafe-fixes", str(corefile)).stdout.decode()
    assert with_unsafe.rstrip().endswith("[*] 3 fixable with `--fix`.")


def test_diff_with_only_an_unsafe_fix_says_so(cli, tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(UNSAFE_ONLY)
    done = cli("corefile-lint", "--isolated", "--diff", str(path))
    assert done.returncode == 0 and done.stdout == b""
    assert b"no safe fix to apply; 1 fix needs --unsafe-fixes" in done.stderr
    shown = cli("corefile-lint", "--isolated", "--diff", "--unsafe-fixes", str(path))
    assert shown.returncode == 1 and b"+    forward . 1.1.1.1" in shown.stdout


def test_quiet_prints_findings_and_nothing_else(cli, corefile, tmp_path):
    out = cli("corefile-lint", "--isolated", "--quiet", str(corefile)).stdout.decode()
    assert "PL012" in out and "Found" not in out and "fixable" not in out
    clean = tmp_path / "clean.corefile"
    clean.write_text(". {\n    whoami\n}\n")
    done = cli("corefile-lint", "--isolated", "-q", str(clean))
    assert done.returncode == 0 and done.stdout == b""


def test_statistics_prints_only_the_counts(cli, corefile):
    out = cli("corefile-lint", "--isolated", "--statistics", str(corefile)).stdout.decode()
    assert out.splitlines() == ["    2\tPL012\t[*] removed-option", "    1\tPL010\tremoved-plugin"]


def test_statistics_is_honoured_with_json(cli, corefile):
    done = cli("corefile-lint", "--isolated", "--statistics", "--output-format", "json", str(corefile))
    assert done.returncode == 1
    assert json.loads(done.stdout) == [
        {"code": "PL012", "rule": "removed-option", "count": 2, "fixable": 2},
        {"code": "PL010", "rule": "removed-plugin", "count": 1, "fixable": 0},
    ]
