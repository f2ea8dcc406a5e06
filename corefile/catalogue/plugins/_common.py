"""Building blocks shared by catalogue entries: slot shorthands and options many plugins share."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, WordLike
from corefile.catalogue.check import check_slots, known, problem
from corefile.catalogue.model import Arg, Option, SetupProblem
from corefile.catalogue.types import FILE, TEXT, ZONE, ValueType, integer
from corefile.core.versions import Version


def v(text: str) -> Version:
    """Version literal: ``v("1.8.5")``."""
    return Version.parse(text)


def req(label: str, type: ValueType = TEXT) -> Arg:
    """A required slot."""
    return Arg(label, type)


def opt(label: str, type: ValueType = TEXT) -> Arg:
    """An optional slot."""
    return Arg(label, type, optional=True)


def many(label: str, type: ValueType = TEXT) -> Arg:
    """One or more words."""
    return Arg(label, type, repeat=True)


def any_number(label: str, type: ValueType = TEXT) -> Arg:
    """Zero or more words."""
    return Arg(label, type, optional=True, repeat=True)


ZONES = (any_number("ZONES", ZONE),)
NO_ARGS: tuple[Arg, ...] = ()


def fallthrough(since: Version | None = None) -> Option:
    """``fallthrough [ZONES...]`` (plugin/pkg/fall): pass queries on to the next plugin."""
    return Option("fallthrough", ZONES, since=since)


def legacy_upstream(removed: Version | None = None, *, deprecated: Version | None = v("1.4.0")) -> Option:
    """``upstream [ADDRESS...]``: a no-op since 1.4.0 (CoreDNS resolves through itself)."""
    return Option(
        "upstream",
        None,
        deprecated=deprecated,
        removed=removed,
        notes="a no-op: CNAME targets are resolved through CoreDNS itself",
    )


def legacy_transfer_to(removed: Version = v("1.8.0")) -> Option:
    """The in-plugin ``transfer to ...`` option replaced by the ``transfer`` plugin."""
    return Option(
        "transfer",
        None,
        removed=removed,
        replacement="the transfer plugin (transfer ZONE { to ADDRESS... })",
    )


def _check_tls_client_triple(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    if len(line.arguments) > 3:
        yield problem(
            "invalid-option-value",
            line.arguments[3],
            f"tls takes at most three arguments (CERT KEY CA), found {len(line.arguments)}",
        )


#: ``tls [CERT KEY [CA]]`` / ``tls [CA]`` (plugin/pkg/tls NewTLSConfigFromArgs): 0–3 files.
TLS_CLIENT = Option(
    "tls",
    None,
    check=_check_tls_client_triple,
    shape="[CERT KEY [CA]] | [CA]",
    notes="0 args = system CAs, 1 = CA, 2 = client cert and key, 3 = cert, key and CA",
)


def check_colon_fields(
    plugin: str, words: Sequence[WordLike], parts: int, shape: str, bad: str, duplicate: str
) -> Iterator[SetupProblem]:
    """Arguments made of ``parts`` non-empty colon-separated fields, no duplicates."""
    seen: set[str] = set()
    for word in words:
        if not known(word):
            continue
        fields = word.value.split(":")
        if len(fields) != parts or not all(fields):
            yield problem("invalid-arguments", word, f'{plugin}: {bad} "{word.value}"; expected {shape}')
        elif word.value in seen:
            yield problem("invalid-arguments", word, f'{plugin}: {duplicate} "{word.value}" (given twice)')
        seen.add(word.value)


#: forward and grpc: at most this many upstreams after expansion ("more than 15 TOs configured").
MAX_UPSTREAMS = 15

#: A TTL in seconds, 0 to 3600 (kubernetes, k8s_external).
TTL_0_3600 = integer(0, 3600)


def check_from_to(plugin: str, occurrence: DirectiveLike) -> Iterator[SetupProblem]:
    """``FROM TO...`` of forward and grpc: both parts present."""
    words = occurrence.arguments
    if not words:
        yield problem("missing-argument", occurrence.name, f"{plugin} needs FROM and at least one TO, e.g. {plugin} . 8.8.8.8")
    elif len(words) == 1:
        yield problem("missing-argument", words[0], f"{plugin} needs at least one TO (upstream address) after FROM '{words[0].value}'")


def exactly(line: DirectiveLike, slots: tuple[Arg, ...], what: str) -> Iterator[SetupProblem]:
    """Check an option line's words against ``slots`` (for use inside custom checks)."""
    yield from check_slots(line.arguments, slots, owner=line.name, what=what, bad_value_rule="invalid-option-value")


__all__ = [
    "FILE",
    "MAX_UPSTREAMS",
    "NO_ARGS",
    "TEXT",
    "TLS_CLIENT",
    "TTL_0_3600",
    "ZONE",
    "ZONES",
    "any_number",
    "check_colon_fields",
    "check_from_to",
    "exactly",
    "fallthrough",
    "legacy_transfer_to",
    "legacy_upstream",
    "many",
    "opt",
    "req",
    "v",
]
