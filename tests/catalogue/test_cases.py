"""Every directive's accepted and refused inputs (cases.py) through check_directive."""

from __future__ import annotations

import pytest

from corefile.analysis.addresses import AddressError, normalize_key
from corefile.catalogue import PLUGINS, check_directive, directive_order
from corefile.core.versions import LATEST, Version

from .cases import CASES, Case, all_cases
from .fake_reader import group_by_name, parse_directives


class _Server:
    """The server block of a case: its keys normalised as CoreDNS does."""

    def __init__(self, keys: str, version: Version) -> None:
        self.version = version
        self.zones = tuple(zone for key in keys.split() for zone in normalize_key(key, version=version).zones)

    def normalize_zone(self, text: str):
        try:
            return normalize_key(text, version=self.version).zones
        except AddressError:
            return None


def problems_of(text: str, version: Version, keys: str = ".:53"):
    found = []
    for occurrences in group_by_name(parse_directives(text)).values():
        found.extend(check_directive(occurrences, version, _Server(keys, version)))
    return found


@pytest.mark.parametrize(
    ("directive", "case"),
    all_cases(),
    ids=[f"{name}-{index}" for name, cases in CASES.items() for index in range(len(cases))],
)
def test_case(directive: str, case: Case) -> None:
    found = problems_of(case.text, Version.parse(case.version), case.keys)
    rules = {problem.rule for problem in found}
    described = "\n".join(f"{p.rule} ({'refused' if p.refuses else 'warning'}): {p.message}" for p in found)
    assert rules == case.rules, described or "no problems"
    assert any(problem.refuses for problem in found) == case.refused, described


@pytest.mark.parametrize("directive", directive_order(LATEST))
def test_every_builtin_directive_has_cases(directive: str) -> None:
    cases = CASES.get(directive, [])
    assert any(not case.rules for case in cases), f"{directive}: no accepted input"
    assert sum(1 for case in cases if case.rules) >= 2, f"{directive}: fewer than two refused inputs"


def test_problems_point_at_words_of_the_input() -> None:
    [problem] = problems_of("cache {\n prefetch 10 1m 5%\n}", LATEST)
    assert problem.target.value == "5%"
    [problem] = problems_of("forward . 8.8.8.8 {\n prefer_tcp\n}", LATEST)
    assert problem.target.value == "prefer_tcp"
    assert problem.suggestion == "prefer_udp"
    assert "did you mean 'prefer_udp'" in problem.message


def test_every_problem_is_reported_not_only_the_first() -> None:
    found = problems_of("health 8080 {\n lameduck 5\n lame 5s\n}", LATEST)
    assert [problem.rule for problem in found] == ["invalid-arguments", "invalid-option-value", "unknown-option"]


def test_placeholders_are_never_judged() -> None:
    assert problems_of("cache {$TTL}", LATEST) == []
    assert problems_of("health {$HEALTH_ADDR}", LATEST) == []
    assert problems_of("forward . {$UPSTREAM} {\n policy {$POLICY}\n}", LATEST) == []
    assert problems_of("log {\n class {$LOG_CLASS}\n}", LATEST) == []


def test_external_and_unknown_directives_yield_nothing() -> None:
    assert PLUGINS["alternate"].external
    assert problems_of("alternate original SERVFAIL,REFUSED . 8.8.8.8 { whatever }", LATEST) == []
    assert problems_of("fanout . 1.1.1.1 {\n worker-count 2\n}", LATEST) == []
    assert problems_of("no_such_plugin 1 2 3", LATEST) == []


def test_directives_absent_at_the_target_yield_nothing() -> None:
    # Reported by the unknown/removed-directive rules instead.
    assert problems_of("proxy . 8.8.8.8 {\n bogus\n}", LATEST) == []
    assert problems_of("shed 1", Version.parse("1.14.6")) == []


def test_first_mode_directives_only_check_the_first_occurrence() -> None:
    # CoreDNS reads only the first `reload`; later ones are never parsed.
    assert problems_of("reload 10s\nreload 1s", LATEST) == []
    assert len(problems_of("log {\n class x\n}\nlog {\n class y\n}", LATEST)) == 2
