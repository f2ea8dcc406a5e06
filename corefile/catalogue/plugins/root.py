"""Catalogue entry for ``root`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import problem
from corefile.catalogue.model import Plugin, SetupProblem
from corefile.catalogue.plugins._common import FILE, any_number
from corefile.core.versions import Version


def _check_root(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    # Setup loops `for c.Next() { if !c.NextArg() { ArgErr }; Root = c.Val() }` over the line's
    # words, so each word after PATH starts another round that needs a word of its own: an even
    # count of words is refused, an odd count keeps the last one as the root.
    # unsure: derived from the setup loop, not measured for three or more words
    words = occurrence.arguments
    if not words:
        yield problem("missing-argument", occurrence.name, "root needs a PATH")
    elif len(words) % 2 == 0:
        yield problem("invalid-arguments", words[-1], f"root takes one PATH; '{words[-1].value}' is left without a value")


ROOT = Plugin(
    "root",
    summary="Base directory for the block's relative file paths.",
    syntax="root PATH",
    repeat="last",
    arguments=(any_number("PATH", FILE),),
    block="refused",  # the `{` starts another round of the setup loop, which finds no word after it
    check=_check_root,
)

PLUGINS: tuple[Plugin, ...] = (ROOT,)

__all__ = ["PLUGINS"]
