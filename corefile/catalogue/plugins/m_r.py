"""Catalogue entries metadata … route53, except rewrite (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import (
    FILE,
    NO_ARGS,
    ZONE,
    ZONES,
    any_number,
    check_colon_fields,
    fallthrough,
    legacy_upstream,
    many,
    opt,
    req,
    v,
)
from corefile.catalogue.types import (
    CIDR,
    HOST_PORT,
    POSITIVE_INT,
    ValueType,
    duration,
    integer,
    one_of,
    parse_go_duration,
)
from corefile.core.versions import Version

# --------------------------------------------------------------------------------------------
# metadata, minimal, multisocket

METADATA = Plugin(
    "metadata",
    summary="Enable metadata collection for other plugins (log, rewrite, template, view...).",
    syntax="metadata [ZONES...]",
    since=v("1.2.0"),
    repeat="err",
    arguments=ZONES,
    block="refused",
)

MINIMAL = Plugin(
    "minimal",
    summary="Strip authority and additional sections from positive answers.",
    syntax="minimal",
    since=v("1.8.4"),
    repeat="first",
    arguments=NO_ARGS,
    block="ignored",
)

MULTISOCKET = Plugin(
    "multisocket",
    summary="Open several SO_REUSEPORT listeners per address.",
    syntax="multisocket [NUM_SOCKETS]",
    since=v("1.12.0"),
    repeat="err",
    arguments=(opt("NUM_SOCKETS", integer(1, 1024)),),
    block="refused",
)

# --------------------------------------------------------------------------------------------
# nomad

_TTL_0_3600 = integer(0, 3600)

NOMAD = Plugin(
    "nomad",
    summary="Serve records from the Nomad service catalogue.",
    syntax="nomad [ZONE] [{ address URL...; filter FILTER; token TOKEN; ttl SECONDS }]",
    since=v("1.13.0"),
    repeat="first",
    arguments=(any_number("ZONE", ZONE),),  # only the first word is used; extra words are ignored
    block="options",
    options=[
        Option("address", (many("URL"),)),
        Option("filter", (req("FILTER"),), since=v("1.13.2")),
        Option("token", (req("TOKEN"),)),
        Option("ttl", (req("SECONDS", _TTL_0_3600),)),
    ],
)

# --------------------------------------------------------------------------------------------
# nsid

NSID = Plugin(
    "nsid",
    summary="Add an NSID (RFC 5001) option to replies.",
    syntax="nsid [DATA...]",
    since=v("1.0.1"),
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=(any_number("DATA"),),
    block="refused",  # a block is read as a second occurrence (ErrOnce)
)

# --------------------------------------------------------------------------------------------
# on (from coredns/caddy onevent)

_EVENTS = ("startup", "shutdown", "certrenew")


def _check_on(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if not words:
        yield problem("missing-argument", occurrence.name, "on needs an event (startup, shutdown or certrenew) and a command")
        return
    if known(words[0]) and words[0].value.lower() not in _EVENTS:
        yield problem("invalid-arguments", words[0], f"wrong event name or event not supported: '{words[0].value}'; expected {', '.join(_EVENTS)}")
    if len(words) < 2:
        yield problem("missing-argument", words[0], f"on {words[0].value} needs a COMMAND to run")


ON = Plugin(
    "on",
    summary="Run a command when an event (startup, shutdown, certrenew) happens.",
    syntax="on startup|shutdown|certrenew COMMAND [ARGS...] [&]",
    since=v("1.0.5"),
    repeat="multi",
    arguments=None,
    block="ignored",  # unsure: reaction to a block is not documented; lenient
    check=_check_on,
)

# --------------------------------------------------------------------------------------------
# pprof, prometheus

PPROF = Plugin(
    "pprof",
    summary="Go profiling endpoints under /debug/pprof.",
    syntax="pprof [ADDRESS] [{ block [RATE] }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "err"),),
    arguments=(opt("ADDRESS", HOST_PORT),),
    block="options",
    options=[Option("block", (opt("RATE", integer()),), since=v("1.5.0"))],
)

PROMETHEUS = Plugin(
    "prometheus",
    summary="Export Prometheus metrics at /metrics and record per-zone request metrics.",
    syntax="prometheus [ADDRESS] [{ runtime_metrics; tls WEB_CONFIG_FILE }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=(opt("ADDRESS", HOST_PORT),),
    block="options",
    options=[
        Option("runtime_metrics", NO_ARGS, since=v("1.14.3")),
        Option("tls", (req("WEB_CONFIG_FILE", FILE),), since=v("1.14.3"), once=True),
    ],
)

# --------------------------------------------------------------------------------------------
# proxyproto


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

# --------------------------------------------------------------------------------------------
# quic, ready, reload

QUIC = Plugin(
    "quic",
    summary="Tune the DNS-over-QUIC listener of a quic:// block.",
    syntax="quic [{ max_streams N; worker_pool_size N }]",
    since=v("1.12.2"),
    repeat="first",
    arguments=NO_ARGS,
    block="options",
    options=[
        Option("max_streams", (req("N", POSITIVE_INT),), once=True),
        Option("worker_pool_size", (req("N", POSITIVE_INT),), once=True),
    ],
)

READY = Plugin(
    "ready",
    summary="HTTP readiness endpoint /ready.",
    syntax="ready [ADDRESS] [{ monitor until-ready|continuously }]",
    since=v("1.5.0"),
    repeat="once",
    arguments=(opt("ADDRESS", HOST_PORT),),
    block="options",
    options=[Option("monitor", (req("MODE", one_of("until-ready", "continuously")),), since=v("1.12.2"))],
)

_JITTER_ZERO_SINCE = v("1.14.2")


def _check_reload(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if words and known(words[0]):
        error = duration(minimum=2).check(words[0].value)
        if error:
            yield problem("invalid-arguments", words[0], f"reload INTERVAL: {error} (the minimum interval is 2s)")
    if len(words) >= 2 and known(words[1]):
        try:
            jitter = parse_go_duration(words[1].value)
        except ValueError as error:
            yield problem("invalid-arguments", words[1], f"reload JITTER: {error}")
        else:
            zero_allowed = version >= _JITTER_ZERO_SINCE
            if not (jitter >= 1 or (jitter == 0 and zero_allowed)):
                accepted = "0 or at least 1s" if zero_allowed else f"at least 1s (0 is accepted from {_JITTER_ZERO_SINCE})"
                yield problem("invalid-arguments", words[1], f"reload JITTER must be {accepted}")


RELOAD = Plugin(
    "reload",
    summary="Reload CoreDNS when the Corefile changes (process-wide).",
    syntax="reload [INTERVAL [JITTER]]",
    since=v("1.1.0"),
    repeat="first",
    arguments=(opt("INTERVAL"), opt("JITTER")),  # values checked by _check_reload (version-dependent)
    block="ignored",
    check=_check_reload,
    notes=("INTERVAL ≥ 2s (default 30s); JITTER 0 (since 1.14.2) or ≥ 1s (default 15s).",),
)

# --------------------------------------------------------------------------------------------
# root, route53

ROOT = Plugin(
    "root",
    summary="Base directory for the block's relative file paths.",
    syntax="root PATH",
    repeat="last",
    arguments=(many("PATH", FILE),),  # words after PATH are ignored
    block="ignored",  # unsure: reaction to a block is not documented; lenient
)


def _check_route53(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from check_colon_fields("route53", occurrence.arguments, 2, "ZONE:HOSTED_ZONE_ID", "invalid zone", "conflict zone")


ROUTE53 = Plugin(
    "route53",
    summary="Serve zones from AWS Route 53.",
    syntax="route53 [ZONE:HOSTED_ZONE_ID...] [{ aws_access_key KEY SECRET; aws_endpoint URL; credentials PROFILE [FILE]; fallthrough; refresh DURATION }]",
    since=v("1.0.5"),
    repeat="multi",
    arguments=(any_number("ZONE:HOSTED_ZONE_ID"),),
    block="options",
    options=[
        Option(
            "aws_access_key",
            (req("AWS_ACCESS_KEY_ID"), req("AWS_SECRET_ACCESS_KEY")),
            # unsure: the release that started warning is not recorded; 1.6.2 chosen (a warning only)
            deprecated=v("1.6.2"),
            replacement="credentials PROFILE [FILE] or the AWS environment variables",
            notes="storing keys in the Corefile is deprecated",
        ),
        Option("aws_endpoint", (req("ENDPOINT"),), since=v("1.8.7")),
        Option("credentials", (req("PROFILE"), opt("FILENAME", FILE)), since=v("1.2.3")),
        fallthrough(),
        Option("refresh", (req("DURATION", duration(minimum=0, exclusive_minimum=True, int_means_seconds=True)),), since=v("1.6.2")),
        legacy_upstream(),
    ],
    check=_check_route53,
)

PLUGINS: tuple[Plugin, ...] = (
    METADATA,
    MINIMAL,
    MULTISOCKET,
    NOMAD,
    NSID,
    ON,
    PPROF,
    PROMETHEUS,
    PROXYPROTO,
    QUIC,
    READY,
    RELOAD,
    ROOT,
    ROUTE53,
)

__all__ = ["PLUGINS"]
