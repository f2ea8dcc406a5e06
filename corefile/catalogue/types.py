"""Value types of directive arguments and option values, as CoreDNS parses them.

Each ``check_*`` function takes the token text and returns an error message (plain words, no
trailing period) or None when CoreDNS would accept the value.  :class:`ValueType` pairs such a check
with the label shown in usage strings, so that catalogue entries can stay declarative.

The parsers follow the Go functions CoreDNS calls (``time.ParseDuration``, ``strconv.Atoi``,
``net.ParseIP``, ``net.ParseCIDR``, ``net.SplitHostPort``) rather than Python's looser equivalents.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterable

import attrs

Check = Callable[[str], "str | None"]


@attrs.frozen
class ValueType:
    """A named kind of value with its validity check."""

    #: Short description used in messages and the reference page, e.g. ``Go duration``.
    description: str
    check: Check = attrs.field(repr=False)


# --------------------------------------------------------------------------------------------
# Go durations (time.ParseDuration)

_DURATION_UNITS_NS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,  # U+00B5 micro sign
    "μs": 1_000,  # U+03BC Greek mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60 * 1_000_000_000,
    "h": 3600 * 1_000_000_000,
}
_DURATION_PART = re.compile(r"([0-9]+\.?[0-9]*|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)")
_MAX_DURATION_NS = 2**63 - 1


def parse_go_duration(text: str) -> float:
    """Return the duration in seconds, or raise ValueError as ``time.ParseDuration`` would.

    Grammar: optional sign, then one or more ``<decimal><unit>`` parts; a bare ``0`` is the only
    unit-less value Go accepts.
    """
    rest = text
    sign = 1
    if rest[:1] in ("+", "-"):
        sign = -1 if rest[0] == "-" else 1
        rest = rest[1:]
    if rest == "0":
        return 0.0
    if not rest:
        raise ValueError(f'invalid duration "{text}"')
    total_ns = 0.0
    position = 0
    while position < len(rest):
        match = _DURATION_PART.match(rest, position)
        if match is None:
            if re.match(r"[0-9]+\.?[0-9]*|\.[0-9]+", rest[position:]):
                raise ValueError(f'missing unit in duration "{text}"')
            raise ValueError(f'invalid duration "{text}"')
        total_ns += float(match.group(1)) * _DURATION_UNITS_NS[match.group(2)]
        position = match.end()
    if total_ns > _MAX_DURATION_NS + (1 if sign < 0 else 0):
        raise ValueError(f'invalid duration "{text}" (overflow)')
    return sign * total_ns / 1e9


def check_duration(text: str) -> str | None:
    """A Go duration such as ``300ms``, ``1.5h``, ``2h45m`` or ``0``."""
    try:
        parse_go_duration(text)
    except ValueError as error:
        return f"{error}; expected a duration such as 30s, 5m or 1h"
    return None


def parse_int_or_duration(text: str) -> float:
    """Seconds from a bare integer (seconds) or a Go duration (CoreDNS ``durations.NewDurationFromArg``)."""
    if re.fullmatch(r"[+-]?[0-9]+", text):
        return float(int(text))
    return parse_go_duration(text)


def duration(
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    int_means_seconds: bool = False,
    exclusive_minimum: bool = False,
) -> ValueType:
    """A Go duration (optionally also a bare integer of seconds) within ``[minimum, maximum]`` seconds."""
    parse = parse_int_or_duration if int_means_seconds else parse_go_duration
    example = "30 or 30s" if int_means_seconds else "30s"

    def check(text: str) -> str | None:
        try:
            seconds = parse(text)
        except ValueError as error:
            return f"{error}; expected a duration such as {example}"
        if minimum is not None:
            too_small = seconds <= minimum if exclusive_minimum else seconds < minimum
            if too_small:
                bound = "greater than" if exclusive_minimum else "at least"
                return f'duration "{text}" must be {bound} {format_seconds(minimum)}'
        if maximum is not None and seconds > maximum:
            return f'duration "{text}" must not exceed {format_seconds(maximum)}'
        return None

    description = "duration" + (" or integer seconds" if int_means_seconds else "")
    return ValueType(description + _range_suffix(minimum, maximum, format_seconds, exclusive_minimum), check)


def format_seconds(seconds: float) -> str:
    """Render a number of seconds the way a Corefile would write it (``90s`` → ``1m30s``)."""
    if seconds == 0:
        return "0s"
    if seconds < 1:
        return f"{seconds * 1000:g}ms"
    whole = int(seconds)
    hours, remainder = divmod(whole, 3600)
    minutes, secs = divmod(remainder, 60)
    parts = [f"{hours}h" if hours else "", f"{minutes}m" if minutes else "", f"{secs}s" if secs else ""]
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# Numbers (strconv.Atoi / ParseUint / ParseFloat)

_GO_INT = re.compile(r"[+-]?[0-9]+")


def parse_go_int(text: str) -> int:
    """Parse like ``strconv.Atoi``: decimal digits with an optional sign, nothing else."""
    if not _GO_INT.fullmatch(text):
        raise ValueError(f'"{text}" is not an integer')
    return int(text)


def integer(minimum: int | None = None, maximum: int | None = None) -> ValueType:
    """A decimal integer within ``[minimum, maximum]``."""

    def check(text: str) -> str | None:
        try:
            number = parse_go_int(text)
        except ValueError as error:
            return str(error)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            return f"{number} is out of range; expected {_range_words(minimum, maximum)}"
        return None

    return ValueType("integer" + _range_suffix(minimum, maximum, str), check)


def number(minimum: float | None = None, maximum: float | None = None) -> ValueType:
    """A decimal (floating-point) number within ``[minimum, maximum]`` (``strconv.ParseFloat``)."""

    def check(text: str) -> str | None:
        if not re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", text):
            return f'"{text}" is not a number'
        value = float(text)
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            return f"{text} is out of range; expected {_range_words(minimum, maximum)}"
        return None

    return ValueType("number" + _range_suffix(minimum, maximum, lambda v: f"{v:g}"), check)


def _range_words(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f"a value from {minimum:g} to {maximum:g}"
    if minimum is not None:
        return f"a value of at least {minimum:g}"
    return f"a value of at most {maximum:g}"


def _range_suffix(
    minimum: float | None,
    maximum: float | None,
    render: Callable[[float], str],
    exclusive_minimum: bool = False,
) -> str:
    if minimum is None and maximum is None:
        return ""
    if maximum is None:
        assert minimum is not None
        return f" {'>' if exclusive_minimum else '≥'} {render(minimum)}"
    if minimum is None:
        return f" ≤ {render(maximum)}"
    return f" {render(minimum)}–{render(maximum)}"


# --------------------------------------------------------------------------------------------
# Addresses (net.ParseIP, net.ParseCIDR, net.SplitHostPort)


def parse_go_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """Parse like ``net.ParseIP``: dotted IPv4 (no leading zeros) or IPv6, no zone, no brackets."""
    if "%" in text or not text:
        raise ValueError(f'"{text}" is not an IP address')
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(f'"{text}" is not an IP address') from None


def check_ip(text: str) -> str | None:
    """An IPv4 or IPv6 address."""
    try:
        parse_go_ip(text)
    except ValueError as error:
        return str(error)
    return None


def parse_go_cidr(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """Parse like ``net.ParseCIDR``: ``ADDRESS/BITS`` with decimal BITS; host bits may be set."""
    address, slash, bits = text.partition("/")
    if not slash or not re.fullmatch(r"[0-9]{1,3}", bits):
        raise ValueError(f'"{text}" is not a CIDR (expected ADDRESS/BITS, e.g. 10.0.0.0/8)')
    ip = parse_go_ip(address)
    if int(bits) > ip.max_prefixlen:
        raise ValueError(f'"{text}" is not a CIDR: prefix length {bits} is too long')
    return ipaddress.ip_network(f"{ip}/{bits}", strict=False)


def check_cidr(text: str) -> str | None:
    """An IPv4 or IPv6 network in CIDR notation."""
    try:
        parse_go_cidr(text)
    except ValueError as error:
        return str(error)
    return None


def check_ip_or_cidr(text: str) -> str | None:
    """An IP address or a CIDR."""
    if "/" in text:
        return check_cidr(text)
    return check_ip(text)


def split_host_port(text: str) -> tuple[str, str]:
    """Split like ``net.SplitHostPort`` or raise ValueError with Go's wording."""
    colon = text.rfind(":")
    if colon < 0:
        raise ValueError(f"address {text}: missing port in address")
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise ValueError(f"address {text}: missing ']' in address")
        if end + 1 == len(text):
            raise ValueError(f"address {text}: missing port in address")
        if end + 1 != colon:
            raise ValueError(f"address {text}: too many colons in address")
        host = text[1:end]
    else:
        host = text[:colon]
        if ":" in host:
            raise ValueError(f"address {text}: too many colons in address")
    port = text[colon + 1 :]
    if "[" in text[1:] or "]" in text[colon:]:
        raise ValueError(f"address {text}: unexpected bracket in address")
    return host, port


