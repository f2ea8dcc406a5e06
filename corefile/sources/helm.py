"""The CoreDNS Helm chart's values: the Corefile its template renders, and the way back from any
character of it to the values line it came from (read as an input by :mod:`corefile.sources.inputs`,
linted by :func:`corefile.lint.configmap.lint_values`).

The official chart (coredns/helm, ``charts/coredns``) describes the Corefile as data::

    extraConfig: {NAME: {parameters: WORDS}}     # top-level lines, sorted by NAME
    servers:
    - zones: [{zone: ., scheme: "", use_tcp: true}]
      port: 53
      plugins: [{name: errors}, {name: cache, parameters: 30, configBlock: "..."}]
    zoneFiles: [{filename: F, domain: D, contents: TEXT}]   # extra ConfigMap keys

:func:`render_values` builds the Corefile exactly as the chart's ConfigMap template writes it
(chart 1.46.2, appVersion 1.13.1, as the project's reference notes record it; other chart
releases are not checked), keeping for every character of the result the values line it came
from, so that findings move to that line: the plugin's ``name:`` for the plugin name,
``parameters:`` for an argument, the ``configBlock:`` body line for an option, the zone's
``zone:`` (or ``port:``) for a key.

Values are read as Helm reads them: plain YAML scalars resolve to numbers, booleans and null
(YAML 1.1, as Helm's YAML library), numbers pass through JSON as float64 and print as Go prints
them (``30``, but ``1e+06`` for a million), ``if`` and ``default`` treat ``0``, ``false``,
empty and null as unset, and a missing key prints nothing.
"""

from __future__ import annotations

import bisect
import posixpath
import re
from decimal import Decimal

import attrs

from corefile.core.positions import Source, Span
from corefile.sources.manifests import (
    Fields,
    ManifestError,
    Node,
    Scalar,
    read_manifest,
)
from corefile.sources.scalars import TextMap

#: The chart release whose template this module follows (and the CoreDNS release it ships).
CHART_VERSION = "1.46.2"
CHART_APP_VERSION = "1.13.1"

#: Where the chart mounts its ConfigMap in the pod (the Corefile and the zone files).
DEFAULT_MOUNT = "/etc/coredns"
COREFILE_KEY = "Corefile"
#: A top-level ``servers:`` key: what tells a values file of this chart from other YAML.
_SERVERS_KEY = re.compile(r"^servers:[ \t]*(?:#.*)?$", re.MULTILINE)
_GLUED_BRACE_HELP = "the chart glues `{` to the last zone when `port` is not set: set `port: 53` on this server"


class HelmValuesError(ManifestError):
    """The values file cannot be rendered (a ``servers`` entry of the wrong shape); 1-based position."""


def looks_like_values(text: str) -> bool:
    """Whether ``text`` looks like values of the CoreDNS chart: a top-level ``servers:`` key."""
    return bool(_SERVERS_KEY.search(text))


# --- Helm's view of a YAML value -------------------------------------------------------------

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
_FALSE = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}
_INT = re.compile(r"[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": "+Inf", ".Inf": "+Inf", ".INF": "+Inf", "+.inf": "+Inf", "-.inf": "-Inf",
                   "-.Inf": "-Inf", "-.INF": "-Inf", ".nan": "NaN", ".NaN": "NaN", ".NAN": "NaN"}


def _resolved(node: Node) -> object:
    """What Helm holds for a node: str, float (every YAML number), bool, None, list or dict."""
    if not isinstance(node, Scalar) or node.style != "":
        return node.value if isinstance(node, Scalar) else node
    plain = node.value
    if plain in _NULL:
        return None
    if plain in _TRUE:
        return True
    if plain in _FALSE:
        return False
    if plain in _SPECIAL_FLOATS:
        return float(_SPECIAL_FLOATS[plain].replace("Inf", "inf").replace("NaN", "nan"))
    digits = plain.replace("_", "")
    if _INT.fullmatch(digits):
        sign = -1 if digits.startswith("-") else 1
        body = digits.lstrip("+-")
        if body[:2] in ("0x", "0X"):
            number = int(body[2:], 16)
        elif body[:2] in ("0b", "0B"):
            number = int(body[2:], 2)
        elif body[:2] in ("0o", "0O"):
            number = int(body[2:], 8)
        elif len(body) > 1 and body.startswith("0"):
            number = int(body, 8)  # Go's base-0 parse: a leading 0 is octal
        else:
            number = int(body)
        return float(sign * number)
    if _FLOAT.fullmatch(digits):
        return float(digits)
    return plain


