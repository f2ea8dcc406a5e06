"""Planned edits: what a migration does to a Corefile, one small step at a time.

A plan is an ordered list of these actions. Applied in order to the Corefile the plan
was made from, they produce ``MigrationPlan.result``. Every action names its targets by
``ref`` (the opaque value the caller put on the model element). Elements the plan itself
creates (a new server block, an appended ``loop``) carry a fresh ``NewRef``; later actions
of the same plan may target them by that ref, so an applier should remember which node
it created for which ``NewRef``.

Edits are in place: ``ReplaceOption``, ``RenamePlugin`` and ``SetPluginArgs`` rewrite an
existing line and keep its identity (its ref, and in a lossless tree its comments).
Appends go to the end of their container, as corefile-migration appends them.
"""

from __future__ import annotations

from typing import Any, Union

import attrs

from corefile.core.versions import Version
from corefile.migrate.model import Corefile, Option, Plugin, Server
from corefile.migrate.notices import Notice

__all__ = [
    "Action",
    "AddOption",
    "AddPlugin",
    "AddServer",
    "MigrationPlan",
    "MovePlugin",
    "RemoveOption",
    "RemovePlugin",
    "RenamePlugin",
    "ReplaceOption",
    "SetPluginArgs",
]


@attrs.frozen
class AddServer:
    """Append a new server block at the end of the Corefile (``server.plugins`` is empty;
    its contents arrive through later ``MovePlugin``/``AddPlugin`` actions)."""

    server: Server
    version: Version


@attrs.frozen
class AddPlugin:
    """Append ``plugin`` (with its options) as the last plugin of a server block."""

    server_ref: Any
    plugin: Plugin
    version: Version


@attrs.frozen
class RemovePlugin:
    """Delete a plugin, with its whole block, from a server block."""

    server_ref: Any
    plugin_ref: Any
    version: Version


@attrs.frozen
class RenamePlugin:
    """Change a plugin's name, keeping its arguments and options (``proxy`` → ``forward``)."""

    plugin_ref: Any
    old_name: str
    new_name: str
    version: Version


@attrs.frozen
class SetPluginArgs:
    """Replace a plugin's arguments (its name and options stay)."""

    plugin_ref: Any
    args: tuple[str, ...]
    version: Version


@attrs.frozen
class MovePlugin:
    """Move a plugin, options and all, to the end of another server block."""

    plugin_ref: Any
    from_server_ref: Any
    to_server_ref: Any
    version: Version


@attrs.frozen
class AddOption:
    """Append ``option`` as the last option line of a plugin (opening a block if it has none)."""

    plugin_ref: Any
    option: Option
    version: Version


@attrs.frozen
class RemoveOption:
    """Delete one option line; a plugin left with no options loses its braces."""

    plugin_ref: Any
    option_ref: Any
    version: Version


@attrs.frozen
class ReplaceOption:
    """Rewrite one option line in place with ``new``'s name and arguments."""

    plugin_ref: Any
    option_ref: Any
    new: Option
    version: Version


#: Any planned edit. Every action records the CoreDNS ``version`` step that caused it.
Action = Union[
    AddServer, AddPlugin, RemovePlugin, RenamePlugin, SetPluginArgs, MovePlugin,
    AddOption, RemoveOption, ReplaceOption,
]


@attrs.frozen
class MigrationPlan:
    """The outcome of planning a migration between two CoreDNS versions.

    ``actions`` applied in order to ``source`` give ``result``. ``source`` is the input
    as planned: equal to it, with the same refs, except that elements which came without
    a ref now carry the ``NewRef`` the actions use for them. ``notices`` explain the
    steps (deprecated, ignored and removed items met on the way, new defaults added) and
    flag items the tables do not know, which the plan carries through untouched.
    """

    from_version: Version
    to_version: Version
    source: Corefile
    actions: tuple[Action, ...]
    result: Corefile
    notices: tuple[Notice, ...]

    @property
    def changed(self) -> bool:
        """True when the plan edits anything at all."""
        return bool(self.actions)
