"""Finding the files an ``import`` names, with CoreDNS's glob rules and our safety rules.

CoreDNS joins a relative pattern to the folder of the file holding the ``import`` and matches it
with Go's ``filepath.Glob`` (``*`` never crosses ``/``, dot-files match, results sorted by bytes).
We add rules of our own, because the files come from repositories nobody has reviewed yet:

* files are read only under allowed roots (by default the folder of the Corefile being read),
  judged on each file's *real* location (every symbolic link resolved, the roots' too), so a
  link inside the folder cannot reach ``/etc/passwd`` or ``/proc/self/environ``;
* absolute paths of the target machine (``/etc/coredns/custom``) reach local folders only
  through an explicit import map;
* only regular files are opened (a FIFO or ``/dev/zero`` never blocks or fills memory), and no
  more than :data:`MAX_FILE_BYTES` per file and :data:`MAX_TOTAL_BYTES` per read are taken.

Anything else is *unresolved*: reported with the reason, never read, never a crash.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Mapping

import attrs

from corefile.sources.files import Refused, TooLarge, read_regular_file, within

GLOB_CHARACTERS = "*?[]"

#: One imported file may hold this much (real Corefiles and their imports are a few kilobytes).
MAX_FILE_BYTES = 1 << 20
#: All the files one read of a Corefile imports, together.
MAX_TOTAL_BYTES = 8 << 20


class BadPattern(ValueError):
    """The pattern is malformed for Go's ``filepath.Match`` (e.g. an unclosed ``[``)."""


@attrs.frozen
class Match:
    """One file an import reads: CoreDNS's path for it, and where we actually read it."""

    coredns_path: str  #: The absolute path as CoreDNS would name it (used for relative imports and messages).
    local_path: str | None  #: The file on this machine, or None for an in-memory file.
    text: str | bytes | None = None  #: In-memory content (ConfigMap keys); None to read ``local_path``.
    is_dir: bool = False
    refused: str | None = None  #: Why this match may not be read (it resolves outside the roots).


@attrs.define
class FileAccess:
    """Where imports may read from.

    ``import_map`` maps a folder of the target machine (``/etc/coredns/custom``) to a local folder;
    ``files`` holds in-memory files by their path on the target machine (ConfigMap keys);
    ``roots`` are the local folders that may be read at all. The byte limits hold for
    everything read through one instance (one read of a Corefile and its imports).
    """

    roots: tuple[str, ...] = ()
    import_map: Mapping[str, str] = attrs.field(factory=dict)
    files: Mapping[str, str | bytes] = attrs.field(factory=dict)
    max_file_bytes: int = MAX_FILE_BYTES
    max_total_bytes: int = MAX_TOTAL_BYTES
    bytes_read: int = attrs.field(default=0, init=False)
    _real_roots: tuple[str, ...] | None = attrs.field(default=None, init=False, repr=False)

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
        unlisted: list[str] = []
        found = _local_glob(local_pattern, self.inside, unlisted) if _has_magic(local_pattern) else (
            [local_pattern] if os.path.lexists(local_pattern) else []
        )
        matches = []
        for folder in unlisted:
            coredns_path = coredns_prefix + folder[len(local_prefix):] if coredns_prefix is not None else folder
            reason = f"the folder resolves to {os.path.realpath(folder)}, outside the folders this run may read"
            matches.append(Match(coredns_path, folder, None, False, reason))
        for local in sorted(found, key=_go_sort_key):
            coredns_path = coredns_prefix + local[len(local_prefix):] if coredns_prefix is not None else local
            real = os.path.realpath(local)
            if not self.inside(real):
                reason = f"it resolves to {real}, outside the folders this run may read"
                matches.append(Match(coredns_path, local, None, False, reason))
            else:
                matches.append(Match(coredns_path, local, None, os.path.isdir(real)))
        return matches, True

    def inside(self, path: str) -> bool:
        """Whether ``path``, with every link resolved, lies under a root or a mapped folder."""
        if self._real_roots is None:
            folders = [*self.roots, *self.import_map.values()]
            self._real_roots = tuple(os.path.realpath(folder) for folder in folders)
        real = os.path.realpath(path)
        return any(within(real, root) for root in self._real_roots)

    def read(self, match: Match) -> str | bytes:
        """The content of a match, within the sandbox and the byte limits (else :class:`Refused`).

        ``OSError`` passes through for a file that cannot be opened (CoreDNS fails there too).
        """
        if match.text is not None:
            self.bytes_read += len(match.text)
            return match.text
        if match.refused is not None:
            raise Refused(match.refused)
        real = os.path.realpath(match.local_path)
        if not self.inside(real):  # the link changed since the glob
            raise Refused(f"it resolves to {real}, outside the folders this run may read")
        remaining = self.max_total_bytes - self.bytes_read
        limit = min(self.max_file_bytes, remaining)
        try:
            data = read_regular_file(real, limit)
        except TooLarge:
            if limit < self.max_file_bytes:
                raise Refused(
                    f"the imports of this file would read more than {self.max_total_bytes:,} bytes in all"
                ) from None
            raise
        self.bytes_read += len(data)
        return data

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
        """The lexical check (``..`` included); links are judged on each match by :meth:`inside`."""
        allowed = [os.path.abspath(root) for root in self.roots]
        allowed += [os.path.abspath(local) for local in self.import_map.values()]
        lexical = os.path.abspath(local_pattern)
        return any(within(lexical, root) for root in allowed)


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


def _local_glob(pattern: str, may_list=lambda folder: True, unlisted: list[str] | None = None) -> list[str]:
    """Go-like glob on the local disk: dot-files match, ``*`` stays inside one folder.

    A folder is listed only if ``may_list(folder)``: a linked folder outside the roots is
    never listed (so not even the names of its files reach a report), only added to ``unlisted``.
    """
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
            if not may_list(base):
                if unlisted is not None:
                    unlisted.append(base)
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
