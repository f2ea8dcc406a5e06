"""The two sides of ``corefile diff``: Corefiles, ConfigMap manifests, Helm values, or any of them
as a git revision (``HEAD~1:deploy/coredns.yaml``).

A revision is read with ``git show`` in the repository that holds the path. The path is
relative to the current folder, as the other argument is (``HEAD~1:coredns.yaml coredns.yaml``
inside ``deploy/``); a path git itself would read, relative to the repository's top, works too.
The files next to it at that revision are what its imports read, so both sides expand their
imports from their own revision.
"""

from __future__ import annotations

import os
import posixpath
import subprocess

import attrs

from corefile.diff.model import Side, make_side
from corefile.expansion.imports import FileAccess
from corefile.lint.config import Config
from corefile.sources.configmaps import Mounts
from corefile.sources.manifests import ManifestError

#: Files next to a revision's Corefile that are read for its imports, at most.
MAX_REVISION_FILES = 2000
MAX_REVISION_FILE_BYTES = 1 << 20


class InputError(Exception):
    """A side cannot be read (no such file, not a repository, bad revision, bad manifest)."""


@attrs.frozen
class Raw:
    """What was read for one side, before it is interpreted."""

    label: str  #: As given on the command line.
    data: bytes
    path: str | None  #: Where the file is (or would be) on disk: the base for config and imports.
    access: FileAccess | None = None  #: Where its imports may be read (None: its folder on disk).
    coredns_path: str | None = None  #: The path CoreDNS would know it by, when not ``label``.
    revision: tuple[str, str, str] | None = None  #: (revision, repository top, path in it).


def read_raw(spec: str, config: Config, stdin: bytes | None = None) -> Raw:
    """The bytes behind ``spec``: ``-`` (standard input), a file, or ``REVISION:PATH``."""
    if spec == "-":
        return Raw("-", stdin if stdin is not None else b"", None)
    if os.path.isdir(spec):
        raise InputError(f"{spec}: a folder; give a file (a Corefile, a manifest or Helm values)")
    if os.path.exists(spec):
        from corefile.sources.files import MissingInput, read_input

        try:
            return Raw(spec, read_input(spec), spec)  # a regular file only, size-capped
        except MissingInput as error:
            raise InputError(str(error)) from None
    if ":" in spec:
        revision, _, path = spec.partition(":")
        if path:
            return _from_git(spec, revision, path, config)
    raise InputError(f"{spec}: no such file (and not REVISION:PATH)")


