"""Catalogue entries acl … clouddns (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, WordLike
from corefile.catalogue.check import did_you_mean, known, option_lines, problem
from corefile.catalogue.model import Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import (
    FILE,
    NO_ARGS,
    ZONE,
    ZONES,
    any_number,
    check_colon_fields,
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
    NON_NEGATIVE_INT,
    REGEXP,
    check_ip_or_cidr,
    check_qtype,
    duration,
    integer,
    one_of,
    parse_go_duration,
    parse_go_int,
)
from corefile.core.versions import Version

# --------------------------------------------------------------------------------------------
# acl

_ACL_ACTIONS = {"allow": None, "block": None, "filter": v("1.8.2"), "drop": v("1.10.1")}


def _check_acl(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    for line in occurrence.block or ():
        if not known(line.name):
            continue
        action = line.name.value.lower()
        since = _ACL_ACTIONS.get(action, "unknown")
        available = [name for name, added in _ACL_ACTIONS.items() if added is None or version >= added]
        if since == "unknown":
            guess = did_you_mean(action, available)
            yield problem(
                "unknown-option",
                line.name,
                f"unknown acl action '{line.name.value}'; expected one of {', '.join(available)}"
                + (f"; did you mean '{guess}'?" if guess else ""),
                suggestion=guess,
            )
            continue
        if since is not None and version < since:
            yield problem(
                "unknown-option",
                line.name,
                f"acl action '{action}' is not available in CoreDNS {version} (added in {since})",
            )
            continue
        yield from _check_acl_sections(line.arguments)


def _check_acl_sections(words: Sequence[WordLike]) -> Iterator[SetupProblem]:
    """``[type QTYPE...] [net SOURCE...]`` in any order, each section non-empty."""
    section: str | None = None
    section_word: WordLike | None = None
    section_size = 0
    for word in [*words, None]:
        if word is None or (known(word) and word.value in ("type", "net")):
            if section_word is not None and section_size == 0:
                yield problem(
                    "missing-argument",
                    section_word,
                    f"acl '{section}' section needs at least one value",
                )
            if word is None:
                return
            section, section_word, section_size = word.value, word, 0
            continue
        if section is None:
            if known(word):
                hint = " (acl matches client addresses and query types, not domain names)" if "." in word.value else ""
                yield problem(
                    "invalid-arguments",
                    word,
                    f"unexpected '{word.value}' in acl rule; expected 'type QTYPE...' or 'net SOURCE...'{hint}",
                )
            section = "?"  # report the stray word once, then skip to the next section keyword
            continue
        section_size += 1
        if not known(word) or word.value == "*" or section == "?":
            continue
        error = check_qtype(word.value) if section == "type" else check_ip_or_cidr(word.value)
        if error is not None:
            yield problem("invalid-option-value", word, f"acl {section}: {error}")


ACL = Plugin(
    "acl",
    summary="Allow, block, filter or drop queries by client address and query type.",
    syntax="acl [ZONES...] { allow|block|filter|drop [type QTYPE...] [net SOURCE...] }",
    since=v("1.6.4"),
    repeat="multi",
    arguments=ZONES,
    block="custom",
    check=_check_acl,
    notes=(
        "Each line is ACTION [type QTYPE...] [net SOURCE...]; the first matching line decides.",
        "ACTION filter since 1.8.2, drop since 1.10.1; QTYPEs are upper case or *; SOURCE is an IP, CIDR or *.",
    ),
)

# --------------------------------------------------------------------------------------------
# any

ANY = Plugin(
    "any",
    summary="Answer ANY queries with a short HINFO reply (RFC 8482).",
    syntax="any",
    since=v("1.5.1"),
    repeat="first",
    arguments=NO_ARGS,
    block="refused",
)

# --------------------------------------------------------------------------------------------
# auto


def _check_auto_directory(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = line.arguments
    # Before 1.5.0 a fourth word (a reload TIMEOUT) was accepted.
    maximum = 4 if version < v("1.5.0") else 3
    if not words:
        yield problem("missing-argument", line.name, "auto option 'directory' needs DIR [REGEXP ORIGIN_TEMPLATE]")
        return
    if len(words) == 2:
        yield problem(
            "missing-argument",
            words[1],
            "auto option 'directory': REGEXP and ORIGIN_TEMPLATE must be given together (e.g. db\\.(.*) {1})",
        )
    if len(words) > maximum:
        extra = words[maximum]
        hint = " (the TIMEOUT argument was removed in 1.5.0; use the reload option)" if maximum == 3 else ""
        yield problem(
            "invalid-arguments",
            extra,
            f"auto option 'directory' takes at most {maximum} arguments{hint}",
            suggestion="reload" if maximum == 3 else None,
        )
    if len(words) >= 3 and known(words[1]):
        pattern = words[1].value
        error = REGEXP.check(pattern)
        if error is not None:
            yield problem("invalid-option-value", words[1], f"auto option 'directory': {error}")
        elif "(" not in pattern.replace("\\(", ""):
            yield problem(
                "invalid-option-value",
                words[1],
                "auto option 'directory': REGEXP needs at least one capture group, e.g. db\\.(.*)",
            )
    if len(words) == 4 and maximum == 4:
        yield from exactly(line, (req("DIR"), req("REGEXP"), req("TEMPLATE"), req("TIMEOUT", NON_NEGATIVE_INT)), "auto option 'directory'")


_RELOAD_NON_NEGATIVE = duration(minimum=0)

AUTO = Plugin(
    "auto",
    summary="Serve every zone file found in a directory, rescanning it periodically.",
    syntax="auto [ZONES...] [{ directory DIR [REGEXP TEMPLATE]; reload DURATION }]",
    repeat="last",
    arguments=ZONES,
    block="options",
    options=[
        Option("directory", None, check=_check_auto_directory, shape="DIR [REGEXP ORIGIN_TEMPLATE]"),
        Option("reload", (req("DURATION", _RELOAD_NON_NEGATIVE),), notes="0 disables rescanning"),
        legacy_upstream(),
        legacy_transfer_to(),
        Option("no_reload", NO_ARGS, deprecated=v("1.4.0"), removed=v("1.5.0"), replacement="reload 0"),
    ],
    notes=("fallthrough and reload_by_mtime are file options that auto does not accept.",),
)

# --------------------------------------------------------------------------------------------
# autopath

AUTOPATH = Plugin(
    "autopath",
    summary="Complete search paths on the server side (resolv.conf search list or @PLUGIN).",
    syntax="autopath [ZONES...] RESOLV_CONF|@PLUGIN",
    repeat="last",
    # The resolv.conf (or @plugin) is the *last* word; earlier words are zones.
    arguments=(many("[ZONES...] RESOLV_CONF|@PLUGIN"),),
    block="ignored",  # unsure: reaction to a block is not documented; lenient
)

# --------------------------------------------------------------------------------------------
# azure


def _check_azure(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from check_colon_fields(
        "azure", occurrence.arguments, 2, "RESOURCE_GROUP:ZONE", "invalid resource group/zone", "conflicting zone"
    )


AZURE = Plugin(
    "azure",
    summary="Serve zones from Azure DNS (public or private).",
    syntax="azure RESOURCE_GROUP:ZONE... [{ tenant/client/secret/subscription/environment VALUE; access public|private; fallthrough }]",
    since=v("1.6.2"),
    repeat="multi",
    arguments=(any_number("RESOURCE_GROUP:ZONE"),),  # unsure: zero arguments not documented; lenient
    block="options",
    options=[
        Option("tenant", (req("TENANT_ID"),)),
        Option("client", (req("CLIENT_ID"),)),
        Option("secret", (req("CLIENT_SECRET"),)),
        Option("subscription", (req("SUBSCRIPTION_ID"),)),
        # unsure: the accepted Azure cloud names come from go-autorest; not checked
        Option("environment", (req("ENVIRONMENT"),)),
        fallthrough(),
        Option("access", (req("ACCESS", one_of("public", "private")),), since=v("1.6.8")),
    ],
    check=_check_azure,
)

# --------------------------------------------------------------------------------------------
# bind

BIND = Plugin(
    "bind",
    summary="Restrict the addresses (or interfaces) the server block listens on.",
    syntax="bind ADDRESS|IFACE... [{ except ADDRESS|IFACE... }]",
    repeat="multi",
    # Interface names only exist on the target host, so words are not judged statically.
    arguments=(many("ADDRESS|IFACE"),),
    block="options",
    options=[Option("except", (many("ADDRESS|IFACE"),), since=v("1.8.4"))],
)

# --------------------------------------------------------------------------------------------
# bufsize

BUFSIZE = Plugin(
    "bufsize",
    summary="Cap the EDNS0 UDP buffer size advertised by clients.",
    syntax="bufsize [SIZE]",
    since=v("1.6.6"),
    repeat="first",
    arguments=(opt("SIZE", integer(512, 4096)),),
    block="ignored",
)

# --------------------------------------------------------------------------------------------
# cache

_CACHE_TTL = integer(1)


def _check_cache_arguments(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    # The first word is a TTL only when it parses as an integer; otherwise it is a zone
    # (so `cache 30s` is accepted and means zone "30s.").
    words = occurrence.arguments
    if words and known(words[0]):
        try:
            ttl = parse_go_int(words[0].value)
        except ValueError:
            return
        if ttl <= 0:
            yield problem("invalid-arguments", words[0], "cache TTL can not be zero or negative")


def _check_cache_capacity_line(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    slots = [req("CAPACITY", NON_NEGATIVE_INT), opt("TTL", _CACHE_TTL)]
    if version >= v("1.2.3"):
        slots.append(opt("MINTTL", NON_NEGATIVE_INT))
    yield from exactly(line, tuple(slots), f"cache option '{line.name.value}'")


def _check_prefetch(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from exactly(
        line,
        (req("AMOUNT", NON_NEGATIVE_INT), opt("DURATION", DURATION), opt("PERCENTAGE")),
        "cache option 'prefetch'",
    )
    if len(line.arguments) == 3 and known(line.arguments[2]):
        word = line.arguments[2]
        text = word.value
        if not text.endswith("%"):
            yield problem("invalid-option-value", word, "cache option 'prefetch': PERCENTAGE must end in % (e.g. 10%)")
        else:
            try:
                percentage = parse_go_int(text[:-1])
            except ValueError:
                yield problem("invalid-option-value", word, f"cache option 'prefetch': {text} is not a percentage")
            else:
                if not 10 <= percentage <= 90:
                    yield problem(
                        "invalid-option-value", word, "cache option 'prefetch': percentage should fall in range [10, 90]"
                    )


_NON_NEGATIVE_DURATION = duration(minimum=0)
_RECHECK = duration(minimum=0, maximum=300)


def _check_whole_seconds(text: str) -> str | None:
    try:
        seconds = float(parse_go_int(text)) if text.lstrip("+-").isdigit() else parse_go_duration(text)
    except ValueError as error:
        return str(error)
    if seconds < 0 or seconds != int(seconds) or seconds > 2**32 - 1:
        return f'"{text}" must be a whole number of seconds ≥ 0'
    return None


def _check_serve_stale(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = line.arguments
    what = "cache option 'serve_stale'"
    modes = ("immediate", "verify") if version >= v("1.9.2") else ()
    extended = version >= v("1.14.7")  # RESPONSE_TTL, FAILURE_RECHECK, VERIFY_TIMEOUT
    if words and known(words[0]):
        error = _NON_NEGATIVE_DURATION.check(words[0].value)
        if error:
            yield problem("invalid-option-value", words[0], f"{what}: {error}")
    if len(words) < 2:
        return
    mode_word = words[1]
    mode = mode_word.value if known(mode_word) else None
    if not modes:
        yield problem("invalid-arguments", mode_word, f"{what} takes only DURATION in CoreDNS {version}")
        return
    if mode is not None and mode not in modes:
        yield problem("invalid-option-value", mode_word, f"{what}: invalid refresh mode '{mode}'; expected immediate or verify")
        return
    if mode == "verify":
        tail = (opt("VERIFY_TIMEOUT", _NON_NEGATIVE_DURATION), opt("RESPONSE_TTL"), opt("FAILURE_RECHECK", _RECHECK))
    else:
        tail = (opt("RESPONSE_TTL"), opt("FAILURE_RECHECK", _RECHECK))
    if not extended:
        tail = ()
    rest = words[2:]
    if len(rest) > len(tail):
        yield problem(
            "invalid-arguments",
            rest[len(tail)],
            f"{what} takes at most {2 + len(tail)} arguments in {mode or 'this'} mode at CoreDNS {version}",
        )
    for word, slot in zip(rest, tail):
        if not known(word):
            continue
        error = _check_whole_seconds(word.value) if slot.label == "RESPONSE_TTL" else slot.type.check(word.value)
        if error:
            yield problem("invalid-option-value", word, f"{what}: {slot.label}: {error}")


def _check_cache_cross_options(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    policy = option_lines(occurrence.block, "serve_stale_policy")
    if policy and version >= v("1.14.7") and not option_lines(occurrence.block, "serve_stale"):
        yield problem(
            "missing-argument",
            policy[0].name,
            "cache option 'serve_stale_policy' requires serve_stale in the same cache block",
            suggestion="serve_stale",
        )


def _check_cache(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from _check_cache_arguments(occurrence, version)
    yield from _check_cache_cross_options(occurrence, version)


CACHE = Plugin(
    "cache",
    summary="Cache responses (positive and negative).",
    syntax="cache [TTL] [ZONES...] [{ success|denial CAPACITY [TTL [MINTTL]]; prefetch ...; serve_stale ...; ... }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=(any_number("[TTL] ZONES"),),
    block="options",
    options=[
        Option("success", None, check=_check_cache_capacity_line, shape="CAPACITY [TTL [MINTTL]]"),
        Option("denial", None, check=_check_cache_capacity_line, shape="CAPACITY [TTL [MINTTL]]"),
        Option("prefetch", None, check=_check_prefetch, shape="AMOUNT [DURATION [PERCENTAGE%]]"),
        Option(
            "serve_stale",
            None,
            since=v("1.6.6"),
            check=_check_serve_stale,
            shape="[DURATION [immediate [RESPONSE_TTL [FAILURE_RECHECK]] | verify [VERIFY_TIMEOUT [RESPONSE_TTL [FAILURE_RECHECK]]]]]",
            notes="verify mode since 1.9.2; RESPONSE_TTL, FAILURE_RECHECK and VERIFY_TIMEOUT since 1.14.7",
        ),
        Option(
            "serve_stale_policy",
            (req("POLICY", one_of("prefer_positive")),),
            since=v("1.14.7"),
            once=True,
            notes="requires serve_stale",
        ),
        Option("servfail", (req("DURATION", duration(minimum=0, maximum=300)),), since=v("1.9.4")),
        Option("disable", (req("TYPE", one_of("success", "denial")), any_number("ZONES", ZONE)), since=v("1.9.4")),
        Option("keepttl", NO_ARGS, since=v("1.10.1")),
    ],
    check=_check_cache,
    notes=(
        "The first argument is a TTL only if it is an integer: `cache 30s` caches only the zone `30s.`.",
        "serve_stale_policy requires serve_stale.",
    ),
)

# --------------------------------------------------------------------------------------------
# cancel

CANCEL = Plugin(
    "cancel",
    summary="Give every request a context deadline.",
    syntax="cancel [TIMEOUT]",
    since=v("1.5.0"),
    repeat="last",
    arguments=(opt("TIMEOUT", duration(minimum=0, exclusive_minimum=True)),),
    block="refused",
)

# --------------------------------------------------------------------------------------------
# chaos

CHAOS = Plugin(
    "chaos",
    summary="Answer CH-class TXT queries such as version.bind and authors.bind.",
    syntax="chaos [VERSION] [AUTHORS...]",
    repeat="first",
    arguments=(any_number("VERSION AUTHORS"),),
    block="refused",
)

# --------------------------------------------------------------------------------------------
# clouddns


def _check_clouddns(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from check_colon_fields(
        "clouddns", occurrence.arguments, 3, "ZONE:PROJECT_ID:HOSTED_ZONE_NAME", "invalid zone", "conflict zone"
    )


CLOUDDNS = Plugin(
    "clouddns",
    summary="Serve zones from Google Cloud DNS.",
    syntax="clouddns ZONE:PROJECT_ID:HOSTED_ZONE_NAME... [{ credentials FILE; fallthrough [ZONES...] }]",
    since=v("1.6.3"),
    repeat="multi",
    arguments=(any_number("ZONE:PROJECT_ID:HOSTED_ZONE_NAME"),),  # unsure: zero arguments not documented; lenient
    block="options",
    options=[
        Option("credentials", (req("FILE", FILE),)),
        fallthrough(),
        legacy_upstream(),
    ],
    check=_check_clouddns,
)

PLUGINS: tuple[Plugin, ...] = (ACL, ANY, AUTO, AUTOPATH, AZURE, BIND, BUFSIZE, CACHE, CANCEL, CHAOS, CLOUDDNS)

__all__ = ["PLUGINS"]
