"""The catalogue's data model: plugins, their options and argument shapes, and setup problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal

import attrs

from corefile.catalogue._protocol import DirectiveLike, ServerLike, WordLike
from corefile.catalogue.types import TEXT, ValueType
from corefile.core.versions import LATEST, Version

#: What CoreDNS does with a second occurrence of a directive in one server block.
#:
#: * ``once`` — setup fails with ErrOnce ("this plugin can only be used once per Server Block");
#: * ``err`` — setup fails with another error;
#: * ``multi`` — every occurrence is used;
#: * ``last`` — every occurrence is parsed, later values override earlier ones;
#: * ``first`` — only the first occurrence is read; later ones are ignored, not even checked.
RepeatMode = Literal["once", "err", "multi", "last", "first"]

#: How a directive treats a ``{ ... }`` block:
#:
#: * ``options`` — block lines are options, checked against :attr:`Plugin.options`;
#: * ``custom`` — the plugin's own check function reads the block;
#: * ``refused`` — the plugin takes no block and CoreDNS fails on one;
#: * ``ignored`` — the plugin takes no block and CoreDNS ignores one (or its reaction is unknown).
BlockUse = Literal["options", "custom", "refused", "ignored"]

ProblemRule = Literal[
    "invalid-arguments",
    "missing-argument",
    "unknown-option",
    "invalid-option-value",
    "removed-option",
    "deprecated-option",
]

ProblemSeverity = Literal["error", "warning", "info"]


@attrs.frozen
class SetupProblem:
    """Something a plugin's setup would refuse (or flag as deprecated) at the target version."""

    rule: ProblemRule
    #: The most precise word (or line) the problem is about.
    target: WordLike | DirectiveLike = attrs.field(eq=False)
    message: str
    suggestion: str | None = None
    #: Only where the outcome differs from the rule's usual one: ``"warning"`` for words CoreDNS
    #: accepts but reads as something else, ``"info"`` for advice. None: the rule's own severity.
    severity: ProblemSeverity | None = None

    @property
    def refuses(self) -> bool:
        """True when CoreDNS's setup would refuse this (it fails to start)."""
        if self.severity is not None:
            return self.severity == "error"
        return self.rule != "deprecated-option"


@attrs.frozen
class Arg:
    """One positional slot of a directive line or option line."""

    #: Upper-case placeholder shown in usage strings, e.g. ``DURATION``.
    label: str
    type: ValueType = TEXT
    optional: bool = False
    #: A repeating slot takes every remaining word (one or more, or zero or more when optional).
    #: It must be the last slot.
    repeat: bool = False

    def usage(self) -> str:
        """The slot as written in a usage string: ``LABEL``, ``[LABEL]``, ``LABEL...``."""
        text = self.label + ("..." if self.repeat else "")
        return f"[{text}]" if self.optional else text


def _validate_slots(slots: tuple[Arg, ...] | None) -> tuple[Arg, ...] | None:
    if slots is None:
        return None
    for index, slot in enumerate(slots):
        if slot.repeat and index != len(slots) - 1:
            raise ValueError(f"repeating slot {slot.label} must be last")
        if not slot.optional and any(earlier.optional for earlier in slots[:index]):
            raise ValueError(f"required slot {slot.label} follows an optional one")
    return slots


#: Extra validation of one option line: ``(line, version) -> problems``.
OptionCheck = Callable[[DirectiveLike, Version], Iterable[SetupProblem]]
#: Extra validation of one directive occurrence: ``(occurrence, version) -> problems``.
PluginCheck = Callable[[DirectiveLike, Version], Iterable[SetupProblem]]
#: Validation that needs every occurrence of the directive in a block, or the block itself (its
#: zones, how CoreDNS normalises a zone argument): ``(occurrences, server, version) -> problems``.
ServerCheck = Callable[[Sequence[DirectiveLike], ServerLike, Version], Iterable[SetupProblem]]


