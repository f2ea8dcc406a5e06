"""Catalogue entry for ``tsig`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, option_lines, problem
from corefile.catalogue.model import Option, OptionCheck, Plugin, SetupProblem
from corefile.catalogue.plugins._common import FILE, ZONES, req, v
from corefile.catalogue.types import OPCODES, QTYPES
from corefile.core.versions import Version


def _check_require_list(vocabulary: frozenset[str], what: str) -> OptionCheck:
    def check(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
        words = line.arguments
        if not words:
            yield problem("missing-argument", line.name, f"tsig option '{line.name.value}' needs {what}, all or none")
            return
        for index, word in enumerate(words):
            if not known(word):
                continue
            if word.value in ("all", "none"):
                if index:
                    yield problem("invalid-option-value", word, f"'{word.value}' must be the only word after {line.name.value}")
            elif word.value not in vocabulary:
                yield problem("invalid-option-value", word, f"unknown {what.rstrip('s.')} '{word.value}' in tsig {line.name.value}")

    return check


def _check_tsig(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    seen: set[str] = set()
    for line in option_lines(occurrence.block, "secret"):
        if line.arguments and known(line.arguments[0]):
            name = line.arguments[0].value.lower().rstrip(".")
            if name in seen:
                yield problem("invalid-arguments", line.arguments[0], f'tsig key "{line.arguments[0].value}" redefined')
            seen.add(name)


TSIG = Plugin(
    "tsig",
    summary="TSIG key store: verify signed requests, sign replies, optionally require signatures.",
    syntax="tsig [ZONES...] [{ secret NAME KEY; secrets FILE; require QTYPE...|all|none; require_opcode OPCODE...|all|none }]",
    since=v("1.9.4"),
    repeat="once",
    arguments=ZONES,
    block="options",
    options=[
        Option("secret", (req("NAME"), req("KEY"))),
        Option("secrets", (req("FILE", FILE),)),
        Option("require", None, check=_check_require_list(QTYPES, "QTYPEs"), shape="QTYPE...|all|none"),
        Option(
            "require_opcode",
            None,
            since=v("1.14.3"),
            check=_check_require_list(OPCODES, "OPCODEs"),
            shape="OPCODE...|all|none",
        ),
    ],
    check=_check_tsig,
    notes=("CoreDNS reports every tsig mistake as a generic argument error.",),
)

PLUGINS: tuple[Plugin, ...] = (TSIG,)

__all__ = ["PLUGINS"]
