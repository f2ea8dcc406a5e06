"""Catalogue entry for ``dnssec`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, OptionCheck, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import ZONES, req, v
from corefile.catalogue.types import NON_NEGATIVE_INT
from corefile.core.versions import Version


def _check_key_sources(plugin: str, sources: dict[str, Version | None]) -> OptionCheck:
    def check(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
        words = line.arguments
        if not words:
            yield problem("missing-argument", line.name, f"{plugin} option 'key' needs a source ({' or '.join(sources)}) and key names")
            return
        source = words[0].value
        if known(words[0]) and source not in sources:
            return  # CoreDNS silently loads nothing for an unknown source word (no error)
        added = sources.get(source)
        if known(words[0]) and added is not None and version < added:
            yield problem(
                "invalid-option-value",
                words[0],
                f"{plugin} key source '{source}' is not available in CoreDNS {version} (added in {added})",
            )
        if len(words) < 2:
            yield problem("missing-argument", words[0], f"{plugin} option 'key {source}' needs at least one key name")

    return check


DNSSEC = Plugin(
    "dnssec",
    summary="Sign answers on the fly (DNSSEC, NSEC black lies).",
    syntax="dnssec [ZONES...] [{ key file|aws_secretsmanager KEY...; cache_capacity CAPACITY }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=ZONES,
    block="options",
    options=[
        Option(
            "key",
            None,
            check=_check_key_sources("dnssec", {"file": None, "aws_secretsmanager": v("1.12.2")}),
            shape="file|aws_secretsmanager KEY...",
            notes="aws_secretsmanager since 1.12.2",
        ),
        Option("cache_capacity", (req("CAPACITY", NON_NEGATIVE_INT),)),
    ],
)

PLUGINS: tuple[Plugin, ...] = (DNSSEC,)

__all__ = ["PLUGINS"]
