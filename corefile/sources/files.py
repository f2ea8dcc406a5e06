"""Which files a command reads: given files as they are, folders walked for Corefile names.

A folder walk takes, in any letter case, ``Corefile``, ``Corefile.*``, ``Corefile-*`` and
``*.corefile`` (``home.Corefile``, ``COREFILE``); it passes over editor backups (``~``, ``.bak``,
``.orig``, ``.rej``, ``.swp``, ``.tmp``, Emacs ``#name#`` and ``.#name``), hidden folders
(``.git``, ``.venv``), ``node_modules``, ``__pycache__``, ``site-packages`` and any virtual
environment (a folder holding ``pyvenv.cfg``), and what ``.gitignore`` files ignore, as ruff does
(see :mod:`corefile.sources.gitignore`). Paths given by name are always read (a folder given
by name is walked even when a ``.gitignore`` ignores it), as ruff does.

Standard library only: the CLI's report cache calls this before anything else is imported.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys

#: File names taken when a folder is walked (compared in lower case: any letter case matches).
COREFILE_PATTERNS = ("corefile", "corefile.*", "corefile-*", "*.corefile")
#: File names taken when a folder is walked for Kubernetes manifests.
MANIFEST_PATTERNS = ("*.yaml", "*.yml", "*.json")
#: Editor and merge leftovers, never taken by a walk even when their name matches.
BACKUP_SUFFIXES = ("~", ".bak", ".orig", ".rej", ".swp", ".tmp")
#: Folders a walk never enters (besides hidden ones and virtual environments).
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})


def is_backup(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith(BACKUP_SUFFIXES) or (name.startswith("#") and name.endswith("#")) or name.startswith(".#")


def walks_into(folder: str, name: str) -> bool:
    """Whether a walk enters the subfolder ``name`` of ``folder``."""
    if name.startswith(".") or name in SKIPPED_FOLDERS:
        return False
    return not os.path.exists(os.path.join(folder, name, "pyvenv.cfg"))


def matches(name: str, patterns: tuple[str, ...]) -> bool:
    """Whether a file name is taken by a walk for ``patterns`` (any letter case, no backups)."""
    lowered = name.lower()
    return not is_backup(name) and any(fnmatch.fnmatchcase(lowered, pattern) for pattern in patterns)


#: Values files of the CoreDNS Helm chart; a walk in auto mode lints those that hold `servers:`.
HELM_PATTERNS = ("values*.yaml", "values*.yml")


def input_patterns(input_format: str | None) -> tuple[str, ...]:
    """The file names a folder walk takes for ``--input-format``."""
    if input_format == "configmap":
        return MANIFEST_PATTERNS
    if input_format == "helm":
        return HELM_PATTERNS
    return COREFILE_PATTERNS + HELM_PATTERNS


#: The largest Corefile (or manifest) read as an input.
MAX_INPUT_BYTES = 64 << 20


class MissingInput(Exception):
    """A path given on the command line that does not exist or cannot be read."""


class Refused(Exception):
    """A file this run will not read; the message says why, in words fit for a finding."""


class TooLarge(Refused):
    """A regular file over the size limit."""


def read_regular_file(path: str, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Opened without blocking (a FIFO would otherwise wait for a writer forever) and checked
    on the open descriptor, so what is checked is what is read. Raises :class:`Refused` for
    anything but a regular file, :class:`TooLarge` past ``limit``, ``OSError`` when it
    cannot be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("it is not a regular file")
        if info.st_size > limit:
            raise TooLarge(f"it is larger than {limit:,} bytes")
        chunks = []
        remaining = limit + 1  # one byte more tells a file that grew past the limit
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise TooLarge(f"it is larger than {limit:,} bytes")
        return data
    finally:
        os.close(descriptor)


def read_input(path: str) -> bytes:
    """The bytes of an input file: a regular file only (a FIFO never blocks us), size-capped."""
    try:
        return read_regular_file(path, MAX_INPUT_BYTES)
    except Refused as refusal:
        raise MissingInput(f"{path}: not read: {refusal}") from None
    except OSError as error:
        raise MissingInput(f"{path}: {error.strerror}") from None


def within(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or lies under it (both already resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _walk_refusal(path: str, real_top: str) -> str | None:
    real = os.path.realpath(path)
    if not within(real, real_top):
        return f"it resolves to {real}, outside {real_top}"
    try:
        if not stat.S_ISREG(os.stat(real).st_mode):
            return "it is not a regular file"
    except OSError as error:
        return error.strerror
    return None


def discover(
    paths: list[str],
    patterns: tuple[str, ...] = COREFILE_PATTERNS,
    missing: list[str] | None = None,
    *,
    respect_gitignore: bool = True,
    ignore_files: list[str] | None = None,
    notes: bool = True,
) -> list[str]:
    """The files to lint: given files as they are, folders walked for names matching ``patterns``.

    A walk takes only regular files whose real location is inside the walked folder: a link
    named ``Corefile`` that points at ``/etc/passwd`` or a FIFO is passed over with a note.
    A path that does not exist raises :class:`MissingInput`, unless a ``missing`` list is given:
    it is then added there and the other paths are still walked (every problem at once).
    With ``respect_gitignore``, what ``.gitignore`` files ignore is left out of walks; the ignore
    files read are added to ``ignore_files`` when it is given. ``notes``: say what was skipped.
    """
    from corefile.sources.gitignore import Ignores, for_walk

    found: list[str] = []
    for path in paths:
        if path == "-":
            found.append(path)
        elif os.path.isdir(path):
            real_top = os.path.realpath(path)
            ignores = for_walk(path) if respect_gitignore else Ignores()
            for folder, subfolders, files in os.walk(path):
                absolute = os.path.abspath(folder)
                if respect_gitignore:
                    ignores.add_folder(absolute)
                subfolders[:] = sorted(
                    d for d in subfolders
                    if walks_into(folder, d) and not ignores.ignored(os.path.join(absolute, d), is_folder=True)
                )
                for name in sorted(files):
                    if not matches(name, patterns) or ignores.ignored(os.path.join(absolute, name), is_folder=False):
                        continue
                    candidate = os.path.join(folder, name)
                    reason = _walk_refusal(candidate, real_top)
                    if reason:
                        if notes:
                            print(f"corefile: note: {candidate}: skipped, {reason}", file=sys.stderr)
                        continue
                    found.append(candidate)
            if ignore_files is not None:
                ignore_files.extend(ignores.files)
        elif os.path.exists(path):
            found.append(path)
        elif missing is not None:
            missing.append(path)
        else:
            raise MissingInput(f"{path}: no such file or folder")
    return found
