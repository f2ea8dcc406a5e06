"""What each server block, plugin and option looks like once a plan has been applied,
replayed from the plan's actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

import corefile.migrate.actions as act
from corefile.migrate.model import Plugin
from corefile.migrate.notices import MigrationError
from corefile.migrate.tree_model import node_key
from corefile.syntax.nodes import (
    Directive,
    ServerBlock,
)


# The Corefile as the plan's actions leave it, step by step: each element remembers the tree
# node it came from (None for elements the plan creates), so that unchanged lines stay as written.
@attrs.define(eq=False)
class OptionState:
    name: str
    args: tuple[str, ...]
    node: Directive | None


@attrs.define(eq=False)
class PluginState:
    name: str
    args: tuple[str, ...]
    options: list[OptionState]
    node: Directive | None
    origin: Any = None  #: The original server block of a plugin from the tree.


@attrs.define(eq=False)
class ServerState:
    keys: tuple[str, ...]
    plugins: list[PluginState]
    node: ServerBlock | None


def state_node(ref: Any, kind: type) -> Any:
    return ref if isinstance(ref, kind) else None


def replay(plan: act.MigrationPlan, nodes: Mapping[tuple[str, int], Any]) -> list[ServerState]:
    """The final state of every server, plugin and option, each knowing its source node (if any)."""
    servers: list[ServerState] = []
    server_of: dict[tuple[str, int], ServerState] = {}
    plugin_of: dict[tuple[str, int], PluginState] = {}
    option_of: dict[tuple[str, int], OptionState] = {}

    def node_for(ref: Any, kind: type) -> Any:
        node = nodes.get(node_key(ref))
        return node if isinstance(node, kind) else state_node(ref, kind)

    def new_plugin(plugin: Plugin) -> PluginState:
        p = PluginState(plugin.name, plugin.args, [], node_for(plugin.ref, Directive))
        plugin_of[node_key(plugin.ref)] = p
        for option in plugin.options:
            o = OptionState(option.name, option.args, node_for(option.ref, Directive))
            option_of[node_key(option.ref)] = o
            p.options.append(o)
        return p

    if len(plan.source.servers) != len(nodes.get(("servers", 0), ())):
        raise MigrationError("this plan was not made from this Corefile (use model_from_tree)")
    for server in plan.source.servers:
        s = ServerState(server.keys, [], node_for(server.ref, ServerBlock))
        if s.node is None or any(node_for(p.ref, Directive) is None for p in server.plugins):
            raise MigrationError("this plan was not made from this Corefile (use model_from_tree)")
        servers.append(s)
        server_of[node_key(server.ref)] = s
        for plugin in server.plugins:
            p = new_plugin(plugin)
            p.origin = s
            s.plugins.append(p)

    def option_at(plugin_ref: Any, option_ref: Any) -> tuple[PluginState, OptionState]:
        p = plugin_of[node_key(plugin_ref)]
        return p, option_of[node_key(option_ref)]

    for action in plan.actions:
        if isinstance(action, act.AddServer):
            s = ServerState(action.server.keys, [], None)
            servers.append(s)
            server_of[node_key(action.server.ref)] = s
            for plugin in action.server.plugins:
                s.plugins.append(new_plugin(plugin))
        elif isinstance(action, act.AddPlugin):
            server_of[node_key(action.server_ref)].plugins.append(new_plugin(action.plugin))
        elif isinstance(action, act.RemovePlugin):
            server_of[node_key(action.server_ref)].plugins.remove(plugin_of[node_key(action.plugin_ref)])
        elif isinstance(action, act.RenamePlugin):
            plugin_of[node_key(action.plugin_ref)].name = action.new_name
        elif isinstance(action, act.SetPluginArgs):
            plugin_of[node_key(action.plugin_ref)].args = tuple(action.args)
        elif isinstance(action, act.MovePlugin):
            p = plugin_of[node_key(action.plugin_ref)]
            server_of[node_key(action.from_server_ref)].plugins.remove(p)
            server_of[node_key(action.to_server_ref)].plugins.append(p)
        elif isinstance(action, act.AddOption):
            p = plugin_of[node_key(action.plugin_ref)]
            o = OptionState(action.option.name, action.option.args, None)
            option_of[node_key(action.option.ref)] = o
            p.options.append(o)
        elif isinstance(action, act.RemoveOption):
            p, o = option_at(action.plugin_ref, action.option_ref)
            p.options.remove(o)
        elif isinstance(action, act.ReplaceOption):
            _, o = option_at(action.plugin_ref, action.option_ref)
            o.name, o.args = action.new.name, tuple(action.new.args)
        else:  # pragma: no cover - the Action union is closed
            raise MigrationError(f"cannot apply {action!r}")
    return servers
