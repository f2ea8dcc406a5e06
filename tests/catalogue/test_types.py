"""The shared value parsers follow Go's semantics."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corefile.catalogue.types import (
    check_cidr,
    check_duration,
    check_go_regexp,
    check_host_port,
    check_ip,
    check_ip_with_optional_port,
    check_qtype,
    check_rcode,
    duration,
    integer,
    parse_go_duration,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("300ms", 0.3), ("1.5h", 5400), ("2h45m", 9900), ("0", 0), ("-1.5h", -5400), ("+5s", 5), ("1µs", 1e-6), (".5s", 0.5), ("1.s", 1)],
)
def test_go_durations(text: str, seconds: float) -> None:
    assert parse_go_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "30", "5 s", "1d", "s", "1.5", "-", ".s", "1h-5m", "0x10s"])
def test_not_go_durations(text: str) -> None:
    assert check_duration(text) is not None


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["ns", "us", "ms", "s", "m", "h"]))
def test_integer_with_unit_is_a_duration(amount: int, unit: str) -> None:
    assert check_duration(f"{amount}{unit}") is None


def test_int_or_duration_and_ranges() -> None:
    timeout = duration(minimum=1, maximum=86400, int_means_seconds=True)
    assert timeout.check("30") is None
    assert timeout.check("30s") is None
    assert timeout.check("0") is not None
    assert timeout.check("25h") is not None


def test_integers_like_atoi() -> None:
    size = integer(512, 4096)
    assert size.check("1232") is None
    assert size.check("+1232") is None
    assert size.check("1232.0") is not None
    assert size.check("١٢٣٢") is not None  # non-ASCII digits: Atoi refuses them
    assert size.check("4097") is not None


def test_ip_like_net_parseip() -> None:
    assert check_ip("10.0.0.1") is None
    assert check_ip("2001:db8::1") is None
    assert check_ip("::ffff:10.0.0.1") is None
    assert check_ip("010.0.0.1") is not None  # leading zeros are refused by Go
    assert check_ip("fe80::1%eth0") is not None  # no zones in ParseIP
    assert check_ip("10.0.0.256") is not None


def test_cidr_like_net_parsecidr() -> None:
    assert check_cidr("10.0.0.1/8") is None  # host bits may be set
    assert check_cidr("fd00::/64") is None
    assert check_cidr("10.0.0.0") is not None
    assert check_cidr("10.0.0.0/33") is not None
    assert check_cidr("10.0.0.0/255.0.0.0") is not None


def test_host_port_like_net_splithostport() -> None:
    for good in (":8080", "localhost:9153", "[::1]:6053", "0.0.0.0:53", "host:"):
        assert check_host_port(good) is None, good
    for bad in ("8080", "::1:53", "[::1]", "localhost"):
        assert check_host_port(bad) is not None, bad


def test_ip_with_optional_port() -> None:
    for good in ("10.0.0.1", "10.0.0.1:53", "[2001:db8::1]:53", "2001:db8::1"):
        assert check_ip_with_optional_port(good) is None, good
    for bad in ("ns1.example.org", "10.0.0.1:dns", "10.0.0.1:70000"):
        assert check_ip_with_optional_port(bad) is not None, bad


def test_dns_vocabularies() -> None:
    assert check_rcode("NXDOMAIN") is None
    assert check_rcode("nxdomain") is None
    assert check_rcode("NOTANRCODE") is not None
    assert check_qtype("AAAA") is None
    assert "upper case" in (check_qtype("aaaa") or "")


def test_go_regexp_approximation() -> None:
    assert check_go_regexp(r"^(.*)\.example\.org$") is None
    assert check_go_regexp(r"\Qa.b\E") is None  # RE2-only syntax: not judged
    assert check_go_regexp("(unclosed") is not None
    assert check_go_regexp("(?=lookahead)") is not None
    assert check_go_regexp("a" * 10001) is not None
