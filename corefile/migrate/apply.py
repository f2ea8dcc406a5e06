"""Applying a migration plan to the original text, as small edits that keep the user's file.

corefile-migration prints a freshly formatted Corefile: every comment, blank line and
indentation choice is gone. Here the planner's actions are applied to the *text* instead:

* lines the migration does not have to touch stay byte for byte as they were;
* a removed plugin or option never takes a comment with it: comments on its lines (and
  inside its block) stay where they were, as whole-line comments at its indentation;
* a renamed plugin keeps its line (``proxy . 1.1.1.1  # upstream`` becomes
  ``forward . 1.1.1.1  # upstream``);
* added plugins and options get the indentation of their siblings, and an option added to
  a plugin without a block opens one; a block written on one line
  (``health { lameduck 5s }``) is opened up only when something must be added to it;
* a plugin moved into a new server block (the stub-domain split) takes its comments along.

``model_from_tree`` builds the planner's plain model from the lossless tree, with the tree
nodes as refs; ``apply_plan`` turns the plan back into text. ``migrate_text`` and
``migrate_down_text`` do both and collect the notices with their line and column;
``kube_dns_text`` translates a kube-dns ConfigMap (YAML or JSON) into a Corefile.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from corefile.migrate import actions as act
from corefile.migrate.kubedns import kube_dns_to_corefile
from corefile.migrate.model import Corefile, Option, Plugin, Server
from corefile.migrate.notices import MigrationError, Notice, Severity
from corefile.migrate.planner import VersionLike, plan_migration, plan_migration_down
from corefile.nodes import (
    Comment,
    Corefile as Tree,
    Directive,
    Import,
    ServerBlock,
    Snippet,
    Word,
    first_word,
    iter_words,
    last_word,
)

__all__ = [
    "MigrationNotice",
    "MigrationOutcome",
    "apply_plan",
    "kube_dns_text",
    "migrate_down_text",
    "migrate_text",
    "model_from_tree",
    "notices_for",
]


# --------------------------------------------------------------------- tree -> model


def model_from_tree(tree: Tree) -> Corefile:
    """The planner's plain model of a syntax tree; every element's ``ref`` is its tree node.

    Server blocks become ``Server`` (ref: the ``ServerBlock``), their directives ``Plugin``
    (ref: the ``Directive``) and the directives inside a plugin's block ``Option`` (ref:
    the option's ``Directive``). Snippets, ``import`` lines and anything nested deeper than
    option lines are not part of the model: a migration carries them through untouched
    (``migrate_text`` says so in a notice). Values are what CoreDNS reads (quotes removed).
    """
    servers = []
    for item in tree.items:
        if not isinstance(item, ServerBlock):
            continue
        plugins = []
        for statement in item.body:
            if not isinstance(statement, Directive):
                continue
            options = []
            block = statement.block
            if block is not None:
                for inner in block.body:
                    if isinstance(inner, Directive):
                        options.append(Option(inner.name.value, _values(inner.arguments), ref=inner))
            plugins.append(Plugin(statement.name.value, _values(statement.arguments), tuple(options), ref=statement))
        servers.append(Server(_values(item.keys), tuple(plugins), ref=item))
    return Corefile(tuple(servers))


def _values(words: Iterable[Word]) -> tuple[str, ...]:
    return tuple(word.value for word in words)


def _strip_refs(corefile: Corefile) -> Corefile:
    return Corefile(tuple(
        Server(s.keys, tuple(Plugin(p.name, p.args, tuple(Option(o.name, o.args) for o in p.options)) for p in s.plugins))
        for s in corefile.servers
    ))


# ------------------------------------------------------------------ replaying a plan


def _key(ref: Any) -> tuple[str, int]:
    """Identify a ref: tree nodes by their position (so a re-parse of the same text matches), others by identity."""
    if isinstance(ref, (ServerBlock, Directive)):
        return ("node", first_word(ref).offset)
    return ("id", id(ref))


# The Corefile as the plan's actions leave it, step by step: each element remembers the tree
# node it came from (None for elements the plan creates), so that unchanged lines stay as written.
@attrs.define(eq=False)
class _OptionState:
    name: str
    args: tuple[str, ...]
    node: Directive | None


@attrs.define(eq=False)
class _PluginState:
    name: str
    args: tuple[str, ...]
    options: list[_OptionState]
    node: Directive | None
    origin: Any = None  #: The original server block of a plugin from the tree.


@attrs.define(eq=False)
class _ServerState:
    keys: tuple[str, ...]
    plugins: list[_PluginState]
    node: ServerBlock | None


def _node(ref: Any, kind: type) -> Any:
    return ref if isinstance(ref, kind) else None


def _replay(plan: act.MigrationPlan, nodes: Mapping[tuple[str, int], Any]) -> list[_ServerState]:
    """The final state of every server, plugin and option, each knowing its source node (if any)."""
    servers: list[_ServerState] = []
    server_of: dict[tuple[str, int], _ServerState] = {}
    plugin_of: dict[tuple[str, int], _PluginState] = {}
    option_of: dict[tuple[str, int], _OptionState] = {}

    def node_for(ref: Any, kind: type) -> Any:
        node = nodes.get(_key(ref))
        return node if isinstance(node, kind) else _node(ref, kind)

    def new_plugin(plugin: Plugin) -> _PluginState:
        p = _PluginState(plugin.name, plugin.args, [], node_for(plugin.ref, Directive))
        plugin_of[_key(plugin.ref)] = p
        for option in plugin.options:
            o = _OptionState(option.name, option.args, node_for(option.ref, Directive))
            option_of[_key(option.ref)] = o
            p.options.append(o)
        return p

    if len(plan.source.servers) != len(nodes.get(("servers", 0), ())):
        raise MigrationError("this plan was not made from this Corefile (use model_from_tree)")
    for server in plan.source.servers:
        s = _ServerState(server.keys, [], node_for(server.ref, ServerBlock))
        if s.node is None or any(node_for(p.ref, Directive) is None for p in server.plugins):
            raise MigrationError("this plan was not made from this Corefile (use model_from_tree)")
        servers.append(s)
        server_of[_key(server.ref)] = s
        for plugin in server.plugins:
            p = new_plugin(plugin)
            p.origin = s
            s.plugins.append(p)

    def option_at(plugin_ref: Any, option_ref: Any) -> tuple[_PluginState, _OptionState]:
        p = plugin_of[_key(plugin_ref)]
        return p, option_of[_key(option_ref)]

    for action in plan.actions:
        if isinstance(action, act.AddServer):
            s = _ServerState(action.server.keys, [], None)
            servers.append(s)
            server_of[_key(action.server.ref)] = s
            for plugin in action.server.plugins:
                s.plugins.append(new_plugin(plugin))
        elif isinstance(action, act.AddPlugin):
            server_of[_key(action.server_ref)].plugins.append(new_plugin(action.plugin))
        elif isinstance(action, act.RemovePlugin):
            server_of[_key(action.server_ref)].plugins.remove(plugin_of[_key(action.plugin_ref)])
        elif isinstance(action, act.RenamePlugin):
            plugin_of[_key(action.plugin_ref)].name = action.new_name
        elif isinstance(action, act.SetPluginArgs):
            plugin_of[_key(action.plugin_ref)].args = tuple(action.args)
        elif isinstance(action, act.MovePlugin):
            p = plugin_of[_key(action.plugin_ref)]
            server_of[_key(action.from_server_ref)].plugins.remove(p)
            server_of[_key(action.to_server_ref)].plugins.append(p)
        elif isinstance(action, act.AddOption):
            p = plugin_of[_key(action.plugin_ref)]
            o = _OptionState(action.option.name, action.option.args, None)
            option_of[_key(action.option.ref)] = o
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


# -------------------------------------------------------------------- text editing


def _quote(value: str) -> str:
    """A value as a Corefile token: bare when it survives as one, quoted otherwise."""
    if value and not any(c.isspace() or c in '"#' for c in value) and value not in ("{", "}"):
        return value  # braces inside a word ({$ENV}, {name}) are fine
    return '"' + value.replace('"', '\\"') + '"'


def _word_text(word: Word | None, value: str) -> str:
    """The word's own spelling when it still says ``value``, else ``value`` quoted as needed."""
    if word is not None and word.value == value:
        return word.raw
    return _quote(value)