@attrs.frozen
class Option:
    """One option a directive accepts inside its block."""

    name: str
    #: Positional arguments; None means "any words, not checked".
    args: tuple[Arg, ...] | None = attrs.field(default=(), converter=_validate_slots)
    since: Version | None = None
    deprecated: Version | None = None
    removed: Version | None = None
    #: What to write instead, once deprecated or removed.
    replacement: str | None = None
    notes: str = ""
    #: An option CoreDNS refuses to see twice in one block.
    once: bool = False
    #: Replaces the positional check for options whose arguments are not a simple list.
    check: OptionCheck | None = attrs.field(default=None, eq=False, repr=False)
    #: Usage text when ``args`` cannot describe the shape (used with ``check``).
    shape: str | None = None

    def usage(self) -> str:
        """``name ARGS`` as shown in documentation."""
        if self.shape is not None:
            return f"{self.name} {self.shape}".rstrip()
        if self.args is None:
            return f"{self.name} ..."
        return " ".join([self.name, *(slot.usage() for slot in self.args)])

    def exists_at(self, version: Version) -> bool:
        """True when CoreDNS ``version`` parses this option (deprecated options included)."""
        return (self.since is None or version >= self.since) and (
            self.removed is None or version < self.removed
        )


@attrs.frozen
class RepeatSpan:
    """A release range (inclusive) in which a directive's repeat behaviour differed."""

    first: Version | None
    last: Version | None
    mode: RepeatMode


def _options_by_name(options: Iterable[Option] | Mapping[str, Option]) -> Mapping[str, Option]:
    if isinstance(options, Mapping):
        return dict(options)
    by_name: dict[str, Option] = {}
    for option in options:
        if option.name in by_name:
            raise ValueError(f"option {option.name} declared twice")
        by_name[option.name] = option
    return by_name


@attrs.frozen
class Plugin:
    """A Corefile directive: what it accepts and how that changed across releases."""

    name: str
    summary: str = ""
    #: One-line usage, e.g. ``cache [TTL] [ZONES...] [{ ... }]``.
    syntax: str = ""
    #: First release compiling the directive; None means it was there from the start (≤ 1.0.0).
    since: Version | None = None
    deprecated: Version | None = None
    #: First release no longer compiling it.
    removed: Version | None = None
    replacement: str | None = None
    #: Not part of the default build (options unknown, never validated).
    external: bool = False
    repeat: RepeatMode = "multi"
    #: Ranges of releases where :attr:`repeat` did not apply.
    repeat_history: tuple[RepeatSpan, ...] = ()
    #: Positional arguments of the directive line; None means "any words, not checked".
    arguments: tuple[Arg, ...] | None = attrs.field(default=None, converter=_validate_slots)
    block: BlockUse = "ignored"
    #: The block is mandatory (and must not be empty).
    block_required: bool = False
    options: Mapping[str, Option] = attrs.field(factory=dict, converter=_options_by_name)
    #: Plugin-specific validation run after the generic argument/option checks.
    check: PluginCheck | None = attrs.field(default=None, eq=False, repr=False)
    #: Validation that needs the server block (run only when the caller describes it).
    check_server: ServerCheck | None = attrs.field(default=None, eq=False, repr=False)
    #: Validation of the occurrences setup reads, taken together: ``(occurrences, version)``.
    check_all: Callable[[Sequence[DirectiveLike], Version], Iterable[SetupProblem]] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    #: For a ``first`` directive whose setup goes on past occurrences it finds nothing in: the
    #: occurrence that ends its reading (header reads up to the first one that has rules).
    read_until: Callable[[DirectiveLike], bool] | None = attrs.field(default=None, eq=False, repr=False)
    #: Facts worth showing in the reference page (quirks, cross-option rules).
    notes: tuple[str, ...] = ()

    def repeat_at(self, version: Version = LATEST) -> RepeatMode:
        """The repeat behaviour of ``version``."""
        for span in self.repeat_history:
            if (span.first is None or version >= span.first) and (span.last is None or version <= span.last):
                return span.mode
        return self.repeat

    def exists_at(self, version: Version) -> bool:
        """True when ``version``'s default build compiles this directive."""
        if self.external:
            return False
        return (self.since is None or version >= self.since) and (
            self.removed is None or version < self.removed
        )

    def options_at(self, version: Version) -> Sequence[Option]:
        """Options that ``version`` accepts (deprecated ones included), in declaration order."""
        return [option for option in self.options.values() if option.exists_at(version)]
