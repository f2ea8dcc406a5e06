"""Catalogue entry for ``acl`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, WordLike
from corefile.catalogue.check import did_you_mean, known, problem
from corefile.catalogue.model import Plugin, SetupProblem
from corefile.catalogue.plugins._common import ZONES, v
from corefile.catalogue.types import check_ip_or_cidr, check_qtype
from corefile.core.versions import Version

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

PLUGINS: tuple[Plugin, ...] = (ACL,)

__all__ = ["PLUGINS"]
