"""A cache of lint reports, so that re-linting unchanged files starts as fast as Python itself.

pre-commit and editors run the linter over and over on the same files; importing the engine
(Lark, attrs, the plugin catalogue) costs ten times an empty Python start. A report is stored
under a key made of everything that can change it: the installed code, the command line, the
working folder, every input file's bytes, every configuration file that could apply, and the
terminal settings that decide colour. Runs that read anything else are not cached: standard
input, files with an ``import`` (their imports could change), ``--use-environment``, reports
written to a file. ``COREFILE_NO_CACHE=1`` or ``--no-cache`` turns the cache off.

This module uses only the standard library: it runs before the engine is imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

CONFIG_NAMES = (".corefile-lint.toml", "corefile-lint.toml", "pyproject.toml")
MAX_ENTRIES = 2000
_PACKAGE = Path(__file__).resolve().parent


def folder() -> Path | None:
    if os.environ.get("COREFILE_NO_CACHE"):
        return None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "corefile" / "reports"


def _code_fingerprint(digest) -> None:
    """The installed code itself: an edited checkout must never be answered from an old report."""
    for root in (_PACKAGE, _PACKAGE.parent / "grammar"):
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".py", ".lark")):
                    stat = os.stat(os.path.join(dirpath, name))
                    digest.update(f"{dirpath}/{name}:{stat.st_mtime_ns}:{stat.st_size}\n".encode())


def _configs_for(path: str) -> list[str]:
    found = []
    start = Path(path).resolve()
    for candidate_folder in (start.parent, *start.parent.parents):
        for name in CONFIG_NAMES:
            candidate = candidate_folder / name
            if candidate.is_file():
                found.append(str(candidate))
    return found


def key_for(args, inputs: list[str]) -> str | None:
    """The cache key of a lint run, or None when the run must not be cached."""
    if not inputs or "-" in inputs or getattr(args, "output_file", None) or getattr(args, "use_environment", False):
        return None
    if getattr(args, "fix", False) or getattr(args, "diff", False) or getattr(args, "no_cache", False):
        return None
    digest = hashlib.sha256()
    digest.update(f"{sys.version}\n{os.getcwd()}\n".encode())
    _code_fingerprint(digest)
    options = {k: v for k, v in sorted(vars(args).items()) if k != "paths"}
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    terminal = (sys.stdout.isatty(), os.environ.get("NO_COLOR"), os.environ.get("FORCE_COLOR"), os.environ.get("TERM"))
    digest.update(repr(terminal).encode())
    extra_files = [getattr(args, "config", None), *(p for p in getattr(args, "plugins", []) or [] if os.path.isfile(p))]
    seen_configs: set[str] = set()
    for path in inputs:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        if b"import" in data:
            return None
        digest.update(f"\0{path}\0".encode() + data)
        seen_configs.update(_configs_for(path))
    for path in sorted(seen_configs) + [p for p in extra_files if p]:
        try:
            digest.update(f"\0{path}\0".encode() + Path(path).read_bytes())
        except OSError:
            return None
    return digest.hexdigest()


def lookup(key: str) -> dict | None:
    base = folder()
    if base is None:
        return None
    try:
        return json.loads((base / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(key: str, stdout: str, status: int) -> None:
    base = folder()
    if base is None:
        return
    try:
        base.mkdir(parents=True, exist_ok=True)
        entries = list(base.glob("*.json"))
        if len(entries) > MAX_ENTRIES:
            entries.sort(key=lambda p: p.stat().st_mtime)
            for old in entries[: len(entries) // 2]:
                old.unlink(missing_ok=True)
        temporary = base / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps({"stdout": stdout, "status": status}), encoding="utf-8")
        os.replace(temporary, base / f"{key}.json")
    except OSError:
        pass  # a cache that cannot be written is no cache, never an error


class Tee:
    """Writes through to a stream while keeping a copy of everything written."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def __getattr__(self, name):
        return getattr(self.stream, name)
