"""Completion: plugin names where a directive goes, a plugin's options inside its block, snippet
names after ``import``; all for the target CoreDNS version.

Where the cursor is comes from the outline, which works on text that does not parse yet (a
``{`` just typed). Plugins the target version lacks are not offered; deprecated ones are offered
marked as such. Clients that take snippets get a template for the common plugins.
"""

from __future__ import annotations

from lsprotocol import types

from corefile.catalogue import PLUGINS, Option, Plugin
from corefile.lsp.analysis import CORFILE, Analysis
from corefile.lsp.hover import describe_option, describe_plugin
from corefile.lsp.outline import DIRECTIVE, SERVER, SNIPPET
from corefile.core.versions import Version

#: Templates for the plugins most Corefiles use (LSP snippet syntax; tabs become the editor's indent).
SNIPPETS = {
    "forward": "forward ${1:.} ${2:/etc/resolv.conf}",
    "cache": "cache ${1:30}",
    "kubernetes": (
        "kubernetes ${1:cluster.local} ${2:in-addr.arpa ip6.arpa} {\n"
        "\tpods ${3:insecure}\n"
        "\tfallthrough ${4:in-addr.arpa ip6.arpa}\n"
        "\tttl ${5:30}\n"
        "}"
    ),
    "health": "health {\n\tlameduck ${1:5s}\n}",
    "prometheus": "prometheus ${1::9153}",
    "hosts": "hosts ${1:/etc/hosts} {\n\tfallthrough\n}",
    "file": "file ${1:db.example.org} ${2:example.org}",
    "rewrite": "rewrite name ${1:exact} ${2:from.example.org} ${3:to.example.org}",
    "log": "log",
    "errors": "errors",
    "reload": "reload",
    "loop": "loop",
    "ready": "ready",
    "loadbalance": "loadbalance",
}


def _deprecated(thing: Plugin | Option, version: Version) -> bool:
    return thing.deprecated is not None and version >= thing.deprecated


def _option_snippet(option: Option) -> str | None:
    required = [slot for slot in option.args or () if not slot.optional]
    if not required:
        return None
    return " ".join([option.name, *(f"${{{i}:{slot.label}}}" for i, slot in enumerate(required, start=1))])


def completions(analysis: Analysis, offset: int, snippet_support: bool) -> types.CompletionList | None:
    if analysis.kind != CORFILE or analysis.outline is None:
        return None
    text = analysis.text
    line = analysis.index.position(offset).line
    line_start = analysis.index.starts[line]
    before = text[line_start:offset]
    partial_start = offset
    while partial_start > line_start and not text[partial_start - 1].isspace() and text[partial_start - 1] not in '{}"#':
        partial_start -= 1
    typed_before = before[: partial_start - line_start].split()
    replace = analysis.index.range(partial_start, offset)
    version = analysis.config.coredns_version
    owner = analysis.outline.enclosing(offset)
    items: list[types.CompletionItem] = []
    if typed_before == ["import"]:
        items = _snippet_names(analysis, replace)
    elif not typed_before and owner is not None and owner.kind in (SERVER, SNIPPET):
        items = _plugins(analysis, version, replace, snippet_support)
    elif not typed_before and owner is not None and owner.kind == DIRECTIVE:
        plugin = PLUGINS.get(owner.name)
        if plugin is not None:
            items = _options(plugin, version, replace, snippet_support)
    return types.CompletionList(is_incomplete=False, items=items)


def _item(label, kind, replace, *, detail, documentation, snippet, snippet_support, deprecated, sort) -> types.CompletionItem:
    use_snippet = snippet_support and snippet is not None and snippet != label
    return types.CompletionItem(
        label=label,
        kind=kind,
        detail=detail,
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=documentation) if documentation else None,
        tags=[types.CompletionItemTag.Deprecated] if deprecated else None,
        sort_text=sort,
        filter_text=label,
        insert_text_format=types.InsertTextFormat.Snippet if use_snippet else types.InsertTextFormat.PlainText,
        text_edit=types.TextEdit(range=replace, new_text=snippet if use_snippet else label),
    )


def _plugins(analysis: Analysis, version: Version, replace, snippet_support: bool) -> list[types.CompletionItem]:
    items = [
        _item("import", types.CompletionItemKind.Keyword, replace, detail="import a snippet or files",
              documentation=None, snippet="import ${1}", snippet_support=snippet_support, deprecated=False, sort="1import")
    ]
    extra = analysis.config.plugins
    for plugin in sorted(PLUGINS.values(), key=lambda p: p.name):
        available = plugin.exists_at(version) or (plugin.name in extra)
        if not available:
            continue
        deprecated = _deprecated(plugin, version)
        items.append(_item(
            plugin.name, types.CompletionItemKind.Module, replace,
            detail=plugin.summary or None,
            documentation=describe_plugin(plugin, version, extra),
            snippet=SNIPPETS.get(plugin.name),
            snippet_support=snippet_support,
            deprecated=deprecated,
            sort=("3" if deprecated else "2") + plugin.name,
        ))
    return items


def _options(plugin: Plugin, version: Version, replace, snippet_support: bool) -> list[types.CompletionItem]:
    items = []
    for option in plugin.options_at(version):
        deprecated = _deprecated(option, version)
        items.append(_item(
            option.name, types.CompletionItemKind.Property, replace,
            detail=option.usage(),
            documentation=describe_option(plugin, option, version),
            snippet=_option_snippet(option),
            snippet_support=snippet_support,
            deprecated=deprecated,
            sort=("3" if deprecated else "2") + option.name,
        ))
    return items


def _snippet_names(analysis: Analysis, replace) -> list[types.CompletionItem]:
    names = {entry.name[1:-1] for entry in analysis.outline.snippets()}
    if analysis.loaded is not None:
        names.update(analysis.loaded.expansion.snippets)
    return [
        types.CompletionItem(label=name, kind=types.CompletionItemKind.Snippet, detail="snippet",
                             text_edit=types.TextEdit(range=replace, new_text=name))
        for name in sorted(names)
    ]
