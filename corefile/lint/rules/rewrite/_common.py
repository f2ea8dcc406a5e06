"""A rewrite occurrence, read the way the rewrite plugin reads it (one line = one rule)."""

from __future__ import annotations

import attrs

from corefile.expansion.expand import Line, Token

MATCH_TYPES = ("exact", "prefix", "suffix", "substring", "regex")


@attrs.frozen
class RewriteRule:
    line: Line
    mode: Token | None  #: The explicit ``stop``/``continue`` word, if any.
    field: Token | None
    match_type: str  #: For name-like rules; "" for others.
    pattern: str  #: FROM (name rules), NAME (ttl, rcode), the type or class for type/class rules.
    rest: tuple[Token, ...]  #: Words after the pattern.


def _flatten(lines) -> list[Token]:
    words: list[Token] = []
    for line in lines:
        words.append(line.name)
        words.extend(line.arguments)
        words.extend(_flatten(line.block or ()))
    return words


def read_rule(line: Line) -> RewriteRule | None:
    words = list(line.arguments)
    if len(words) < 2 and line.block is not None:
        words += _flatten(line.block)
    if any(word.unknown_env for word in words):
        return None
    mode = None
    if words and words[0].text.lower() in ("stop", "continue"):
        mode, words = words[0], words[1:]
    if not words:
        return None
    field, words = words[0], words[1:]
    kind = field.text.lower()
    match_type, pattern = "", ""
    if kind in ("name", "ttl", "rcode", "cname"):
        match_type = "exact"
        if words and words[0].text.lower() in MATCH_TYPES:
            match_type, words = words[0].text.lower(), words[1:]
        if not words:
            return None
        pattern, words = words[0].text, words[1:]
    elif kind in ("type", "class"):
        if not words:
            return None
        pattern, words = words[0].text.upper(), words[1:]
    return RewriteRule(line, mode, field, match_type, pattern, tuple(words))
