"""Catalogue entry for rewrite (plugins.md §3).

One ``rewrite`` line is one rule.  When the line has fewer than two arguments and a block, CoreDNS
flattens every word of the block into that single rule, so the block is *not* a list of rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, WordLike
from corefile.catalogue.check import did_you_mean, flatten_block, known, problem
from corefile.catalogue.model import Plugin, SetupProblem
from corefile.catalogue.plugins._common import v
from corefile.catalogue.types import CLASSES, QTYPES, RCODES, check_go_regexp
from corefile.core.versions import Version

_MODES = ("stop", "continue")
#: Rule types and the release that introduced them (None = always there).
_FIELDS: dict[str, Version | None] = {
    "name": None,
    "type": None,
    "class": None,
    "edns0": None,
    "ttl": v("1.2.3"),
    "cname": v("1.11.0"),
    "rcode": v("1.11.3"),
}
_MATCH_TYPES = ("exact", "prefix", "suffix", "substring", "regex")
_EDNS0_VARIABLES = frozenset(
    "{qname} {qtype} {client_ip} {client_port} {protocol} {server_ip} {server_port}".split()
)
_REVERT_SINCE = v("1.11.4")

Words = Sequence[WordLike]


def _rule_words(occurrence: DirectiveLike) -> list[WordLike]:
    if len(occurrence.arguments) < 2 and occurrence.block is not None:
        return [*occurrence.arguments, *flatten_block(occurrence.block)]
    return list(occurrence.arguments)


def _check_rewrite(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    if len(occurrence.arguments) >= 2 and occurrence.block is not None:
        # A complete line rule does not read a block: setup takes the `{` as the start of another
        # rule, which has no words ("no rule type specified").
        yield problem(
            "invalid-arguments",
            occurrence.name,
            "a rewrite line with its rule on the line takes no { } block (the block is read as another, empty rule); "
            "put the whole rule either on the line or in the block",
        )
    words = _rule_words(occurrence)
    if not words:
        yield problem("missing-argument", occurrence.name, "no rule type specified for rewrite (e.g. rewrite name FROM TO)")
        return
    if any(not known(word) for word in words[:1]):
        return
    if words[0].value.lower() in _MODES:  # setup lower-cases the mode and the rule type
        mode_word, words = words[0], words[1:]
        if not words:
            yield problem("missing-argument", mode_word, f"rewrite {mode_word.value} must be followed by a rule type")
            return
    field_word, rule = words[0], words[1:]
    if not known(field_word):
        return
    field = field_word.value.lower()
    available = [name for name, since in _FIELDS.items() if since is None or version >= since]
    if field == "answer":
        yield problem("invalid-arguments", field_word, "response rewrites must begin with a name rule")
        return
    if field not in _FIELDS:
        guess = did_you_mean(field, available)
        yield problem(
            "invalid-arguments",
            field_word,
            f"invalid rewrite rule type '{field_word.value}'; expected one of {', '.join(available)}"
            + (f"; did you mean '{guess}'?" if guess else ""),
            suggestion=guess,
        )
        return
    since = _FIELDS[field]
    if since is not None and version < since:
        yield problem("invalid-arguments", field_word, f"rewrite rule type '{field}' is not available in CoreDNS {version} (added in {since})")
        return
    checker = {
        "name": _check_name_rule,
        "type": _check_type_rule,
        "class": _check_class_rule,
        "ttl": _check_ttl_rule,
        "cname": _check_cname_rule,
        "rcode": _check_rcode_rule,
        "edns0": _check_edns0_rule,
    }[field]
    yield from checker(field_word, rule, version)


def _all_known(words: Words) -> bool:
    return all(known(word) for word in words)


def _match_type(field_word: WordLike, rule: Words, plain_count: int) -> tuple[str, Words] | SetupProblem:
    """Split an optional MATCH_TYPE off ``rule``: with more than ``plain_count`` words the first is one."""
    if len(rule) <= plain_count:
        return "exact", rule
    word = rule[0]
    kind = word.value.lower()
    if known(word) and kind not in _MATCH_TYPES:
        return problem(
            "invalid-arguments",
            word,
            f"{field_word.value} rule supports only {', '.join(_MATCH_TYPES)} matching, received: {word.value}",
        )
    return kind, rule[1:]


def _check_pattern(kind: str, word: WordLike) -> Iterator[SetupProblem]:
    if kind == "regex" and known(word):
        error = check_go_regexp(word.value)
        if error:
            yield problem("invalid-arguments", word, f"rewrite regex: {error}")


def _check_name_rule(field_word: WordLike, rule: Words, version: Version) -> Iterator[SetupProblem]:
    if len(rule) < 2:
        yield problem("missing-argument", rule[-1] if rule else field_word, "too few arguments for a name rule; expected [MATCH_TYPE] FROM TO")
        return
    split = _match_type(field_word, rule, 2)
    if isinstance(split, SetupProblem):
        yield split
        return
    kind, rest = split
    if len(rest) < 2:
        yield problem("missing-argument", rest[-1] if rest else field_word, "too few arguments for a name rule; expected [MATCH_TYPE] FROM TO")
        return
    yield from _check_pattern(kind, rest[0])
    yield from _check_answer_rules(rest[2:])


def _check_answer_rules(words: Words) -> Iterator[SetupProblem]:
    """``[answer] auto | [answer] name FROM TO | [answer] value FROM TO`` repeated."""
    index = 0
    has_auto = has_name = False
    while index < len(words):
        word = words[index]
        if not known(word):
            return
        if word.value == "answer":
            index += 1
            if index >= len(words):
                yield problem("missing-argument", word, "type missing for answer rule; expected auto, name FROM TO or value FROM TO")
                return
            word = words[index]
            if not known(word):
                return
        kind = word.value
        if kind == "auto":
            has_auto = True
            index += 1
        elif kind in ("name", "value"):
            has_name = has_name or kind == "name"
            if index + 2 >= len(words):
                yield problem("missing-argument", word, f"answer {kind} rule needs FROM and TO")
                return
            index += 3
        else:
            yield problem("invalid-arguments", word, f"invalid type '{kind}' for answer rule; expected auto, name or value")
            return
    if has_auto and has_name:
        yield problem("invalid-arguments", words[0], "auto name answer rule cannot be combined with explicit name answer rules")


def _check_exact_pair(field: str, field_word: WordLike, rule: Words, vocabulary: frozenset[str]) -> Iterator[SetupProblem]:
    if len(rule) != 2:
        rule_kind = "missing-argument" if len(rule) < 2 else "invalid-arguments"
        target = rule[2] if len(rule) > 2 else (rule[-1] if rule else field_word)
        yield problem(rule_kind, target, f"{field} rules must have exactly two arguments (FROM TO)")
        return
    for word in rule:
        if known(word) and word.value.upper() not in vocabulary:
            yield problem("invalid-arguments", word, f"invalid {field} '{word.value}' in rewrite {field} rule")


def _check_type_rule(field_word: WordLike, rule: Words, version: Version) -> Iterator[SetupProblem]:
    yield from _check_exact_pair("type", field_word, rule, QTYPES)


def _check_class_rule(field_word: WordLike, rule: Words, version: Version) -> Iterator[SetupProblem]:
    yield from _check_exact_pair("class", field_word, rule, CLASSES)


def _check_ttl_value(word: WordLike) -> Iterator[SetupProblem]:
    if not known(word):
        return
    text = word.value
    match = re.fullmatch(r"[0-9]+|[0-9]+-[0-9]*|-[0-9]+", text)
    if match is None or any(int(part) > 2**32 - 1 for part in re.findall(r"[0-9]+", text)):
        yield problem("invalid-arguments", word, f"invalid TTL '{text}' for a ttl rule; expected SECONDS or MIN-MAX (e.g. 30-300)")


def _split_rule(field_word: WordLike, rule: Words, plain_count: int, usage: str) -> tuple[str, Words] | SetupProblem:
    """The count check and optional MATCH_TYPE shared by rules of ``plain_count`` words (+1 type)."""
    if len(rule) < plain_count:
        return problem("missing-argument", rule[-1] if rule else field_word, f"{field_word.value} rule needs {usage}")
    if len(rule) > plain_count + 1:
        return problem("invalid-arguments", rule[plain_count + 1], f"{field_word.value} rule takes {usage}")
    return _match_type(field_word, rule, plain_count)


def _check_ttl_rule(field_word: WordLike, rule: Words, version: Version) -> Iterator[SetupProblem]:
    split = _split_rule(field_word, rule, 2, "[MATCH_TYPE] NAME TTL")
    if isinstance(split, SetupProblem):
        yield split
        return
    kind, rest = split
    yield from _check_pattern(kind, rest[0])
    yield from _check_ttl_value(rest[1])


def _check_cname_rule(field_word: WordLike, rule: Words, version: Version) -> Iterator[SetupProblem]:
    split = _split_rule(field_word, rule, 2, "[MATCH_TYPE] FROM TO")
    if isinstance(split, SetupProblem):
        yield split
        return
    kind, rest = split
    yield from _check_pattern(kind, rest[0])


def _is_rcode(text: str) -> bool:
    return text.upper() in RCODES or (text.isdigit() and int(text) < 4096)


def _check_rcode_rule(field_word: WordLike, rule: Words, version: Version) -> Iterator[SetupProblem]:
    split = _split_rule(field_word, rule, 3, "[MATCH_TYPE] NAME FROM TO")
    if isinstance(split, SetupProblem):
        yield split
        return
    kind, rest = split
    yield from _check_pattern(kind, rest[0])
    for word in rest[1:3]:
        if known(word) and not _is_rcode(word.value):
            yield problem("invalid-arguments", word, f"invalid RCODE '{word.value}' for a rcode rule")


def _check_edns0_rule(field_word: WordLike, rule: Words, version: Version) -> Iterator[SetupProblem]:
    if len(rule) < 2:
        yield problem("missing-argument", rule[-1] if rule else field_word, "edns0 rule needs local|nsid|subnet and an action")
        return
    if not _all_known(rule[:2]):
        return
    kind_word, action_word, rest = rule[0], rule[1], list(rule[2:])
    kind, action = kind_word.value.lower(), action_word.value.lower()
    if kind not in ("local", "nsid", "subnet"):
        yield problem("invalid-arguments", kind_word, f"invalid edns0 rule type '{kind_word.value}'; expected local, nsid or subnet")
        return
    if action not in ("set", "append", "replace", "unset"):
        yield problem("invalid-arguments", action_word, f'invalid action: "{action_word.value}"; expected set, append, replace or unset')
        return
    if rest and known(rest[-1]) and rest[-1].value.lower() == "revert" and action != "unset":
        if version < _REVERT_SINCE:
            yield problem("invalid-arguments", rest[-1], f"edns0 'revert' is not available in CoreDNS {version} (added in {_REVERT_SINCE})")
        rest = rest[:-1]
    if kind == "local":
        needed = 1 if action == "unset" else 2
        if len(rest) != needed:
            shape = "CODE" if action == "unset" else "CODE DATA"
            rule_kind = "missing-argument" if len(rest) < needed else "invalid-arguments"
            yield problem(rule_kind, rest[needed] if len(rest) > needed else action_word, f"edns0 local {action} needs {shape}")
            return
        yield from _check_edns0_code(rest[0])
        if needed == 2:
            yield from _check_edns0_data(rest[1])
    elif kind == "nsid":
        if rest:
            yield problem("invalid-arguments", rest[0], "edns0 nsid takes no further arguments")
    else:
        needed = 0 if action == "unset" else 2
        if len(rest) != needed:
            rule_kind = "missing-argument" if len(rest) < needed else "invalid-arguments"
            yield problem(rule_kind, rest[needed] if len(rest) > needed else action_word, f"edns0 subnet {action} needs {'no arguments' if needed == 0 else 'V4BITS V6BITS'}")
            return
        for word, limit, family in zip(rest, (32, 128), ("IPv4", "IPv6")):
            if known(word) and (not word.value.isdigit() or int(word.value) > limit):
                yield problem("invalid-arguments", word, f"invalid {family} bit mask length {word.value} (0–{limit})")


def _check_edns0_code(word: WordLike) -> Iterator[SetupProblem]:
    if not known(word):
        return
    text = word.value.lower()
    try:
        code = int(text, 16) if text.startswith("0x") else int(text, 10)
    except ValueError:
        code = -1
    if not 0 <= code <= 0xFFFF:
        yield problem("invalid-arguments", word, f"invalid EDNS0 option code '{word.value}'; expected a 16-bit number (e.g. 0xffee)")


def _check_edns0_data(word: WordLike) -> Iterator[SetupProblem]:
    if not known(word):
        return
    text = word.value
    if text.startswith("{") and text.endswith("}") and text not in _EDNS0_VARIABLES and "/" not in text:
        yield problem("invalid-arguments", word, f'unsupported variable name "{text}"; expected one of {", ".join(sorted(_EDNS0_VARIABLES))} or {{metadata/label}}')


REWRITE = Plugin(
    "rewrite",
    summary="Rewrite queries (and the matching responses) inside CoreDNS.",
    syntax="rewrite [continue|stop] FIELD [MATCH_TYPE] ARGS... [answer ...]",
    repeat="multi",
    arguments=None,
    block="custom",
    check=_check_rewrite,
    notes=(
        "FIELD: name, type, class, ttl (1.2.3), cname (1.11.0), rcode (1.11.3), edns0.",
        "With fewer than two arguments on the line, all words of the block form one single rule.",
        "MATCH_TYPE (exact, prefix, suffix, substring, regex) is taken from the first word when a rule has more words than its plain form.",
    ),
)

PLUGINS: tuple[Plugin, ...] = (REWRITE,)

__all__ = ["PLUGINS"]