def _line(name: str, args: Iterable[str]) -> str:
    return " ".join([name, *(_quote(a) for a in args)])


def _raw_end(word: Word) -> int:
    """Where the word's text ends, before a stray carriage return the lexer keeps in ``raw``."""
    return word.offset + len(word.raw.rstrip("\r")) if not word.quoted else word.end_offset


def _word_end(word: Word) -> int:
    """Where the word ends, a glued ``#...`` included."""
    if word.glued is not None:
        return word.glued.offset + len(word.glued.text)
    return _raw_end(word)


class _Applier:
    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.text = tree.source.text if tree.source is not None else ""
        self.nl = "\r\n" if "\r\n" in self.text else "\n"
        self.comments = sorted(self._all_comments(), key=lambda c: c.offset)
        self.edits: list[tuple[int, int, int, str]] = []
        self.unit = self._indent_unit()
        self.option_unit = self._option_unit()

    # -- reading the text ---------------------------------------------------------------

    def _all_comments(self) -> Iterable[Comment]:
        for word in iter_words(self.tree):
            yield from word.comments
            if word.glued is not None:
                yield word.glued
        yield from self.tree.end.comments

    def comments_in(self, start: int, end: int) -> list[Comment]:
        return [c for c in self.comments if start <= c.offset < end]

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        """Offset of the line break ending the line of ``offset`` (before a ``\\r``), or the end of text."""
        end = self.text.find("\n", offset)
        if end < 0:
            return len(self.text)
        return end - 1 if end > offset and self.text[end - 1] == "\r" else end

    def after_line(self, offset: int) -> int:
        """Offset just after the line break ending the line of ``offset``."""
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end + 1

    def indent_of(self, offset: int) -> str | None:
        """The whitespace before ``offset`` when it starts its line, else None."""
        before = self.text[self.line_start(offset):offset]
        return before if before.strip() == "" else None

    def rest_is_free(self, offset: int) -> bool:
        """Only whitespace or a comment follows ``offset`` on its line."""
        rest = self.text[offset:self.line_end(offset)].strip()
        return rest == "" or rest.startswith("#")

    def _indent_unit(self) -> str:
        for block in self.tree.server_blocks:
            key_indent = self.indent_of(first_word(block).offset) or ""
            for statement in block.body:
                indent = self.indent_of(first_word(statement).offset)
                if indent and indent.startswith(key_indent) and len(indent) > len(key_indent):
                    return indent[len(key_indent):]
        return "    "

    def _option_unit(self) -> str:
        """The step from a plugin's indentation to its options' (files often use less than for plugins)."""
        for block in self.tree.server_blocks:
            for statement in block.directives:
                outer = self.indent_of(statement.name.offset)
                inner_block = statement.block
                if outer is None or inner_block is None:
                    continue
                for inner in inner_block.body:
                    indent = self.indent_of(first_word(inner).offset)
                    if indent and indent.startswith(outer) and len(indent) > len(outer):
                        return indent[len(outer):]
        return self.unit

    # -- recording edits ----------------------------------------------------------------

    def edit(self, start: int, end: int, replacement: str) -> None:
        if start == end and not replacement:
            return
        self.edits.append((start, end, len(self.edits), replacement))

    def result(self) -> str:
        out: list[str] = []
        position = 0
        for start, end, _, replacement in sorted(self.edits):
            if start < position:
                raise MigrationError(f"internal error: overlapping edits at offset {start}")
            out.append(self.text[position:start])
            out.append(replacement)
            position = end
        out.append(self.text[position:])
        return "".join(out)

    # -- elementary edits ----------------------------------------------------------------

    def delete(self, directive: Directive, *, keep_comments: bool = True) -> list[Comment]:
        """Take a directive out of the text. Its comments stay as own lines unless
        ``keep_comments`` is false, in which case they are returned (to be carried elsewhere)."""
        start = first_word(directive).offset
        end = _word_end(last_word(directive))
        indent = self.indent_of(start)
        if indent is not None and self.rest_is_free(end):
            region_end = self.after_line(end)
            comments = self.comments_in(start, self.line_end(end))
            lines = "" if not keep_comments else "".join(indent + c.text + self.nl for c in comments)
            if region_end == len(self.text) and not self.text.endswith("\n"):
                lines = lines[: -len(self.nl)] if lines else lines
            self.edit(self.line_start(start), region_end, lines)
            return comments
        comments = self.comments_in(start, end)
        if indent is None:
            # Also take the blanks before it, so "a b { x }" loses " x" and keeps "a b { }".
            while start > 0 and self.text[start - 1] in " \t":
                start -= 1
        else:
            while end < len(self.text) and self.text[end] in " \t":
                end += 1
        line_start = self.line_start(start)
        line_indent = self.text[line_start:self.line_end(line_start)]
        line_indent = line_indent[: len(line_indent) - len(line_indent.lstrip(" \t"))]
        carried = "".join(c.text + self.nl + line_indent for c in comments) if keep_comments else ""
        self.edit(start, end, carried)
        return comments

    def set_words(self, directive: Directive, name: str, args: tuple[str, ...]) -> None:
        """Rewrite a directive's name and arguments where they differ, word by word."""
        words = directive.words
        if words[0].value != name:
            self.edit(words[0].offset, _raw_end(words[0]), _quote(name))
        old = words[1:]
        if tuple(w.value for w in old) == args:
            return
        for word, value in zip(old, args):
            if word.value != value:
                self.edit(word.offset, _raw_end(word), _quote(value))
        if len(args) > len(old):
            anchor = _word_end(words[-1])
            extra = " " + " ".join(_quote(a) for a in args[len(old):])
            self.edit(anchor, anchor, extra)
        elif len(args) < len(old):
            self.edit(_word_end(words[len(args)]), _word_end(old[-1]), "")

    def insert_lines(self, container_close: Word | None, statements: tuple, owner_end: int,
                     lines: list[str], close_indent: str) -> None:
        """Insert whole lines at the end of a block body (``lines`` carry their indentation)."""
        if not lines:
            return
        nl = self.nl
        if container_close is not None and self.indent_of(container_close.offset) is not None:
            # The usual case: the closing brace has its own line; the new lines go right before it.
            at = self.line_start(container_close.offset)
            self.edit(at, at, "".join(line + nl for line in lines))
            return
        if statements:
            last_end = _word_end(last_word(statements[-1]))
            if container_close is not None:
                # "    lameduck 5s }": the brace moves to a line of its own.
                self.edit(last_end, container_close.offset, "".join(nl + line for line in lines) + nl + close_indent)
            else:
                at = self.line_end(last_end) if self.rest_is_free(last_end) else last_end
                self.edit(at, at, "".join(nl + line for line in lines))
            return
        if container_close is not None:
            self.edit(owner_end, container_close.offset, "".join(nl + line for line in lines) + nl + close_indent)
            return
        self.edit(owner_end, owner_end, "".join(nl + line for line in lines))

    # -- rendering new elements ---------------------------------------------------------------

    def render_plugin(self, plugin: _PluginState, indent: str, carried: list[Comment]) -> list[str]:
        """Lines (with indentation) for a plugin written from its final state."""
        lines = [indent + c.text for c in carried]
        head = _line(plugin.name, plugin.args)
        if plugin.options:
            lines.append(indent + head + " {")
            lines.extend(indent + self.option_unit + _line(o.name, o.args) for o in plugin.options)
            lines.append(indent + "}")
        else:
            lines.append(indent + head)
        return lines


