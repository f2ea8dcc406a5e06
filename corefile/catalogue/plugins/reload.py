"""Catalogue entry for ``reload`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Plugin, SetupProblem
from corefile.catalogue.plugins._common import opt, v
from corefile.catalogue.types import duration, parse_go_duration
from corefile.core.versions import Version

_JITTER_ZERO_SINCE = v("1.14.2")


def _check_reload(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if words and known(words[0]):
        error = duration(minimum=2).check(words[0].value)
        if error:
            yield problem("invalid-arguments", words[0], f"reload INTERVAL: {error} (the minimum interval is 2s)")
    if len(words) >= 2 and known(words[1]):
        try:
            jitter = parse_go_duration(words[1].value)
        except ValueError as error:
            yield problem("invalid-arguments", words[1], f"reload JITTER: {error}")
        else:
            zero_allowed = version >= _JITTER_ZERO_SINCE
            if not (jitter >= 1 or (jitter == 0 and zero_allowed)):
                accepted = "0 or at least 1s" if zero_allowed else f"at least 1s (0 is accepted from {_JITTER_ZERO_SINCE})"
                yield problem("invalid-arguments", words[1], f"reload JITTER must be {accepted}")


RELOAD = Plugin(
    "reload",
    summary="Reload CoreDNS when the Corefile changes (process-wide).",
    syntax="reload [INTERVAL [JITTER]]",
    since=v("1.1.0"),
    repeat="first",
    arguments=(opt("INTERVAL"), opt("JITTER")),  # values checked by _check_reload (version-dependent)
    block="ignored",
    check=_check_reload,
    notes=("INTERVAL ≥ 2s (default 30s); JITTER 0 (since 1.14.2) or ≥ 1s (default 15s).",),
)

PLUGINS: tuple[Plugin, ...] = (RELOAD,)

__all__ = ["PLUGINS"]
