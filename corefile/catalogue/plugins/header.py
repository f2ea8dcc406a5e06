"""Catalogue entry for ``header`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem, warning
from corefile.catalogue.model import Plugin, SetupProblem
from corefile.catalogue.plugins._common import v
from corefile.core.versions import Version

_HEADER_FLAGS = ("aa", "ra", "rd")

_SELECTORS_SINCE = v("1.9.4")

_SELECTORLESS_REMOVED = v("1.12.4")


def _check_header(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    for line in occurrence.block or ():
        if not known(line.name):
            continue
        first = line.name.value.lower()
        words = list(line.arguments)
        if first in ("query", "response"):
            if version < _SELECTORS_SINCE:
                yield problem(
                    "unknown-option",
                    line.name,
                    f"header selector '{first}' is not available in CoreDNS {version} (added in {_SELECTORS_SINCE}); write 'set|clear FLAGS...'",
                )
                continue
            if not words:
                yield problem("missing-argument", line.name, "header rule has no flag action; expected set or clear")
                continue
            action, flags = words[0], words[1:]
        elif first in ("set", "clear"):
            if version >= _SELECTORLESS_REMOVED:
                yield problem(
                    "removed-option",
                    line.name,
                    f"header rules without a selector were removed in CoreDNS {_SELECTORLESS_REMOVED}; write 'response {first} ...'",
                    suggestion=f"response {first}",
                )
                continue
            if version >= _SELECTORS_SINCE:
                yield problem(
                    "deprecated-option",
                    line.name,
                    f"header rules without a selector are deprecated since CoreDNS {_SELECTORS_SINCE}; write 'response {first} ...'",
                    suggestion=f"response {first}",
                )
            action, flags = line.name, words
        else:
            selectors = "query or response" if version >= _SELECTORS_SINCE else "set or clear"
            yield problem("unknown-option", line.name, f"invalid header selector '{line.name.value}'; expected {selectors}")
            continue
        if known(action) and action.value.lower() not in ("set", "clear"):
            yield problem("invalid-option-value", action, f"unknown header flag action '{action.value}'; expected set or clear")
            continue
        if not flags:
            yield problem("missing-argument", action, "header rule needs at least one flag (aa, ra, rd)")
        for flag in flags:
            if known(flag) and flag.value.lower() not in _HEADER_FLAGS:
                yield problem("invalid-option-value", flag, f"unknown/unsupported header flag '{flag.value}'; expected aa, ra or rd")


def _has_rules(occurrence: DirectiveLike) -> bool:
    return bool(occurrence.block)


def _check_header_arguments(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    # Setup looks for the block after skipping any words before it: they are never read.
    if occurrence.arguments:
        yield warning(
            "invalid-arguments",
            occurrence.arguments[0],
            "header reads only its { } block; the words before it are ignored",
        )
    yield from _check_header(occurrence, version)


def _check_header_has_rules(occurrences: Sequence[DirectiveLike], version: Version) -> Iterator[SetupProblem]:
    if occurrences and not any(_has_rules(occurrence) for occurrence in occurrences):
        yield problem(
            "missing-argument",
            occurrences[0].name,
            "header needs a { } block with at least one rule, e.g. header { response set ra }",
        )


HEADER = Plugin(
    "header",
    summary="Force DNS header flags on queries and/or responses.",
    syntax="header { query|response set|clear FLAG... }",
    since=v("1.8.5"),
    repeat="first",
    arguments=None,  # words before the block are skipped, not read (a warning)
    block="custom",
    check=_check_header_arguments,
    check_all=_check_header_has_rules,
    read_until=_has_rules,
    notes=(
        "FLAG is aa, ra or rd; the query selector exists since 1.9.4.",
        "A header with no rules is refused; of several header lines, the first one with rules is used.",
        "Selector-less rules (`set ra`) were deprecated in 1.9.4 and removed in 1.12.4.",
    ),
)

PLUGINS: tuple[Plugin, ...] = (HEADER,)

__all__ = ["PLUGINS"]
