"""Reading and writing every command's inputs through :mod:`corefile.sources`.

One place decides how a path (or ``-``) becomes an :class:`~corefile.sources.inputs.Input`,
how an error inside a ConfigMap's Corefile is pointed at the manifest's line, and how rewritten
bytes go back to the file (or to standard output for ``-``).
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from corefile.sources.files import COREFILE_PATTERNS, MANIFEST_PATTERNS, discover

if TYPE_CHECKING:
    from corefile.core.errors import CorefileError
    from corefile.sources.configmaps import Mounts
    from corefile.sources.inputs import Input, Part


def mounts_of(args) -> Mounts:
    from corefile.sources.configmaps import Mounts

    return Mounts(
        configmap=getattr(args, "configmap_mount", "/etc/coredns").rstrip("/") or "/",
        custom=getattr(args, "custom_mount", "/etc/coredns/custom").rstrip("/") or "/",
        custom_name=getattr(args, "custom_configmap", "coredns-custom"),
    )


def input_paths(paths: list[str], args) -> list[str]:
    """The inputs named on the command line, folders walked for Corefiles (or manifests)."""
    manifests = getattr(args, "input_format", "auto") == "configmap"
    return discover(paths, MANIFEST_PATTERNS if manifests else COREFILE_PATTERNS)


def read(path: str, args, data: bytes | None = None) -> Input:
    """Read one input (``-``: standard input, named by ``--stdin-filename``); ``data``: the bytes
    of standard input when the command has read them already."""
    from corefile.sources.inputs import read_data, read_input

    if data is not None:
        return read_data(data, path=None, name=getattr(args, "stdin_filename", None),
                         input_format=getattr(args, "input_format", "auto") or "auto", mounts=mounts_of(args))
    return read_input(path, stdin_filename=getattr(args, "stdin_filename", None),
                      input_format=getattr(args, "input_format", "auto") or "auto", mounts=mounts_of(args))


def write(source: Input, data: bytes) -> None:
    """Write rewritten bytes back: to the file, or to standard output for standard input."""
    from corefile.cli.status import UsageError

    if source.path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(source.path, "wb") as handle:
            handle.write(data)
    except OSError as error:
        raise UsageError(f"{source.path}: {error.strerror}") from None


def echo(source: Input) -> None:
    """Standard input given back unchanged (a filter leaves nothing out)."""
    if source.path is None:
        write(source, source.file.data)


def describe(error: CorefileError, part: Part | None) -> str:
    """A Corefile error as the user should see it: at the manifest's line for a ConfigMap key."""
    if part is None or not part.embedded or error.span is None:
        return str(error)
    span = part.locate(error.span.start.offset, error.span.end.offset)
    return f"{span}: {error.message} ({part.label})"


def decoded(source: Input, data: bytes) -> str:
    """``data`` (the input's rewritten bytes) as text, for diffs."""
    from corefile.sources.encoding import read_bytes

    return read_bytes(data, source.name).text


def diff(source: Input, data: bytes, label: str) -> Iterator[str]:
    """A unified diff of the input before and after (``label``: what changed it)."""
    name = source.name
    return difflib.unified_diff(source.file.text.splitlines(keepends=True), decoded(source, data).splitlines(keepends=True),
                                name, f"{name} ({label})")


def read_one(path: str, args) -> Input:
    """Read the one input of a command that takes one (a file or ``-``), with at least one Corefile."""
    import os

    from corefile.cli.status import UsageError

    if path != "-" and not os.path.isfile(path):
        raise UsageError(f"{path}: no such file")
    source = read(path, args)
    if not source.documents:
        raise UsageError(f"{source.name}: no ConfigMap with a Corefile key (or coredns-custom) in this manifest")
    return source
