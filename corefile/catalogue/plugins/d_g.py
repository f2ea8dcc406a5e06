"""Catalogue entries debug … grpc_server (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, WordLike
from corefile.catalogue.check import (
    check_block_options,
    check_slots,
    check_value,
    known,
    option_lines,
    problem,
)
from corefile.catalogue.model import (
    Option,
    OptionCheck,
    Plugin,
    RepeatSpan,
    SetupProblem,
)
from corefile.catalogue.plugins._common import (
    FILE,
    NO_ARGS,
    TLS_CLIENT,
    ZONE,
    ZONES,
    any_number,
    exactly,
    fallthrough,
    legacy_transfer_to,
    legacy_upstream,
    many,
    opt,
    req,
    v,
)
from corefile.catalogue.types import (
    DURATION,
    IP,
    NON_NEGATIVE_INT,
    RCODE,
    REGEXP,
    UINT32,
    ValueType,
    check_ip_with_optional_port,
    duration,
    integer,
    one_of,
    parse_go_cidr,
    parse_go_duration,
)
from corefile.core.versions import Version

# --------------------------------------------------------------------------------------------
# debug

DEBUG = Plugin(
    "debug",
    summary="Disable panic recovery and enable debug logging (process-wide).",
    syntax="debug",
    repeat="multi",
    arguments=NO_ARGS,
    block="ignored",  # unsure: reaction to a block is not documented; lenient
)

# --------------------------------------------------------------------------------------------
# dns64


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

# --------------------------------------------------------------------------------------------
# dnssec


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

# --------------------------------------------------------------------------------------------
# dnstap


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

# --------------------------------------------------------------------------------------------
# erratic

_AMOUNT = NON_NEGATIVE_INT

ERRATIC = Plugin(
    "erratic",
    summary="Testing plugin: fixed answers, with optional drops, truncation and delays.",
    syntax="erratic [{ drop [AMOUNT]; truncate [AMOUNT]; delay [AMOUNT [DURATION]]; large }]",
    repeat="last",
    # Setup never looks at the directive line: CoreDNS's own tests use `erratic . { ... }`.
    arguments=None,
    block="options",
    options=[
        Option("drop", (opt("AMOUNT", _AMOUNT),)),
        Option("truncate", (opt("AMOUNT", _AMOUNT),)),
        Option("delay", (opt("AMOUNT", _AMOUNT), opt("DURATION", DURATION))),
        Option("large", NO_ARGS),
    ],
)

# --------------------------------------------------------------------------------------------
# errors

_LOG_LEVELS = ("warning", "error", "info", "debug")


def _check_consolidate(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = line.arguments
    what = "errors option 'consolidate'"
    if len(words) < 2:
        yield problem("missing-argument", words[-1] if words else line.name, f"{what} needs DURATION REGEXP [LEVEL] [show_first]")
    else:
        if known(words[0]):
            try:
                parse_go_duration(words[0].value)
            except ValueError as error:
                yield problem("invalid-option-value", words[0], f"{what}: {error}")
        if known(words[1]):
            error_text = REGEXP.check(words[1].value)
            if error_text:
                yield problem("invalid-option-value", words[1], f"{what}: {error_text}")
    extras = list(words[2:])
    maximum_extras = 2 if version >= v("1.14.0") else 1 if version >= v("1.8.5") else 0
    if len(extras) > maximum_extras:
        yield problem("invalid-arguments", extras[maximum_extras], f"{what} takes at most {2 + maximum_extras} arguments in CoreDNS {version}")
        return
    seen_level = False
    seen_show_first = False
    for word in extras:
        if not known(word):
            continue
        if word.value in _LOG_LEVELS and version >= v("1.8.5"):
            if seen_level:
                yield problem("invalid-option-value", word, f"{what}: multiple log levels specified")
            elif seen_show_first:
                yield problem("invalid-option-value", word, f"{what}: the log level must come before show_first")
            seen_level = True
        elif word.value == "show_first" and version >= v("1.14.0"):
            seen_show_first = True
        else:
            yield problem(
                "invalid-option-value",
                word,
                f"{what}: unknown option '{word.value}'; expected a level ({', '.join(_LOG_LEVELS)}) or show_first",
            )


ERRORS = Plugin(
    "errors",
    summary="Log errors that occur while answering queries.",
    syntax="errors [stdout] [{ stacktrace; consolidate DURATION REGEXP [LEVEL] [show_first] }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=(opt("stdout", one_of("stdout")),),
    block="options",
    options=[
        Option("stacktrace", NO_ARGS, since=v("1.9.3")),
        Option(
            "consolidate",
            None,
            since=v("1.2.6"),
            check=_check_consolidate,
            shape="DURATION REGEXP [LEVEL] [show_first]",
            notes="LEVEL since 1.8.5, show_first since 1.14.0",
        ),
    ],
    notes=("Only the word `stdout` is accepted as argument (log files are not supported).",),
)

# --------------------------------------------------------------------------------------------
# etcd

_LEASE_TTL = duration(minimum=0, maximum=4294967295, int_means_seconds=True)

ETCD = Plugin(
    "etcd",
    summary="Serve SkyDNS-style records stored in etcd v3.",
    syntax="etcd [ZONES...] [{ fallthrough; path PATH; endpoint ENDPOINT...; credentials USER PASSWORD; tls ...; min-lease-ttl/max-lease-ttl DURATION }]",
    repeat="first",
    arguments=ZONES,
    block="options",
    options=[
        fallthrough(),
        Option("path", (req("PATH"),)),
        Option("endpoint", (many("ENDPOINT"),)),
        Option("credentials", (req("USERNAME"), req("PASSWORD"))),
        TLS_CLIENT,
        Option("min-lease-ttl", (req("DURATION", _LEASE_TTL),), since=v("1.12.4")),
        Option("max-lease-ttl", (req("DURATION", _LEASE_TTL),), since=v("1.12.4")),
        Option("stubzones", None, deprecated=v("1.4.0"), notes="stub zones were dropped; accepted and ignored"),
        Option("debug", None, deprecated=v("1.4.0"), notes="accepted and ignored"),  # unsure: exact deprecation release
        legacy_upstream(),
    ],
)

# --------------------------------------------------------------------------------------------
# file

FILE_PLUGIN = Plugin(
    "file",
    summary="Serve zones from RFC 1035 zone files.",
    syntax="file DBFILE [ZONES...] [{ reload DURATION; reload_by_mtime; fallthrough [ZONES...] }]",
    repeat="multi",
    arguments=(req("DBFILE", FILE), any_number("ZONES", ZONE)),
    block="options",
    options=[
        Option("reload", (req("DURATION", duration(minimum=0)),), notes="0 disables reloading"),
        Option("reload_by_mtime", NO_ARGS, since=v("1.14.4")),
        fallthrough(since=v("1.12.2")),
        legacy_upstream(),
        legacy_transfer_to(),
        Option("no_reload", NO_ARGS, deprecated=v("1.4.0"), removed=v("1.5.0"), replacement="reload 0"),
    ],
)

# --------------------------------------------------------------------------------------------
# forward

_FORWARD_SCHEMES: dict[str, Version | None] = {"dns": None, "tls": None, "https": v("1.14.5")}
_MAX_UPSTREAMS = 15


def _available(since: Version | None, version: Version) -> bool:
    return since is None or version >= since


def _check_upstream_words(plugin: str, words: Sequence[WordLike], version: Version, schemes: dict[str, Version | None]) -> Iterator[SetupProblem]:
    """TO words: ``[scheme://]IP[:port]``, hostnames and resolv.conf paths cannot be refused, schemes can."""
    if len(words) > _MAX_UPSTREAMS and all(known(word) for word in words):
        yield problem("invalid-arguments", words[_MAX_UPSTREAMS], f"{plugin}: more than {_MAX_UPSTREAMS} upstreams configured ({len(words)})")
    for word in words:
        if not known(word) or "://" not in word.value:
            continue
        scheme, _, rest = word.value.partition("://")
        supported = scheme.lower() in schemes and _available(schemes[scheme.lower()], version)
        if not supported:
            if version >= v("1.7.0"):  # the destination-protocol check exists since 1.7.0
                accepted = ", ".join(f"{name}://" for name, since in schemes.items() if _available(since, version))
                yield problem(
                    "invalid-arguments",
                    word,
                    f"'{scheme}' is not supported as a destination protocol in {plugin} at CoreDNS {version} (use {accepted})",
                )
        elif scheme.lower() == "https" and "/" in rest:
            yield problem("invalid-arguments", word, f"{plugin}: paths are not allowed in HTTPS upstream addresses (the path is always /dns-query)")


def _check_from_to(plugin: str, occurrence: DirectiveLike) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if not words:
        yield problem("missing-argument", occurrence.name, f"{plugin} needs FROM and at least one TO, e.g. {plugin} . 8.8.8.8")
    elif len(words) == 1:
        yield problem("missing-argument", words[0], f"{plugin} needs at least one TO (upstream address) after FROM '{words[0].value}'")


def _check_forward(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from _check_from_to("forward", occurrence)
    yield from _check_upstream_words("forward", occurrence.arguments[1:], version, _FORWARD_SCHEMES)
    block = occurrence.block
    servername_lines = option_lines(block, "tls_servername")
    if servername_lines:
        for word in occurrence.arguments[1:]:
            if known(word) and word.value.lower().startswith("tls://") and "%" in word.value:
                yield problem(
                    "invalid-arguments",
                    servername_lines[0].name,
                    f"tls_servername cannot be combined with a per-upstream server name ({word.value})",
                )
                break
    expire, max_age = option_lines(block, "expire"), option_lines(block, "max_age")
    if expire and max_age and expire[-1].arguments and max_age[-1].arguments:
        expire_word, max_age_word = expire[-1].arguments[0], max_age[-1].arguments[0]
        if known(expire_word) and known(max_age_word):
            try:
                expire_seconds = parse_go_duration(expire_word.value)
                max_age_seconds = parse_go_duration(max_age_word.value)
            except ValueError:
                pass  # reported by the option checks
            else:
                if 0 < max_age_seconds < expire_seconds:
                    yield problem(
                        "invalid-option-value",
                        max_age_word,
                        f"max_age ({max_age_word.value}) must not be less than expire ({expire_word.value})",
                    )


def _check_health_check(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = list(line.arguments)
    what = "forward option 'health_check'"
    if not words:
        yield problem("missing-argument", line.name, f"{what} needs a DURATION")
        return
    yield from check_value(words[0], duration(minimum=0), what=what, rule="invalid-option-value")
    index = 1
    while index < len(words):
        word = words[index]
        if not known(word):
            index += 1
            continue
        if word.value == "no_rec" and version >= v("1.6.8"):
            index += 1
        elif word.value == "domain" and version >= v("1.9.2"):
            if index + 1 >= len(words):
                yield problem("missing-argument", word, f"{what}: domain needs a FQDN")
            index += 2
        else:
            yield problem("invalid-option-value", word, f"{what}: unknown option '{word.value}' (expected no_rec or domain FQDN)")
            index += 1


def _check_failover(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from exactly(line, (many("RCODE", RCODE),), "forward option 'failover'")
    for word in line.arguments:
        if known(word) and word.value.upper() == "NOERROR":
            yield problem("invalid-option-value", word, "forward option 'failover': NOERROR cannot be used in failover")


_RESOLVER = ValueType("IP[:PORT]", check_ip_with_optional_port)

FORWARD = Plugin(
    "forward",
    summary="Proxy queries to upstream resolvers over UDP/TCP, DNS-over-TLS or DNS-over-HTTPS.",
    syntax="forward FROM TO... [{ except ...; force_tcp; prefer_udp; expire ...; tls ...; policy ...; health_check ...; ... }]",
    since=v("1.0.6"),
    repeat="multi",
    repeat_history=(RepeatSpan(v("1.1.0"), v("1.9.3"), "once"),),
    arguments=None,
    block="options",
    options=[
        Option("except", (any_number("IGNORED_NAMES", ZONE),)),  # unsure: an empty except may be an ArgErr; accepted
        Option("force_tcp", NO_ARGS),
        Option("prefer_udp", NO_ARGS, since=v("1.2.0")),
        Option("expire", (req("DURATION", duration(minimum=0)),)),
        Option("max_age", (req("DURATION", duration(minimum=0)),), since=v("1.14.3"), notes="must not be less than expire"),
        Option("max_idle_conns", (req("INTEGER", NON_NEGATIVE_INT),), since=v("1.14.1")),
        Option("read_timeout", (req("DURATION", duration(minimum=0, exclusive_minimum=True)),)),  # unsure: release that added it
        Option("max_fails", (req("INTEGER", UINT32),)),
        Option("max_connect_attempts", (req("INTEGER", NON_NEGATIVE_INT),), since=v("1.13.2")),
        # unsure: whether GET/POST are compared case-sensitively; accept any case
        Option("doh_method", (req("METHOD", one_of("GET", "POST", case_sensitive=False)),), since=v("1.14.5")),
        TLS_CLIENT,
        Option("tls_servername", (req("NAME"),)),
        Option("policy", (req("POLICY", one_of("random", "round_robin", "sequential")),), notes="sequential since 1.1.2"),
        Option("health_check", None, check=_check_health_check, shape="DURATION [no_rec] [domain FQDN]"),
        Option("max_concurrent", (req("MAX", NON_NEGATIVE_INT),), since=v("1.6.8")),
        Option("next", (many("RCODE", RCODE),), since=v("1.11.4")),
        Option("next_on_nodata", NO_ARGS, since=v("1.14.4")),
        Option("failfast_all_unhealthy_upstreams", NO_ARGS, since=v("1.12.1")),
        Option("failover", None, since=v("1.13.0"), check=_check_failover, shape="RCODE..."),
        Option("source_address", (req("IP", IP),), since=v("1.14.6")),
        Option("resolver", (many("IP[:PORT]", _RESOLVER),), since=v("1.14.4")),
    ],
    check=_check_forward,
    notes=(
        "TO: IP[:port], dns://, tls://IP[%SERVERNAME][:port], https://IP[:port] (1.14.5), a hostname (1.14.4) or a resolv.conf path; at most 15.",
        "tls_servername cannot be combined with tls://IP%NAME upstreams; max_age must not be less than expire.",
    ),
)

# --------------------------------------------------------------------------------------------
# geoip

GEOIP = Plugin(
    "geoip",
    summary="Add GeoIP metadata from a MaxMind database.",
    syntax="geoip DBFILE [{ edns-subnet }]",
    since=v("1.8.5"),
    repeat="err",
    arguments=(req("DBFILE", FILE),),
    block="options",
    options=[Option("edns-subnet", NO_ARGS, since=v("1.9.2"))],
    notes=("DBFILE is required although the README shows it optional.",),
)

# --------------------------------------------------------------------------------------------
# grpc


def _check_grpc(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from _check_from_to("grpc", occurrence)
    # Upstreams are IP[:port] or resolv.conf paths (parse.HostPortOrFile): only the count is certain.
    upstreams = occurrence.arguments[1:]
    if len(upstreams) > _MAX_UPSTREAMS and all(known(word) for word in upstreams):
        yield problem("invalid-arguments", upstreams[_MAX_UPSTREAMS], f"grpc: more than {_MAX_UPSTREAMS} TOs configured ({len(upstreams)})")


GRPC = Plugin(
    "grpc",
    summary="Proxy queries to upstreams over DNS-over-gRPC.",
    syntax="grpc FROM TO... [{ except ...; tls ...; tls_servername NAME; policy ...; fallthrough }]",
    since=v("1.5.0"),
    repeat="once",
    arguments=None,
    block="options",
    options=[
        Option("except", (any_number("IGNORED_NAMES", ZONE),)),  # unsure: an empty except may be an ArgErr; accepted
        TLS_CLIENT,
        Option("tls_servername", (req("NAME"),)),
        Option("policy", (req("POLICY", one_of("random", "round_robin", "sequential")),)),
        fallthrough(since=v("1.12.3")),
    ],
    check=_check_grpc,
)

# --------------------------------------------------------------------------------------------
# grpc_server

GRPC_SERVER = Plugin(
    "grpc_server",
    summary="Tune the DNS-over-gRPC listener of a grpc:// block.",
    syntax="grpc_server [{ max_streams N; max_connections N }]",
    since=v("1.14.0"),
    repeat="first",
    arguments=NO_ARGS,
    block="options",
    options=[
        Option("max_streams", (req("N", NON_NEGATIVE_INT),), once=True),
        Option("max_connections", (req("N", NON_NEGATIVE_INT),), once=True),
    ],
)

PLUGINS: tuple[Plugin, ...] = (
    DEBUG,
    DNS64,
    DNSSEC,
    DNSTAP,
    ERRATIC,
    ERRORS,
    ETCD,
    FILE_PLUGIN,
    FORWARD,
    GEOIP,
    GRPC,
    GRPC_SERVER,
)

__all__ = ["PLUGINS"]
