"""Catalogue entry for ``forward`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, ServerLike, WordLike
from corefile.catalogue.check import check_value, known, option_lines, problem
from corefile.catalogue.model import Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import (
    MAX_UPSTREAMS,
    NO_ARGS,
    TLS_CLIENT,
    ZONE,
    any_number,
    check_from_to,
    exactly,
    many,
    req,
    v,
)
from corefile.catalogue.types import (
    DURATION,
    IP,
    NON_NEGATIVE_INT,
    RCODE,
    UINT32,
    check_ip,
    is_domain_name,
    split_host_port,
    duration,
    one_of,
    parse_go_duration,
    ValueType,
)
from corefile.core.versions import Version

_FORWARD_SCHEMES: dict[str, Version | None] = {"dns": None, "tls": None, "https": v("1.14.5")}


def _available(since: Version | None, version: Version) -> bool:
    return since is None or version >= since


def _check_upstream_words(plugin: str, words: Sequence[WordLike], version: Version, schemes: dict[str, Version | None]) -> Iterator[SetupProblem]:
    """TO words: ``[scheme://]IP[:port]``, hostnames and resolv.conf paths cannot be refused, schemes can."""
    if len(words) > MAX_UPSTREAMS and all(known(word) for word in words):
        yield problem("invalid-arguments", words[MAX_UPSTREAMS], f"{plugin}: more than {MAX_UPSTREAMS} upstreams configured ({len(words)})")
    for word in words:
        if not known(word):
            continue
        if _upstream_host(word.value) == "":
            # parse.HostPortOrFile: a word that is empty once its transport is stripped.
            yield problem("invalid-arguments", word, f'{plugin}: invalid address: "{word.value}"')
            continue
        if "://" not in word.value:
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


#: parse.Transport: the transports an upstream word may start with (stripped before the host is read).
_TRANSPORTS = ("dns://", "tls://", "https://", "grpc://", "quic://", "https3://", "unix://")


def _upstream_host(text: str) -> str:
    for prefix in _TRANSPORTS:
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


#: forward's expire when the block does not set it.
_DEFAULT_EXPIRE = "10s"


def _check_forward(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from check_from_to("forward", occurrence)
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
    if max_age and max_age[-1].arguments and (not expire or expire[-1].arguments):
        # The last line of each wins; expire is 10s unless set.
        max_age_word = max_age[-1].arguments[0]
        expire_word = expire[-1].arguments[0] if expire else None
        expire_text = expire_word.value if expire_word is not None else _DEFAULT_EXPIRE
        if known(max_age_word) and (expire_word is None or known(expire_word)):
            try:
                expire_seconds = parse_go_duration(expire_text)
                max_age_seconds = parse_go_duration(max_age_word.value)
            except ValueError:
                pass  # reported by the option checks
            else:
                if 0 < max_age_seconds < expire_seconds:
                    default = "" if expire_word is not None else ", the default"
                    yield problem(
                        "invalid-option-value",
                        max_age_word,
                        f"max_age ({max_age_word.value}) must not be less than expire ({expire_text}{default})",
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
            elif known(words[index + 1]) and not is_domain_name(words[index + 1].value):
                name = words[index + 1]
                yield problem("invalid-option-value", name, f"{what}: invalid domain name {name.value} (an empty label or one over 63 octets)")
            index += 2
        else:
            yield problem("invalid-option-value", word, f"{what}: unknown option '{word.value}' (expected no_rec or domain FQDN)")
            index += 1


def _check_failover(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from exactly(line, (many("RCODE", RCODE),), "forward option 'failover'")
    for word in line.arguments:
        if known(word) and word.value.upper() == "NOERROR":
            yield problem("invalid-option-value", word, "forward option 'failover': NOERROR cannot be used in failover")


def _check_resolver(text: str) -> str | None:
    # Only the host part is judged: when the word splits as HOST:PORT, the port is not read.
    try:
        host, _ = split_host_port(text)
    except ValueError:
        host = text
    if check_ip(host) is not None:
        return f'resolver must be an IP address or IP:port: "{text}"'
    return None


_RESOLVER = ValueType("IP[:PORT]", _check_resolver)


def _check_forward_in_block(occurrences: Sequence[DirectiveLike], server: ServerLike, version: Version) -> Iterator[SetupProblem]:
    for occurrence in occurrences:
        if not occurrence.arguments or not known(occurrence.arguments[0]):
            continue
        source = occurrence.arguments[0]
        if not server.normalize_zone(source.value):
            yield problem(
                "invalid-arguments",
                source,
                f"forward: unable to normalize '{source.value}' (FROM must be a domain name: no empty label, none over 63 octets)",
            )


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
        Option("except", (many("IGNORED_NAMES", ZONE),)),
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
    check_server=_check_forward_in_block,
    notes=(
        "TO: IP[:port], dns://, tls://IP[%SERVERNAME][:port], https://IP[:port] (1.14.5), a hostname (1.14.4) or a resolv.conf path; at most 15.",
        "tls_servername cannot be combined with tls://IP%NAME upstreams; max_age must not be less than expire.",
    ),
)

PLUGINS: tuple[Plugin, ...] = (FORWARD,)

__all__ = ["PLUGINS"]
