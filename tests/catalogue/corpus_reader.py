"""Rebuild DirectiveLike objects from the corpus's token view (``expected/*.json``).

CoreDNS's reader groups a block's tokens by directive name; each token carries its line, so the
lines (and with them directive occurrences and option lines) can be recovered.  Tokens on a
source line that holds an environment placeholder are marked as placeholders: their value is
whatever the (unset) variable made of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from .fake_reader import FakeDirective, FakeWord

Token = tuple[str, int, str]


def load_blocks(expected_json: Path, corefile: Path) -> list[dict[str, list[FakeDirective]]] | None:
    """Per server block: directive name -> occurrences; None if the reader refused the file."""
    view = json.loads(expected_json.read_text(encoding="utf-8"))
    if not view.get("accepted"):
        return None
    source_lines = corefile.read_bytes().decode("utf-8", errors="replace").splitlines()
    placeholder_lines = {
        number for number, line in enumerate(source_lines, start=1) if "{$" in line or "{%" in line
    }
    blocks = []
    for block in view["blocks"]:
        directives = {}
        for name, tokens in block["directives"].items():
            words = [
                (FakeWord(text, file == "" and line in placeholder_lines), line, file)
                for text, line, file in tokens
            ]
            directives[name] = _occurrences(words)
        blocks.append(directives)
    return blocks


def _occurrences(words: list[tuple[FakeWord, int, str]]) -> list[FakeDirective]:
    parsed, _ = _lines(words, 0, inside_block=False)
    return parsed


def _lines(words: list[tuple[FakeWord, int, str]], index: int, *, inside_block: bool) -> tuple[list[FakeDirective], int]:
    parsed: list[FakeDirective] = []
    while index < len(words):
        word, line, file = words[index]
        if word.value == "}" and inside_block:
            return parsed, index + 1
        line_words = [word]
        index += 1
        while index < len(words):
            following, following_line, following_file = words[index]
            if (following_line, following_file) != (line, file) or following.value in ("{", "}"):
                break
            line_words.append(following)
            index += 1
        block = None
        if index < len(words) and words[index][0].value == "{" and words[index][1:] == (line, file):
            children, index = _lines(words, index + 1, inside_block=True)
            block = tuple(children)
        parsed.append(FakeDirective(line_words[0], tuple(line_words[1:]), block))
    return parsed, index
