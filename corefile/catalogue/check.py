"""Generic setup validation: argument slots, block options and version history.

Plugin-specific rules live next to each catalogue entry and use the helpers below, so every
problem is worded and targeted the same way.

Rule choice, for consistency across plugins:

* too few words → ``missing-argument``; too many, or a bad word on the *directive* line, or a
  forbidden combination (an option given twice, two options that exclude each other) →
  ``invalid-arguments``;
* a bad word on an *option* line → ``invalid-option-value``;
* a required option that is absent → ``missing-argument`` (pointing at the directive name).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, ServerLike, WordLike
from corefile.catalogue.model import Arg, Option, Plugin, ProblemRule, ProblemSeverity, SetupProblem
from corefile.catalogue.types import ValueType
from corefile.core.versions import LATEST, Version


def problem(
    rule: ProblemRule,
    target: WordLike | DirectiveLike,
    message: str,
    suggestion: str | None = None,
    severity: ProblemSeverity | None = None,
) -> SetupProblem:
    """Shorthand constructor used throughout the catalogue."""
    return SetupProblem(rule=rule, target=target, message=message, suggestion=suggestion, severity=severity)


def warning(rule: ProblemRule, target: WordLike | DirectiveLike, message: str, suggestion: str | None = None) -> SetupProblem:
    """A problem CoreDNS does not refuse: it starts, but the words do not do what they say."""
    return problem(rule, target, message, suggestion, severity="warning")


def known(word: WordLike) -> bool:
    """True when the word's value can be judged (it does not come from an unknown placeholder)."""
    return not word.is_placeholder


def values(words: Sequence[WordLike]) -> list[str]:
    """The texts of ``words``."""
    return [word.value for word in words]


def line_words(line: DirectiveLike) -> list[WordLike]:
    """All words of a line: its name followed by its arguments."""
    return [line.name, *line.arguments]


def flatten_block(block: Sequence[DirectiveLike] | None) -> list[WordLike]:
    """Every word of a block, lines concatenated (how some setups read a block)."""
    words: list[WordLike] = []
    for line in block or ():
        words.extend(line_words(line))
        words.extend(flatten_block(line.block))
    return words


def usage_of(slots: Sequence[Arg]) -> str:
    """``LABEL [LABEL...]`` for a slot list."""
    return " ".join(slot.usage() for slot in slots)


def check_slots(
    words: Sequence[WordLike],
    slots: Sequence[Arg],
    *,
    owner: WordLike,
    what: str,
    bad_value_rule: ProblemRule,
) -> Iterator[SetupProblem]:
    """Check ``words`` against positional ``slots``.

    ``owner`` is the name word of the line (target of "missing" problems); ``what`` names the line
    in messages (``cache option 'success'``).
    """
    required = sum(1 for slot in slots if not slot.optional)
    unbounded = bool(slots) and slots[-1].repeat
    expected = usage_of(slots)
    if len(words) < required:
        missing = [slot for slot in slots if not slot.optional][len(words)]
        yield problem(
            "missing-argument",
            words[-1] if words else owner,
            f"{what} is missing {missing.label}; expected: {owner.value} {expected}".rstrip(),
        )
    elif not unbounded and len(words) > len(slots):
        extra = words[len(slots)]
        shape = f"{owner.value} {expected}".rstrip()
        count = "no arguments" if not slots else f"at most {len(slots)} argument{'s' if len(slots) > 1 else ''}"
        yield problem(
            "invalid-arguments",
            extra,
            f"{what} takes {count} but got {len(words)} (unexpected '{extra.value}'); expected: {shape}",
        )
    for index, word in enumerate(words):
        if index >= len(slots) and not unbounded:
            break
        slot = slots[min(index, len(slots) - 1)]
        yield from check_value(word, slot.type, what=f"{what}: {slot.label}", rule=bad_value_rule)


