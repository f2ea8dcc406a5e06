"""Finding the files an ``import`` names, with CoreDNS's glob rules and our safety rules.

CoreDNS joins a relative pattern to the folder of the file holding the ``import`` and matches it
with Go's ``filepath.Glob`` (``*`` never crosses ``/``, dot-files match, results sorted by bytes).
We add two rules of our own: files are read only under allowed roots (by default the folder of
the Corefile being read), and absolute paths of the target machine (``/etc/coredns/custom``)
reach local folders only through an explicit import map. Anything else is *unresolved*: reported,
never read, never a crash.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Mapping

import attrs

GLOB_CHARACTERS = "*?[]"


class BadPattern(ValueError):
    """The pattern is malformed for Go's ``filepath.Match`` (e.g. an unclosed ``[``)."""


@attrs.frozen
class Match:
    """One file an import reads: CoreDNS's path for it, and where we actually read it."""

    coredns_path: str  #: The absolute path as CoreDNS would name it (used for relative imports and messages).
    local_path: str | None  #: The file on this machine, or None for an in-memory file.
    text: str | bytes | None = None  #: In-memory content (ConfigMap keys); None to read ``local_path``.
    is_dir: bool = False


@attrs.define
class FileAccess:
    """Where imports may read from.

    ``import_map`` maps a folder of the target machine (``/etc/coredns/custom``) to a local folder;
    ``files`` holds in-memory files by their path on the target machine (ConfigMap keys);
    ``roots`` are the local folders that may be read at all.
    """

    roots: tuple[str, ...] = ()
    import_map: Mapping[str, str] = attrs.field(factory=dict)
    files: Mapping[str, str | bytes] = attrs.field(factory=dict)

    def glob(self, pattern: str) -> tuple[list[Match], bool]:
        """All matches of an absolute CoreDNS pattern, sorted as Go sorts them.

        The boolean is False when the pattern points somewhere we may not read (unresolved).
        """
        _check_pattern(pattern)
        virtual = [path for path in self.files if _go_match(pattern, path)]
        mapped = self._to_local(pattern)
        if virtual or mapped is None:
            matches = [Match(path, None, self.files[path]) for path in sorted(virtual, key=_go_sort_key)]
            return matches, bool(virtual) or self._under_virtual_folder(pattern)
        local_pattern, coredns_prefix, local_prefix = mapped
        if not self._allowed(local_pattern):
            return [], False
        found = _local_glob(local_pattern) if _has_magic(local_pattern) else (
            [local_pattern] if os.path.lexists(local_pattern) else []
        )
        matches = []
        for local in sorted(found, key=_go_sort_key):
            coredns_path = coredns_prefix + local[len(local_prefix):] if coredns_prefix is not None else local
            matches.append(Match(coredns_path, local, None, os.path.isdir(local)))
        return matches, True

    def _to_local(self, pattern: str) -> tuple[str, str | None, str] | None:
        for remote in sorted(self.import_map, key=len, reverse=True):
            remote_dir = remote.rstrip("/") or "/"
            if pattern == remote_dir or pattern.startswith(remote_dir.rstrip("/") + "/"):
                local_dir = os.path.abspath(self.import_map[remote])
                return local_dir + pattern[len(remote_dir):], remote_dir, local_dir
        if self.roots:
            return pattern, None, ""
        return None

    def _under_virtual_folder(self, pattern: str) -> bool:
        folder = posixpath.dirname(pattern)
        return any(posixpath.dirname(path) == folder for path in self.files)

    def _allowed(self, local_pattern: str) -> bool:
        allowed = [os.path.abspath(root) for root in self.roots]
        allowed += [os.path.abspath(local) for local in self.import_map.values()]
        real = os.path.abspath(local_pattern)
        return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in allowed)


def _has_magic(pattern: str) -> bool:
    return any(ch in pattern for ch in GLOB_CHARACTERS)


def _check_pattern(pattern: str) -> None:
    depth = 0
    for ch in pattern:
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
    if depth:
        raise BadPattern("syntax error in pattern")


def _go_sort_key(path: str) -> bytes:
    return path.encode("utf-8", "surrogateescape")


def _go_match(pattern: str, path: str) -> bool:
    """Go's filepath.Match, component by component (``*`` does not cross ``/``)."""
    pattern_parts = pattern.split("/")
    path_parts = path.split("/")
    if len(pattern_parts) != len(path_parts):
        return False
    return all(fnmatch.fnmatchcase(name, part) for part, name in zip(pattern_parts, path_parts))


def _local_glob(pattern: str) -> list[str]:
    """Go-like glob on the local disk: dot-files match, ``*`` stays inside one folder."""
    parts = pattern.split(os.sep)
    found = [parts[0] + os.sep if parts[0] == "" else parts[0]]
    for index, part in enumerate(parts[1:], start=1):
        last = index == len(parts) - 1
        next_found = []
        for base in found:
            if not _has_magic(part):
                candidate = os.path.join(base, part)
                if os.path.lexists(candidate):
                    next_found.append(candidate)
                continue
            try:
                names = os.listdir(base)
            except OSError:
                continue
            for name in names:
                if fnmatch.fnmatchcase(name, part):
                    candidate = os.path.join(base, name)
                    if last or os.path.isdir(candidate):
                        next_found.append(candidate)
        found = next_found
    return found
