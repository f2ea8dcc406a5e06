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

``apply_plan`` turns a plan back into text, through the final state that
:mod:`corefile.migrate.final_state` replays from the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import corefile.migrate.actions as act
from corefile.migrate.final_state import (
    OptionState,
    PluginState,
    ServerState,
    replay,
)
from corefile.migrate.notices import MigrationError
from corefile.migrate.tree_model import (
    model_from_tree,
    node_key,
    strip_refs,
    word_values,
)
from corefile.syntax.nodes import (
    Comment,
    Directive,
    Word,
    first_word,
    iter_words,
    last_word,
)
from corefile.syntax.nodes import (
    Corefile as Tree,
)

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

    def render_plugin(self, plugin: PluginState, indent: str, carried: list[Comment]) -> list[str]:
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


def _apply_plugin(ap: _Applier, plugin: PluginState, indent: str) -> None:
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


def _changed(option: OptionState) -> bool:
    node = option.node
    return node is not None and (node.name.value != option.name or word_values(node.arguments) != option.args)


def _open_block(ap: _Applier, node: Directive, indent: str, option_indent: str, added: list[OptionState]) -> None:
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
        from corefile.syntax.reader import parse

        tree = parse(text_or_tree)
    ap = _Applier(tree)
    if not plan.actions:
        return ap.text
    nodes: dict[tuple[str, int], Any] = {("servers", 0): tree.server_blocks}
    for block in tree.server_blocks:
        nodes[node_key(block)] = block
        for statement in block.directives:
            nodes[node_key(statement)] = statement
            if statement.block is not None:
                for inner in statement.block.body:
                    if isinstance(inner, Directive):
                        nodes[node_key(inner)] = inner
    servers = replay(plan, nodes)
    final_home: dict[int, ServerState] = {}
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
    from corefile.core.errors import CorefileError
    from corefile.syntax.reader import parse

    try:
        again = model_from_tree(parse(result))
    except CorefileError as error:
        raise MigrationError(f"internal error: the migrated text does not read back: {error}") from None
    if strip_refs(again) != strip_refs(plan.result):
        raise MigrationError("internal error: the migrated text does not say what the plan says")


# ----------------------------------------------------------------------- notices