def _truthy(value: object) -> bool:
    """Go template truth: false, 0, nil, and empty strings, lists and maps are false."""
    if value is None or value is False:
        return False
    if isinstance(value, float):
        return value != 0
    if isinstance(value, (str, list, dict)):
        return len(value) > 0
    return True


def go_float(number: float) -> str:
    """A float64 as Go's ``fmt`` prints it with ``%v``: shortest digits, exponent from 1e+06 or below 1e-04."""
    if number != number:
        return "NaN"
    if number in (float("inf"), float("-inf")):
        return "+Inf" if number > 0 else "-Inf"
    if number == 0:
        return "-0" if str(number).startswith("-") else "0"
    sign, digit_tuple, exponent = Decimal(repr(number)).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    point = len(digits) + exponent  # where the decimal point goes in the digit string
    exp = point - 1
    prefix = "-" if sign else ""
    if exp < -4 or exp >= 6:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return f"{prefix}{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
    if point <= 0:
        return f"{prefix}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return prefix + digits + "0" * (point - len(digits))
    return f"{prefix}{digits[:point]}.{digits[point:]}"


def _printed(value: object) -> str:
    """``{{ value }}`` as Helm prints it (a missing key or null prints nothing)."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    if isinstance(value, list):
        return "[" + " ".join(_printed(_resolved(item)) for item in value) + "]"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{key}:{_printed(_resolved(value[key]))}" for key in sorted(value)) + "]"
    return str(value)


# --- The rendered Corefile and where each character came from -------------------------------


@attrs.frozen
class Segment:
    """A run of rendered characters and its origin in the values file.

    With a ``scalar``, character ``i`` of the run is character ``value_offset + i`` of the
    scalar's value (mapped exactly through its text map); without one, the run was written by
    the template and points at ``anchor`` as a whole.
    """

    start: int
    end: int
    anchor: Scalar
    path: str  #: Where in the values, e.g. ``servers[0].plugins[2].parameters``.
    scalar: Scalar | None = None
    value_offset: int = 0
    help: str | None = None  #: Advice for findings that start here (the glued brace).


@attrs.frozen
class HelmOrigin:
    """Which value a finding came from."""

    path: str

    def as_fields(self) -> dict[str, str]:
        return {"values": self.path}


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def template(self, text: str, anchor: Scalar, path: str, help: str | None = None) -> None:
        """Characters the template itself writes (spaces, braces, defaults)."""
        self._add(text, Segment(self.length, self.length + len(text), anchor, path, help=help))

    def value(self, text: str, scalar: Scalar, path: str, offset: int = 0) -> None:
        """Characters copied from ``scalar``'s value starting at ``offset`` (or printed from it)."""
        exact = scalar.value[offset:offset + len(text)] == text
        segment = Segment(self.length, self.length + len(text), scalar, path,
                          scalar if exact else None, offset)
        self._add(text, segment)

    def _add(self, text: str, segment: Segment) -> None:
        if not text:
            return
        self.parts.append(text)
        self.segments.append(segment)
        self.length += len(text)


@attrs.frozen(eq=False)
class HelmCorefile:
    """The Corefile the chart renders from one values file, and the way back to its lines."""

    text: str
    segments: tuple[Segment, ...]
    source: Source  #: The values file.
    coredns_path: str
    zone_files: dict[str, Scalar]  #: Extra ConfigMap keys by their path in the pod.
    zone_file_paths: dict[str, str]  #: Their place in the values (``zoneFiles[0].contents``).
    fallback: Scalar | None  #: Where findings with no better place point (the ``servers:`` key).
    _maps: dict[int, TextMap] = attrs.field(factory=dict, repr=False)
    _starts: list[int] = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_starts", [segment.start for segment in self.segments])

    @property
    def label(self) -> str:
        return self.source.path or "-"

    @property
    def own_name(self) -> str:
        return self.source.path or "-"

    @property
    def files(self) -> dict[str, str]:
        return {path: scalar.value for path, scalar in self.zone_files.items()}

    def _text_map(self, scalar: Scalar) -> TextMap:
        found = self._maps.get(id(scalar))
        if found is None:
            found = self._maps[id(scalar)] = scalar.text_map()
        return found

    def _segment_at(self, offset: int) -> Segment | None:
        if not self.segments:
            return None
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.segments[max(index, 0)]

    def _scalar_span(self, scalar: Scalar, start: int | None = None, end: int | None = None) -> Span:
        if start is None:
            return self.source.span(scalar.start, scalar.end)
        text_map = self._text_map(scalar)
        first = text_map.start_of(start)
        return self.source.span(first, max(first, text_map.end_of(start, end)))

    def locate(self, start: int, end: int) -> Span:
        """The span, in the values file, of the rendered characters ``[start, end)``."""
        segment = self._segment_at(start)
        if segment is None:
            if self.fallback is not None:
                return self._scalar_span(self.fallback)
            return self.source.span(0, 0)
        if segment.scalar is None:
            return self._scalar_span(segment.anchor)
        begin = segment.value_offset + max(0, start - segment.start)
        finish = segment.value_offset + min(segment.end, max(end, start + 1)) - segment.start
        return self._scalar_span(segment.scalar, begin, finish)

    def path_at(self, offset: int) -> str:
        """Where in the values the rendered character at ``offset`` came from (``servers[0].port``)."""
        segment = self._segment_at(offset)
        return segment.path if segment is not None else "servers"

    def hint(self, start: int, end: int) -> str | None:
        """Advice for a finding on the rendered ``[start, end)``: which value to set (the glued brace)."""
        return next((s.help for s in self.segments if s.help and s.start < max(end, start + 1) and start < s.end), None)


