"""Running the real CLI in-process on files and standard input, with bytes in and out."""

from __future__ import annotations

import io
import sys

import pytest


@pytest.fixture
def run(monkeypatch, capsysbinary):
    """``run("format", "x.yaml", stdin=b"...")`` -> (status, stdout bytes, stderr text)."""
    from corefile.cli.main import main

    def call(*args: str, stdin: bytes = b"") -> tuple[int, bytes, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        status = main(list(args))
        out, err = capsysbinary.readouterr()
        return status, out, err.decode("utf-8")

    return call


def block_replaced(manifest: str, key_line: str, new_value: str) -> str:
    """``manifest`` with the literal block scalar introduced by ``key_line`` holding ``new_value``.

    An independent, deliberately simple reading: the block is every following line that is blank
    or indented deeper than the key; its content indentation is that of its first line.
    """
    lines = manifest.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.rstrip("\r\n") == key_line) + 1
    key_indent = len(key_line) - len(key_line.lstrip(" "))
    end = start
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > key_indent):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1  # trailing blank lines stay where they are
    indent = " " * (len(lines[start]) - len(lines[start].lstrip(" ")))
    newline = "\r\n" if lines[start].endswith("\r\n") else "\n"
    body = [(indent + line if line else "") + newline for line in new_value.rstrip("\n").split("\n")]
    return "".join(lines[:start] + body + lines[end:])
