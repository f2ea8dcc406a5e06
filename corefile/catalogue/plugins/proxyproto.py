"""Catalogue entry for ``proxyproto`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, any_number, opt, req, v
from corefile.catalogue.types import CIDR, POSITIVE_INT, ValueType, duration, one_of, parse_go_duration


def _check_session_tracking(text: str) -> str | None:
    try:
        parse_go_duration(text)
    except ValueError as error:
        return f"invalid duration: {error}"
    return None


PROXYPROTO = Plugin(
    "proxyproto",
    summary="Accept PROXY protocol v1/v2 headers in front of DNS traffic.",
    syntax="proxyproto [{ allow CIDR...; default use|ignore|reject|skip; udp_session_tracking DURATION [MAX_SESSIONS] }]",
    # Compiled from 1.14.2 although plugin.cfg lists it only from 1.14.3 (plugins.md §0).
    since=v("1.14.2"),
    repeat="multi",
    arguments=NO_ARGS,
    block="options",
    options=[
        Option("allow", (any_number("CIDR", CIDR),)),
        Option("default", (req("POLICY", one_of("use", "ignore", "reject", "skip", case_sensitive=False)),)),
        Option(
            "udp_session_tracking",
            (req("DURATION", ValueType("duration", _check_session_tracking)), opt("MAX_SESSIONS", POSITIVE_INT)),
            since=v("1.14.3"),
        ),
    ],
)

PLUGINS: tuple[Plugin, ...] = (PROXYPROTO,)

__all__ = ["PLUGINS"]
