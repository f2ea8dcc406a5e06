"""Whole-Corefile transforms that some releases run before or after their plugin pass."""

from __future__ import annotations

from corefile.migrate.model import Option, Plugin
from corefile.migrate.notices import MigrationError
from corefile.migrate.workspace import Workspace

__all__ = ["move_kubernetes_transfer", "split_stub_forwards"]


def split_stub_forwards(ws: Workspace) -> None:
    """Give every ``forward ZONE ...`` (ZONE not ``.``) a server block of its own.

    Until CoreDNS 1.9.4 a server block could hold only one ``forward``, so the stub
    domains that several ``proxy ZONE`` lines used to express must become separate
    blocks once proxy turns into forward (run after the 1.4.0 and 1.5.0 steps). The new
    block is keyed by the zone (no port), appended at the end of the Corefile, and holds
    the forward (now for ``.``, options kept) followed by ``loop``, ``errors`` and
    ``cache 30``, in corefile-migration's order.

    corefile-migration deletes from the plugin list while iterating it, so the forward
    right after a split one is skipped in that pass (and left behind when only one pass
    happens). We split them all; with two passes the results are the same.
    """
    for server in list(ws.servers):  # blocks created here need no splitting
        for plugin in list(server.plugins):
            if plugin.name != "forward":
                continue
            if not plugin.args:
                raise MigrationError("found invalid forward plugin declaration")
            zone = plugin.args[0]
            if zone == ".":
                continue
            if len(server.keys) != 1:
                raise MigrationError("unhandled migration of multi-domain/port server block")
            if server.keys[0] not in (".", ".:53"):
                raise MigrationError("unhandled migration of non-default domain/port server block")
            stub = ws.add_server((zone,))
            ws.move_plugin(plugin, server, stub)
            ws.set_plugin_args(plugin, (".", *plugin.args[1:]))
            ws.add_plugin(stub, Plugin("loop"))
            ws.add_plugin(stub, Plugin("errors"))
            ws.add_plugin(stub, Plugin("cache", ("30",)))


def move_kubernetes_transfer(ws: Workspace) -> None:
    """Copy kubernetes' ``transfer to HOST...`` option into a ``transfer`` plugin (1.8.0).

    CoreDNS 1.8.0 moved zone transfers into the transfer plugin. The new plugin is
    appended at the end of the block as ``transfer ZONE { to HOST... }``, ZONE being the
    kubernetes plugin's first zone, from the last ``transfer`` option. The option itself
    is deleted afterwards by the kubernetes rule (its status is "removed").
    """
    for server in ws.servers:
        for plugin in list(server.plugins):
            if plugin.name != "kubernetes":
                continue
            transfers = [o for o in plugin.options if o.name == "transfer"]
            if not transfers or len(transfers[-1].args) < 2:
                continue
            # unsure: corefile-migration takes args[1:] without checking that args[0] is
            # "to" (kubernetes only ever had `transfer to`), so we do the same.
            hosts = transfers[-1].args[1:]
            # corefile-migration crashes on a bare `kubernetes` (no zones). A transfer
            # plugin without zones serves the server block's zones, which is what a bare
            # kubernetes serves too, so we emit it without a zone.
            zones = plugin.args[:1]
            ws.add_plugin(server, Plugin("transfer", zones, (Option("to", hosts),)))
