"""Generated documentation must match the code it is generated from."""

from __future__ import annotations

from corefile.cli.docs import generated_files
from tests.conftest import REPO


def test_generated_docs_are_up_to_date():
    stale = [
        relative
        for relative, content in generated_files().items()
        if not (REPO / "docs" / relative).is_file() or (REPO / "docs" / relative).read_text(encoding="utf-8") != content
    ]
    assert not stale, f"run `python -m corefile.cli.docs` to regenerate: {stale}"