# ------------------------------------------------------------------ applying plugins


def _ordered(final: list[Any], originals: list[Any]) -> tuple[list[Any], list[Any]] | None:
    """Split ``final`` into (kept originals, appended), or None if the originals were reordered."""
    original_ids = {id(n) for n in originals}
    kept = [x for x in final if x.node is not None and id(x.node) in original_ids]
    appended = [x for x in final if x.node is None or id(x.node) not in original_ids]
    if final[: len(kept)] != kept:
        return None
    order = {id(n): i for i, n in enumerate(originals)}
    if [order[id(x.node)] for x in kept] != sorted(order[id(x.node)] for x in kept):
        return None
    return kept, appended


def _apply_plugin(ap: _Applier, plugin: _PluginState, indent: str) -> None:
    """Edits for a plugin that stays where it is in its original server block."""
    node = plugin.node
    assert node is not None
    ap.set_words(node, plugin.name, plugin.args)
    block = node.block
    originals = [s for s in block.body if isinstance(s, Directive)] if block is not None else []
    split = _ordered(plugin.options, originals)
    if split is None:
        raise MigrationError(f"internal error: options of {plugin.name!r} were reordered")
    kept, added = split
    kept_ids = {id(o.node) for o in kept}
    removed = [o for o in originals if id(o) not in kept_ids]
    option_indent = next((i for o in originals if (i := ap.indent_of(o.name.offset)) is not None), indent + ap.option_unit)
    if block is None:
        if added:
            _open_block(ap, node, indent, option_indent, added)
        return
    simple = node.parts[-1] is block and len(node.blocks) == 1 and block.close is not None
    only_directives = all(isinstance(s, Directive) for s in block.body)
    if removed and not kept and not added and simple and only_directives:
        # The block is left empty: drop its braces, keeping any comment as an own line.
        start = _word_end(node.words[-1])
        comments = ap.comments_in(start, block.close.offset)
        ap.edit(start, _raw_end(block.close), "".join(ap.nl + indent + c.text for c in comments))
        return
    one_line = block.close is not None and block.open.line == block.close.line and added
    if one_line:
        # Open up "health { lameduck 5s }" onto several lines to add an option.
        body = []
        for option in kept:
            body.append(option_indent + _line(option.name, option.args) if _changed(option) else
                        option_indent + ap.text[option.node.name.offset:_word_end(last_word(option.node))])
        body.extend(option_indent + _line(o.name, o.args) for o in added)
        ap.edit(_raw_end(block.open), block.close.offset, "".join(ap.nl + line for line in body) + ap.nl + indent)
        return
    for option in removed:
        ap.delete(option)
    for option in kept:
        if _changed(option):
            ap.set_words(option.node, option.name, option.args)
    removed_ids = {id(o) for o in removed}
    surviving = tuple(s for s in block.body if id(s) not in removed_ids)
    ap.insert_lines(block.close, surviving, _raw_end(block.open),
                    [option_indent + _line(o.name, o.args) for o in added], indent)


