"""Catalogue entry for ``cache`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, option_lines, problem
from corefile.catalogue.model import Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import NO_ARGS, ZONE, ZONES, any_number, exactly, opt, req, v
from corefile.catalogue.types import (
    DURATION,
    NON_NEGATIVE_INT,
    duration,
    integer,
    one_of,
    parse_go_duration,
    parse_go_int,
)
from corefile.core.versions import Version

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
    mode = mode_word.value.lower() if known(mode_word) else None  # setup lower-cases the mode
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
            (req("POLICY", one_of("prefer_positive", case_sensitive=False)),),  # setup lower-cases it
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

PLUGINS: tuple[Plugin, ...] = (CACHE,)

__all__ = ["PLUGINS"]
