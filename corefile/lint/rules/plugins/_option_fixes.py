"""Fixes for removed and deprecated plugin options (shared by the two rules that report them)."""

from __future__ import annotations

from corefile.analysis.addresses import AddressError, normalize_key
from corefile.expansion.expand import Line, Token
from corefile.lint.findings import Fix
from corefile.lint.fixes import (
    delete_line,
    in_main_file,
    indent_unit,
    insert_after_line,
)

#: Options that have done nothing for several releases: deleting them changes nothing.
NO_OP_OPTIONS = {("kubernetes", "upstream"), ("kubernetes", "resyncperiod"), ("file", "upstream"),
                 ("auto", "upstream"), ("secondary", "upstream"), ("etcd", "upstream"),
                 ("template", "upstream"), ("route53", "upstream"), ("clouddns", "upstream")}
#: Plugins whose `transfer to` option moved into the transfer plugin in CoreDNS 1.8.0.
TRANSFER_OWNERS = ("kubernetes", "file", "auto", "secondary")


def option_fix(context, view, name_token: Token) -> Fix | None:
    found = _find_option(view, name_token)
    if found is None:
        return None
    plugin, option = found
    path = context.loaded.source.path
    if not all(in_main_file(token, path) for token in plugin.tokens):
        return None
    pair = (plugin.name.text, option.name.text)
    if pair in NO_OP_OPTIONS:
        return Fix((delete_line(option),), safe=True, description=f"remove the no-op `{option.name.text}` option")
    if option.name.text == "transfer" and plugin.name.text in TRANSFER_OWNERS:
        return _transfer_move(context, view, plugin, option)
    return Fix((delete_line(option),), safe=False, description=f"remove the `{option.name.text}` option")


def _find_option(view, name_token: Token) -> tuple[Line, Line] | None:
    for plugin in view.directives:
        for option in plugin.block or ():
            if option.name is name_token or option.name.word is name_token.word:
                return plugin, option
    return None


def _transfer_move(context, view, plugin: Line, option: Line) -> Fix:
    """CoreDNS 1.8.0 moved zone transfers out of the serving plugins into `transfer`."""
    zones = _plugin_zones(context, view, plugin)
    unit = indent_unit(plugin.name.word)
    header = "transfer" + ("".join(f" {zone}" for zone in zones))
    arguments = " ".join(token.text for token in option.arguments)
    lines = [f"{header} {{", f"{unit}{arguments}", "}"]  # the option's words are `to ADDRESS...`
    return Fix(
        (delete_line(option), insert_after_line(plugin, lines)),
        safe=True,
        description="move `transfer` into the transfer plugin (CoreDNS 1.8.0)",
    )


def _plugin_zones(context, view, plugin: Line) -> list[str]:
    arguments = [token.text for token in plugin.arguments]
    if plugin.name.text == "file":
        arguments = arguments[1:]
    zones = []
    for text in arguments:
        try:
            normalize_key(text, version=context.version)
        except AddressError:
            continue
        zones.append(text)
    return zones
