"""Catalogue entry for ``hosts`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import check_option_line, known, option_lines, problem, unknown_option
from corefile.catalogue.model import Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import (
    FILE,
    NO_ARGS,
    ZONE,
    ZONES,
    any_number,
    fallthrough,
    opt,
    req,
    v,
)
from corefile.catalogue.types import DURATION, duration, integer
from corefile.core.versions import Version


def _check_hosts(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    # Lines CoreDNS does not recognise as options are inline host entries until the first
    # `fallthrough`; after it they are unknown properties.
    after_fallthrough = False
    for line in occurrence.block or ():
        if not known(line.name):
            continue
        option = HOSTS.options.get(line.name.value)
        if option is not None and option.exists_at(version):
            yield from check_option_line(HOSTS, line, version)
            after_fallthrough = after_fallthrough or option.name == "fallthrough"
        elif after_fallthrough:
            # Inline entries are only read before `fallthrough`; after it any other line is refused.
            yield unknown_option(HOSTS, line, version)
        # else: an inline entry (malformed ones are dropped silently by CoreDNS)
    unsupported = option_lines(occurrence.block, "fallthrough_unsupported")
    if unsupported and version >= v("1.14.7") and not option_lines(occurrence.block, "fallthrough"):
        yield problem(
            "missing-argument",
            unsupported[0].name,
            "hosts option 'fallthrough_unsupported' requires fallthrough in the same hosts block",
            suggestion="fallthrough",
        )


HOSTS = Plugin(
    "hosts",
    summary="Serve A/AAAA/PTR records from a hosts file and inline entries.",
    syntax="hosts [FILE [ZONES...]] [{ INLINE ENTRIES; ttl SECONDS; no_reverse; reload DURATION; fallthrough [ZONES...]; fallthrough_unsupported }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=(opt("FILE", FILE), any_number("ZONES", ZONE)),
    block="custom",
    options=[
        Option("ttl", (req("SECONDS", integer(1, 65535)),), since=v("1.4.0")),
        Option("no_reverse", NO_ARGS, since=v("1.4.0")),
        Option("reload", (req("DURATION", duration(minimum=0)),), since=v("1.4.0"), notes="0 disables"),
        fallthrough(),
        Option("fallthrough_unsupported", NO_ARGS, since=v("1.14.7"), notes="requires fallthrough"),
    ],
    check=_check_hosts,
    notes=(
        "Unrecognised lines before `fallthrough` are inline hosts entries (IP NAME...); after it they are errors.",
        "fallthrough_unsupported requires fallthrough.",
    ),
)

PLUGINS: tuple[Plugin, ...] = (HOSTS,)

__all__ = ["PLUGINS"]
