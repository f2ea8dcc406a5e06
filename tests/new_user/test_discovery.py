"""Issue 13, conventions: which files a folder walk and the pre-commit hook take."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from corefile.sources.files import discover
from corefile.sources.gitignore import parse

REPO = Path(__file__).resolve().parents[2]
GOOD = ". {\n    whoami\n}\n"
BAD = ". {\n    proxy . 1.1.1.1\n}\n"

TAKEN = ["Corefile", "home.Corefile", "HOME.COREFILE", "Corefile.prod", "corefile-dev", "conf/COREFILE"]
PASSED_OVER = ["Corefile~", "Corefile.bak", "Corefile.orig", "conf/Corefile.BAK", "#Corefile#", ".#Corefile",
               "node_modules/Corefile", ".venv/Corefile", ".git/Corefile", "env/Corefile", "__pycache__/Corefile",
               "notes.txt"]


@pytest.fixture
def tree(tmp_path):
    for name in TAKEN + PASSED_OVER:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(GOOD)
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr\n")  # a virtual environment of any name
    return tmp_path


def test_a_walk_takes_corefile_names_in_any_case_and_skips_backups_and_tool_folders(tree):
    found = sorted(os.path.relpath(path, tree) for path in discover([str(tree)]))
    assert found == sorted(TAKEN)


def test_a_walk_respects_gitignore_like_git(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("build/\n*.corefile\n!keep/*.corefile\n/Corefile-top\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".gitignore").write_text("Corefile.local\n")
    names = ["Corefile", "build/Corefile", "a.corefile", "keep/b.corefile", "Corefile-top", "x/Corefile-top",
             "sub/Corefile", "sub/Corefile.local", "Corefile.local"]
    for name in names:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(GOOD)
    found = sorted(os.path.relpath(path, tmp_path) for path in discover([str(tmp_path)]))
    assert found == ["Corefile", "Corefile.local", "keep/b.corefile", "sub/Corefile", "x/Corefile-top"]
    # a walk started below the repository root still obeys the root's .gitignore
    assert discover([str(tmp_path / "x")]) == [str(tmp_path / "x" / "Corefile-top")]
    # a path given by name (a file, or a folder to walk) is always read, as ruff does
    assert discover([str(tmp_path / "build")]) == [str(tmp_path / "build" / "Corefile")]
    assert discover([str(tmp_path / "build" / "Corefile")]) == [str(tmp_path / "build" / "Corefile")]
    assert len(discover([str(tmp_path)], respect_gitignore=False)) == len(names)


def test_the_cli_skips_ignored_files_and_notices_a_changed_gitignore(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n")
    (tmp_path / "generated").mkdir()
    (tmp_path / "generated" / "Corefile").write_text(BAD)
    (tmp_path / "Corefile").write_text(GOOD)
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "COREFILE_NO_CACHE": ""}
    first = cli("corefile-lint", "--isolated", ".", cwd=tmp_path, env=cache)
    assert first.returncode == 0, first.stdout
    (tmp_path / ".gitignore").write_text("")
    second = cli("corefile-lint", "--isolated", ".", cwd=tmp_path, env=cache)
    assert second.returncode == 1 and b"generated/Corefile:2:5: PL010" in second.stdout
    walked = cli("corefile-lint", "--isolated", "--no-respect-gitignore", ".", cwd=tmp_path)
    assert walked.returncode == 1


@pytest.mark.parametrize("pattern, path, folder, ignored", [
    ("*.log", "a/b/x.log", False, True),
    ("/x", "x", False, True),
    ("/x", "a/x", False, False),
    ("a/*.c", "a/b.c", False, True),
    ("a/*.c", "a/b/c.c", False, False),
    ("a/**/c", "a/b/d/c", False, True),
    ("a/**/c", "a/c", False, True),
    ("**/foo", "x/y/foo", False, True),
    ("out/", "out", True, True),
    ("out/", "out", False, False),
    ("x[0-9]", "x5", False, True),
    ("\\#keep", "#keep", False, True),
    ("a/**", "a/b/c", False, True),
])
def test_gitignore_patterns(pattern, path, folder, ignored):
    [compiled] = parse(pattern)
    matched = bool(compiled.regex.match(path)) and not (compiled.folders_only and not folder)
    assert matched == ignored


def test_the_pre_commit_hook_pattern_takes_the_same_names():
    yaml = pytest.importorskip("yaml")
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    files, exclude = hooks["corefile-lint"]["files"], hooks["corefile-lint"]["exclude"]

    def taken(path: str) -> bool:  # pre-commit: re.search on the path, files then exclude
        return bool(re.search(files, path)) and not re.search(exclude, path)

    assert all(taken(name) for name in TAKEN)
    assert not any(taken(name) for name in ["Corefile~", "Corefile.bak", "conf/Corefile.ORIG", "notes.txt"])
