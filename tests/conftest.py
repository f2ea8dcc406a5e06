"""Shared fixtures: where the shared corpus is, and small helpers to lint text."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("COREFILE_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"


def corpus_available() -> bool:
    return (CORPUS / "MANIFEST.tsv").is_file()


needs_corpus = pytest.mark.skipif(
    not corpus_available(), reason=f"the shared corpus is not at {CORPUS} (set COREFILE_SHARED)"
)


def manifest() -> list[dict[str, str]]:
    if not corpus_available():
        return []
    with open(CORPUS / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def corpus_files() -> list[Path]:
    return sorted((CORPUS / "files").iterdir()) if corpus_available() else []


def edge_cases() -> list[Path]:
    """The edge cases and the reader regressions: folders with a Corefile and CoreDNS's token view."""
    if not corpus_available():
        return []
    folders = [CORPUS / "edge", CORPUS / "regressions"]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.iterdir() if p.is_dir())


# Tests must never be answered from a report or parser cached by an earlier run.
os.environ.setdefault("COREFILE_NO_CACHE", "1")