def check_value(
    word: WordLike,
    value_type: ValueType,
    *,
    what: str,
    rule: ProblemRule,
) -> Iterator[SetupProblem]:
    """Check one word against a value type (placeholders are never judged)."""
    if not known(word):
        return
    error = value_type.check(word.value)
    if error is not None:
        yield problem(rule, word, f"{what}: {error}")


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to a misspelt ``name``, if any is close enough."""
    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None


def unknown_option(plugin: Plugin, line: DirectiveLike, version: Version) -> SetupProblem:
    """The problem for an option word ``plugin`` does not know at ``version``."""
    name = line.name.value
    option = plugin.options.get(name)
    if option is not None and option.since is not None and version < option.since:
        when = (
            f"added after {LATEST} and not in any release yet"
            if option.since > LATEST
            else f"added in {option.since}"
        )
        return problem(
            "unknown-option",
            line.name,
            f"{plugin.name} option '{name}' is not available in CoreDNS {version} ({when})",
        )
    valid = [option.name for option in plugin.options_at(version)]
    guess = did_you_mean(name, valid)
    hint = f"; did you mean '{guess}'?" if guess else ""
    listing = f" (valid options: {', '.join(valid)})" if valid else " (it takes no options)"
    return problem(
        "unknown-option",
        line.name,
        f"unknown {plugin.name} option '{name}'{hint}{listing}",
        suggestion=guess,
    )


def check_option_history(plugin: Plugin, option: Option, line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    """Removed / deprecated / not-yet-added findings for a known option name."""
    if option.since is not None and version < option.since:
        yield unknown_option(plugin, line, version)
    elif option.removed is not None and version >= option.removed:
        instead = f"; use {option.replacement} instead" if option.replacement else "; remove it"
        yield problem(
            "removed-option",
            line.name,
            f"{plugin.name} option '{option.name}' was removed in CoreDNS {option.removed} and is refused{instead}",
            suggestion=option.replacement,
        )
    elif option.deprecated is not None and version >= option.deprecated:
        instead = f"; use {option.replacement} instead" if option.replacement else "; remove it"
        note = f" ({option.notes})" if option.notes else ""
        yield problem(
            "deprecated-option",
            line.name,
            f"{plugin.name} option '{option.name}' is deprecated since CoreDNS {option.deprecated}{note}{instead}",
            suggestion=option.replacement,
        )


def check_option_line(plugin: Plugin, line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    """Check one block line against the plugin's option table."""
    if not known(line.name):
        return
    option = plugin.options.get(line.name.value)
    if option is None:
        yield unknown_option(plugin, line, version)
        return
    history = list(check_option_history(plugin, option, line, version))
    yield from history
    if any(found.rule in ("unknown-option", "removed-option") for found in history):
        return  # CoreDNS stops at the option name; its arguments mean nothing at this version
    if option.check is not None:
        yield from option.check(line, version)
    elif option.args is not None:
        yield from check_slots(
            line.arguments,
            option.args,
            owner=line.name,
            what=f"{plugin.name} option '{option.name}'",
            bad_value_rule="invalid-option-value",
        )


def check_block_options(
    plugin: Plugin,
    block: Sequence[DirectiveLike],
    version: Version,
) -> Iterator[SetupProblem]:
    """Check every line of an options block, including options given more than once."""
    seen: set[str] = set()
    for line in block:
        yield from check_option_line(plugin, line, version)
        option = plugin.options.get(line.name.value)
        if option is not None and option.once and known(line.name):
            if option.name in seen:
                yield problem(
                    "invalid-arguments",
                    line.name,
                    f"{plugin.name} option '{option.name}' can only be given once",
                )
            seen.add(option.name)


def option_lines(block: Sequence[DirectiveLike] | None, name: str) -> list[DirectiveLike]:
    """The lines of ``block`` whose option name is ``name``."""
    return [line for line in block or () if line.name.value == name]


def semicolon_words(line: DirectiveLike) -> Iterator[SetupProblem]:
    """A lone ``;`` is neither a comment nor a separator in a Corefile: it and the words after it
    are arguments (``cache 30 ; loop`` gives cache the zones ``;`` and ``loop``)."""
    for index, word in enumerate(line.arguments):
        if known(word) and word.value == ";":
            following = " ".join(other.value for other in line.arguments[index + 1 :])
            rest = f" and '{following}'" if following else ""
            yield warning(
                "invalid-arguments",
                word,
                f"';' is not a comment or separator in a Corefile: {line.name.value} reads ';'{rest} as arguments; "
                "start comments with '#' and put each directive on its own line",
            )
            return


def check_occurrence(plugin: Plugin, occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    """All problems of one directive occurrence."""
    yield from semicolon_words(occurrence)
    if plugin.arguments is not None:
        yield from check_slots(
            occurrence.arguments,
            plugin.arguments,
            owner=occurrence.name,
            what=plugin.name,
            bad_value_rule="invalid-arguments",
        )
    block = occurrence.block
    if block is not None and plugin.block == "refused":
        yield problem(
            "invalid-arguments",
            occurrence.name,
            f"{plugin.name} takes no {{ }} block; remove it",
        )
    elif block is not None and plugin.block == "options":
        yield from check_block_options(plugin, block, version)
    if plugin.block_required and not block:
        names = ", ".join(option.name for option in plugin.options_at(version))
        yield problem(
            "missing-argument",
            occurrence.name,
            f"{plugin.name} needs a {{ }} block with at least one option" + (f" ({names})" if names else ""),
        )
    if plugin.check is not None:
        yield from plugin.check(occurrence, version)


def check_plugin(
    plugin: Plugin,
    occurrences: Sequence[DirectiveLike],
    version: Version,
    server: ServerLike | None = None,
) -> Iterator[SetupProblem]:
    """All problems of the occurrences of one directive in one server block."""
    if not occurrences or not plugin.exists_at(version):
        return
    checked = occurrences
    if plugin.repeat_at(version) == "first":
        # Setup reads only the first occurrence of a "first" directive: the others are never parsed.
        last = 0
        if plugin.read_until is not None:
            last = next((index for index, found in enumerate(occurrences) if plugin.read_until(found)), len(occurrences) - 1)
        checked = occurrences[: last + 1]
    for occurrence in checked:
        yield from check_occurrence(plugin, occurrence, version)
    if plugin.check_all is not None:
        yield from plugin.check_all(checked, version)
    if server is not None and plugin.check_server is not None:
        yield from plugin.check_server(checked, server, version)
