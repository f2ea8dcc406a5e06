"""Lint the Corefiles held in Kubernetes ConfigMaps, pointing findings at the manifest's lines.

A manifest (one YAML document or several, a ``kind: List``, or ``kubectl ... -o json``) may hold
ConfigMaps with a ``Corefile`` key. Each such Corefile is linted as CoreDNS would read it in the
pod: the keys of its own ConfigMap are files under ``/etc/coredns`` (so ``import
/etc/coredns/extra.conf`` reads the ``extra.conf`` key), and the keys of a ``coredns-custom``
ConfigMap in the same input are files under ``/etc/coredns/custom`` (k3s and AKS import
``/etc/coredns/custom/*.server`` and ``*.override``). Both folders are configurable.

When the input holds only a ``coredns-custom`` ConfigMap (AKS users edit only that one), its
keys are linted under a stand-in Corefile that imports them the way those distributions do;
findings in the stand-in itself are dropped.

Every finding is moved from the Corefile (or imported key) to the manifest: its span names the
manifest file and the line and column there, and its message names the ConfigMap and data key.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable

import attrs

from corefile.core.positions import Source, Span
from corefile.expansion.imports import FileAccess
from corefile.expansion.loader import Loaded, load_text
from corefile.lint.config import Config
from corefile.lint.findings import Finding, Related
from corefile.sources.manifests import Node, Scalar, read_manifest, text_of
from corefile.sources.scalars import TextMap

COREFILE_KEY = "Corefile"
DEFAULT_MOUNT = "/etc/coredns"
DEFAULT_CUSTOM_MOUNT = "/etc/coredns/custom"
DEFAULT_CUSTOM_NAME = "coredns-custom"

#: Stand-in for the Corefile when only the custom ConfigMap is given (k3s and AKS layout).
STAND_IN = ".:53 {{\n    import {custom}/*.override\n}}\nimport {custom}/*.server\n"


@attrs.frozen
class Mounts:
    """Where the ConfigMaps are mounted in the CoreDNS pod, and the custom ConfigMap's name."""

    configmap: str = DEFAULT_MOUNT
    custom: str = DEFAULT_CUSTOM_MOUNT
    custom_name: str = DEFAULT_CUSTOM_NAME


@attrs.frozen
class ConfigMap:
    """One ConfigMap of the input: its name and its string data keys."""

    name: str | None
    namespace: str | None
    data: dict[str, Scalar]

    @property
    def label(self) -> str:
        name = self.name or "(unnamed)"
        return f"{self.namespace}/{name}" if self.namespace else name


@attrs.frozen
class Origin:
    """Which ConfigMap key a finding came from."""

    configmap: str
    key: str

    def as_fields(self) -> dict[str, str]:
        return {"configmap": self.configmap, "key": self.key}


@attrs.frozen
class ManifestResult:
    """Findings of a manifest (already pointing at its lines) and the key each one came from."""

    findings: list[Finding]
    origins: dict[Finding, Origin]
    corefiles: int  #: How many Corefiles were linted (0: no ConfigMap with a Corefile key).


def configmaps(documents: Iterable[Node]) -> list[ConfigMap]:
    """Every ConfigMap in the documents, looking inside ``kind: List`` items."""
    found: list[ConfigMap] = []
    for document in documents:
        if not isinstance(document, dict):
            continue
        kind = text_of(document.get("kind"))
        if kind is not None and kind.endswith("List") and isinstance(document.get("items"), list):
            found.extend(configmaps(document["items"]))
            continue
        if kind not in (None, "ConfigMap") or not isinstance(document.get("data"), dict):
            continue
        metadata = document.get("metadata")
        metadata = metadata if isinstance(metadata, dict) else {}
        data = {key: value for key, value in document["data"].items() if isinstance(value, Scalar)}
        found.append(ConfigMap(text_of(metadata.get("name")), text_of(metadata.get("namespace")), data))
    return found


def lint_manifest(
    text: str,
    filename: str,
    config: Config | None = None,
    mounts: Mounts = Mounts(),
) -> ManifestResult:
    """Lint every Corefile of the manifest ``text``; ``filename`` names the manifest in findings.

    Raises :class:`~corefile.sources.manifests.ManifestError` when the manifest cannot be
    read (and :class:`~corefile.sources.manifests.YamlUnavailable` without PyYAML).
    """
    embedded = embedded_corefiles(text, filename, mounts)
    findings: list[Finding] = []
    origins: dict[Finding, Origin] = {}
    for corefile in embedded:
        for finding, origin in corefile.lint(config):
            findings.append(finding)
            if origin is not None:
                origins[finding] = origin
    findings = list(dict.fromkeys(findings))
    findings.sort(key=lambda finding: finding.sort_key)
    return ManifestResult(findings, origins, len(embedded))


def embedded_corefiles(text: str, filename: str, mounts: Mounts = Mounts()) -> list[EmbeddedCorefile]:
    """Every Corefile the manifest ``text`` holds, ready to load as CoreDNS reads it in the pod.

    One per ConfigMap with a ``Corefile`` key; when there is none but a custom ConfigMap, one
    stand-in that imports the custom keys the way k3s and AKS do.
    """
    maps = configmaps(read_manifest(text))
    customs = [cm for cm in maps if cm.name == mounts.custom_name]
    mains = [cm for cm in maps if COREFILE_KEY in cm.data and cm.name != mounts.custom_name]
    source = Source(text, filename)
    found = [_embedded(main, _custom_for(main, customs), source, mounts) for main in mains]
    if not mains and customs:
        found.append(_embedded(None, customs[0], source, mounts))
    return found


