"""Render the catalogue as a Markdown reference page (one section per plugin).

The lead wires this into the documentation build; nothing here writes files.
"""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.order import directive_order
from corefile.catalogue.plugins import PLUGINS
from corefile.catalogue.types import FILE, TEXT, ZONE
from corefile.core.versions import LATEST

_REPEAT_WORDS = {
    "once": "once per server block (a second occurrence fails: “this plugin can only be used once per Server Block”)",
    "err": "once per server block (a second occurrence fails with another error)",
    "multi": "may be repeated; every occurrence is used",
    "last": "may be repeated; later occurrences override earlier ones",
    "first": "only the first occurrence is read; later ones are silently ignored",
}


def render_plugin_reference() -> str:
    """The whole reference page as Markdown."""
    order = directive_order(LATEST)
    builtin = [PLUGINS[name] for name in order]
    removed = [plugin for plugin in PLUGINS.values() if plugin.removed is not None]
    external = [plugin for plugin in PLUGINS.values() if plugin.external]
    parts = [
        "# Plugin reference",
        "",
        f"Directives of CoreDNS {LATEST}, in plugin.cfg (execution) order, followed by removed "
        "directives and well-known external plugins. Generated from `corefile.catalogue`.",
        "",
        "## Built-in directives",
        "",
        *(_render_plugin(plugin, position=index) for index, plugin in enumerate(builtin, start=1)),
        "## Removed directives",
        "",
        *(_render_plugin(plugin) for plugin in sorted(removed, key=lambda plugin: plugin.name)),
        "## External plugins",
        "",
        "These exist only in custom builds; their options are not validated.",
        "",
        *(_render_plugin(plugin) for plugin in external),
    ]
    return "\n".join(parts).rstrip() + "\n"


def render_plugin(name: str) -> str | None:
    """One plugin's section of the reference (Markdown), or None for an unknown name."""
    plugin = PLUGINS.get(name)
    if plugin is None:
        return None
    order = directive_order(LATEST)
    return _render_plugin(plugin, position=order.index(name) + 1 if name in order else None)


def _render_plugin(plugin: Plugin, position: int | None = None) -> str:
    lines = [f"### `{plugin.name}`", ""]
    if plugin.summary:
        lines += [plugin.summary, ""]
    if plugin.syntax:
        lines += ["```", plugin.syntax, "```", ""]
    facts = []
    if position is not None:
        facts.append(f"- Position in plugin.cfg ({LATEST}): {position}")
    if plugin.external:
        facts.append("- External plugin: not in the default build")
    else:
        facts.append(f"- Added: {plugin.since or 'before 1.0.0'}")
        if plugin.deprecated:
            facts.append(f"- Deprecated: {plugin.deprecated}")
        if plugin.removed:
            replacement = f" (use {plugin.replacement})" if plugin.replacement else ""
            facts.append(f"- Removed: {plugin.removed}{replacement}")
        facts.append(f"- Repeating it in one server block: {_REPEAT_WORDS[plugin.repeat]}")
        for span in plugin.repeat_history:
            start = span.first or "the start"
            end = span.last or "now"
            facts.append(f"  - from {start} to {end}: {_REPEAT_WORDS[span.mode]}")
    lines += [*facts, ""]
    if plugin.options:
        lines += ["| option | arguments | history | notes |", "|---|---|---|---|"]
        lines += [_render_option(option) for option in plugin.options.values()]
        lines.append("")
    if plugin.notes:
        lines += [f"- {note}" for note in plugin.notes]
        lines.append("")
    return "\n".join(lines)


def _describe_slots(option: Option) -> str:
    """``LABEL: type`` for slots whose type says more than free text (durations, ranges, enums)."""
    untyped = {TEXT.description, ZONE.description, FILE.description}
    return "; ".join(
        f"{slot.label}: {slot.type.description}"
        for slot in option.args or ()
        if slot.type.description not in untyped
    )


def _render_option(option: Option) -> str:
    history = []
    if option.since:
        history.append(f"added {option.since}")
    if option.deprecated:
        history.append(f"deprecated {option.deprecated}")
    if option.removed:
        history.append(f"removed {option.removed}")
    notes = "; ".join(filter(None, [_describe_slots(option), option.notes]))
    if option.replacement:
        notes = f"{notes}; use {option.replacement}" if notes else f"use {option.replacement}"
    if option.once:
        notes = f"{notes}; at most once" if notes else "at most once"
    arguments = option.usage()[len(option.name) :].strip()
    cells = [f"`{option.name}`", f"`{arguments}`" if arguments else "—", ", ".join(history) or "—", notes or ""]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"
