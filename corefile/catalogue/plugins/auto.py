"""Catalogue entry for ``auto`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import (
    NO_ARGS,
    ZONES,
    exactly,
    fallthrough,
    legacy_transfer_to,
    legacy_upstream,
    req,
    v,
)
from corefile.catalogue.types import DURATION, NON_NEGATIVE_INT, REGEXP, duration
from corefile.core.versions import Version


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
    if len(words) == 4 and maximum == 3:
        yield problem(
            "removed-option",
            words[3],
            "auto option 'directory': the TIMEOUT argument was removed in CoreDNS 1.5.0 and is refused; "
            "remove it and set the rescan interval with 'reload DURATION'",
            suggestion="reload",
        )
    elif len(words) > maximum:
        yield problem("invalid-arguments", words[maximum], f"auto option 'directory' takes at most {maximum} arguments")
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

PLUGINS: tuple[Plugin, ...] = (AUTO,)

__all__ = ["PLUGINS"]