def _custom_for(main: ConfigMap, customs: list[ConfigMap]) -> ConfigMap | None:
    for custom in customs:
        if custom.namespace == main.namespace or custom.namespace is None or main.namespace is None:
            return custom
    return None


@attrs.define
class _Key:
    """One in-memory file: the ConfigMap key behind it and, lazily, its character map."""

    configmap: ConfigMap
    key: str
    scalar: Scalar
    _map: TextMap | None = None

    @property
    def text_map(self) -> TextMap:
        if self._map is None:
            self._map = self.scalar.text_map()
        return self._map


@attrs.frozen
class EmbeddedCorefile:
    """One Corefile of a manifest: its text, the keys it may import (by their path in the pod),
    and the way back from a span of the Corefile (or of a key) to the manifest's own lines."""

    configmap: ConfigMap | None  #: None for the stand-in of a lone custom ConfigMap.
    text: str
    coredns_path: str
    keys: dict[str, _Key]
    source: Source  #: The manifest.

    @property
    def label(self) -> str:
        """Which ConfigMap holds the Corefile (``namespace/name``)."""
        if self.configmap is not None:
            return self.configmap.label
        return next(iter(self.keys.values())).configmap.label if self.keys else "(custom)"

    @property
    def own_name(self) -> str:
        """The name the Corefile's own spans carry (imported keys carry their path in the pod)."""
        return self.source.path or "-"

    @property
    def files(self) -> dict[str, str]:
        return {path: key.scalar.value for path, key in self.keys.items()}

    def load(self, config: Config | None = None, access: FileAccess | None = None) -> Loaded:
        """The Corefile read and expanded as CoreDNS reads it in the pod."""
        from corefile.lint.linter import access_for, environment_for

        config = config or Config()
        return load_text(
            self.text,
            filename=self.own_name,
            environment=environment_for(config),
            access=access or access_for(self.own_name, config, self.files),
            coredns_path=self.coredns_path,
        )

    def lint(self, config: Config | None = None) -> list[tuple[Finding, Origin | None]]:
        """Findings pointing at the manifest, each with the key it came from."""
        from corefile.lint.linter import lint_loaded

        results = []
        for finding in lint_loaded(self.load(config), config):
            moved = self.relocate(finding)
            if moved is not None:
                results.append(moved)
        return results

    def _key_of(self, span: Span) -> _Key | None:
        if span.file == self.own_name:
            return self.keys.get(self.coredns_path) if self.configmap is not None else None
        return self.keys.get(span.file or "")

    def move(self, span: Span) -> Span | None:
        """``span`` in the manifest; None for a span of the stand-in; unchanged for a local file."""
        key = self._key_of(span)
        if key is None:
            return None if span.file == self.own_name else span
        text_map = key.text_map
        start = text_map.start_of(span.start.offset)
        end = max(start, text_map.end_of(span.start.offset, span.end.offset))
        return self.source.span(start, end)

    def origin(self, span: Span) -> Origin | None:
        key = self._key_of(span)
        return Origin(key.configmap.label, key.key) if key is not None else None

    def relocate(self, finding: Finding) -> tuple[Finding, Origin | None] | None:
        """The finding pointing at the manifest, and its key; None when it is about the stand-in."""
        if self.configmap is None and finding.span.file == self.own_name:
            return None  # about the stand-in Corefile, which the user did not write
        origin = self.origin(finding.span)
        if origin is None:
            return finding, None  # a local file read through --import-map
        note = f"ConfigMap {origin.configmap}, key {origin.key}"
        return relocate_finding(finding, self.move, note), origin


def relocate_finding(finding: Finding, move: Callable[[Span], Span | None], note: str) -> Finding:
    """``finding`` with every span moved by ``move`` into the file that holds the Corefile
    (spans ``move`` cannot place are kept, or dropped for notes and import chains), ``note``
    appended to the message, and no fix (its edits are offsets into the Corefile text)."""
    span = move(finding.span) or finding.span
    via = tuple(s for s in (move(v) for v in finding.via) if s is not None)
    related = tuple(Related(s, r.message) for r, s in ((r, move(r.span)) for r in finding.related) if s is not None)
    return attrs.evolve(finding, span=span, via=via, related=related, fix=None,
                        message=f"{finding.message} ({note})")


def _embedded(main: ConfigMap | None, custom: ConfigMap | None, source: Source, mounts: Mounts) -> EmbeddedCorefile:
    keys: dict[str, _Key] = {}
    if main is not None:
        for key, scalar in main.data.items():
            keys[posixpath.join(mounts.configmap, key)] = _Key(main, key, scalar)
    if custom is not None:
        for key, scalar in custom.data.items():
            keys[posixpath.join(mounts.custom, key)] = _Key(custom, key, scalar)
    corefile_path = posixpath.join(mounts.configmap, COREFILE_KEY)
    if main is not None:
        corefile_text = main.data[COREFILE_KEY].value
    else:
        corefile_text = STAND_IN.format(custom=mounts.custom.rstrip("/"))
    return EmbeddedCorefile(main, corefile_text, corefile_path, keys, source)
