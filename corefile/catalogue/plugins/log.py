"""Catalogue entry for ``log`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, warning
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import any_number, many, v
from corefile.catalogue.types import one_of
from corefile.core.versions import Version

_OUTPUT_REMOVED = v("1.0.0")


def _check_log(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    # Before 1.0.0 the line was `log [NAME] [OUTPUT] [FORMAT]`; the OUTPUT `stdout` survived in old
    # Corefiles and is now one more NAME: CoreDNS starts, logging queries under `stdout.` too.
    if version < _OUTPUT_REMOVED:
        return
    words = occurrence.arguments
    names = words[:-1] if len(words) >= 2 and "{" in words[-1].value else words
    for word in names:
        if known(word) and word.value == "stdout":
            yield warning(
                "removed-option",
                word,
                f"log's output argument 'stdout' was removed in CoreDNS {_OUTPUT_REMOVED} (logs always go to standard output); "
                "it is now read as the zone 'stdout.': remove it",
            )


LOG = Plugin(
    "log",
    summary="Log queries to standard output.",
    syntax="log [NAMES...] [FORMAT] [{ class all|success|denial|error... }]",
    repeat="multi",
    arguments=(any_number("NAMES FORMAT"),),
    block="options",
    options=[
        # Class names are compared as written: `class ALL` is refused ("invalid Class").
        Option("class", (many("CLASS", one_of("all", "success", "denial", "error")),)),
    ],
    check=_check_log,
    notes=(
        "A single argument is always a NAME, never a format: write `log . {combined}`.",
        "The pre-1.0 output argument `stdout` is now read as a zone `stdout.` (a warning).",
    ),
)

PLUGINS: tuple[Plugin, ...] = (LOG,)

__all__ = ["PLUGINS"]
