"""Catalogue entry for ``trace`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import opt, req, v
from corefile.catalogue.types import DURATION, NON_NEGATIVE_INT, number, one_of
from corefile.core.versions import Version

_BOOL = one_of("1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False")


def _check_trace(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if len(words) > 2:
        yield problem("invalid-arguments", words[2], "trace takes at most two arguments: [ENDPOINT-TYPE] [ENDPOINT]")
    # With a single argument it is the ENDPOINT; the type is only read when two are given.
    if len(words) >= 2 and known(words[0]):
        types = ("zipkin", "datadog") if version >= v("1.1.0") else ("zipkin",)
        if words[0].value not in types:
            yield problem("invalid-arguments", words[0], f"tracing endpoint type '{words[0].value}' is not supported; expected {' or '.join(types)}")


TRACE = Plugin(
    "trace",
    summary="OpenTracing of the plugin chain (Zipkin or Datadog).",
    syntax="trace [ENDPOINT-TYPE] [ENDPOINT] [{ every AMOUNT; service NAME; client_server [BOOL]; datadog_analytics_rate RATE; zipkin_* ... }]",
    repeat="last",
    arguments=None,
    block="options",
    options=[
        Option("every", (req("AMOUNT", NON_NEGATIVE_INT),)),
        Option("service", (req("NAME"),)),
        Option("client_server", (opt("BOOL", _BOOL),)),
        Option("datadog_analytics_rate", (req("RATE", number(0, 1)),), since=v("1.8.0")),
        Option("zipkin_max_backlog_size", (req("SIZE", NON_NEGATIVE_INT),), since=v("1.9.4")),
        Option("zipkin_max_batch_size", (req("SIZE", NON_NEGATIVE_INT),), since=v("1.9.4")),
        Option("zipkin_max_batch_interval", (req("DURATION", DURATION),), since=v("1.9.4")),
    ],
    check=_check_trace,
    notes=("With one argument it is the ENDPOINT (`trace datadog` means a Zipkin collector at host datadog).",),
)

PLUGINS: tuple[Plugin, ...] = (TRACE,)

__all__ = ["PLUGINS"]
