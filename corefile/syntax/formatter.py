"""``corefile format``: one canonical layout that keeps every token and every comment.

The layout: one directive per line, indented by nesting depth (4 spaces by default); a block's
``{`` at the end of the line that opens it and its ``}`` alone on its own line; one blank line
between top-level blocks; at most one blank line kept between statements; single spaces between
words; no trailing whitespace; LF line endings and a final newline.

Meaning is preserved by construction: the formatter prints the tree's own words in order and
only decides the whitespace between them, and it starts a new line exactly where CoreDNS would
see one anyway (a new directive, an option line, a closing brace). Words that must stay on a
line, such as ``fallthrough`` in ``} fallthrough``, stay there. Comments stay with what they
describe: a comment at the end of a line stays at the end of that line, a comment on its own
line stays on its own line above the next statement, at that statement's indentation.
"""

from __future__ import annotations

from corefile.syntax.nodes import (
    Block,
    Corefile,
    Directive,
    Import,
    ServerBlock,
    Snippet,
    Word,
)
from corefile.sources.encoding import read_bytes
from corefile.sources.inputs import read_data
from corefile.syntax.reader import parse


def format_text(text: str | bytes, *, indent: int = 4, filename: str | None = None) -> str:
    """Format Corefile text (raises :class:`~corefile.core.errors.CorefileSyntaxError` if CoreDNS would refuse it)."""
    return format_tree(parse(text, filename=filename), indent=indent)


def format_input(text: str | bytes, *, indent: int = 4, filename: str | None = None, input_format: str = "auto") -> str:
    """Format any input: a Corefile, or a manifest whose ConfigMaps hold Corefiles (only those
    block scalars change; every other character of the manifest stays).

    Raises :class:`~corefile.core.errors.CorefileSyntaxError` if CoreDNS would refuse a Corefile,
    and :class:`~corefile.sources.errors.InputError` when a manifest cannot be read or cannot
    take the edit back faithfully.
    """
    data = text.encode("utf-8") if isinstance(text, str) else text
    source = read_data(data, name=filename, input_format=input_format)
    if not source.is_manifest:
        return format_text(text, indent=indent, filename=filename)
    formatted = {part: format_text(part.text, indent=indent, filename=filename) for part in source.corefiles}
    return read_bytes(source.rewrite(formatted)).text


def format_tree(tree: Corefile, *, indent: int = 4) -> str:
    return _Printer(indent).corefile(tree)


