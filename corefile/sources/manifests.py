"""Kubernetes manifests (YAML or JSON) read with every string's position kept.

YAML is read with PyYAML's *composer* and safe loader (no object construction, no tags run),
which keeps a start and end mark on every node; JSON is read by a small position-keeping reader
of our own, so JSON input (``kubectl get configmap -o json``) needs no extra package.

The result is plain data: dicts, lists and :class:`Scalar` strings that know where they sit.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator
from json.decoder import scanstring
from typing import Any, Union

import attrs

from corefile.sources.errors import InputError
from corefile.sources.scalars import (
    TextMap,
    block_scalar_map,
    flow_scalar_map,
    json_string_map,
)

#: What `pip install` gives the YAML support.
YAML_EXTRA = "pip install 'corefile[configmap]'"


class ManifestError(InputError):
    """The manifest could not be read (bad YAML or JSON). ``line``/``column`` are 1-based."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.name: str | None = None  #: The manifest's name, once the reader knows it.

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}: " if self.line is not None else ""
        if self.name:
            where = f"{self.name}:{where}" if where else f"{self.name}: "
        return where + self.args[0]


class YamlUnavailable(ManifestError):
    """PyYAML is not installed."""

    def __init__(self) -> None:
        super().__init__(f"reading YAML manifests needs PyYAML: {YAML_EXTRA}")


@attrs.frozen(eq=False)
class Scalar:
    """A string of the manifest and where it sits.

    ``style`` is the YAML scalar style (``|``, ``>``, ``"``, ``'``, or ``""`` for plain) or
    ``json``; ``start``/``end`` bound its source text (indicator and quotes included);
    ``parent_indent`` is the enclosing block's column (block scalars with ``|2`` need it);
    ``path`` is where it sits in the stream (document index, then keys and item indexes);
    ``shared`` is True when an anchor or alias makes it (or a collection holding it) appear
    in more than one place, so that editing it would change the others too.
    """

    value: str
    style: str
    start: int
    end: int
    text: str = attrs.field(repr=False)
    parent_indent: int = -1
    path: tuple = ()
    shared: bool = False

    def text_map(self) -> TextMap:
        """Where each character of :attr:`value` sits in the file."""
        if self.style == "json":
            return json_string_map(self.text, self.start, self.end, self.value)
        if self.style in ("|", ">"):
            return block_scalar_map(self.text, self.start, self.end, self.value, self.parent_indent)
        return flow_scalar_map(self.text, self.start, self.end, self.value, self.style or None)

    def __str__(self) -> str:
        return self.value


class Fields(dict):
    """A mapping of the manifest; :attr:`keys_at` holds each key as a :class:`Scalar` (where it is written)."""

    __slots__ = ("keys_at",)

    def __init__(self) -> None:
        super().__init__()
        self.keys_at: dict[str, Scalar] = {}


Node = Union[dict, list, Scalar, int, float, bool, None]

_YAML_HINT = re.compile(
    r"^\s*kind:\s*[\"']?(?:ConfigMap|\w*List)[\"']?\s*(?:#.*)?$|^\s+Corefile:\s*[|>\"']",
    re.MULTILINE,
)
_JSON_HINT = re.compile(r"\"kind\"\s*:\s*\"(?:ConfigMap|\w*List)\"|\"Corefile\"\s*:")


def is_json(text: str) -> bool:
    """Whether the text is (meant to be) JSON: its first non-blank character opens an object or array."""
    stripped = text.lstrip("\ufeff \t\r\n")
    return stripped.startswith(("{", "["))


def looks_like_manifest(text: str) -> bool:
    """Whether ``text`` looks like a ConfigMap manifest rather than a Corefile (no parsing: cheap).

    YAML: a ``kind: ConfigMap`` or ``kind: List`` line, or an indented ``Corefile: |`` key.
    JSON: an object with ``"kind": "ConfigMap"``/``"List"`` or a ``"Corefile"`` key. No valid
    Corefile has these shapes (a Corefile cannot start with ``{``).
    """
    if is_json(text):
        return bool(_JSON_HINT.search(text))
    return bool(_YAML_HINT.search(text))


def read_manifest(text: str) -> list[Node]:
    """Every document of a YAML stream (or the one JSON value) as plain data with :class:`Scalar` strings."""
    if is_json(text):
        return [_JsonReader(text).document()]
    return list(_yaml_documents(text))


@functools.lru_cache(maxsize=None)
def _loader_class():
    import yaml

    class SharingLoader(yaml.SafeLoader):
        """The safe loader, noting every node that carries an anchor or is reached by an alias."""

        def __init__(self, stream) -> None:
            super().__init__(stream)
            self.shared_nodes: set[int] = set()

        def compose_node(self, parent, index):
            event = self.peek_event()
            shared = isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None
            node = super().compose_node(parent, index)
            if shared:
                self.shared_nodes.add(id(node))
            return node

    return SharingLoader