def _changed(option: _OptionState) -> bool:
    node = option.node
    return node is not None and (node.name.value != option.name or _values(node.arguments) != option.args)


def _open_block(ap: _Applier, node: Directive, indent: str, option_indent: str, added: list[_OptionState]) -> None:
    """Give a plugin without a block one, holding ``added``."""
    end = _word_end(node.words[-1]) if node.parts[-1] is node.words[-1] else _word_end(last_word(node))
    body = "".join(ap.nl + option_indent + _line(o.name, o.args) for o in added) + ap.nl + indent + "}"
    line_end = ap.line_end(end)
    rest = ap.text[end:line_end]
    if rest.strip().startswith("#"):
        # "forward . 1.1.1.1  # upstream": the brace opens before the comment, the body follows it.
        ap.edit(end, end, " {")
        ap.edit(line_end, line_end, body)
    else:
        ap.edit(end, end, " {" + body)


# ------------------------------------------------------------------- applying a plan


def apply_plan(text_or_tree: str | Tree, plan: act.MigrationPlan, *, verify: bool = True) -> str:
    """Apply a plan made from ``model_from_tree`` of this text (or tree) to its text.

    Returns the migrated text: the original with the fewest edits that make it say
    ``plan.result``. With ``verify`` (the default) the result is read back and compared
    with ``plan.result``; a difference raises ``MigrationError`` (it would be a bug).
    """
    if isinstance(text_or_tree, Tree):
        tree = text_or_tree
    else:
        from corefile.reader import parse

        tree = parse(text_or_tree)
    ap = _Applier(tree)
    if not plan.actions:
        return ap.text
    nodes: dict[tuple[str, int], Any] = {("servers", 0): tree.server_blocks}
    for block in tree.server_blocks:
        nodes[_key(block)] = block
        for statement in block.directives:
            nodes[_key(statement)] = statement
            if statement.block is not None:
                for inner in statement.block.body:
                    if isinstance(inner, Directive):
                        nodes[_key(inner)] = inner
    servers = _replay(plan, nodes)
    final_home: dict[int, _ServerState] = {}
    for server in servers:
        for plugin in server.plugins:
            if plugin.node is not None:
                final_home[id(plugin.node)] = server
    carried: dict[int, list[Comment]] = {}
    leaving: set[int] = set()

    # Plugins leaving their block (removed, or moved to another block) go first, so that
    # a moved plugin's comments travel with it.
    for server in servers:
        if server.node is None:
            continue
        for statement in server.node.directives:
            home = final_home.get(id(statement))
            if home is server:
                continue
            leaving.add(id(statement))
            if home is None:
                ap.delete(statement)
            else:
                leading = [c for c in statement.name.comments if c.own_line]
                if leading:
                    ap.edit(ap.line_start(leading[0].offset), ap.line_start(statement.name.offset), "")
                carried[id(statement)] = leading + ap.delete(statement, keep_comments=False)

    for server in servers:
        block = server.node
        if block is None:
            continue
        originals = list(block.directives)
        split = _ordered([p for p in server.plugins], originals)
        if split is None:
            raise MigrationError("internal error: plugins were reordered")
        kept, appended = split
        key_indent = ap.indent_of(first_word(block).offset) or ""
        indent = next((i for s in originals if (i := ap.indent_of(s.name.offset)) is not None), key_indent + ap.unit)
        for plugin in kept:
            _apply_plugin(ap, plugin, ap.indent_of(plugin.node.name.offset) or indent)
        lines: list[str] = []
        for plugin in appended:
            lines.extend(ap.render_plugin(plugin, indent, carried.get(id(plugin.node), [])))
        if block.block is not None:
            statements = tuple(s for s in block.block.body if id(s) not in leaving)
            close = block.block.close
            owner_end = _raw_end(block.block.open)
        else:
            statements = tuple(s for s in block.bare_body if id(s) not in leaving)
            close = block.bare_close
            owner_end = _word_end(block.keys[-1])
        ap.insert_lines(close, statements, owner_end, lines, key_indent)

    new_servers = [s for s in servers if s.node is None]
    if new_servers:
        nl = ap.nl
        chunks = []
        for server in new_servers:
            lines = [" ".join(_quote(k) for k in server.keys) + " {"]
            for plugin in server.plugins:
                lines.extend(ap.render_plugin(plugin, ap.unit, carried.get(id(plugin.node), [])))
            lines.append("}")
            chunks.append(nl.join(lines) + nl)
        end = len(ap.text)
        lead = "" if ap.text.endswith("\n") or not ap.text else nl
        lead += nl if ap.text.strip() else ""
        ap.edit(end, end, lead + nl.join(chunks))

    result = ap.result()
    if verify:
        _verify(result, plan)
    return result


