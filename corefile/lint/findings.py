"""Findings: what the linter reports. Small value objects, compared by (span, rule) only."""

from __future__ import annotations

import enum
from typing import Union

import attrs

from corefile.core.positions import Span
from corefile.expansion.expand import Token
from corefile.syntax.nodes import Word


class Severity(enum.IntEnum):
    """``error``: CoreDNS of the target version refuses to start (or crashes) on the file.
    ``warning``: it starts, but will not do what the text says. ``info``: advice."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


@attrs.frozen
class Edit:
    """Replace the text between two offsets of one file (end exclusive)."""

    path: str | None
    start: int
    end: int
    replacement: str


@attrs.frozen
class Fix:
    """Edits that repair a finding; ``safe`` fixes never change what CoreDNS does beyond the finding."""

    edits: tuple[Edit, ...]
    safe: bool
    description: str


Where = Union[Word, Token, Span]


def span_of(where: Where) -> Span:
    if isinstance(where, Span):
        return where
    return where.span


@attrs.frozen
class Related:
    span: Span
    message: str


@attrs.frozen
class Report:
    """What a rule yields: where, what, and optionally a fix. The driver makes it a Finding."""

    at: Where
    message: str
    severity: Severity | None = None  #: Only for rules whose outcome differs case by case.
    fix: Fix | None = None
    help: str | None = None
    related: tuple[Related, ...] = ()


@attrs.frozen(eq=False)
class Finding:
    """One problem at one place. Equal when span and rule are equal, whatever the message says."""

    rule: str
    code: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None
    help: str | None = None
    related: tuple[Related, ...] = ()
    via: tuple[Span, ...] = ()  #: The import lines that brought the text in, outermost first.

    @property
    def key(self) -> tuple:
        return (self.span.file or "", self.span.start.offset, self.span.end.offset, self.rule)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    @property
    def sort_key(self) -> tuple:
        return (self.span.file or "", self.span.start.line, self.span.start.column, self.rule)