def check_host_port(text: str) -> str | None:
    """A ``HOST:PORT`` listen address (``:8080``, ``localhost:9153``, ``[::1]:6053``)."""
    try:
        split_host_port(text)
    except ValueError as error:
        return f"{error}; expected HOST:PORT such as :8080"
    return None


def check_ip_with_optional_port(text: str) -> str | None:
    """An IP address with an optional port (``10.0.0.1``, ``10.0.0.1:5353``, ``[::1]:53``)."""
    if check_ip(text) is None:
        return None
    try:
        host, port = split_host_port(text)
    except ValueError:
        return f'"{text}" is not an IP address (optionally with :PORT)'
    if check_ip(host) is not None:
        return f'"{text}" is not an IP address (optionally with :PORT)'
    return _check_port_number(text, port)


def _check_port_number(text: str, port: str) -> str | None:
    if not re.fullmatch(r"[0-9]+", port) or not 0 <= int(port) <= 65535:
        return f'"{text}" has an invalid port "{port}"'
    return None


def is_domain_name(name: str) -> bool:
    """miekg/dns ``IsDomainName``: lenient label rules, ``\\DDD`` and ``\\X`` escapes understood."""
    if name == "":
        return False
    if name == ".":
        return True
    data = name.encode()
    label = 0
    index = 0
    size = len(data)
    while index < size:
        byte = data[index]
        if byte == 0x5C:  # backslash
            if index + 1 >= size:
                return False
            if index + 3 < size + 0 and data[index + 1 : index + 4].isdigit():
                index += 4
            else:
                index += 2
            label += 1
        elif byte == 0x2E:  # dot
            if label == 0:
                return False
            label = 0
            index += 1
            continue
        else:
            label += 1
            index += 1
        if label > 63:
            return False
    return True


