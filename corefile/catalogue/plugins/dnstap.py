"""Catalogue entry for ``dnstap`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, WordLike
from corefile.catalogue.check import check_slots, known, option_lines, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import FILE, NO_ARGS, opt, req, v
from corefile.catalogue.types import integer
from corefile.core.versions import Version


def _check_dnstap(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words: Sequence[WordLike] = occurrence.arguments
    listen = bool(words) and known(words[0]) and words[0].value == "listen" and version >= v("1.14.4")
    if listen:
        words = words[1:]
        if not words:
            yield problem("missing-argument", occurrence.arguments[0], "dnstap listen requires an endpoint (SOCKET) argument")
            return
    elif not words:
        yield problem("missing-argument", occurrence.name, "dnstap needs a SOCKET (unix:///path, tcp://host:port or tls://host:port)")
        return
    # Positions: SOCKET [full] [WRITEBUF] [QUEUE]; the 2nd word is "full" only if it equals full.
    slots = (req("SOCKET"), opt("FULL"), opt("WRITEBUF", integer(1, 1024)), opt("QUEUE", integer(1, 4096)))
    yield from check_slots(words, slots, owner=occurrence.name, what="dnstap", bad_value_rule="invalid-arguments")
    for line in option_lines(occurrence.block, "tls"):
        if not listen:
            yield problem("invalid-option-value", line.name, "dnstap option 'tls' is only valid with 'dnstap listen'")


DNSTAP = Plugin(
    "dnstap",
    summary="Log queries and responses to dnstap sinks.",
    syntax="dnstap [listen] SOCKET [full] [WRITEBUF] [QUEUE] [{ identity ...; version ...; extra ...; skipverify; tls CERT KEY [CA] }]",
    repeat="multi",
    arguments=None,
    block="options",
    options=[
        Option("identity", (req("IDENTITY"),)),
        Option("version", (req("VERSION"),)),
        Option("extra", (req("EXTRA"),), since=v("1.11.1")),
        Option("skipverify", NO_ARGS, since=v("1.11.0")),
        Option("tls", (req("CERT", FILE), req("KEY", FILE), opt("CA", FILE)), since=v("1.14.4"), notes="listen mode only"),
    ],
    check=_check_dnstap,
    notes=("WRITEBUF 1–1024 MiB, QUEUE 1–4096 ×10k messages; `listen` mode since 1.14.4.",),
)

PLUGINS: tuple[Plugin, ...] = (DNSTAP,)

__all__ = ["PLUGINS"]
