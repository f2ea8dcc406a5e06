"""Catalogue entries secondary … whoami, except rewrite (plugins.md §3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import check_value, known, option_lines, problem
from corefile.catalogue.model import Option, OptionCheck, Plugin, SetupProblem
from corefile.catalogue.plugins._common import (
    FILE,
    NO_ARGS,
    ZONE,
    ZONES,
    any_number,
    fallthrough,
    legacy_upstream,
    many,
    opt,
    req,
    v,
)
from corefile.catalogue.types import (
    CLASSES,
    DURATION,
    HOST_PORT,
    IP,
    IP_PORT,
    NON_NEGATIVE_INT,
    OPCODES,
    QTYPES,
    RCODE,
    REGEXP,
    ValueType,
    duration,
    integer,
    number,
    one_of,
)
from corefile.core.versions import LATEST, Version

# --------------------------------------------------------------------------------------------
# secondary

_TRANSFER_FROM_REQUIRED = v("1.12.2")


def _check_secondary_transfer(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = line.arguments
    if not words:
        yield problem("missing-argument", line.name, "secondary option 'transfer' needs 'from ADDRESS...'")
        return
    direction = words[0]
    if not known(direction):
        return
    if direction.value == "to":
        if version >= v("1.8.0"):
            yield problem(
                "removed-option",
                direction,
                "'transfer to' inside secondary was removed in CoreDNS 1.8.0; use the transfer plugin (transfer ZONE { to ADDRESS... })",
                suggestion="transfer",
            )
        return
    if direction.value != "from":
        yield problem("invalid-option-value", direction, f"unknown property '{direction.value}' after transfer; expected 'from'")
        return
    if len(words) < 2:
        yield problem("missing-argument", direction, "transfer from needs at least one primary IP address")
    for word in words[1:]:
        if not known(word):
            continue
        if word.value == "*":
            yield problem("invalid-option-value", word, "can't use '*' in transfer from; name the primary's IP address")
        else:
            yield from check_value(word, IP_PORT, what="transfer from", rule="invalid-option-value")


def _check_secondary(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    if version < _TRANSFER_FROM_REQUIRED:
        return
    has_from = any(
        line.arguments and line.arguments[0].value == "from" for line in option_lines(occurrence.block, "transfer")
    )
    if not has_from:
        yield problem(
            "missing-argument",
            occurrence.name,
            "secondary zones require a 'transfer from ADDRESS...' line in the block",
            suggestion="transfer from",
        )


SECONDARY = Plugin(
    "secondary",
    summary="Serve zones transferred (AXFR) from primaries.",
    syntax="secondary [ZONES...] { transfer from ADDRESS...; catalog [ZONES...]; fallthrough [ZONES...] }",
    repeat="multi",
    arguments=ZONES,
    block="options",
    options=[
        Option("transfer", None, check=_check_secondary_transfer, shape="from ADDRESS...", notes="'transfer to' removed in 1.8.0"),
        Option("catalog", (any_number("MEMBER_ZONES", ZONE),), since=v("1.14.5")),
        fallthrough(since=v("1.14.4")),
        legacy_upstream(removed=v("1.8.0")),
    ],
    check=_check_secondary,
    notes=("`transfer from` is mandatory since 1.12.2.",),
)

# --------------------------------------------------------------------------------------------
# shed

SHED = Plugin(
    "shed",
    summary="Drop new UDP queries when a socket's response queue is saturated.",
    syntax="shed",
    since=v("1.14.7"),
    repeat="once",
    arguments=NO_ARGS,
    block="refused",
    notes=("Only plain dns:// server blocks are supported.",),
)

# --------------------------------------------------------------------------------------------
# sign


def _check_sign_key(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = line.arguments
    if not words:
        yield problem("missing-argument", line.name, "sign option 'key' needs 'file KEY...'")
        return
    source = words[0]
    if known(source) and source.value == "directory":
        yield problem("invalid-option-value", source, "sign 'key directory' is not implemented; use 'key file KEY...'")
    elif known(source) and source.value == "file" and len(words) < 2:
        yield problem("missing-argument", source, "sign 'key file' needs at least one key name")
    # Any other source word loads nothing, without an error.


SIGN = Plugin(
    "sign",
    summary="Sign a zone file with DNSSEC periodically and write the signed copy to disk.",
    syntax="sign DBFILE [ZONES...] { key file KEY...; directory DIR }",
    since=v("1.6.3"),
    repeat="multi",
    arguments=(req("DBFILE", FILE), any_number("ZONES", ZONE)),
    block="options",
    options=[
        Option("key", None, check=_check_sign_key, shape="file KEY..."),
        Option("directory", (req("DIR", FILE),)),
    ],
)

# --------------------------------------------------------------------------------------------
# template


def _check_template(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if len(words) < 2:
        missing = "CLASS and TYPE" if not words else "TYPE"
        yield problem("missing-argument", words[-1] if words else occurrence.name, f"template needs {missing}, e.g. template IN A example.org")
    # unsure: whether CLASS/TYPE are upper-cased before lookup; any case accepted
    if words and known(words[0]) and words[0].value.upper() not in CLASSES:
        yield problem("invalid-arguments", words[0], f"invalid query class '{words[0].value}'; expected IN, CH, HS, NONE or ANY")
    if len(words) > 1 and known(words[1]) and words[1].value.upper() not in QTYPES:
        yield problem("invalid-arguments", words[1], f"invalid query type '{words[1].value}'; expected a record type such as A, AAAA, TXT or ANY")


#: Options only present on CoreDNS's development branch after 1.14.7.
_UNRELEASED = Version(LATEST.major, LATEST.minor, LATEST.patch + 1)

TEMPLATE = Plugin(
    "template",
    summary="Synthesise answers from Go templates for matching queries.",
    syntax="template CLASS TYPE [ZONES...] [{ match REGEX...; answer RR; additional RR; authority RR; rcode CODE; ederror CODE [REASON]; fallthrough [ZONES...] }]",
    since=v("1.0.3"),
    repeat="multi",
    arguments=None,
    block="options",
    options=[
        Option("match", (many("REGEX", REGEXP),)),
        Option("answer", (many("RR"),)),
        Option("additional", (many("RR"),)),
        Option("authority", (many("RR"),)),
        Option("rcode", (req("CODE", RCODE),)),
        Option("ederror", (req("CODE", integer(0, 65535)), opt("REASON")), since=v("1.10.1")),
        fallthrough(),
        legacy_upstream(),
        Option("var", (req("NAME"), many("EXPRESSION")), since=_UNRELEASED, notes="development branch only"),
        Option("expr", (many("EXPRESSION"),), since=_UNRELEASED, notes="development branch only"),
    ],
    check=_check_template,
)

# --------------------------------------------------------------------------------------------
# timeouts


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

# --------------------------------------------------------------------------------------------
# tls

_ACME_SINCE = v("1.14.7")
_ACME_OPTIONS = ("acme", "email", "ca", "storage", "ca_root", "resolver")


def _check_acme_ca(text: str) -> str | None:
    if re.fullmatch(r"https?://[^\s/]+.*", text):
        return None
    return f'invalid ACME CA URL "{text}"; expected an https:// URL'


def _check_tls(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    acme_mode = not words
    if acme_mode and version < _ACME_SINCE:
        yield problem("missing-argument", occurrence.name, "tls needs CERT KEY [CA] (ACME mode without arguments exists only from 1.14.7)")
    elif len(words) == 1:
        yield problem("missing-argument", words[0], "tls needs CERT and KEY (and optionally CA), or no arguments for ACME mode")
    elif len(words) > 3:
        yield problem("invalid-arguments", words[3], "tls takes at most three arguments: CERT KEY [CA]")
    if acme_mode and version >= _ACME_SINCE:
        if not option_lines(occurrence.block, "acme"):
            yield problem("missing-argument", occurrence.name, "ACME requires at least one domain: add 'acme DOMAIN...' to the tls block")
        for name in _ACME_OPTIONS:
            for line in option_lines(occurrence.block, name)[1:]:
                yield problem("invalid-arguments", line.name, f'ACME option "{name}" can only be specified once')


TLS = Plugin(
    "tls",
    summary="Server certificate for tls://, grpc://, https://, https3:// and quic:// blocks.",
    syntax="tls CERT KEY [CA] [{ client_auth MODE; keylog FILE }] | tls { acme DOMAIN...; email ...; ca URL; storage DIR; ca_root FILE; resolver HOST:PORT }",
    repeat="last",
    arguments=None,
    block="options",
    options=[
        Option(
            "client_auth",
            (req("MODE", one_of("nocert", "request", "require", "verify_if_given", "require_and_verify")),),
            since=v("1.5.1"),
        ),
        Option("keylog", (req("FILE", FILE),), since=v("1.14.3")),
        # unsure: whether manual mode refuses ACME options (and vice versa); both sets accepted in both modes
        Option("acme", (many("DOMAIN"),), since=_ACME_SINCE),
        Option("email", (req("EMAIL"),), since=_ACME_SINCE),
        Option("ca", (req("URL", ValueType("URL", _check_acme_ca)),), since=_ACME_SINCE),
        Option("storage", (req("DIRECTORY", FILE),), since=_ACME_SINCE),
        Option("ca_root", (req("FILE", FILE),), since=_ACME_SINCE),
        Option("resolver", (req("HOST:PORT", HOST_PORT),), since=_ACME_SINCE),
    ],
    check=_check_tls,
    notes=("Without arguments (ACME mode, since 1.14.7) the block needs `acme DOMAIN...`; each ACME option once.",),
)

# --------------------------------------------------------------------------------------------
# trace

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

# --------------------------------------------------------------------------------------------
# transfer


def _check_transfer_target(text: str) -> str | None:
    if text == "*":
        return None
    return IP_PORT.check(text)


def _check_transfer(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    if not option_lines(occurrence.block, "to"):
        yield problem("missing-argument", occurrence.name, "transfer needs a block with 'to ADDRESS...' ('to' is required)", suggestion="to")


TRANSFER = Plugin(
    "transfer",
    summary="Answer outgoing zone transfers (AXFR/IXFR) and send NOTIFY.",
    syntax="transfer [ZONES...] { to ADDRESS...; source ADDRESS }",
    since=v("1.6.5"),
    repeat="multi",
    arguments=ZONES,
    block="options",
    options=[
        Option("to", (many("ADDRESS", ValueType("* or IP[:PORT]", _check_transfer_target)),)),
        Option("source", (req("IP", IP),), since=v("1.14.5"), once=True),
    ],
    check=_check_transfer,
)

# --------------------------------------------------------------------------------------------
# tsig


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

# --------------------------------------------------------------------------------------------
# view, whoami

VIEW = Plugin(
    "view",
    summary="Route a query to this server block only if expressions hold (split DNS).",
    syntax="view NAME { expr EXPRESSION }",
    since=v("1.10.0"),
    repeat="once",
    arguments=(req("NAME"),),
    block="options",
    # Expressions are compiled by expr-lang at startup; they are not judged statically.
    options=[Option("expr", (many("EXPRESSION"),))],
)

WHOAMI = Plugin(
    "whoami",
    summary="Reply with the client's address, port and transport.",
    syntax="whoami",
    repeat="first",
    arguments=NO_ARGS,
    block="ignored",
)

PLUGINS: tuple[Plugin, ...] = (
    SECONDARY,
    SHED,
    SIGN,
    TEMPLATE,
    TIMEOUTS,
    TLS,
    TRACE,
    TRANSFER,
    TSIG,
    VIEW,
    WHOAMI,
)

__all__ = ["PLUGINS"]