# --------------------------------------------------------------------------------------------
# DNS vocabularies (miekg/dns maps)

RCODES = frozenset(
    "NOERROR FORMERR SERVFAIL NXDOMAIN NOTIMP REFUSED YXDOMAIN YXRRSET NXRRSET NOTAUTH NOTZONE "
    "BADSIG BADVERS BADKEY BADTIME BADMODE BADNAME BADALG BADTRUNC BADCOOKIE".split()
)

#: miekg/dns ``StringToType`` keys (upper-case names only, as CoreDNS looks them up).
QTYPES = frozenset(
    "NONE A NS MD MF CNAME SOA MB MG MR NULL PTR HINFO MINFO MX TXT RP AFSDB X25 ISDN RT NSAPPTR "
    "SIG KEY PX GPOS AAAA LOC NXT EID NIMLOC SRV ATMA NAPTR KX CERT DNAME OPT APL DS SSHFP "
    "IPSECKEY RRSIG NSEC DNSKEY DHCID NSEC3 NSEC3PARAM TLSA SMIMEA HIP NINFO RKEY TALINK CDS "
    "CDNSKEY OPENPGPKEY CSYNC ZONEMD SVCB HTTPS SPF UINFO UID GID UNSPEC NID L32 L64 LP EUI48 "
    "EUI64 NXNAME URI CAA AVC AMTRELAY RESINFO TKEY TSIG IXFR AXFR MAILB MAILA ANY TA DLV".split()
)

