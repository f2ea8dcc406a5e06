"""Catalogue entry for ``loadbalance`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import check_option_line, known, problem, warning
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import FILE, any_number, exactly, req, v
from corefile.catalogue.types import CIDR, DURATION, duration
from corefile.core.versions import Version

_WEIGHTED_SINCE = v("1.10.1")


def _check_loadbalance(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    policy = words[0].value if words and known(words[0]) else None
    weighted = policy == "weighted" and version >= _WEIGHTED_SINCE
    if policy is not None and policy not in ("round_robin", "weighted"):
        yield problem("invalid-arguments", words[0], f"unknown loadbalance policy '{policy}'; expected round_robin or weighted FILE")
        return
    if policy == "weighted" and not weighted:
        yield problem("invalid-arguments", words[0], f"loadbalance policy 'weighted' is not available in CoreDNS {version} (added in {_WEIGHTED_SINCE})")
        return
    if weighted:
        if len(words) < 2:
            yield problem("missing-argument", words[0], "loadbalance weighted needs a weight FILE")
        elif len(words) > 2:
            yield problem("invalid-arguments", words[2], "loadbalance weighted takes one FILE; unexpected argument(s)")
    elif len(words) > 1:
        yield problem("invalid-arguments", words[1], "loadbalance round_robin takes no further arguments")
    # The block is read by the parser of the chosen policy: weighted knows only reload, round_robin only prefer.
    allowed = {"reload"} if weighted else {"prefer"}
    for line in occurrence.block or ():
        if not known(line.name):
            continue
        if line.name.value in LOADBALANCE.options and line.name.value not in allowed:
            mode = "weighted" if weighted else "round_robin"
            yield problem(
                "unknown-option",
                line.name,
                f"loadbalance option '{line.name.value}' is not accepted in {mode} mode (only {', '.join(sorted(allowed))})",
            )
        else:
            yield from check_option_line(LOADBALANCE, line, version)


def _check_prefer(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    # Setup takes the line's words as CIDRs; with none it simply prefers nothing.
    if not line.arguments:
        yield warning("missing-argument", line.name, "loadbalance 'prefer' with no CIDR does nothing")
    yield from exactly(line, (any_number("CIDR", CIDR),), "loadbalance option 'prefer'")


LOADBALANCE = Plugin(
    "loadbalance",
    summary="Shuffle A/AAAA/MX answers; optional weighted selection and subnet preference.",
    syntax="loadbalance [round_robin | weighted WEIGHTFILE] [{ reload DURATION | prefer CIDR... }]",
    repeat="last",
    arguments=None,
    block="custom",
    options=[
        Option("reload", (req("DURATION", duration(minimum=0)),), since=_WEIGHTED_SINCE, notes="weighted mode only"),
        Option("prefer", None, since=v("1.12.4"), check=_check_prefer, shape="CIDR...", notes="round_robin mode only"),
    ],
    check=_check_loadbalance,
)

PLUGINS: tuple[Plugin, ...] = (LOADBALANCE,)

__all__ = ["PLUGINS"]