def _yaml_documents(text: str) -> Iterator[Node]:
    try:
        import yaml
    except ImportError:
        raise YamlUnavailable() from None
    loader = _loader_class()(text)
    try:
        index = 0
        while loader.check_node():
            root = loader.get_node()
            if root is not None:
                yield _from_yaml(root, text, -1, (index,), loader.shared_nodes, False)
            index += 1
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        raise ManifestError(f"not valid YAML: {message}", mark.line + 1 if mark else None,
                            mark.column + 1 if mark else None) from None
    except yaml.YAMLError as error:
        raise ManifestError(f"not valid YAML: {error}") from None
    finally:
        loader.dispose()


def _from_yaml(node: Any, text: str, parent_indent: int, path: tuple, shared_nodes: set[int], shared: bool) -> Node:
    import yaml

    shared = shared or id(node) in shared_nodes
    if isinstance(node, yaml.MappingNode):
        result = Fields()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                result[key.value] = _from_yaml(value, text, key.start_mark.column, (*path, key.value), shared_nodes, shared)
                result.keys_at[key.value] = _from_yaml(key, text, parent_indent, (*path, key.value), shared_nodes, shared)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_from_yaml(item, text, node.start_mark.column, (*path, index), shared_nodes, shared)
                for index, item in enumerate(node.value)]
    return Scalar(node.value, node.style or "", node.start_mark.index, node.end_mark.index, text, parent_indent,
                  path, shared)


_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": True, "false": False, "null": None}


class _JsonReader:
    """A strict JSON reader that keeps the position of every string."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def document(self) -> Node:
        if self.text.startswith("\ufeff"):
            self.position = 1
        value = self.value((0,))
        self.skip_space()
        if self.position != len(self.text):
            self.fail("extra data after the JSON value")
        return value

    def fail(self, message: str) -> None:
        before = self.text[:self.position]
        line = before.count("\n") + 1
        column = self.position - (before.rfind("\n") + 1) + 1
        raise ManifestError(f"not valid JSON: {message}", line, column)

    def skip_space(self) -> None:
        while self.position < len(self.text) and self.text[self.position] in " \t\r\n":
            self.position += 1

    def value(self, path: tuple) -> Node:
        self.skip_space()
        char = self.text[self.position:self.position + 1]
        if char == "{":
            return self.object(path)
        if char == "[":
            return self.array(path)
        if char == '"':
            return self.string(path)
        for word, literal in _LITERALS.items():
            if self.text.startswith(word, self.position):
                self.position += len(word)
                return literal
        match = _NUMBER.match(self.text, self.position)
        if match is None:
            self.fail("expected a value")
        self.position = match.end()
        return json.loads(match.group())

    def string(self, path: tuple = ()) -> Scalar:
        start = self.position
        try:
            value, end = scanstring(self.text, start + 1, True)
        except json.JSONDecodeError as error:
            self.position = error.pos
            self.fail(error.msg)
        self.position = end
        return Scalar(value, "json", start, end, self.text, path=path)

    def object(self, path: tuple) -> dict[str, Node]:
        self.position += 1
        result = Fields()
        self.skip_space()
        if self.text.startswith("}", self.position):
            self.position += 1
            return result
        while True:
            self.skip_space()
            if not self.text.startswith('"', self.position):
                self.fail("expected a string key")
            key_scalar = self.string()
            key = key_scalar.value
            result.keys_at[key] = key_scalar
            self.skip_space()
            if not self.text.startswith(":", self.position):
                self.fail("expected ':'")
            self.position += 1
            result[key] = self.value((*path, key))
            self.skip_space()
            if self.text.startswith(",", self.position):
                self.position += 1
                continue
            if self.text.startswith("}", self.position):
                self.position += 1
                return result
            self.fail("expected ',' or '}'")

    def array(self, path: tuple) -> list[Node]:
        self.position += 1
        result: list[Node] = []
        self.skip_space()
        if self.text.startswith("]", self.position):
            self.position += 1
            return result
        while True:
            result.append(self.value((*path, len(result))))
            self.skip_space()
            if self.text.startswith(",", self.position):
                self.position += 1
                continue
            if self.text.startswith("]", self.position):
                self.position += 1
                return result
            self.fail("expected ',' or ']'")


def text_of(node: Node) -> str | None:
    """The string value of a node, or None when it is not a string."""
    return node.value if isinstance(node, Scalar) else None
