"""Catalogue entry for ``on`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Plugin, SetupProblem
from corefile.catalogue.plugins._common import v
from corefile.core.versions import Version

_EVENTS = ("startup", "shutdown", "certrenew")


def _check_on(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if not words:
        yield problem("missing-argument", occurrence.name, "on needs an event (startup, shutdown or certrenew) and a command")
        return
    if known(words[0]) and words[0].value.lower() not in _EVENTS:
        yield problem("invalid-arguments", words[0], f"wrong event name or event not supported: '{words[0].value}'; expected {', '.join(_EVENTS)}")
    if len(words) < 2:
        yield problem("missing-argument", words[0], f"on {words[0].value} needs a COMMAND to run")


ON = Plugin(
    "on",
    summary="Run a command when an event (startup, shutdown, certrenew) happens.",
    syntax="on startup|shutdown|certrenew COMMAND [ARGS...] [&]",
    since=v("1.0.5"),
    repeat="multi",
    arguments=None,
    block="refused",  # setup reads the `{` as one more line argument (or as a new, empty occurrence)
    check=_check_on,
)

PLUGINS: tuple[Plugin, ...] = (ON,)

__all__ = ["PLUGINS"]