def _verify(result: str, plan: act.MigrationPlan) -> None:
    from corefile.errors import CorefileError
    from corefile.reader import parse

    try:
        again = model_from_tree(parse(result))
    except CorefileError as error:
        raise MigrationError(f"internal error: the migrated text does not read back: {error}") from None
    if _strip_refs(again) != _strip_refs(plan.result):
        raise MigrationError("internal error: the migrated text does not say what the plan says")


# ----------------------------------------------------------------------- notices


@attrs.frozen
class MigrationNotice:
    """A notice of a migration (or kube-dns translation), ready to print as a finding.

    ``severity`` is ``"error"``, ``"warning"`` or ``"info"``; ``kind`` the notice type
    (corefile-migration's ``deprecated``, ``ignored``, ``removed``, ``newdefault``,
    ``unsupported``, or ``untouched`` for snippets and imports, ``kube-dns`` for the
    translation). ``line``/``column`` (1-based) point into the *input* text, or are None.
    ``notice`` is the planner's notice, when there is one.
    """

    severity: str
    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    notice: Notice | None = attrs.field(default=None, eq=False, repr=False)

    def format(self, path: str | None) -> str:
        where = path or "-"
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "kind": self.kind, "message": self.message,
                "line": self.line, "column": self.column}


#: How each planner severity is reported. "unsupported" is a warning: the item is
#: carried through unchecked. "deprecated" too: it still works but will have to change.
_SEVERITY = {
    Severity.DEPRECATED: "warning",
    Severity.IGNORED: "info",
    Severity.REMOVED: "info",
    Severity.NEW_DEFAULT: "info",
    Severity.UNSUPPORTED: "warning",
}


