"""The minimal view of a parsed Corefile that the catalogue needs.

The catalogue does not depend on the project's reader: anything that looks like these protocols
(the real syntax tree, or a test double) can be checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class WordLike(Protocol):
    """One token of a Corefile line."""

    #: The token text after unquoting and environment expansion.
    value: str
    #: True when the value came from an environment placeholder (``{$X}``/``{%X%}``) whose value is
    #: not known: such a value is never judged.
    is_placeholder: bool


class DirectiveLike(Protocol):
    """A directive line (or an option line inside a directive's block)."""

    #: The directive (or option) name word.
    name: WordLike
    #: The words on its line before any ``{``.
    arguments: Sequence[WordLike]
    #: The lines inside its ``{ ... }`` block, each itself directive-like; None when it has no block.
    block: Sequence[DirectiveLike] | None


class ServerLike(Protocol):
    """The server block a directive sits in, as far as plugin setup looks at it."""

    #: The block's zones, as CoreDNS normalised its keys (lower case, fully qualified; a CIDR key
    #: gives its reverse zones).
    zones: Sequence[str]

    def normalize_zone(self, text: str) -> Sequence[str] | None:
        """``plugin.Host(text).NormalizeExact()``: the zones a plugin argument names, None when
        CoreDNS cannot normalise it (an empty label, a label over 63 octets, an empty port...)."""
        ...