def render_values(text: str, filename: str, mount: str = DEFAULT_MOUNT) -> HelmCorefile:
    """The Corefile the chart renders from the values file ``text`` (named ``filename``), with
    its ConfigMap mounted at ``mount`` in the pod.

    Raises :class:`HelmValuesError` (a :class:`~corefile.sources.manifests.ManifestError`)
    when the YAML is not valid or a value has a shape the template cannot render.
    """
    documents = [document for document in read_manifest(text) if document is not None]
    source = Source(text, filename)
    if len(documents) != 1 or not isinstance(documents[0], Fields):
        raise HelmValuesError("a Helm values file is one YAML mapping", 1, 1)
    values = documents[0]
    servers = values.get("servers")
    fallback = values.keys_at.get("servers")
    writer = _Writer()
    lines = 0

    def newline(anchor: Scalar, path: str) -> None:
        nonlocal lines
        if lines:
            writer.template("\n", anchor, path)
        lines += 1

    extra = values.get("extraConfig")
    if _truthy(_resolved(extra)):
        if not isinstance(extra, Fields):
            raise _error(source, values.keys_at["extraConfig"], "`extraConfig` must be a mapping of NAME: {parameters: ...}")
        for name in sorted(extra):
            key = extra.keys_at[name]
            conf = extra[name]
            path = f"extraConfig.{name}"
            if conf is not None and not isinstance(conf, (Fields, Scalar)):
                raise _error(source, key, f"`{path}` must be a mapping with `parameters`")
            if isinstance(conf, Scalar) and conf.value not in _NULL:
                raise _error(source, conf, f"`{path}` must be a mapping with `parameters`, not a string")
            newline(key, path)
            writer.value(name, key, path)
            parameters = conf.get("parameters") if isinstance(conf, Fields) else None
            if _truthy(_resolved(parameters)):
                writer.template(" ", key, path + ".parameters")
                _write_value(writer, source, parameters, path + ".parameters")
    if servers is not None and not isinstance(servers, list):
        raise _error(source, fallback, "`servers` must be a list of servers")
    for index, server in enumerate(servers or ()):
        path = f"servers[{index}]"
        if not isinstance(server, Fields):
            raise _error(source, _first_scalar(server) or fallback, f"`{path}` must be a mapping (zones, port, plugins)")
        anchor = _first_key(server) or fallback
        newline(anchor, path)
        last_zone = _write_zones(writer, source, server, path, anchor)
        port = server.get("port")
        if _truthy(_resolved(port)):
            writer.template(":", port, path + ".port")
            _write_value(writer, source, port, path + ".port")
            writer.template(" {", port, path + ".port")
        else:
            writer.template("{", last_zone, path + ".zones", help=_GLUED_BRACE_HELP)
        plugins = server.get("plugins")
        if plugins is not None and not isinstance(plugins, list):
            raise _error(source, server.keys_at.get("plugins"), f"`{path}.plugins` must be a list")
        for number, plugin in enumerate(plugins or ()):
            _write_plugin(writer, source, plugin, f"{path}.plugins[{number}]", anchor)
        writer.template("\n}", anchor, path)
    zone_files: dict[str, Scalar] = {}
    zone_file_paths: dict[str, str] = {}
    entries = values.get("zoneFiles")
    if isinstance(entries, list):
        for index, entry in enumerate(entries):
            if isinstance(entry, Fields) and isinstance(entry.get("filename"), Scalar) and isinstance(entry.get("contents"), Scalar):
                pod_path = posixpath.join(mount, entry["filename"].value)
                zone_files[pod_path] = entry["contents"]
                zone_file_paths[pod_path] = f"zoneFiles[{index}].contents"
    return HelmCorefile(
        "".join(writer.parts),
        tuple(writer.segments),
        source,
        posixpath.join(mount, COREFILE_KEY),
        zone_files,
        zone_file_paths,
        fallback,
    )


