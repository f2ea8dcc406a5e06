"""Catalogue entry for ``errors`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import NO_ARGS, opt, v
from corefile.catalogue.types import DURATION, REGEXP, one_of, parse_go_duration
from corefile.core.versions import Version

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

PLUGINS: tuple[Plugin, ...] = (ERRORS,)

__all__ = ["PLUGINS"]
