"""The shape of a document as an editor needs it, read from the words alone.

Hover, completion, symbols and go-to-definition must work while a document is being typed, when
it often does not parse (a ``{`` just typed, its ``}`` not yet). So they do not use the syntax
tree but this outline, built from the lexer's words with CoreDNS's own two rules: a word that
starts a line begins a new statement, and braces nest. At the top level a statement is a server
block (its keys may continue after a trailing comma), a snippet ``(name)`` or an ``import``;
inside a server block or snippet it is a directive (or an ``import``); inside a directive's
block it is an option.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

import attrs

from corefile.syntax.nodes import Word

SERVER, SNIPPET, IMPORT, DIRECTIVE, OPTION = "server", "snippet", "import", "directive", "option"


@attrs.define(eq=False)
class Entry:
    """One statement: the words of its line (braces excluded) and its block, if it has one."""

    kind: str
    words: list[Word]
    parent: Entry | None
    open: Word | None = None
    close: Word | None = None
    children: list[Entry] = attrs.field(factory=list)

    @property
    def head(self) -> Word:
        return self.words[0]

    @property
    def start(self) -> int:
        return self.words[0].offset if self.words else (self.open.offset if self.open else 0)

    @property
    def end(self) -> int:
        if self.close is not None:
            return self.close.end_offset
        last = self.children[-1].end if self.children else 0
        words_end = max((word.end_offset for word in self.words), default=self.start)
        return max(last, words_end, self.open.end_offset if self.open else 0)

    @property
    def name(self) -> str:
        return self.words[0].value if self.words else "{"

    def ancestors(self) -> Iterator[Entry]:
        entry = self.parent
        while entry is not None:
            yield entry
            entry = entry.parent


def _is_brace(word: Word, brace: str) -> bool:
    return word.value == brace and not word.quoted


def _kind_under(parent: Entry | None, word: Word) -> str:
    if parent is None:
        if word.value == "import":
            return IMPORT
        if len(word.value) > 1 and word.value.startswith("(") and word.value.endswith(")"):
            return SNIPPET
        return SERVER
    if parent.kind in (SERVER, SNIPPET):
        return IMPORT if word.value == "import" else DIRECTIVE
    return OPTION


class Outline:
    """Top-level entries of a document and look-ups by offset."""

    def __init__(self, entries: list[Entry], words: Sequence[Word], entry_of: dict[int, Entry], text: str) -> None:
        self.entries = entries
        self.words = list(words)
        self._offsets = [word.offset for word in self.words]
        self._entry_of = entry_of
        self.text = text

    def word_at(self, offset: int) -> Word | None:
        """The word under ``offset`` (a cursor just after a word's last character counts)."""
        index = bisect_right(self._offsets, offset) - 1
        if index < 0:
            return None
        word = self.words[index]
        if word.offset <= offset <= word.end_offset:
            return word
        return None

    def entry_of(self, word: Word) -> Entry | None:
        return self._entry_of.get(word.offset)

    def enclosing(self, offset: int) -> Entry | None:
        """The innermost statement whose braces contain ``offset`` (None at the top level)."""
        found = None
        entries = self.entries
        while True:
            for entry in entries:
                if entry.open is None or not entry.open.end_offset <= offset:
                    continue
                if entry.close is not None and offset > entry.close.offset:
                    continue
                found = entry
                entries = entry.children
                break
            else:
                return found

    def snippets(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == SNIPPET]


def build_outline(words: Sequence[Word], text: str) -> Outline:
    root: list[Entry] = []
    stack: list[Entry] = []  # entries whose block is open
    entry_of: dict[int, Entry] = {}
    current: Entry | None = None  # the statement the current line belongs to
    previous: Word | None = None
    for word in words:
        new_line = previous is None or previous.line + previous.raw.count("\n") < word.line
        parent = stack[-1] if stack else None
        siblings = parent.children if parent is not None else root
        if _is_brace(word, "{"):
            owner = current if current is not None and current.open is None and current.parent is parent else None
            if owner is None:  # a block with no statement of its own on the line
                owner = Entry(OPTION if parent is not None else SERVER, [], parent)
                siblings.append(owner)
            owner.open = word
            entry_of[word.offset] = owner
            stack.append(owner)
            current = None
        elif _is_brace(word, "}"):
            if stack:
                closed = stack.pop()
                closed.close = word
                entry_of[word.offset] = closed
                current = closed  # words after `}` on its line belong to the statement it closes
        else:
            continues_keys = (
                current is not None
                and current.kind == SERVER
                and current.open is None
                and current.words
                and current.words[-1].value.endswith(",")
            )
            if current is None or (new_line and not continues_keys):
                current = Entry(_kind_under(parent, word), [word], parent)
                siblings.append(current)
            elif current.close is None:
                current.words.append(word)
            entry_of[word.offset] = current
        previous = word
    return Outline(root, words, entry_of, text)


def walk(entries: Sequence[Entry]) -> Iterator[Entry]:
    for entry in entries:
        yield entry
        yield from walk(entry.children)