def _position(ref: Any) -> tuple[int | None, int | None]:
    if isinstance(ref, (ServerBlock, Directive)):
        word = first_word(ref)
        if word.source is not None:
            position = word.source.position(word.offset)
            return position.line, position.column
        return word.line, None
    return None, None


def notices_for(notices: Iterable[Notice], result: Corefile | None = None) -> list[MigrationNotice]:
    """Planner notices as printable notices, located at the element concerned.

    With the plan's ``result``, a deprecated item the migration converted or dropped is
    reported as info; one that is still there (deprecations not applied) as a warning.
    """
    remaining: set[tuple[tuple[str, int], str]] | None = None
    if result is not None:
        remaining = set()
        for server in result.servers:
            for plugin in server.plugins:
                remaining.add((_key(plugin.ref), plugin.name))
                for option in plugin.options:
                    remaining.add((_key(option.ref), option.name))
    out = []
    for notice in notices:
        line = column = None
        for ref in (notice.option_ref, notice.plugin_ref, notice.server_ref):
            line, column = _position(ref)
            if line is not None:
                break
        severity = _SEVERITY[notice.severity]
        if notice.severity is Severity.DEPRECATED and remaining is not None:
            item = (_key(notice.option_ref), notice.option) if notice.option else (_key(notice.plugin_ref), notice.plugin)
            if item not in remaining:
                severity = "info"
        out.append(MigrationNotice(severity, notice.kind, notice.message, line, column, notice))
    return out


