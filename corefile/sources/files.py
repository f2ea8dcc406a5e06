"""Which files a command reads: given files as they are, folders walked for Corefile names.

Standard library only: the CLI's report cache calls this before anything else is imported.
"""

from __future__ import annotations

import fnmatch
import os

#: File names taken when a folder is walked.
COREFILE_PATTERNS = ("Corefile", "Corefile.*", "Corefile-*", "*.corefile")
#: File names taken when a folder is walked for Kubernetes manifests.
MANIFEST_PATTERNS = ("*.yaml", "*.yml", "*.json")


class MissingInput(Exception):
    """A path given on the command line that does not exist."""


def discover(paths: list[str], patterns: tuple[str, ...] = COREFILE_PATTERNS, missing: list[str] | None = None) -> list[str]:
    """The files to lint: given files as they are, folders walked for names matching ``patterns``.

    A path that does not exist raises :class:`MissingInput`, unless a ``missing`` list is given:
    it is then added there and the other paths are still walked (every problem at once).
    """
    found: list[str] = []
    for path in paths:
        if path == "-":
            found.append(path)
        elif os.path.isdir(path):
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(files):
                    if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
                        found.append(os.path.join(folder, name))
        elif os.path.exists(path):
            found.append(path)
        elif missing is not None:
            missing.append(path)
        else:
            raise MissingInput(f"{path}: no such file or folder")
    return found