class _Printer:
    def __init__(self, indent: int) -> None:
        self.unit = " " * indent
        self.lines: list[str] = []
        self.current: str | None = None
        self.depth_of_line = 0

    # -- line buffer -------------------------------------------------------------------------------
    def end_line(self) -> None:
        if self.current is not None:
            self.lines.append(self.current.rstrip())
            self.current = None

    def start_line(self, depth: int) -> None:
        self.end_line()
        self.current = self.unit * depth
        self.depth_of_line = depth

    def blank_line(self) -> None:
        self.end_line()
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def put(self, text: str) -> None:
        if self.current is None:
            self.current = text
        elif self.current.strip() == "":
            self.current += text
        else:
            self.current += " " + text

    # -- comments ------------------------------------------------------------------------------------
    def comments(self, word: Word, depth: int, *, keep_blank: bool = True) -> bool:
        """Print the comments before ``word``; True when one ended the current line."""
        ended = False
        for comment in word.comments:
            if not comment.own_line and self.current is not None and self.current.strip():
                self.put(comment.text)
                self.end_line()
            else:
                if keep_blank and comment.prefix.count("\n") >= 2:
                    self.blank_line()
                self.start_line(depth)
                self.put(comment.text)
                self.end_line()
            ended = True
        return ended

    def blank_before(self, word: Word) -> bool:
        """Whether a blank line separated ``word`` (or its first own-line comment) from what precedes it."""
        for comment in word.comments:
            if comment.own_line:
                return comment.prefix.count("\n") >= 2
        return not word.comments and word.prefix.count("\n") >= 2

    def word(self, word: Word) -> None:
        self.put(word.raw + (word.glued.text if word.glued is not None else ""))

    def trailing_blank(self, word: Word) -> bool:
        """A blank line between the last comment before ``word`` and ``word`` itself."""
        return bool(word.comments) and word.prefix.count("\n") >= 2

    # -- structure ---------------------------------------------------------------------------------------
    def corefile(self, tree: Corefile) -> str:
        for index, item in enumerate(tree.items):
            first = _first(item)
            if index:
                self.blank_line()
            self.comments(first, 0, keep_blank=index > 0)
            if self.trailing_blank(first) and self.lines:
                self.blank_line()
            if isinstance(item, Import):
                self.statement(item, 0, first_in_block=True)
            elif isinstance(item, Snippet):
                self.start_line(0)
                self.word(item.key)
                self.block(item.block, 0)
            else:
                self.server_block(item)
        self.end_of_file(tree)
        text = "\n".join(self.lines).strip("\n")
        prefix = "\ufeff" if tree.bom else ""
        if tree.end.raw:
            # CoreDNS ignores a lone quote at the very end only if nothing follows it, not even a
            # line break: keep it last, with no final newline.
            return prefix + (text + " " if text else "") + tree.end.raw
        return prefix + (text + "\n" if text else "")

    def end_of_file(self, tree: Corefile) -> None:
        for comment in tree.end.comments:
            if not comment.own_line and self.current is not None and self.current.strip():
                self.put(comment.text)
                self.end_line()
                continue
            if comment.prefix.count("\n") >= 2:
                self.blank_line()
            self.start_line(0)
            self.put(comment.text)
            self.end_line()
        self.end_line()

    def server_block(self, block: ServerBlock) -> None:
        self.start_line(0)
        for index, key in enumerate(block.keys):
            if index and key.comments:
                self.comments(key, 1, keep_blank=False)
                self.start_line(1)  # a key after a comment continues a comma-ended key line
            elif index and key.value == "import" and "\n" in key.prefix:
                self.start_line(1)  # first on its line, CoreDNS reads it as an import: keep it so
            self.word(key)
        if block.block is not None:
            self.block(block.block, 0)
            return
        for statement in block.bare_body:
            self.statement(statement, 1)
        if block.bare_close is not None:
            self.comments(block.bare_close, 1)
            self.start_line(0)
            self.word(block.bare_close)

    def block(self, block: Block, depth: int) -> None:
        if block.open.comments:
            self.comments(block.open, depth, keep_blank=False)
            self.start_line(depth)
        self.word(block.open)
        for index, statement in enumerate(block.body):
            if index == 0 and _inline_import_word(statement):
                # `{ import x` inside a plugin block is two words, not an import; a line break
                # would make it one, so it stays on the brace's line.
                for part in statement.parts:
                    self.block(part, depth + 1) if isinstance(part, Block) else self.word(part)
                continue
            self.statement(statement, depth + 1, first_in_block=index == 0)
        if block.close is None:
            return
        self.comments(block.close, depth + 1)
        self.start_line(depth)
        self.word(block.close)

    def statement(self, statement: Directive | Import, depth: int, *, first_in_block: bool = False) -> None:
        parts = statement.parts if isinstance(statement, Directive) else statement.words
        first = parts[0] if isinstance(parts[0], Word) else parts[0].open
        if not first_in_block and self.blank_before(first):
            self.blank_line()
        if isinstance(parts[0], Word):
            self.comments(first, depth)
            if not first_in_block and self.trailing_blank(first):
                self.blank_line()
            self.start_line(depth)
        for part in parts:
            if isinstance(part, Block):
                self.block(part, depth)
            else:
                if part is not first and part.comments:
                    # Only possible after a multi-line token; keep the words on this line.
                    self.comments(part, depth)
                    self.start_line(depth)
                self.word(part)


def _inline_import_word(statement) -> bool:
    if not isinstance(statement, Directive):
        return False
    name = statement.parts[0]
    return isinstance(name, Word) and name.value == "import" and "\n" not in name.prefix and not name.comments


def _first(item) -> Word:
    if isinstance(item, Import):
        return item.words[0]
    if isinstance(item, Snippet):
        return item.key
    if item.keys:
        return item.keys[0]
    return item.block.open if item.block is not None else item.bare_body[0].name


