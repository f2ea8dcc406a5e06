"""Helpers for the migration tests: build models with readable refs, and replay plans."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from corefile.migrate import actions as act
from corefile.migrate.model import Corefile, Option, Plugin, Server
from corefile.migrate.text import parse_corefile


def build(text: str) -> Corefile:
    """Parse Corefile text and give every element a path ref: "s0", "s0/p1", "s0/p1/o0"."""
    corefile = parse_corefile(text)
    servers = []
    for si, server in enumerate(corefile.servers):
        plugins = []
        for pi, plugin in enumerate(server.plugins):
            options = [attrs.evolve(o, ref=f"s{si}/p{pi}/o{oi}") for oi, o in enumerate(plugin.options)]
            plugins.append(attrs.evolve(plugin, options=tuple(options), ref=f"s{si}/p{pi}"))
        servers.append(attrs.evolve(server, plugins=tuple(plugins), ref=f"s{si}"))
    return Corefile(tuple(servers))



def replay(corefile: Corefile, plan_actions: tuple[act.Action, ...]) -> Corefile:
    """Apply planned actions to a model the way a tree applier would: by ref only."""
    servers: list[dict[str, Any]] = [
        {"keys": s.keys, "ref": s.ref,
         "plugins": [{"name": p.name, "args": p.args, "ref": p.ref,
                      "options": [{"name": o.name, "args": o.args, "ref": o.ref} for o in p.options]}
                     for p in s.plugins]}
        for s in corefile.servers
    ]

    def server(ref: Any) -> dict[str, Any]:
        (found,) = [s for s in servers if s["ref"] is ref or s["ref"] == ref]
        return found

    def plugin(ref: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        (found,) = [(s, p) for s in servers for p in s["plugins"] if p["ref"] is ref or p["ref"] == ref]
        return found

    def new_plugin(p: Plugin) -> dict[str, Any]:
        return {"name": p.name, "args": p.args, "ref": p.ref,
                "options": [{"name": o.name, "args": o.args, "ref": o.ref} for o in p.options]}

    for a in plan_actions:
        if isinstance(a, act.AddServer):
            servers.append({"keys": a.server.keys, "ref": a.server.ref, "plugins": []})
        elif isinstance(a, act.AddPlugin):
            server(a.server_ref)["plugins"].append(new_plugin(a.plugin))
        elif isinstance(a, act.RemovePlugin):
            s = server(a.server_ref)
            s["plugins"].remove(plugin(a.plugin_ref)[1])
        elif isinstance(a, act.RenamePlugin):
            p = plugin(a.plugin_ref)[1]
            assert p["name"] == a.old_name
            p["name"] = a.new_name
        elif isinstance(a, act.SetPluginArgs):
            plugin(a.plugin_ref)[1]["args"] = a.args
        elif isinstance(a, act.MovePlugin):
            source, p = plugin(a.plugin_ref)
            assert source is server(a.from_server_ref)
            source["plugins"].remove(p)
            server(a.to_server_ref)["plugins"].append(p)
        elif isinstance(a, act.AddOption):
            plugin(a.plugin_ref)[1]["options"].append(
                {"name": a.option.name, "args": a.option.args, "ref": a.option.ref})
        elif isinstance(a, act.RemoveOption):
            options = plugin(a.plugin_ref)[1]["options"]
            (o,) = [o for o in options if o["ref"] is a.option_ref or o["ref"] == a.option_ref]
            options.remove(o)
        elif isinstance(a, act.ReplaceOption):
            options = plugin(a.plugin_ref)[1]["options"]
            (o,) = [o for o in options if o["ref"] is a.option_ref or o["ref"] == a.option_ref]
            o["name"], o["args"] = a.new.name, a.new.args
        else:  # pragma: no cover
            raise AssertionError(f"unknown action {a!r}")

    return Corefile(tuple(
        Server(s["keys"], tuple(
            Plugin(p["name"], p["args"], tuple(Option(o["name"], o["args"]) for o in p["options"]))
            for p in s["plugins"]))
        for s in servers
    ))


@pytest.fixture
def cf():
    """``cf(text)`` builds a model with path refs."""
    return build
