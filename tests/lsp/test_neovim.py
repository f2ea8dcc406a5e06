"""A real editor: Neovim (the Debian package), headless, its built-in LSP client on ``corefile lsp``.

It opens a Corefile with a duplicate zone, waits for the diagnostics, applies the "suppress on
this line" code action from its menu, formats, and the buffer is checked at each step.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import corefile

pytest.importorskip("pygls", reason="the language server tests need the lsp extra (pygls)")
NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(
    NVIM is None, reason="Neovim is not installed (apt-get install neovim; .ci/run installs it where it can)"
)

SCRIPT = Path(__file__).with_name("neovim_session.lua")
TEXT = "example.org {\n  whoami\n}\nexample.org:53   {\n      log\n}\n"


def test_neovim_diagnostics_code_action_and_formatting(tmp_path):
    corefile_path = tmp_path / "Corefile"
    corefile_path.write_text(TEXT, encoding="utf-8")
    results = tmp_path / "results.json"
    command = [sys.executable, "-m", "corefile", "lsp"]
    settings = (
        f"let g:corefile_cmd = {json.dumps(command)} | "
        f"let g:corefile_file = {json.dumps(str(corefile_path))} | "
        f"let g:corefile_results = {json.dumps(str(results))}"
    )
    completed = subprocess.run(
        [NVIM, "--headless", "--clean", "-n", "-i", "NONE", "-c", settings, "-c", f"luafile {SCRIPT}"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert results.exists(), f"Neovim wrote no results: {completed.stderr[-2000:]}"
    outcome = json.loads(results.read_text(encoding="utf-8"))
    assert "error" not in outcome, f"{outcome['error']} after steps {outcome['steps']}"
    assert completed.returncode == 0

    [duplicate] = [d for d in outcome["diagnostics"] if d["code"] == "ZN001"]
    assert (duplicate["lnum"], duplicate["col"], duplicate["end_col"]) == (3, 0, len("example.org:53"))
    assert duplicate["severity"] == 1 and duplicate["source"] == "corefile"
    assert "already defined" in duplicate["message"]
    assert duplicate["href"].endswith("duplicate-zone.md")

    assert "Suppress duplicate-zone in this file" in outcome["offered"]
    suppressed = TEXT.replace("example.org:53   {\n", "example.org:53   {  # corefile-lint: ignore[duplicate-zone]\n")
    # Neovim's buffer lines do not end in a line break; the file's last one is implied.
    assert outcome["after_action"] + "\n" == suppressed
    assert outcome["after_format"] + "\n" == corefile.format(suppressed)
    assert outcome["after_format"] != outcome["after_action"]  # the text was not in layout yet
    assert outcome["steps"] == ["diagnostics", "code action", "suppressed", "format"]
