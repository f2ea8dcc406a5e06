"""Helpers for the integration tests: fixtures, running the CLI in-process with given stdin."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The rules these tests expect; pinned so that rules added later do not change the counts.
RULES = "removed-plugin,ignored-duplicate,unknown-plugin,syntax-error"


def line_of(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the ``occurrence``-th ``needle`` in ``text``."""
    position = -1
    for _ in range(occurrence):
        position = text.index(needle, position + 1)
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run ``corefile-lint`` in-process: ``cli(*args, stdin=b"...")`` -> (status, stdout, stderr)."""
    from corefile.cli.main import lint_main

    def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin or b"")))
        status = lint_main(["--isolated", "--select", RULES, *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run