def _write_zones(writer: _Writer, source: Source, server: Fields, path: str, anchor: Scalar) -> Scalar:
    """The server's keys; returns where the last key was written (for the glued brace)."""
    zones = server.get("zones")
    if zones is not None and not isinstance(zones, list):
        raise _error(source, server.keys_at.get("zones"), f"`{path}.zones` must be a list")
    if not zones:
        where = server.keys_at.get("zones") or anchor
        writer.template(".", where, path + ".zones")
        return where
    last = anchor
    for number, zone in enumerate(zones):
        zone_path = f"{path}.zones[{number}]"
        if not isinstance(zone, Fields):
            raise _error(source, _first_scalar(zone) or anchor, f"`{zone_path}` must be a mapping (zone, scheme)")
        if number:
            writer.template(" ", last, zone_path)
        scheme = zone.get("scheme")
        if _truthy(_resolved(scheme)):
            _write_value(writer, source, scheme, zone_path + ".scheme")
        name = zone.get("zone")
        if _truthy(_resolved(name)):
            _write_value(writer, source, name, zone_path + ".zone")
            last = name
        else:
            last = _first_key(zone) or anchor
            writer.template(".", last, zone_path + ".zone")
    return last


def _write_plugin(writer: _Writer, source: Source, plugin: Node, path: str, server_anchor: Scalar) -> None:
    if not isinstance(plugin, Fields):
        raise _error(source, _first_scalar(plugin) or server_anchor, f"`{path}` must be a mapping (name, parameters, configBlock)")
    name = plugin.get("name")
    anchor = name if isinstance(name, Scalar) else (_first_key(plugin) or server_anchor)
    writer.template("\n    ", anchor, path + ".name")
    if name is not None:
        _write_value(writer, source, name, path + ".name")
    parameters = plugin.get("parameters")
    if _truthy(_resolved(parameters)):
        writer.template(" ", parameters, path + ".parameters")
        _write_value(writer, source, parameters, path + ".parameters")
    block = plugin.get("configBlock")
    if _truthy(_resolved(block)):
        block_path = path + ".configBlock"
        if not isinstance(block, Scalar):
            raise _error(source, plugin.keys_at["configBlock"], f"`{block_path}` must be text")
        writer.template(" {\n", block, block_path)
        printed = _printed(_resolved(block))
        if printed != block.value:  # a number or a boolean: printed by Go, no exact mapping
            writer.template("        ", block, block_path)
            writer.value(printed, block, block_path)
        else:
            offset = 0
            for line in block.value.split("\n"):
                if offset:
                    writer.value("\n", block, block_path, offset - 1)
                writer.template("        ", block, block_path)  # `indent 12` less the block scalar's 4
                writer.value(line, block, block_path, offset)
                offset += len(line) + 1
        writer.template("\n    }", anchor, path + ".name")


def _write_value(writer: _Writer, source: Source, node: Node, path: str) -> None:
    if not isinstance(node, Scalar):
        printed = _printed(_resolved(node))
        anchor = _first_scalar(node)
        if anchor is None:
            return
        writer.template(printed, anchor, path)
        return
    printed = _printed(_resolved(node))
    if "\n" in printed or "\r" in printed:
        raise _error(source, node, f"`{path}` holds a line break: the chart would write it outside the Corefile's block")
    writer.value(printed, node, path)


def _first_key(fields: Fields) -> Scalar | None:
    return next(iter(fields.keys_at.values()), None)


def _first_scalar(node: Node) -> Scalar | None:
    if isinstance(node, Scalar):
        return node
    if isinstance(node, Fields):
        return _first_key(node)
    if isinstance(node, list):
        for item in node:
            found = _first_scalar(item)
            if found is not None:
                return found
    return None


def _error(source: Source, where: Scalar | None, message: str) -> HelmValuesError:
    if where is None:
        return HelmValuesError(message)
    position = source.position(where.start)
    return HelmValuesError(message, position.line, position.column)
