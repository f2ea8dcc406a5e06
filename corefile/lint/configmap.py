"""Lint the Corefiles of an input, pointing findings at the input's own lines.

Reading the input (a plain file, a Kubernetes manifest, which ConfigMap keys are imported where,
or Helm values, which the chart renders into a Corefile) is :mod:`corefile.sources`' job; this
module lints each :class:`~corefile.sources.inputs.Document` as CoreDNS would read it in the pod
and moves every finding from the Corefile (or imported key) to the input: its span names the
manifest (or values) file and the line and column there, and its message names the ConfigMap and
data key (or the values path). Findings in a stand-in Corefile (only ``coredns-custom`` given)
are dropped: the user did not write it.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from corefile.lint.config import Config
from corefile.lint.findings import Finding, Related
from corefile.lint.linter import lint_text
from corefile.sources.configmaps import (  # noqa: F401 - re-exported: the names lint users know
    COREFILE_KEY,
    DEFAULT_CUSTOM_MOUNT,
    DEFAULT_CUSTOM_NAME,
    DEFAULT_MOUNT,
    STAND_IN,
    ConfigMap,
    Mounts,
    configmaps,
)
from corefile.sources.helm import HelmOrigin
from corefile.sources.inputs import Document, Input, Part, ValuesPart, read_data


def lint_path(path: str, config: Config | None = None) -> list[Finding]:
    """Findings for the file at ``path``: a Corefile, or a manifest whose ConfigMaps hold Corefiles
    (findings then point at the manifest's lines and name the ConfigMap and key)."""
    with open(path, "rb") as handle:
        data = handle.read()
    return lint_input(read_data(data, path=path, name=path), config).findings


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
    origins: dict[Finding, Origin | HelmOrigin]
    corefiles: int  #: How many Corefiles were linted (0: no ConfigMap with a Corefile key).
    #: How many Kubernetes objects the input holds (0 for a plain file, or YAML that is no manifest).
    objects: int = 0
    #: ConfigMaps with no Corefile key that look like kube-dns's (``stubDomains`` and friends).
    kube_dns: tuple[str, ...] = ()


def lint_document(document: Document, config: Config | None = None, texts: Mapping[Part, str] | None = None) -> list[Finding]:
    """Findings of one Corefile in its own coordinates (offsets into its text and imported keys).

    ``texts`` gives edited texts for some parts (the fix loop lints those instead).
    """
    texts = texts or {}
    if document.main is not None and document.main in texts:
        main_text: str | bytes = texts[document.main]
    else:
        main_text = document.read_by_coredns()
    files = {path: texts.get(part, part.text) for path, part in document.imports.items()}
    return lint_text(main_text, filename=document.filename, config=config, files=files,
                     coredns_path=document.coredns_path)


def lint_input(source: Input, config: Config | None = None) -> ManifestResult:
    """Lint every Corefile of ``source``, findings moved to the input's lines."""
    findings: list[Finding] = []
    origins: dict[Finding, Origin] = {}
    for document in source.documents:
        for finding, origin in located(document, lint_document(document, config)):
            findings.append(finding)
            if origin is not None:
                origins[finding] = origin
    findings = list(dict.fromkeys(findings))
    findings.sort(key=lambda finding: finding.sort_key)
    return ManifestResult(findings, origins, len(source.documents), source.objects, source.kube_dns)


def lint_manifest(text: str, filename: str, config: Config | None = None, mounts: Mounts = Mounts()) -> ManifestResult:
    """Lint every Corefile of the manifest ``text``; ``filename`` names the manifest in findings.

    Raises :class:`~corefile.sources.manifests.ManifestError` when the manifest cannot be
    read (and :class:`~corefile.sources.manifests.YamlUnavailable` without PyYAML).
    """
    return lint_input(read_data(text.encode("utf-8"), name=filename, input_format="configmap", mounts=mounts), config)


def lint_values(text: str, filename: str, config: Config | None = None, mounts: Mounts = Mounts()) -> ManifestResult:
    """Lint the Corefile the CoreDNS Helm chart renders from the values ``text``; findings point
    at the values' lines and name the value (``servers[0].plugins[5].parameters``).

    Raises :class:`~corefile.sources.helm.HelmValuesError` (a
    :class:`~corefile.sources.manifests.ManifestError`) when the values cannot be rendered.
    """
    return lint_input(read_data(text.encode("utf-8"), name=filename, input_format="helm", mounts=mounts), config)


def located(document: Document, found: list[Finding]) -> list[tuple[Finding, Origin | HelmOrigin | None]]:
    """Each finding of ``document`` with its spans in the input's coordinates, and its ConfigMap
    key (or, for Helm values, the value it came from)."""
    if not document.input.is_manifest:
        return [(finding, None) for finding in found]
    results: list[tuple[Finding, Origin | HelmOrigin | None]] = []
    for finding in found:
        part = document.part_of(finding.span.file)
        if part is None:
            if document.main is None and finding.span.file == document.filename:
                continue  # about the stand-in Corefile, which the user did not write
            results.append((finding, None))  # a local file read through --import-map
            continue
        help_text = finding.help
        if isinstance(part, ValuesPart):
            origin: Origin | HelmOrigin = HelmOrigin(part.path_at(finding.span.start.offset))
            note = f"values {origin.path}"
            # Advice about the Corefile's text is no use to someone who writes values: say which value to set.
            help_text = part.hint(finding.span.start.offset, finding.span.end.offset) or help_text
        else:
            origin = Origin(part.configmap.label, part.key)
            note = f"ConfigMap {origin.configmap}, key {origin.key}"
        span = document.locate(finding.span) or finding.span
        via = tuple(s for s in (document.locate(v) for v in finding.via) if s is not None)
        related = tuple(
            Related(s, r.message) for r, s in ((r, document.locate(r.span)) for r in finding.related) if s is not None
        )
        results.append((
            attrs.evolve(
                finding,
                span=span,
                via=via,
                related=related,
                fix=None,  # edits are offsets into the Corefile text; `--fix` applies them through sources
                message=f"{finding.message} ({note})",
                help=help_text,
            ),
            origin,
        ))
    return results
