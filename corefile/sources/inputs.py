"""Any input as the Corefiles it holds, and those Corefiles written back into it.

Every command reads through :func:`read_input` (a path or ``-``) or :func:`read_data` (bytes):

* a plain file is one :class:`Document`: its text in the file's own encoding, kept with its
  byte order mark and line endings (:mod:`corefile.sources.encoding`);
* a Kubernetes manifest (YAML with one or more documents, a ``kind: List``, or JSON) is one
  :class:`Document` per Corefile CoreDNS would run (:mod:`corefile.sources.configmaps`), whose
  imports may read the other keys of its ConfigMap and of ``coredns-custom``;
* a values file of the CoreDNS Helm chart is one :class:`Document`: the Corefile the chart
  renders from it (:mod:`corefile.sources.helm`), whose imports may read its ``zoneFiles``.
  Edits are never written back into values (:class:`ValuesPart`).

Each text a Corefile reads is a :class:`Part` that knows where each of its characters sits in
the input (:meth:`Part.locate`). :meth:`Input.rewrite` gives the input's bytes with some parts
changed and every other byte as it was, or refuses (:class:`~corefile.sources.errors.WriteBackRefused`,
:class:`~corefile.sources.encoding.Undecodable`) without writing anything.
"""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Mapping

import attrs

from corefile.core.positions import Source, Span
from corefile.sources.configmaps import (
    COREFILE_KEY,
    SERVER_SUFFIX,
    STAND_IN,
    ConfigMap,
    Mounts,
    configmaps,
    count_objects,
    looks_like_kube_dns,
    pairings,
)
from corefile.sources.encoding import FileText, encode, read_bytes
from corefile.sources.errors import InputError, WriteBackRefused
from corefile.sources.files import read_input as read_file
from corefile.sources.helm import HelmCorefile, looks_like_values, render_values
from corefile.sources.manifests import (
    ManifestError,
    Scalar,
    looks_like_manifest,
    read_manifest,
)
from corefile.sources.scalars import TextMap
from corefile.sources.writeback import rewrite_manifest

#: ``input_format`` values: decide by content, a Corefile, a manifest holding ConfigMaps, or Helm values.
INPUT_FORMATS = ("auto", "corefile", "configmap", "helm")


@attrs.define(eq=False)
class Part:
    """One text of an input: a whole plain file, or one ConfigMap key."""

    input: Input = attrs.field(repr=False)
    text: str = attrs.field(repr=False)
    configmap: ConfigMap | None = None
    key: str | None = None
    scalar: Scalar | None = attrs.field(default=None, repr=False)
    _map: TextMap | None = attrs.field(default=None, init=False, repr=False)

    @property
    def label(self) -> str:
        """Where the text is, in words: the file, or ``ConfigMap ns/name, key K``."""
        if self.configmap is None:
            return self.input.name
        return f"ConfigMap {self.configmap.label}, key {self.key}"

    @property
    def whole_corefile(self) -> bool:
        """Whether the text is a Corefile on its own (formattable), not a fragment imported into a block."""
        return self.configmap is None or self.key == COREFILE_KEY or (self.key or "").endswith(SERVER_SUFFIX)

    def locate(self, start: int, end: int) -> Span:
        """The span, in the input, of the characters ``[start, end)`` of :attr:`text`."""
        if self.scalar is None:
            return self.input.source.span(start, end)
        if self._map is None:
            self._map = self.scalar.text_map()
        first = self._map.start_of(start)
        return self.input.source.span(first, max(first, self._map.end_of(start, end)))

    @property
    def embedded(self) -> bool:
        """Whether the text sits inside another file (a ConfigMap key, Helm values), so that
        positions in it must be moved to that file's lines."""
        return self.scalar is not None

    def where(self) -> str:
        """``name:line:column: label`` for messages about this part."""
        if self.scalar is None:
            return self.input.name
        position = self.input.source.position(self.scalar.start)
        return f"{self.input.name}:{position.line}:{position.column}: {self.label}"


@attrs.define(eq=False)
class ValuesPart(Part):
    """A text that Helm values give: the Corefile the chart renders (``rendered``), or one of the
    ``zoneFiles`` (``scalar``, at ``values_path``). Positions map to the values file's lines."""

    rendered: HelmCorefile | None = attrs.field(default=None, repr=False)
    values_path: str = ""

    @property
    def label(self) -> str:
        return f"{self.input.name}, values {self.values_path}" if self.rendered is None else self.input.name

    @property
    def whole_corefile(self) -> bool:
        return self.rendered is not None

    @property
    def embedded(self) -> bool:
        return True

    def locate(self, start: int, end: int) -> Span:
        if self.rendered is None:
            return super().locate(start, end)
        return self.rendered.locate(start, end)

    def path_at(self, offset: int) -> str:
        """Where in the values the character at ``offset`` of :attr:`text` came from."""
        return self.rendered.path_at(offset) if self.rendered is not None else self.values_path

    def hint(self, start: int, end: int) -> str | None:
        """Advice about the value to set for a finding on ``[start, end)`` (the glued brace)."""
        return self.rendered.hint(start, end) if self.rendered is not None else None


