"""Catalogue entry for ``secondary`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, ServerLike
from corefile.catalogue.check import check_value, known, option_lines, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import ZONE, ZONES, any_number, fallthrough, legacy_upstream, v
from corefile.catalogue.types import IP, IP_PORT
from corefile.core.versions import Version

_TRANSFER_FROM_REQUIRED = v("1.12.2")


def _check_secondary_transfer(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = line.arguments
    if not words:
        yield problem("missing-argument", line.name, "secondary option 'transfer' needs 'from ADDRESS...'")
        return
    direction = words[0]
    if not known(direction):
        return
    if direction.value == "to":
        if version >= v("1.8.0"):
            yield problem(
                "removed-option",
                direction,
                "'transfer to' inside secondary was removed in CoreDNS 1.8.0; use the transfer plugin (transfer ZONE { to ADDRESS... })",
                suggestion="transfer",
            )
        return
    if direction.value != "from":
        yield problem("invalid-option-value", direction, f"unknown property '{direction.value}' after transfer; expected 'from'")
        return
    if len(words) < 2:
        yield problem("missing-argument", direction, "transfer from needs at least one primary IP address")
    for word in words[1:]:
        if not known(word):
            continue
        if word.value == "*":
            yield problem("invalid-option-value", word, "can't use '*' in transfer from; name the primary's IP address")
        else:
            yield from check_value(word, IP_PORT, what="transfer from", rule="invalid-option-value")


def _check_secondary(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    if version < _TRANSFER_FROM_REQUIRED:
        return
    has_from = any(
        line.arguments and line.arguments[0].value == "from" for line in option_lines(occurrence.block, "transfer")
    )
    if not has_from:
        yield problem(
            "missing-argument",
            occurrence.name,
            "secondary zones require a 'transfer from ADDRESS...' line in the block",
            suggestion="transfer from",
        )


def _check_catalog_members(occurrences: Sequence[DirectiveLike], server: ServerLike, version: Version) -> Iterator[SetupProblem]:
    for occurrence in occurrences:
        for line in option_lines(occurrence.block, "catalog"):
            for word in line.arguments:
                if known(word) and not server.normalize_zone(word.value):
                    yield problem(
                        "invalid-option-value",
                        word,
                        f'invalid catalog member zone "{word.value}" (an empty label or port, or a label over 63 octets)',
                    )


SECONDARY = Plugin(
    "secondary",
    summary="Serve zones transferred (AXFR) from primaries.",
    syntax="secondary [ZONES...] { transfer from ADDRESS...; catalog [ZONES...]; fallthrough [ZONES...] }",
    repeat="multi",
    arguments=ZONES,
    block="options",
    options=[
        Option("transfer", None, check=_check_secondary_transfer, shape="from ADDRESS...", notes="'transfer to' removed in 1.8.0"),
        Option("catalog", (any_number("MEMBER_ZONES", ZONE),), since=v("1.14.5")),
        fallthrough(since=v("1.14.4")),
        legacy_upstream(removed=v("1.8.0")),
    ],
    check=_check_secondary,
    check_server=_check_catalog_members,
    notes=("`transfer from` is mandatory since 1.12.2.",),
)

PLUGINS: tuple[Plugin, ...] = (SECONDARY,)

__all__ = ["PLUGINS"]