#: miekg/dns ``StringToClass`` keys.
CLASSES = frozenset("IN CS CH HS NONE ANY".split())

OPCODES = frozenset("QUERY IQUERY STATUS NOTIFY UPDATE".split())


def check_rcode(text: str) -> str | None:
    """An rcode name such as NXDOMAIN (upper-case, as miekg/dns spells it)."""
    if text.upper() in RCODES:
        return None
    return f'"{text}" is not a valid rcode (e.g. NOERROR, NXDOMAIN, SERVFAIL, REFUSED)'


def check_qtype(text: str) -> str | None:
    """A query type name in upper case (A, AAAA, MX, ANY...)."""
    if text in QTYPES:
        return None
    if text.upper() in QTYPES:
        return f'"{text}" must be written in upper case: {text.upper()}'
    return f'"{text}" is not a DNS record type (e.g. A, AAAA, MX, TXT)'


def check_any_text(text: str) -> str | None:
    """Free text: anything goes."""
    return None


def one_of(*choices: str, case_sensitive: bool = True) -> ValueType:
    """One word out of a fixed list."""
    accepted = set(choices) if case_sensitive else {choice.lower() for choice in choices}

    def check(text: str) -> str | None:
        if (text if case_sensitive else text.lower()) in accepted:
            return None
        return f'"{text}" is not one of {", ".join(choices)}'

    return ValueType(" | ".join(choices), check)


# --------------------------------------------------------------------------------------------
# Regular expressions (Go RE2)

_RE2_UNSUPPORTED = re.compile(r"\(\?[=!]|\(\?<[=!]|\\[1-9]")
# Constructs RE2 knows and Python's ``re`` does not: when present, Python cannot judge the pattern.
_RE2_ONLY = re.compile(r"\\[zQEpPC]|\[\[:")


def check_go_regexp(text: str, max_length: int = 10000) -> str | None:
    """A Go (RE2) regular expression no longer than ``max_length`` characters.

    Python's ``re`` is used as an approximation; RE2-only syntax makes the check give up (accept)
    rather than report a false error, and Perl features RE2 lacks (look-around, back-references)
    are reported.
    """
    if len(text) > max_length:
        return f"regular expression too long: {len(text)} > {max_length} characters"
    if _RE2_UNSUPPORTED.search(text):
        return f'"{text}" uses look-around or a back-reference, which Go regular expressions do not support'
    if _RE2_ONLY.search(text):
        return None
    try:
        re.compile(text)
    except re.error as error:
        return f'"{text}" is not a valid regular expression: {error}'
    return None


# --------------------------------------------------------------------------------------------
# Ready-made value types used by catalogue entries

DURATION = ValueType("duration", check_duration)
IP = ValueType("IP address", check_ip)
CIDR = ValueType("CIDR", check_cidr)
IP_OR_CIDR = ValueType("IP address or CIDR", check_ip_or_cidr)
HOST_PORT = ValueType("HOST:PORT", check_host_port)
IP_PORT = ValueType("IP[:PORT]", check_ip_with_optional_port)
RCODE = ValueType("rcode name", check_rcode)
QTYPE = ValueType("record type (upper case)", check_qtype)
REGEXP = ValueType("Go regular expression", check_go_regexp)
#: Zone arguments are never refused: CoreDNS silently drops names it cannot normalise.
ZONE = ValueType("zone", check_any_text)
FILE = ValueType("file path", check_any_text)
TEXT = ValueType("text", check_any_text)
NON_NEGATIVE_INT = integer(0)
POSITIVE_INT = integer(1)
UINT32 = integer(0, 2**32 - 1)


def first_error(checks: Iterable[Check], text: str) -> str | None:
    """Run several checks in order and return the first complaint."""
    for check in checks:
        error = check(text)
        if error is not None:
            return error
    return None
