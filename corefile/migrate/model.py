"""The plain Corefile model the migration planner works on.

This mirrors corefile-migration's own model: a Corefile is a list of server blocks, a
server block is its keys plus plugins, a plugin is a name, arguments and option lines.
It deliberately knows nothing about comments or layout. The caller (the lossless
syntax tree) builds this model, stores its own node in each ``ref``, and later applies
the planned actions back onto its tree by following those refs.

``ref`` is opaque to the planner and excluded from equality, so two models that say the
same thing compare equal whatever nodes they were built from.
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs

__all__ = ["Corefile", "NewRef", "Option", "Plugin", "Server"]

_new_ref_ids = itertools.count(1)


@attrs.frozen(eq=False)
class NewRef:
    """The ref the planner gives to an element it creates, or to an input element without a ref.

    Identity is what matters: an action that creates an element carries that element with
    a fresh ``NewRef``; later actions of the same plan that touch the element use the same
    object. ``label`` only helps humans and reprs.
    """

    label: str
    id: int = attrs.field(factory=lambda: next(_new_ref_ids))

    def __repr__(self) -> str:
        return f"NewRef({self.label!r}#{self.id})"


def _tuple_of_str(value: Any) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Option:
    """One line inside a plugin's ``{ }`` block: ``name args...``."""

    name: str
    args: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    ref: Any = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen
class Plugin:
    """A plugin (directive) line in a server block, with its option lines."""

    name: str
    args: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    options: tuple[Option, ...] = attrs.field(default=(), converter=tuple)
    ref: Any = attrs.field(default=None, eq=False, repr=False)

    def option(self, name: str) -> Option | None:
        """The last option called ``name`` (CoreDNS setup code lets later lines win), or None."""
        found = None
        for opt in self.options:
            if opt.name == name:
                found = opt
        return found


@attrs.frozen
class Server:
    """A server block: its keys (``.:53``, ``example.org:5300``, ...) and its plugins."""

    keys: tuple[str, ...] = attrs.field(converter=_tuple_of_str)
    plugins: tuple[Plugin, ...] = attrs.field(default=(), converter=tuple)
    ref: Any = attrs.field(default=None, eq=False, repr=False)

    def plugin(self, name: str) -> Plugin | None:
        """The first plugin called ``name``, or None."""
        return next((p for p in self.plugins if p.name == name), None)


@attrs.frozen
class Corefile:
    """A whole Corefile: its server blocks in file order."""

    servers: tuple[Server, ...] = attrs.field(default=(), converter=tuple)
