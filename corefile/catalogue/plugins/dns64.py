"""Catalogue entry for ``dns64`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import check_block_options
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import NO_ARGS, opt, req, v
from corefile.catalogue.types import parse_go_cidr, ValueType
from corefile.versions import Version


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
    # Quirk: with PREFIX on the directive line, setup skips the block entirely.
    if occurrence.block is not None and not occurrence.arguments:
        yield from check_block_options(DNS64, occurrence.block, version)


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
    notes=("With PREFIX on the directive line the block is silently ignored; use the prefix option instead.",),
)

PLUGINS: tuple[Plugin, ...] = (DNS64,)

__all__ = ["PLUGINS"]