@attrs.define(eq=False)
class Document:
    """One Corefile as CoreDNS would read it: its own text and the in-memory files it may import.

    ``filename`` is the name its own spans carry (and the base for relative imports); for a
    ConfigMap, ``coredns_path`` is the path the pod knows it by. ``main`` is None when the
    Corefile is the stand-in for a lone ``coredns-custom`` ConfigMap (:attr:`text` is then the
    stand-in's text). ``coredns_reads`` is what CoreDNS reads: a plain file's bytes (a UTF-16
    file or bytes that do not decode read as CoreDNS reads them), else the text.
    """

    input: Input = attrs.field(repr=False)
    filename: str | None
    main: Part | None
    text: str = attrs.field(repr=False)
    coredns_path: str | None = None
    imports: dict[str, Part] = attrs.Factory(dict)
    coredns_reads: str | bytes | None = attrs.field(default=None, repr=False)

    def read_by_coredns(self) -> str | bytes:
        return self.text if self.coredns_reads is None else self.coredns_reads

    @property
    def files(self) -> dict[str, str]:
        """The in-memory files the Corefile may import, by path in the pod."""
        return {path: part.text for path, part in self.imports.items()}

    @property
    def label(self) -> str:
        return self.main.label if self.main is not None else f"{self.input.name} (the custom ConfigMap's imports)"

    def part_of(self, file: str | None) -> Part | None:
        """The part a span's ``file`` names (None: a file on disk, or the stand-in)."""
        if file == self.filename:
            return self.main
        return self.imports.get(file or "")

    def locate(self, span: Span) -> Span | None:
        """``span`` (in the Corefile or an imported key) in the input's coordinates.

        Spans in files on disk are returned as they are; None for a span in the stand-in.
        """
        if self.input.manifest is None:
            return span
        part = self.part_of(span.file)
        if part is None:
            return None if span.file == self.filename else span
        return part.locate(span.start.offset, span.end.offset)


@attrs.define(eq=False)
class Input:
    """One input (a file, or standard input) and the Corefiles it holds.

    ``path`` is the file on disk (None for standard input); ``name`` names the input in
    messages. ``manifest`` is the manifest's text when the input is a manifest, else None.
    """

    name: str
    path: str | None
    file: FileText = attrs.field(repr=False)
    manifest: str | None = attrs.field(default=None, repr=False)
    documents: list[Document] = attrs.Factory(list)
    helm: bool = False  #: Helm values: the Corefile is rendered from them and never written back.
    parts: list[Part] = attrs.Factory(list)
    #: For a manifest: how many Kubernetes objects it holds (0: it is no manifest at all, e.g. a
    #: Corefile or a Helm values file read as YAML), and its kube-dns ConfigMaps (by label).
    objects: int = 0
    kube_dns: tuple[str, ...] = ()
    _source: Source | None = attrs.field(default=None, init=False, repr=False)

    @property
    def is_manifest(self) -> bool:
        return self.manifest is not None

    @property
    def source(self) -> Source:
        """The input's own text (for positions and excerpts)."""
        if self._source is None:
            self._source = Source(self.file.text, self.name)
        return self._source

    @property
    def corefiles(self) -> list[Part]:
        """The parts that are whole Corefiles (what ``format`` rewrites)."""
        return [part for part in self.parts if part.whole_corefile]

    def rewrite(self, changes: Mapping[Part, str], *, newlines: str = "file") -> bytes:
        """The input's bytes with each changed part reading as its new text, every other byte kept.

        ``newlines`` is for a plain file (see :func:`~corefile.sources.encoding.encode`): a
        manifest's new lines always take the manifest's line ending. Raises
        :class:`~corefile.sources.encoding.Undecodable` for bytes that do not decode and
        :class:`~corefile.sources.errors.WriteBackRefused` where a manifest cannot take the edit.
        """
        changes = {part: text for part, text in changes.items() if text != part.text}
        if not changes:
            return self.file.data
        if self.helm:
            raise WriteBackRefused(f"{self.name}: the Corefile is rendered from these Helm values; "
                                   "edits are not written back into them (change the values instead)")
        self.file.check_writable()
        if self.manifest is None:
            [text] = changes.values()
            return encode(text, self.file, newlines=newlines)
        scalars = {part.scalar: (text, part.where()) for part, text in changes.items() if part.scalar is not None}
        return encode(rewrite_manifest(self.manifest, scalars), self.file)


