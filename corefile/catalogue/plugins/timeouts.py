"""Catalogue entry for ``timeouts`` (plugins.md §3)."""

from __future__ import annotations

import re

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, req, v
from corefile.catalogue.types import DURATION, ValueType, duration, integer


def _check_max_tcp_queries(text: str) -> str | None:
    if re.fullmatch(r"-1|[0-9]+", text) and text != "0" and int(text) != 0:
        return None
    return f'"{text}" needs to be -1 (unlimited) or a positive integer'


_TIMEOUT = duration(minimum=1, maximum=24 * 3600, int_means_seconds=True)

TIMEOUTS = Plugin(
    "timeouts",
    summary="Server read/write/idle timeouts and the per-connection TCP query cap.",
    syntax="timeouts { read DURATION; write DURATION; idle DURATION; maxtcpqueries MAXIMUM }",
    since=v("1.10.1"),
    repeat="last",
    arguments=NO_ARGS,
    block="options",
    block_required=True,
    options=[
        Option("read", (req("DURATION", _TIMEOUT),)),
        Option("write", (req("DURATION", _TIMEOUT),)),
        Option("idle", (req("DURATION", _TIMEOUT),)),
        Option("maxtcpqueries", (req("MAXIMUM", ValueType("-1 or positive integer", _check_max_tcp_queries)),), since=v("1.14.7")),
    ],
)

PLUGINS: tuple[Plugin, ...] = (TIMEOUTS,)

__all__ = ["PLUGINS"]
