"""Issue 13: closed streams, empty standard input and missing paths, through the real CLI."""

from __future__ import annotations

import subprocess

import pytest

CLEAN = ". {\n    whoami\n}\n"
TYPO = ". {\n    kubernets cluster.local\n}\n"


@pytest.fixture
def corefile(tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(CLEAN)
    return path


@pytest.mark.parametrize("program, args", [
    ("corefile-lint", ()),
    ("corefile-lint", ("-",)),
    ("corefile", ("format", "-")),
    ("corefile", ("format",)),
])
def test_closed_standard_input_is_an_error_not_a_traceback(cli, program, args):
    done = cli(program, *args, close=(0,))
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"corefile: error:" in done.stderr


def test_closed_standard_output_is_an_error_not_a_traceback(cli, corefile):
    done = cli("corefile-lint", str(corefile), close=(1,))
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"standard output is closed" in done.stderr


def test_closed_standard_output_with_output_file_still_works(cli, corefile, tmp_path):
    report = tmp_path / "report.txt"
    done = cli("corefile-lint", "--output-file", str(report), str(corefile), close=(1,))
    assert done.returncode == 0, done.stderr
    assert "No problems found." in report.read_text()


def test_closed_standard_error_and_output_exit_2_quietly(cli, corefile):
    done = cli("corefile-lint", str(corefile), close=(1, 2))
    assert done.returncode == 2


def test_no_arguments_and_empty_standard_input_is_a_usage_error(cli):
    done = cli("corefile-lint", stdin=subprocess.DEVNULL)
    assert done.returncode == 2
    assert b"standard input is empty" in done.stderr and b"usage:" in done.stderr
    assert done.stdout == b""


def test_no_arguments_and_piped_input_still_lints_it(cli):
    done = cli("corefile-lint", input=TYPO.encode())
    assert done.returncode == 1
    assert b"kubernets" in done.stdout


def test_a_missing_path_among_several_is_reported_and_the_others_are_linted(cli, tmp_path, corefile):
    typo = tmp_path / "other.corefile"
    typo.write_text(TYPO)
    done = cli("corefile-lint", "--output-format", "concise", str(corefile), str(tmp_path / "nope"), str(typo))
    assert done.returncode == 2
    assert b"nope: no such file or folder" in done.stderr
    assert b"other.corefile:2:5: PL001" in done.stdout
