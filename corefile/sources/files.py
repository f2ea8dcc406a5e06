"""Which files a command reads: given files as they are, folders walked for Corefile names.

Standard library only: the CLI's report cache calls this before anything else is imported.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import sys

#: File names taken when a folder is walked.
COREFILE_PATTERNS = ("Corefile", "Corefile.*", "Corefile-*", "*.corefile")
#: File names taken when a folder is walked for Kubernetes manifests.
MANIFEST_PATTERNS = ("*.yaml", "*.yml", "*.json")
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


def discover(paths: list[str], patterns: tuple[str, ...] = COREFILE_PATTERNS) -> list[str]:
    """The files to lint: given files as they are, folders walked for names matching ``patterns``.

    A walk takes only regular files whose real location is inside the walked folder: a link
    named ``Corefile`` that points at ``/etc/passwd`` or a FIFO is passed over with a note.
    """
    found: list[str] = []
    for path in paths:
        if path == "-":
            found.append(path)
        elif os.path.isdir(path):
            real_top = os.path.realpath(path)
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(files):
                    if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
                        candidate = os.path.join(folder, name)
                        reason = _walk_refusal(candidate, real_top)
                        if reason:
                            print(f"corefile: note: {candidate}: skipped, {reason}", file=sys.stderr)
                            continue
                        found.append(candidate)
        elif os.path.exists(path):
            found.append(path)
        else:
            raise MissingInput(f"{path}: no such file or folder")
    return found
