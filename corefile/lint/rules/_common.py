"""Helpers shared by several rules (never by one rule only)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from corefile.analysis.addresses import AddressError, normalize_key
from corefile.analysis.context import BlockView, Context
from corefile.catalogue import PLUGINS, check_directive
from corefile.catalogue.model import SetupProblem
from corefile.expansion.expand import Line, Token


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return matches[0] if matches else None


def looks_like_server_key(name: str) -> bool:
    """A directive name that is really a zone (``example.org``, ``.:53``, ``10.0.0.0/8``)."""
    return name == "." or "." in name or ":" in name or "/" in name


class BlockServer:
    """A server block as plugin setup sees it (the catalogue's ServerLike)."""

    __slots__ = ("version", "zones")

    def __init__(self, zones, version) -> None:
        self.zones = zones
        self.version = version

    def normalize_zone(self, text: str):
        try:
            return normalize_key(text, version=self.version).zones
        except AddressError:
            return None


def setup_problems(context: Context) -> list[tuple[BlockView, SetupProblem]]:
    """Every problem the catalogue finds in the plugins' arguments, computed once per run."""
    cached = context.cache.get("setup_problems")
    if cached is not None:
        return cached
    problems: list[tuple[BlockView, SetupProblem]] = []
    for view in context.blocks:
        server = BlockServer(view.zones, context.version)
        by_name: dict[str, list[Line]] = {}
        for line in view.directives:
            by_name.setdefault(line.name.text, []).append(line)
        for name, occurrences in by_name.items():
            plugin = PLUGINS.get(name)
            if plugin is None or not context.is_available(name) or plugin.external:
                continue
            for problem in check_directive(occurrences, context.version, server):
                problems.append((view, problem))
    context.cache["setup_problems"] = problems
    return problems


def target_token(target) -> Token:
    """The token a catalogue problem points at (a word, or a line's name)."""
    if isinstance(target, Token):
        return target
    return target.name
