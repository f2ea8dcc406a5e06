"""The report cache: a repeated run is answered from it, any change to an input invalidates it."""

from __future__ import annotations

import pytest

from corefile.cli import result_cache
from corefile.cli.main import lint_main


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.delenv("COREFILE_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_repeated_run_is_answered_from_the_cache(cache, capsys):
    corefile = cache / "Corefile"
    corefile.write_text(". {\n    proxy . 1.1.1.1\n}\n")
    assert lint_main(["--isolated", "Corefile"]) == 1
    first = capsys.readouterr().out
    assert result_cache.answer(["--isolated", "Corefile"])["stdout"] == first
    assert lint_main(["--isolated", "Corefile"]) == 1
    assert capsys.readouterr().out == first


def test_any_change_invalidates(cache, capsys):
    corefile = cache / "Corefile"
    corefile.write_text(". {\n    proxy . 1.1.1.1\n}\n")
    lint_main(["Corefile"])
    corefile.write_text(". {\n    forward . 1.1.1.1\n}\n")
    assert result_cache.answer(["Corefile"]) is None
    lint_main(["Corefile"])
    (cache / ".corefile-lint.toml").write_text('coredns-version = "1.4.0"\n')
    assert result_cache.answer(["Corefile"]) is None  # a configuration file appeared
    capsys.readouterr()


def test_files_with_imports_and_stdin_are_never_cached(cache, capsys):
    (cache / "Corefile").write_text(". {\n    import other\n}\n")
    (cache / "other").write_text("whoami\n")
    lint_main(["Corefile"])
    assert result_cache.answer(["Corefile"]) is None
    assert result_cache.answer(["-"]) is None
    capsys.readouterr()


def test_turned_off_by_environment(cache, monkeypatch, capsys):
    monkeypatch.setenv("COREFILE_NO_CACHE", "1")
    (cache / "Corefile").write_text(". {\n    whoami\n}\n")
    lint_main(["Corefile"])
    assert result_cache.answer(["Corefile"]) is None
    capsys.readouterr()
