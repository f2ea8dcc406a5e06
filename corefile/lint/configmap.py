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
from collections.abc import Iterable

import attrs

from corefile.core.positions import Source, Span
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
    #: How many Kubernetes objects (mappings with a ``kind`` or ``apiVersion``) the input holds;
    #: 0 means it is no manifest at all (a plain Corefile read as YAML is one string).
    objects: int = 0
    #: ConfigMaps with no Corefile key that look like kube-dns's (``stubDomains`` and friends).
    kube_dns: tuple[str, ...] = ()


#: The data keys of kube-dns's ConfigMap, which ``corefile migrate kube-dns`` translates.
KUBE_DNS_KEYS = frozenset({"stubDomains", "upstreamNameservers", "federations"})


def count_objects(documents: Iterable[Node]) -> int:
    """Kubernetes objects in the documents (``kind: List`` items included)."""
    count = 0
    for document in documents:
        if not isinstance(document, dict) or not ("kind" in document or "apiVersion" in document):
            continue
        count += 1
        if isinstance(document.get("items"), list):
            count += count_objects(document["items"])
    return count


def looks_like_kube_dns(configmap: ConfigMap) -> bool:
    return COREFILE_KEY not in configmap.data and (
        bool(KUBE_DNS_KEYS & set(configmap.data)) or configmap.name == "kube-dns"
    )


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
    documents = read_manifest(text)
    maps = configmaps(documents)
    customs = [cm for cm in maps if cm.name == mounts.custom_name]
    mains = [cm for cm in maps if COREFILE_KEY in cm.data and cm.name != mounts.custom_name]
    source = Source(text, filename)
    findings: list[Finding] = []
    origins: dict[Finding, Origin] = {}
    for main in mains:
        custom = _custom_for(main, customs)
        for finding, origin in _lint_one(main, custom, source, config, mounts):
            findings.append(finding)
            if origin is not None:
                origins[finding] = origin
    if not mains and customs:
        for finding, origin in _lint_one(None, customs[0], source, config, mounts):
            findings.append(finding)
            if origin is not None:
                origins[finding] = origin
    findings = list(dict.fromkeys(findings))
    findings.sort(key=lambda finding: finding.sort_key)
    kube_dns = tuple(cm.label for cm in maps if looks_like_kube_dns(cm))
    return ManifestResult(findings, origins, len(mains) or (1 if customs else 0), count_objects(documents), kube_dns)


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


def _lint_one(
    main: ConfigMap | None,
    custom: ConfigMap | None,
    source: Source,
    config: Config | None,
    mounts: Mounts,
) -> list[tuple[Finding, Origin | None]]:
    from corefile.lint.linter import lint_text

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
    # The Corefile's own spans carry this name; imported keys carry their path in the pod.
    own_name = source.path or "-"
    found = lint_text(
        corefile_text,
        filename=own_name,
        config=config,
        files={path: key.scalar.value for path, key in keys.items()},
        coredns_path=corefile_path,
    )
    main_key = keys.get(corefile_path) if main is not None else None

    def key_of(span: Span) -> _Key | None:
        if span.file == own_name:
            return main_key
        return keys.get(span.file or "")

    def moved(span: Span) -> Span | None:
        key = key_of(span)
        if key is None:
            return None if span.file == own_name else span
        text_map = key.text_map
        start = text_map.start_of(span.start.offset)
        end = max(start, text_map.end_of(span.start.offset, span.end.offset))
        return source.span(start, end)

    results: list[tuple[Finding, Origin | None]] = []
    for finding in found:
        if main is None and finding.span.file == own_name:
            continue  # about the stand-in Corefile, which the user did not write
        key = key_of(finding.span)
        if key is None:
            results.append((finding, None))  # a local file read through --import-map
            continue
        origin = Origin(key.configmap.label, key.key)
        span = moved(finding.span) or finding.span
        via = tuple(s for s in (moved(v) for v in finding.via) if s is not None)
        related = tuple(
            Related(s, r.message) for r, s in ((r, moved(r.span)) for r in finding.related) if s is not None
        )
        results.append((
            attrs.evolve(
                finding,
                span=span,
                via=via,
                related=related,
                fix=None,  # edits are offsets into the Corefile text, not into the manifest
                message=f"{finding.message} (ConfigMap {origin.configmap}, key {origin.key})",
            ),
            origin,
        ))
    return results