def read_input(
    path: str,
    *,
    stdin_filename: str | None = None,
    input_format: str = "auto",
    mounts: Mounts = Mounts(),
) -> Input:
    """Read a file, or standard input for ``-`` (named ``stdin_filename`` in messages).

    Files are read as :func:`corefile.sources.files.read_input` reads them (a regular file only,
    size-capped); it raises :class:`~corefile.sources.files.MissingInput` otherwise.
    """
    if path == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise InputError("-: standard input is closed")
        return read_data(stream.read(), path=None, name=stdin_filename, input_format=input_format, mounts=mounts)
    return read_data(read_file(path), path=path, name=path, input_format=input_format, mounts=mounts)


def read_data(
    data: bytes,
    *,
    path: str | None = None,
    name: str | None = None,
    input_format: str = "auto",
    mounts: Mounts = Mounts(),
) -> Input:
    """Read an input's bytes. ``name`` names it in findings (None: anonymous, shown as ``-``)."""
    display = name or path or "-"
    file = read_bytes(data, display)
    if input_format == "helm" or (input_format == "auto" and looks_like_values(file.text)
                                  and not looks_like_manifest(file.text)):
        return _read_helm(display, path, file, mounts)
    if input_format == "corefile" or (input_format == "auto" and not looks_like_manifest(file.text)):
        source = Input(display, path, file)
        part = Part(source, file.text)
        source.parts.append(part)
        source.documents.append(Document(source, name, part, file.text, coredns_reads=data))
        return source
    return _read_manifest(display, path, file, mounts)


def _read_manifest(display: str, path: str | None, file: FileText, mounts: Mounts) -> Input:
    source = Input(display, path, file, manifest=file.text)
    try:
        documents = read_manifest(file.text)
    except ManifestError as error:
        error.name = display
        raise
    maps = configmaps(documents)
    source.objects = count_objects(documents)
    source.kube_dns = tuple(configmap.label for configmap in maps if looks_like_kube_dns(configmap))
    parts: dict[tuple[int, str], Part] = {}

    def part(configmap: ConfigMap, key: str) -> Part:
        found = parts.get((id(configmap), key))
        if found is None:
            scalar = configmap.data[key]
            found = parts[(id(configmap), key)] = Part(source, scalar.value, configmap, key, scalar)
            source.parts.append(found)
        return found

    own_mount = mounts.configmap.rstrip("/") or "/"
    custom_mount = mounts.custom.rstrip("/") or "/"
    for pairing in pairings(maps, mounts):
        imports: dict[str, Part] = {}
        if pairing.main is not None:
            for key in pairing.main.data:
                imports[posixpath.join(own_mount, key)] = part(pairing.main, key)
        if pairing.custom is not None:
            for key in pairing.custom.data:
                imports[posixpath.join(custom_mount, key)] = part(pairing.custom, key)
        coredns_path = posixpath.join(own_mount, COREFILE_KEY)
        if pairing.main is not None:
            main = part(pairing.main, COREFILE_KEY)
            text = main.text
        else:
            main = None
            text = STAND_IN.format(custom=custom_mount.rstrip("/"))
        source.documents.append(Document(source, display, main, text, coredns_path, imports))
    return source


def _read_helm(display: str, path: str | None, file: FileText, mounts: Mounts) -> Input:
    """Helm values: one Document, the Corefile the chart renders, importing its zone files."""
    source = Input(display, path, file, manifest=file.text, helm=True)
    own_mount = mounts.configmap.rstrip("/") or "/"
    try:
        rendered = render_values(file.text, display, own_mount)
    except ManifestError as error:
        error.name = display
        raise
    main = ValuesPart(source, rendered.text, rendered=rendered, values_path="servers")
    source.parts.append(main)
    imports: dict[str, Part] = {}
    for pod_path, scalar in rendered.zone_files.items():
        zone_file = ValuesPart(source, scalar.value, key=posixpath.basename(pod_path), scalar=scalar,
                               values_path=rendered.zone_file_paths[pod_path])
        source.parts.append(zone_file)
        imports[pod_path] = zone_file
    source.documents.append(Document(source, display, main, rendered.text, rendered.coredns_path, imports))
    return source
