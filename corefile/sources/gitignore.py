"""A small ``.gitignore`` matcher, so that folder walks skip what git ignores (as ruff does).

Standard library only (the CLI's report cache walks folders before anything else is imported).
It follows gitignore(5): blank lines and ``#`` comments are skipped, ``\\`` escapes a leading
``#`` or ``!`` and trailing spaces, ``!`` re-includes, a trailing ``/`` matches folders only, a
``/`` at the start or in the middle anchors the pattern to the file's folder (otherwise it
matches a name at any depth), ``*`` and ``?`` do not cross ``/``, ``[...]`` is a character class,
and ``**`` spans folders (``**/x``, ``x/**``, ``a/**/b``). The last matching pattern decides.
What git reads besides ``.gitignore`` files (``core.excludesFile``) is not read, except the
repository's own ``.git/info/exclude``.
"""

from __future__ import annotations

import os
import re
from typing import NamedTuple


class Pattern(NamedTuple):
    regex: re.Pattern[str]
    negated: bool
    folders_only: bool


def _translate(glob: str) -> str:
    """The regular expression of one gitignore glob (already stripped of ``!``, ``/`` markers)."""
    out = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if glob.startswith("/**", index) and index + 3 == len(glob):
            out.append("/.*")
            index += 3
            continue
        if glob.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            end = glob.find("]", index + 2 if glob[index + 1 : index + 2] in ("!", "^", "]") else index + 1)
            if end == -1:
                out.append(re.escape(char))
            else:
                body = glob[index + 1 : end]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                index = end
        elif char == "\\" and index + 1 < len(glob):
            index += 1
            out.append(re.escape(glob[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def parse(text: str) -> list[Pattern]:
    """The patterns of one ``.gitignore`` file's text."""
    patterns = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        stripped = line
        while stripped.endswith(" ") and not stripped.endswith("\\ "):
            stripped = stripped[:-1]
        if not stripped:
            continue
        negated = stripped.startswith("!")
        if negated:
            stripped = stripped[1:]
        elif stripped.startswith(("\\!", "\\#")):
            stripped = stripped[1:]
        folders_only = stripped.endswith("/")
        stripped = stripped.rstrip("/")
        if not stripped:
            continue
        anchored = "/" in stripped
        stripped = stripped.lstrip("/")
        body = _translate(stripped)
        regex = f"^{body}$" if anchored else f"^(?:.*/)?{body}$"
        patterns.append(Pattern(re.compile(regex, re.DOTALL), negated, folders_only))
    return patterns


class Ignores:
    """The ``.gitignore`` rules in force in a walk: per folder, its patterns (base folder first)."""

    def __init__(self) -> None:
        self.layers: list[tuple[str, list[Pattern]]] = []
        #: Every ignore file looked for, present or not (the report cache depends on them all).
        self.files: list[str] = []

    def add_folder(self, folder: str) -> None:
        """Read ``folder/.gitignore`` if there is one."""
        self._add(folder, os.path.join(folder, ".gitignore"))

    def _add(self, base: str, path: str) -> None:
        self.files.append(path)
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
        except OSError:
            return
        patterns = parse(text)
        if patterns:
            self.layers.append((base, patterns))

    def ignored(self, path: str, is_folder: bool) -> bool:
        """Whether git would ignore ``path`` (the closest folder's ``.gitignore`` decides last)."""
        verdict = False
        for base, patterns in self.layers:
            relative = os.path.relpath(path, base)
            if relative.startswith(".."):
                continue
            relative = relative.replace(os.sep, "/")
            for pattern in patterns:
                if pattern.folders_only and not is_folder:
                    continue
                if pattern.regex.match(relative):
                    verdict = not pattern.negated
        return verdict


def for_walk(top: str) -> Ignores:
    """The ignore rules that apply at ``top``: those of the repository around it (its root's
    ``.git/info/exclude`` and every ``.gitignore`` from the root down to ``top``); outside a
    repository, only the ``.gitignore`` files inside the walk."""
    ignores = Ignores()
    top = os.path.abspath(top)
    chain = []
    folder = top
    while True:
        chain.append(folder)
        if os.path.exists(os.path.join(folder, ".git")):
            ignores._add(folder, os.path.join(folder, ".git", "info", "exclude"))
            for ancestor in reversed(chain[1:]):
                ignores.add_folder(ancestor)
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return ignores
