"""Hover: what a plugin, an option or a server key means for the target CoreDNS version.

Plugins and options come from the catalogue the linter checks with; a server key is normalised
as CoreDNS normalises it (``corefile.analysis.addresses``), so the hover shows the transport, port and
every zone, a CIDR key's reverse zones included.
"""

from __future__ import annotations

from lsprotocol import types

from corefile.analysis.addresses import AddressError, normalize_key
from corefile.catalogue import PLUGINS, Option, Plugin, directive_order
from corefile.expansion.environment import Environment
from corefile.lint.linter import environment_for
from corefile.lsp.analysis import CORFILE, Analysis
from corefile.lsp.outline import DIRECTIVE, OPTION, SERVER, Entry
from corefile.syntax.nodes import Word
from corefile.core.versions import Version

#: A CIDR key can expand to thousands of zones; the hover lists this many and counts the rest.
MAX_ZONES_SHOWN = 16


def hover(analysis: Analysis, offset: int) -> types.Hover | None:
    if analysis.kind != CORFILE or analysis.outline is None:
        return None
    word = analysis.outline.word_at(offset)
    if word is None:
        return None
    entry = analysis.outline.entry_of(word)
    if entry is None:
        return None
    text = None
    version = analysis.config.coredns_version
    if entry.kind == SERVER and word in entry.words:
        text = describe_key(word, version, environment_for(analysis.config))
    elif entry.kind == DIRECTIVE and word is entry.head:
        plugin = PLUGINS.get(word.value)
        text = describe_plugin(plugin, version, analysis.config.plugins) if plugin else _unknown_plugin(word, analysis)
    elif entry.kind == OPTION and word is entry.head:
        owner = _owning_plugin(entry)
        option = owner.options.get(word.value) if owner is not None else None
        if option is not None:
            text = describe_option(owner, option, version)
    if text is None:
        return None
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=text),
        range=analysis.index.range(word.offset, word.end_offset),
    )


def _owning_plugin(entry: Entry) -> Plugin | None:
    parent = entry.parent
    if parent is None or parent.kind != DIRECTIVE:
        return None
    return PLUGINS.get(parent.name)


def _unknown_plugin(word: Word, analysis: Analysis) -> str | None:
    if word.value in analysis.config.plugins:
        return f"**{word.value}**: an external plugin of your build (declared in `plugins`); not checked."
    return None


def _history(thing: Plugin | Option) -> list[str]:
    facts = []
    if thing.since is not None:
        facts.append(f"added in {thing.since}")
    if thing.deprecated is not None:
        facts.append(f"deprecated in {thing.deprecated}")
    if thing.removed is not None:
        facts.append(f"removed in {thing.removed}")
    if thing.replacement:
        facts.append(f"use `{thing.replacement}` instead")
    return facts


def describe_plugin(plugin: Plugin, version: Version, extra_plugins=frozenset()) -> str:
    lines = [f"**{plugin.name}**" + (f": {plugin.summary}" if plugin.summary else ""), ""]
    if plugin.syntax:
        lines += ["```", plugin.syntax, "```", ""]
    history = _history(plugin)
    if history:
        lines.append("History: " + ", ".join(history) + ".")
    if plugin.external:
        built_in = plugin.name in extra_plugins
        lines.append("External plugin: " + ("declared as part of your build." if built_in else "not in CoreDNS's default build."))
    elif not plugin.exists_at(version):
        lines.append(f"**Not in CoreDNS {version}**: setting up a server with it fails.")
    elif plugin.deprecated is not None and version >= plugin.deprecated:
        lines.append(f"Deprecated in CoreDNS {version}.")
    order = directive_order(version)
    if plugin.name in order:
        lines.append(f"Runs at position {order.index(plugin.name) + 1} of {len(order)} in the plugin chain of CoreDNS {version}.")
    options = plugin.options_at(version)
    if options:
        lines += ["", f"Options in CoreDNS {version}:", ""]
        for option in options:
            note = " (deprecated)" if option.deprecated is not None and version >= option.deprecated else ""
            lines.append(f"- `{option.usage()}`{note}")
    return "\n".join(lines).strip() + "\n"


def describe_option(plugin: Plugin, option: Option, version: Version) -> str:
    lines = [f"**{option.name}**: option of `{plugin.name}`", "", "```", option.usage(), "```", ""]
    typed = [f"- `{slot.label}`: {slot.type.description}" for slot in option.args or () if slot.type.description != "text"]
    lines += typed + ([""] if typed else [])
    if option.notes:
        lines += [option.notes, ""]
    history = _history(option)
    if history:
        lines.append("History: " + ", ".join(history) + ".")
    if not option.exists_at(version):
        lines.append(f"**Not accepted by CoreDNS {version}.**")
    if option.once:
        lines.append("At most once per block.")
    return "\n".join(lines).strip() + "\n"


def describe_key(word: Word, version: Version, environment: Environment) -> str:
    text, _unknown = environment.expand(word.value)
    key = text[:-1] if text.endswith(",") else text
    try:
        address = normalize_key(key, version=version)
    except AddressError as error:
        return f"**{key}**: CoreDNS {version} refuses this key: {error}\n"
    lines = [f"**{key}**: transport `{address.transport}`, port `{address.port or '(none)'}`", ""]
    if address.cidr is not None:
        lines.append(f"The CIDR `{address.cidr}` is served as {len(address.zones)} reverse zone(s):")
    else:
        lines.append("Zone:")
    lines.append("")
    lines += [f"- `{zone}`" for zone in address.zones[:MAX_ZONES_SHOWN]]
    if len(address.zones) > MAX_ZONES_SHOWN:
        lines.append(f"- ... and {len(address.zones) - MAX_ZONES_SHOWN} more")
    if address.host_bits_set:
        lines += ["", "The address has bits set right of its prefix; CoreDNS ignores them."]
    return "\n".join(lines) + "\n"
