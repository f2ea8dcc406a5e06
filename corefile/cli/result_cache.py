"""A cache of lint reports, so that re-linting unchanged files starts as fast as Python itself.

pre-commit and editors run the linter again and again on the same files, and importing the
engine (Lark, attrs, the plugin catalogue) costs ten times an empty Python start. A report is
stored under the command line, the working folder, the installed code and the terminal
settings; it is reused only while every file it depends on is byte-for-byte the same: the
inputs, each configuration file that could apply (and the absence of the others), the files
named by options, and the listing of every folder that was searched.

Runs that depend on anything else are never cached: standard input, inputs holding an
``import`` (their imports could change), ``--use-environment``, ``--output-file``, fixes.
``COREFILE_NO_CACHE=1`` or ``--no-cache`` turns the cache off.

The lookup uses only built-in modules (no ``json``, no ``hashlib``: each would cost a third of
a cached run). Entries hold the exact bytes they depend on and are compared byte for byte, so
the short file-name checksum can never make one answer for another.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib

CONFIG_NAMES = (".corefile-lint.toml", "corefile-lint.toml", "pyproject.toml")
MAX_ENTRIES = 2000
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # the whole package, not just cli/
_NOT_CACHED = ("-", "--no-cache", "--use-environment", "--output-file", "--fix", "--diff", "--unsafe-fixes")


def _folder() -> str | None:
    if os.environ.get("COREFILE_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "corefile", "reports")


def _identity(argv: list[str]) -> str:
    """Everything besides files that the report depends on, as one string."""
    terminal = (sys.stdout.isatty(), os.environ.get("NO_COLOR"), os.environ.get("FORCE_COLOR"), os.environ.get("TERM"))
    parts = [sys.version, os.getcwd(), repr(argv), repr(terminal)]
    # The installed code itself: an edited checkout must never be answered from an old report.
    for root in (_PACKAGE, os.path.join(os.path.dirname(_PACKAGE), "grammar")):
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith((".py", ".lark")):
                    stat = os.stat(os.path.join(dirpath, name))
                    parts.append(f"{dirpath}/{name}:{stat.st_mtime_ns}:{stat.st_size}")
    return "\n".join(parts)


def _entry_path(folder: str, identity: str) -> str:
    return os.path.join(folder, f"{zlib.crc32(identity.encode()):08x}.report")


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def _listing(path: str) -> str:
    return "\n".join(f"{dirpath}\0{sorted(filenames)}" for dirpath, dirnames, filenames in _sorted_walk(path))


def _sorted_walk(path: str):
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames.sort()
        yield dirpath, dirnames, filenames


def _cacheable(argv: list[str]) -> bool:
    return not any(arg in _NOT_CACHED or arg.startswith(("--output-file=", "--no-cache")) for arg in argv)


def answer(argv: list[str]) -> dict | None:
    """The stored report for this command line, if nothing it depends on has changed."""
    folder = _folder()
    if folder is None or not _cacheable(argv):
        return None
    identity = _identity(argv)
    data = _read(_entry_path(folder, identity))
    if data is None:
        return None
    try:
        entry = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(entry, dict) or entry.get("identity") != identity:
        return None
    if any(_read(path) != content for path, content in entry["files"].items()):
        return None
    if any(_listing(path) != listing for path, listing in entry["folders"].items()):
        return None
    return entry


def store(argv: list[str], inputs: list[str], searched: list[str], extra_files: list[str], stdout: str, status: int) -> None:
    """Remember a report, with the exact state of everything it was computed from."""
    folder = _folder()
    if folder is None or not _cacheable(argv) or not inputs:
        return
    files: dict[str, bytes | None] = {}
    for path in inputs:
        data = _read(path)
        if data is None or b"import" in data:
            return
        files[path] = data
        start = os.path.dirname(os.path.abspath(path))
        while True:
            for name in CONFIG_NAMES:
                candidate = os.path.join(start, name)
                files.setdefault(candidate, _read(candidate))  # absent ones must stay absent
            parent = os.path.dirname(start)
            if parent == start:
                break
            start = parent
    for path in extra_files:
        files[path] = _read(path)
    identity = _identity(argv)
    entry = {
        "identity": identity,
        "files": files,
        "folders": {path: _listing(path) for path in searched},
        "stdout": stdout,
        "status": status,
    }
    try:
        os.makedirs(folder, exist_ok=True)
        names = [name for name in os.listdir(folder) if name.endswith(".report")]
        if len(names) > MAX_ENTRIES:
            names.sort(key=lambda name: os.stat(os.path.join(folder, name)).st_mtime)
            for name in names[: len(names) // 2]:
                os.unlink(os.path.join(folder, name))
        final = _entry_path(folder, identity)
        temporary = f"{final}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            marshal.dump(entry, handle)
        os.replace(temporary, final)
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

    def __getattr__(self, name):
        return getattr(self.stream, name)
