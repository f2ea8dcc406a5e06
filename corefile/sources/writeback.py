"""Write an edited string back into the manifest it came from, changing only that string's bytes.

A literal block scalar (``|``, ``|-``, ``|+``, with or without an indentation indicator) is
rewritten line by line: lines whose text did not change keep their exact bytes, changed and
new lines get the scalar's indentation and the manifest's line ending. A JSON string, and a
YAML double-quoted scalar, are encoded again as one string in their own quoting.

Everything else is refused with :class:`~corefile.sources.errors.WriteBackRefused`: a folded
(``>``), plain or single-quoted scalar (its line folding cannot hold the Corefile's lines as they
are), and a scalar that an anchor or alias shares with another place. After rewriting, the whole
manifest is read again; every string must read as before except the edited ones, which must read
as the new text: otherwise the edit is refused too, and nothing is written.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping

from corefile.sources.errors import WriteBackRefused
from corefile.sources.manifests import Node, Scalar, read_manifest
from corefile.sources.scalars import block_layout

#: Characters a YAML stream may not hold as they are (outside YAML's printable set), and the
#: line breaks that a double-quoted scalar would fold.
_YAML_ESCAPE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\x85\u2028\u2029]")
_NAMED_BREAKS = {"\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def chomped(value: str, scalar: Scalar) -> str:
    """``value`` with the trailing line breaks its scalar's chomping indicator can hold.

    CoreDNS does not care how many line breaks end a Corefile; the ConfigMap's header does:
    ``|`` keeps exactly one, ``|-`` none, ``|+`` all. Other styles hold any value.
    """
    if scalar.style != "|":
        return value
    chomping = block_layout(scalar.text, scalar.start, scalar.end, scalar.parent_indent).chomping
    if chomping == "+":
        return value
    body = value.rstrip("\n")
    if chomping == "-" or not body:
        return body
    return body + "\n"


def replacement(scalar: Scalar, value: str, where: str) -> tuple[int, int, str]:
    """``(start, end, new source text)`` that makes ``scalar`` read as ``value``.

    ``where`` names the scalar in refusals (``coredns.yaml:7:13: ConfigMap kube-system/coredns,
    key Corefile``).
    """
    if scalar.shared:
        raise WriteBackRefused(
            f"{where}: an anchor or alias shares this value with another place; editing it would change "
            "that place too. Nothing was written; give the Corefile its own value to rewrite it.")
    if scalar.style == "json":
        ascii_only = bool(re.search(r"\\u00[89a-fA-F]|\\u0[1-9a-fA-F]|\\u[1-9a-fA-F]", scalar.text[scalar.start:scalar.end]))
        return scalar.start, scalar.end, json.dumps(value, ensure_ascii=ascii_only)
    if scalar.style == '"':
        return scalar.start, scalar.end, _double_quoted(value)
    if scalar.style == "|":
        return _literal(scalar, value, where)
    style = {">": "a folded block scalar (>)", "'": "a single-quoted scalar", "": "a plain scalar"}[scalar.style]
    raise WriteBackRefused(
        f"{where}: the Corefile is {style}, whose line folding cannot hold the edited lines as they are. "
        "Nothing was written; write the key as a literal block scalar (Corefile: |) to rewrite it.")


def _double_quoted(value: str) -> str:
    encoded = json.dumps(value, ensure_ascii=False)
    return _YAML_ESCAPE.sub(lambda m: _NAMED_BREAKS.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                                                        else f"\\u{ord(m.group()):04x}"), encoded)


def _literal(scalar: Scalar, value: str, where: str) -> tuple[int, int, str]:
    text = scalar.text
    layout = block_layout(text, scalar.start, scalar.end, scalar.parent_indent)
    if layout.header_end == -1:
        raise WriteBackRefused(f"{where}: the block scalar has no content lines to rewrite. Nothing was written.")
    value = chomped(value, scalar)
    old_lines = _content_lines(scalar.value)
    new_lines = _content_lines(value)
    first = next((line for line in new_lines if line.strip()), "")
    if not layout.explicit_indent and first[:1] in (" ", "\t") and first.strip():
        raise WriteBackRefused(
            f"{where}: the edited Corefile's first line starts with whitespace, which a block scalar without an "
            "indentation indicator cannot hold. Nothing was written.")
    region = layout.lines
    newline = "\r\n" if any(text[content_end:following] == "\r\n" for _, content_end, following in region) else "\n"
    indent = " " * layout.indent
    # Each output line: (source text without its line break, line break).
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for line_start, content_end, following in region[i1:i2]:
                out.append((text[line_start:content_end], text[content_end:following]))
        elif tag in ("replace", "insert"):
            out.extend(((indent + line) if line else "", newline) for line in new_lines[j1:j2])
    for line_start, content_end, following in region[len(old_lines):]:
        out.append((text[line_start:content_end], text[content_end:following]))
    ends_with_break = bool(region) and text[region[-1][1]:region[-1][2]] != ""
    rendered = []
    for index, (line, line_break) in enumerate(out):
        if index == len(out) - 1 and not ends_with_break and region:
            line_break = ""
        elif not line_break:
            line_break = newline
        rendered.append(line + line_break)
    return layout.header_end + 1, scalar.end, "".join(rendered)


def _content_lines(value: str) -> list[str]:
    """The lines of a block scalar's value, each without its line break."""
    if not value:
        return []
    lines = value.split("\n")
    if value.endswith("\n"):
        lines.pop()
    return lines


def rewrite_manifest(text: str, changes: Mapping[Scalar, tuple[str, str]]) -> str:
    """The manifest ``text`` with each changed scalar reading as its new value.

    ``changes`` maps a scalar of ``text`` to (new value, where it is for messages). Raises
    :class:`WriteBackRefused` when one cannot be written back faithfully.
    """
    edits = []
    expected: dict[tuple, str] = {}
    for scalar, (value, where) in changes.items():
        if chomped(value, scalar) == scalar.value:
            continue
        edits.append(replacement(scalar, value, where))
        expected[scalar.path] = chomped(value, scalar)
    if not edits:
        return text
    out = []
    position = 0
    for start, end, new in sorted(edits):
        out.append(text[position:start])
        out.append(new)
        position = end
    out.append(text[position:])
    result = "".join(out)
    _check_reads_back(text, result, expected, changes)
    return result


def _strings(node: Node, found: dict[tuple, str]) -> dict[tuple, str]:
    if isinstance(node, dict):
        for item in node.values():
            _strings(item, found)
    elif isinstance(node, list):
        for item in node:
            _strings(item, found)
    elif isinstance(node, Scalar):
        found[node.path] = node.value
    return found


def _check_reads_back(before: str, after: str, expected: dict[tuple, str], changes) -> None:
    where = next(iter(w for _, w in changes.values()))
    try:
        old = {}
        for document in read_manifest(before):
            _strings(document, old)
        new = {}
        for document in read_manifest(after):
            _strings(document, new)
    except ValueError as error:
        raise WriteBackRefused(f"{where}: the rewritten manifest would not read ({error}). Nothing was written.") from None
    for path, value in expected.items():
        old[path] = value
    if old != new:
        changed = sorted(str("/".join(map(str, path))) for path in set(old) | set(new) if old.get(path) != new.get(path))
        raise WriteBackRefused(
            f"{where}: the rewritten manifest would not read back as the edit ({', '.join(changed[:3])} would differ). "
            "Nothing was written.")