def _catalogue_notices(result: Corefile, target: Any) -> list[MigrationNotice]:
    """Plugins left in the result that the target CoreDNS does not have (CoreDNS would not start).

    corefile-migration's tables do not know ``federation`` (removed in 1.7.0), for one, and
    a downgrade keeps plugins that older releases lack; the plugin catalogue knows both.
    """
    from corefile.catalogue import PLUGINS
    from corefile.versions import Version

    if not isinstance(target, Version) or target == Version(0, 0, 0):
        return []
    out = []
    for server in result.servers:
        for plugin in server.plugins:
            entry = PLUGINS.get(plugin.name)
            if entry is None or entry.exists_at(target):
                continue
            if entry.removed is not None and target >= entry.removed:
                message = (f'Plugin "{plugin.name}" was removed in CoreDNS {entry.removed}: CoreDNS {target} will '
                           "not start with it, and the migration does not remove it; edit it out by hand")
                if entry.replacement:
                    message += f' (use "{entry.replacement}")'
            else:
                message = (f'Plugin "{plugin.name}" only exists from CoreDNS {entry.since}: '
                           f"CoreDNS {target} will not start with it; edit it out by hand")
            line, column = _position(plugin.ref)
            out.append(MigrationNotice("error", "missing", message + ".", line, column))
    return out


def _untouched_notices(tree: Tree) -> list[MigrationNotice]:
    """Snippets and imports are not migrated: say so where they are."""
    out = []

    def at(word: Word) -> tuple[int, int]:
        position = word.source.position(word.offset) if word.source is not None else None
        return (position.line, position.column) if position else (word.line, 1)

    for item in tree.items:
        if isinstance(item, Snippet):
            line, column = at(item.key)
            out.append(MigrationNotice("warning", "untouched", (
                f"Snippet {item.key.value} is carried through untouched: snippets are not migrated; "
                "check the plugins in it by hand."), line, column))
        elif isinstance(item, Import):
            line, column = at(item.keyword)
            out.append(MigrationNotice("warning", "untouched", (
                "This import is carried through untouched: imported files are not migrated; migrate them separately."
            ), line, column))
        elif isinstance(item, ServerBlock):
            for statement in item.body:
                if isinstance(statement, Import):
                    line, column = at(statement.keyword)
                    out.append(MigrationNotice("warning", "untouched", (
                        "This import is carried through untouched: imported files and snippets are not "
                        "migrated; migrate them separately."), line, column))
    return out


# --------------------------------------------------------------------- whole calls


@attrs.frozen
class MigrationOutcome:
    """What ``migrate_text`` gives: the migrated text, its notices and the plan behind it."""

    text: str
    notices: tuple[MigrationNotice, ...]
    plan: act.MigrationPlan


def _read(text: str, filename: str | None) -> Tree:
    from corefile.reader import parse

    return parse(text, filename=filename)


def migrate_text(text: str, from_version: VersionLike, to_version: VersionLike, *,
                 deprecations: bool = False, filename: str | None = None) -> MigrationOutcome:
    """Migrate Corefile text up from one CoreDNS version to another (corefile-migration's Migrate).

    The result keeps the input's comments, order and layout wherever the migration does not
    have to change them. Notices: what the steps found (deprecated, ignored, removed items,
    new defaults added), plugins and options the tables do not know (carried through with a
    warning), and snippets or imports (carried through untouched). Equal versions return
    the text unchanged with no notices. Raises ``MigrationError`` for versions the tables
    cannot migrate between, ``CorefileSyntaxError`` for text CoreDNS would not read.
    """
    tree = _read(text, filename)
    if from_version == to_version:
        return MigrationOutcome(text, (), plan_migration(model_from_tree(tree), from_version, to_version))
    plan = plan_migration(model_from_tree(tree), from_version, to_version, deprecations=deprecations)
    result = apply_plan(tree, plan)
    notices = (_untouched_notices(tree) + notices_for(plan.notices, plan.result)
               + _catalogue_notices(plan.result, plan.to_version))
    return MigrationOutcome(result, tuple(_sorted(notices)), plan)


def migrate_down_text(text: str, from_version: VersionLike, to_version: VersionLike, *,
                      filename: str | None = None) -> MigrationOutcome:
    """Migrate Corefile text down (corefile-migration's MigrateDown: only ``ready`` and ``loop`` go)."""
    tree = _read(text, filename)
    plan = plan_migration_down(model_from_tree(tree), from_version, to_version)
    if not plan.actions and from_version == to_version:
        return MigrationOutcome(text, (), plan)
    result = apply_plan(tree, plan)
    notices = (_untouched_notices(tree) + notices_for(plan.notices, plan.result)
               + _catalogue_notices(plan.result, plan.to_version))
    return MigrationOutcome(result, tuple(_sorted(notices)), plan)


