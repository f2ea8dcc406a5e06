"""A mutable working copy of the plain model that records every edit as an action.

The planner walks version steps and edits this copy; each edit method both changes the
copy and appends the matching action, so the recorded actions replay exactly what was
done. Working nodes keep their identity across steps, which is how later steps (and
notices) refer to elements that earlier steps created, renamed or moved.
"""

from __future__ import annotations

from typing import Any

import attrs

import corefile.migrate.actions as act
from corefile.core.versions import Version
from corefile.migrate.model import Corefile, NewRef, Option, Plugin, Server

__all__ = ["WOption", "WPlugin", "WServer", "Workspace"]


@attrs.define(eq=False)
class WOption:
    """Working copy of an ``Option``."""

    name: str
    args: tuple[str, ...]
    ref: Any

    def frozen(self) -> Option:
        return Option(self.name, self.args, ref=self.ref)


@attrs.define(eq=False)
class WPlugin:
    """Working copy of a ``Plugin``."""

    name: str
    args: tuple[str, ...]
    options: list[WOption]
    ref: Any

    def frozen(self) -> Plugin:
        return Plugin(self.name, self.args, tuple(o.frozen() for o in self.options), ref=self.ref)

    def has_option(self, name: str) -> bool:
        return any(o.name == name for o in self.options)


@attrs.define(eq=False)
class WServer:
    """Working copy of a ``Server``."""

    keys: tuple[str, ...]
    plugins: list[WPlugin]
    ref: Any

    def frozen(self) -> Server:
        return Server(self.keys, tuple(p.frozen() for p in self.plugins), ref=self.ref)

    def has_plugin(self, name: str) -> bool:
        return any(p.name == name for p in self.plugins)


def _ref_or_new(ref: Any, label: str) -> Any:
    return ref if ref is not None else NewRef(label)


class Workspace:
    """The Corefile being migrated, plus the actions recorded so far."""

    def __init__(self, corefile: Corefile) -> None:
        self.servers: list[WServer] = []
        for s_index, server in enumerate(corefile.servers):
            s_label = f"server[{s_index}]"
            plugins = []
            for p_index, plugin in enumerate(server.plugins):
                p_label = f"{s_label}.plugin[{p_index}]"
                options = [
                    WOption(o.name, o.args, _ref_or_new(o.ref, f"{p_label}.option[{o_index}]"))
                    for o_index, o in enumerate(plugin.options)
                ]
                plugins.append(WPlugin(plugin.name, plugin.args, options, _ref_or_new(plugin.ref, p_label)))
            self.servers.append(WServer(server.keys, plugins, _ref_or_new(server.ref, s_label)))
        self.actions: list[act.Action] = []
        #: The version step currently being applied; stamped on every recorded action.
        self.version = Version(0, 0, 0)

    def frozen(self) -> Corefile:
        """The current state as a plain model (refs included)."""
        return Corefile(tuple(s.frozen() for s in self.servers))

    # -- option edits ------------------------------------------------------------------

    def remove_option(self, plugin: WPlugin, option: WOption) -> None:
        plugin.options.remove(option)
        self.actions.append(act.RemoveOption(plugin.ref, option.ref, self.version))

    def replace_option(self, plugin: WPlugin, option: WOption, new: Option) -> None:
        option.name, option.args = new.name, new.args
        self.actions.append(act.ReplaceOption(plugin.ref, option.ref, Option(new.name, new.args), self.version))

    def add_option(self, plugin: WPlugin, new: Option) -> WOption:
        option = WOption(new.name, new.args, NewRef(f"{new.name} option added in {self.version}"))
        plugin.options.append(option)
        self.actions.append(act.AddOption(plugin.ref, option.frozen(), self.version))
        return option

    # -- plugin edits ------------------------------------------------------------------

    def remove_plugin(self, server: WServer, plugin: WPlugin) -> None:
        server.plugins.remove(plugin)
        self.actions.append(act.RemovePlugin(server.ref, plugin.ref, self.version))

    def rename_plugin(self, plugin: WPlugin, name: str) -> None:
        old, plugin.name = plugin.name, name
        self.actions.append(act.RenamePlugin(plugin.ref, old, name, self.version))

    def set_plugin_args(self, plugin: WPlugin, args: tuple[str, ...]) -> None:
        plugin.args = tuple(args)
        self.actions.append(act.SetPluginArgs(plugin.ref, plugin.args, self.version))

    def add_plugin(self, server: WServer, new: Plugin) -> WPlugin:
        label = f"{new.name} plugin added in {self.version}"
        plugin = WPlugin(
            new.name,
            new.args,
            [WOption(o.name, o.args, NewRef(f"{o.name} option of {label}")) for o in new.options],
            NewRef(label),
        )
        server.plugins.append(plugin)
        self.actions.append(act.AddPlugin(server.ref, plugin.frozen(), self.version))
        return plugin

    def move_plugin(self, plugin: WPlugin, source: WServer, target: WServer) -> None:
        source.plugins.remove(plugin)
        target.plugins.append(plugin)
        self.actions.append(act.MovePlugin(plugin.ref, source.ref, target.ref, self.version))

    # -- server edits ------------------------------------------------------------------

    def add_server(self, keys: tuple[str, ...]) -> WServer:
        server = WServer(tuple(keys), [], NewRef(f"server {' '.join(keys)} added in {self.version}"))
        self.servers.append(server)
        self.actions.append(act.AddServer(server.frozen(), self.version))
        return server
