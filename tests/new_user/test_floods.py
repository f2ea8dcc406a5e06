"""Issue 13, "Crashes and floods": a file that is not a Corefile is said once, then left alone."""

from __future__ import annotations

import random

import pytest

from corefile.lint.linter import lint_text
from tests.conftest import CORPUS, corpus_files, needs_corpus

COREFILE = ". {\n    forward . 8.8.8.8\n    cache 30\n}\n"


def _random_bytes(size: int, seed: int, nul: bool = True) -> bytes:
    generator = random.Random(seed)
    data = bytes(generator.randrange(256) for _ in range(size * 2))
    return (data if nul else data.replace(b"\0", b""))[:size]


@pytest.mark.parametrize("name, data, words", [
    ("random.bin", _random_bytes(2048, 1), b"NUL bytes"),
    ("random-without-nul.bin", _random_bytes(2048, 2, nul=False), b"not UTF-8"),
    ("elf", b"\x7fELF\x02\x01\x01" + b"\0" * 9 + _random_bytes(4000, 3), b"NUL bytes"),
    ("utf16.Corefile", COREFILE.encode("utf-16-le"), b"UTF-16"),
    ("utf16-bom.Corefile", COREFILE.encode("utf-16"), b"UTF-16 text with a byte order mark"),
])
def test_a_file_that_is_not_a_corefile_gets_one_finding(cli, tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    done = cli("corefile-lint", "--isolated", "--output-format", "concise", str(path))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) == 1 and b"SY015" in lines[0] and words in lines[0]


def test_a_real_corefile_is_not_judged_binary():
    assert not [f for f in lint_text(COREFILE, filename="Corefile") if f.rule == "not-a-corefile"]


@needs_corpus
def test_no_corpus_file_is_judged_not_a_corefile():
    from corefile.lint.config import Config

    config = Config(select=("not-a-corefile",))
    flagged = [path.name for path in corpus_files() if lint_text(path.read_bytes(), filename=str(path), config=config)]
    assert flagged == [], f"{CORPUS}: {flagged}"