def _sorted(notices: list[MigrationNotice]) -> list[MigrationNotice]:
    # Stable: notices without a position keep their place at the end; the rest by position.
    return sorted(notices, key=lambda n: (n.line is None, n.line or 0, n.column or 0))


# ------------------------------------------------------------------------ kube-dns


_KUBE_DNS_KEYS = ("stubDomains", "upstreamNameservers", "federations")


def _configmap_data(text: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The ``data`` of the kube-dns ConfigMap in a YAML or JSON manifest, and the scalars (for positions)."""
    from corefile.integrations.manifests import ManifestError, Scalar, read_manifest

    try:
        documents = read_manifest(text)
    except ManifestError as error:
        raise MigrationError(f"cannot read the ConfigMap: {error}", line=error.line, column=error.column) from None
    candidates = []
    for document in documents:
        items = document.get("items") if isinstance(document, dict) else None
        for doc in ([document] + (items if isinstance(items, list) else [])):
            if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
                candidates.append(doc)
    if not candidates:
        raise MigrationError("no ConfigMap with a data section found")

    def name_of(doc: dict) -> str:
        metadata = doc.get("metadata")
        name = metadata.get("name") if isinstance(metadata, dict) else None
        return str(name) if name is not None else ""

    chosen = next((d for d in candidates if name_of(d) == "kube-dns"), None)
    if chosen is None:
        chosen = next((d for d in candidates if any(k in d["data"] for k in _KUBE_DNS_KEYS)), candidates[0])
    data: dict[str, str] = {}
    scalars: dict[str, Any] = {}
    for key, value in chosen["data"].items():
        if isinstance(value, Scalar):
            data[str(key)] = value.value
            scalars[str(key)] = value
        elif value is not None:
            data[str(key)] = json.dumps(value) if not isinstance(value, str) else value
    return data, scalars


def kube_dns_text(configmap: str | Mapping[str, str], *, coredns_version: VersionLike,
                  cluster_domain: str = "cluster.local") -> tuple[str, tuple[MigrationNotice, ...]]:
    """Translate a kube-dns ConfigMap into a Corefile for ``coredns_version``.

    ``configmap`` is the manifest text (YAML, which needs PyYAML, or JSON, as
    ``kubectl get configmap kube-dns -o yaml|json`` prints it; a List works too) or the
    ConfigMap's ``data`` mapping. Returns the Corefile text and what could not be carried
    over (warnings located at their data key in the manifest, when read from text).

    Raises ``MigrationError``: for a manifest that cannot be read (missing PyYAML included:
    the message says ``pip install 'corefile[configmap]'``), and for a JSON value that does
    not parse or has the wrong shape: ``key`` names the data key, ``line``/``column`` the
    place inside that value, and ``manifest_line``/``manifest_column`` the place in the
    manifest (when read from text).
    """
    scalars: dict[str, Any] = {}
    if isinstance(configmap, str):
        data, scalars = _configmap_data(configmap)
    else:
        data = dict(configmap)
    try:
        translation = kube_dns_to_corefile(data, coredns_version=coredns_version, cluster_domain=cluster_domain)
    except MigrationError as error:
        scalar = scalars.get(error.key or "")
        if scalar is None:
            raise
        if error.line is not None:
            value = scalar.value
            starts = [0] + [i + 1 for i, c in enumerate(value) if c == "\n"]
            index = starts[min(error.line, len(starts)) - 1] + (error.column or 1) - 1
            offset = scalar.text_map().start_of(min(index, len(value)))
        else:
            offset = scalar.start
        line, column = _text_position(scalar.text, offset)
        located = MigrationError(f"{error} (manifest line {line}, column {column})",
                                 key=error.key, line=error.line, column=error.column)
        located.manifest_line, located.manifest_column = line, column  # type: ignore[attr-defined]
        raise located from None
    notices = []
    for notice in translation.notices:
        line = column = None
        scalar = scalars.get(notice.key)
        if scalar is not None:
            line, column = _text_position(scalar.text, scalar.start)
        notices.append(MigrationNotice("warning", "kube-dns", str(notice), line, column))
    return translation.corefile_text, tuple(notices)


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
