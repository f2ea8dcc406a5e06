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
from corefile.lint.configmap import Mounts
from corefile.sources.manifests import ManifestError, looks_like_manifest

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


def detect_format(text: str, input_format: str) -> str:
    """``corefile``, ``configmap`` or ``helm``: as asked, or by content."""
    if input_format != "auto":
        return input_format
    from corefile.sources.helm import looks_like_values

    if looks_like_manifest(text):
        return "configmap"
    if looks_like_values(text):
        return "helm"
    return "corefile"


def read_side(
    spec: str,
    config: Config,
    *,
    input_format: str = "auto",
    mounts: Mounts = Mounts(),
    configmap: str | None = None,
    stdin: bytes | None = None,
) -> Side:
    """Read, expand and lint one side of the comparison."""
    raw = read_raw(spec, config, stdin)
    text = raw.data.decode("utf-8", "replace")
    kind = detect_format(text, input_format)
    try:
        if kind == "corefile":
            return _corefile_side(raw, config)
        if kind == "helm":
            from corefile.lint.helm import helm_values

            return _embedded_side(raw, config, "helm", helm_values(text, raw.label, mounts))
        from corefile.lint.configmap import embedded_corefiles

        found = embedded_corefiles(text, raw.label, mounts)
        if configmap is not None:
            found = [item for item in found if configmap in (item.label, item.label.rpartition("/")[2])]
        if not found:
            wanted = f" named {configmap}" if configmap else ""
            raise InputError(f"{raw.label}: no ConfigMap{wanted} with a Corefile key")
        if len(found) > 1:
            names = ", ".join(item.label for item in found)
            raise InputError(f"{raw.label}: several ConfigMaps hold a Corefile ({names}); pick one with --configmap NAME")
        return _embedded_side(raw, config, "configmap", found[0])
    except ManifestError as error:
        separator = ":" if error.line is not None else ": "
        raise InputError(f"{raw.label}{separator}{error}") from None


def _settings(config: Config):
    from corefile.lint.linter import settings_for

    return settings_for(config)


def _corefile_side(raw: Raw, config: Config) -> Side:
    from corefile.expansion.loader import load_text
    from corefile.lint.linter import access_for, environment_for, lint_loaded

    access = raw.access or access_for(raw.path, config)
    loaded = load_text(raw.data, filename=raw.label, environment=environment_for(config), access=access,
                       coredns_path=raw.coredns_path)
    findings = lint_loaded(loaded, config)
    renamed = _revision_names(raw)
    relocate = None
    locate = None
    if renamed is not None:
        def locate(span):
            return attrs.evolve(span, file=renamed(span.file))

        def relocate(finding):
            moved = attrs.evolve(finding, span=locate(finding.span), via=tuple(map(locate, finding.via)))
            return moved, {}
    return make_side(raw.label, "corefile", loaded, _settings(config), findings, relocate, locate)


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


def _embedded_side(raw: Raw, config: Config, kind: str, embedded) -> Side:
    """A side whose Corefile sits in another file (a ConfigMap key, rendered Helm values)."""
    from corefile.lint.linter import lint_loaded

    access = None
    if raw.access is not None:  # a revision: its own keys, then the files next to it at that revision
        access = FileAccess(files={**raw.access.files, **embedded.files})
    loaded = embedded.load(config, access)
    findings = lint_loaded(loaded, config)

    def relocate(finding):
        moved = embedded.relocate(finding)
        if moved is None:
            return None
        shown, origin = moved
        return shown, (origin.as_fields() if origin is not None else {})

    return make_side(raw.label, kind, loaded, _settings(config), findings, relocate, embedded.move)
