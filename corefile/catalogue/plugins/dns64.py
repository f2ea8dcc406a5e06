"""Catalogue entry for ``dns64`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import check_block_options, known, problem, warning
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import NO_ARGS, opt, req, v
from corefile.catalogue.types import parse_go_cidr, ValueType
from corefile.core.versions import Version


def _check_dns64_prefix(text: str) -> str | None:
    try:
        network = parse_go_cidr(text)
    except ValueError as error:
        return str(error)
    if network.version != 6:
        return f'"{text}" is an IPv4 network; the prefix must be IPv6 (e.g. 64:ff9b::/96)'
    if network.prefixlen % 8 or not 32 <= network.prefixlen <= 96:
        return f'invalid prefix length "{network.prefixlen}": must be a multiple of 8 from 32 to 96'
    return None


_DNS64_PREFIX = ValueType("IPv6 CIDR, length 32–96 in steps of 8", _check_dns64_prefix)


def _check_dns64(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    if occurrence.block is None:
        return
    if not occurrence.arguments:
        yield from check_block_options(DNS64, occurrence.block, version)
        return
    # With PREFIX on the line, setup goes straight on to its next round without reading a block:
    # each block line is then read like a directive line, its first word skipped and a single
    # word after it parsed as one more PREFIX (more than one word is refused). Options do nothing.
    for line in occurrence.block:
        words = line.arguments
        if len(words) > 1:
            yield problem(
                "invalid-arguments",
                words[1],
                "dns64 with a PREFIX on its line does not read its block as options: each block line is read "
                "as another 'dns64 PREFIX' line, which takes one word; move the prefix into the block",
            )
        elif words and known(words[0]):
            error = _check_dns64_prefix(words[0].value)
            if error is not None:
                yield problem(
                    "invalid-option-value",
                    words[0],
                    f"dns64 with a PREFIX on its line reads '{words[0].value}' as another prefix: {error}",
                )
        elif line.name.value != "prefix":
            yield warning(
                "unknown-option",
                line.name,
                f"dns64 ignores its block when a PREFIX is on the line: '{line.name.value}' does nothing; "
                "write 'dns64 { prefix PREFIX ... }'",
            )


DNS64 = Plugin(
    "dns64",
    summary="Synthesise AAAA answers from A records for NAT64.",
    syntax="dns64 [PREFIX] | dns64 { prefix PREFIX; translate_all; allow_ipv4 }",
    since=v("1.7.0"),
    repeat="last",
    arguments=(opt("PREFIX", _DNS64_PREFIX),),
    block="custom",
    options=[
        Option("prefix", (req("PREFIX", _DNS64_PREFIX),)),
        Option("translate_all", NO_ARGS),
        Option("allow_ipv4", NO_ARGS, since=v("1.8.7")),
    ],
    check=_check_dns64,
    notes=(
        "With PREFIX on the directive line the block is not read as options: each block line is read as another "
        "`dns64 PREFIX` line (one word after its first is parsed as a prefix). Use the prefix option instead.",
    ),
)

PLUGINS: tuple[Plugin, ...] = (DNS64,)

__all__ = ["PLUGINS"]