def _git(top: str, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", top, *args], input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise InputError("reading a revision needs git, which is not installed") from None


def _from_git(spec: str, revision: str, path: str, config: Config) -> Raw:
    absolute = os.path.abspath(path)
    folder = os.path.dirname(absolute)
    while folder and not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    found = _git(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise InputError(f"{spec}: {path} is not in a git repository ({folder})")
    top = found.stdout.decode().strip()
    inside = os.path.relpath(os.path.realpath(absolute), os.path.realpath(top))
    if inside.startswith(".."):
        raise InputError(f"{spec}: {path} is outside the repository {top}")
    inside = inside.replace(os.sep, "/")
    if revision and _git(top, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").returncode != 0:
        raise InputError(f"{spec}: {revision!r} is not a revision of the repository {top}")
    shown = _git(top, "show", f"{revision}:{inside}")
    if shown.returncode != 0 and not os.path.isabs(path):
        # git's own reading: a path relative to the repository's top, whatever the current folder
        from_top = posixpath.normpath(path.replace(os.sep, "/"))
        retry = _git(top, "show", f"{revision}:{from_top}")
        if retry.returncode == 0:
            shown, inside, absolute = retry, from_top, os.path.join(top, *from_top.split("/"))
    if shown.returncode != 0:
        at = f"revision {revision}" if revision else "the index"
        raise InputError(f"{spec}: {inside} does not exist at {at} of {top}")
    files = _revision_files(top, revision, posixpath.dirname(inside) or ".", os.path.join(top, *posixpath.dirname(inside).split("/")))
    for target, local in config.import_map.items():
        local_inside = os.path.relpath(os.path.realpath(os.path.abspath(local)), os.path.realpath(top))
        if local_inside.startswith(".."):
            continue
        base = os.path.join(top, local_inside)
        for file_path, content in _revision_files(top, revision, local_inside.replace(os.sep, "/"), base).items():
            files[target.rstrip("/") + "/" + os.path.relpath(file_path, base).replace(os.sep, "/")] = content
    coredns_path = os.path.join(top, *inside.split("/"))
    return Raw(spec, shown.stdout, absolute, FileAccess(files=files), coredns_path, (revision, top, inside))


def _revision_files(top: str, revision: str, folder: str, base: str) -> dict[str, bytes]:
    """The files under ``folder`` (in the repository) at ``revision`` ("" for the index), by local path."""
    if revision:
        listed = _git(top, "ls-tree", "-r", "-z", "--name-only", revision, "--", folder + "/" if folder != "." else ".")
    else:
        listed = _git(top, "ls-files", "-z", "--", folder)
    if listed.returncode != 0:
        return {}
    names = [name for name in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if name][:MAX_REVISION_FILES]
    if not names:
        return {}
    request = "".join(f"{revision}:{name}\n" for name in names).encode("utf-8", "surrogateescape")
    batch = _git(top, "cat-file", "--batch", data=request)
    files: dict[str, bytes] = {}
    output = batch.stdout
    position = 0
    for name in names:
        end = output.find(b"\n", position)
        if end == -1:
            break
        header = output[position:end].split()
        position = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # missing, or a submodule
        size = int(header[2])
        content = output[position:position + size]
        position += size + 1
        if size <= MAX_REVISION_FILE_BYTES:
            files[os.path.join(top, *name.split("/"))] = content
    return files


def read_side(
    spec: str,
    config: Config,
    *,
    input_format: str = "auto",
    mounts: Mounts = Mounts(),
    configmap: str | None = None,
    stdin: bytes | None = None,
) -> Side:
    """Read, expand and lint one side of the comparison (through :mod:`corefile.sources.inputs`)."""
    from corefile.expansion.loader import load_text
    from corefile.lint.linter import access_for, environment_for, lint_loaded, settings_for
    from corefile.sources.errors import InputError as UnreadableInput
    from corefile.sources.inputs import read_data

    raw = read_raw(spec, config, stdin)
    try:
        source = read_data(raw.data, path=raw.path if raw.revision is None else None, name=raw.label,
                           input_format=input_format, mounts=mounts)
    except (ManifestError, UnreadableInput) as error:
        raise InputError(str(error)) from None
    documents = source.documents
    if configmap is not None:
        documents = [d for d in documents if d.main is not None and d.main.configmap is not None
                     and configmap in (d.main.configmap.label, d.main.configmap.name)]
    if not documents:
        wanted = f" named {configmap}" if configmap else ""
        raise InputError(f"{raw.label}: no ConfigMap{wanted} with a Corefile key")
    if len(documents) > 1:
        names = ", ".join(document.label for document in documents)
        raise InputError(f"{raw.label}: several ConfigMaps hold a Corefile ({names}); pick one with --configmap NAME")
    document = documents[0]
    kind = "helm" if source.helm else "configmap" if source.is_manifest else "corefile"

    if raw.access is not None:  # a revision: its own keys, then the files next to it at that revision
        access = FileAccess(files={**raw.access.files, **document.files})
    elif source.is_manifest:
        access = access_for(document.filename, config, document.files)
    else:
        access = access_for(raw.path, config)
    loaded = load_text(document.read_by_coredns(), filename=document.filename, environment=environment_for(config),
                       access=access, coredns_path=document.coredns_path or raw.coredns_path)
    findings = lint_loaded(loaded, config)
    renamed = _revision_names(raw)

    def locate(span):
        moved = document.locate(span) or span
        return attrs.evolve(moved, file=renamed(moved.file)) if renamed is not None else moved

    def relocate(finding):
        if source.is_manifest:
            from corefile.lint.configmap import located

            moved = located(document, [finding])
            if not moved:
                return None  # about the stand-in Corefile of a lone coredns-custom
            shown, origin = moved[0]
            return shown, (origin.as_fields() if origin is not None else {})
        if renamed is None:
            return finding, {}
        return attrs.evolve(finding, span=locate(finding.span), via=tuple(map(locate, finding.via))), {}

    return make_side(raw.label, kind, loaded, settings_for(config), findings, relocate, locate)


def _revision_names(raw: Raw):
    """For a revision, a function naming imported files ``REVISION:path`` instead of their working-copy path."""
    if raw.revision is None:
        return None
    revision, top, _inside = raw.revision
    prefix = os.path.join(top, "")

    def renamed(file: str | None) -> str | None:
        if file and file.startswith(prefix):
            return f"{revision}:{file[len(prefix):].replace(os.sep, '/')}"
        return file

    return renamed
