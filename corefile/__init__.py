"""corefile: read, check, format and migrate CoreDNS Corefiles.

The public API is imported lazily, so that ``import corefile`` (and the command line) start fast:

* :func:`parse` / :func:`dumps` — the lossless syntax tree of one file, and back to text;
* :func:`load` / :func:`load_text` — parse and expand imports, snippets and placeholders as
  CoreDNS does (``load`` also reads a ConfigMap manifest's Corefile);
* :func:`read_input` — any input (a Corefile, a manifest with ConfigMaps, ``-``) as the
  Corefiles it holds, which can be written back into it;
* :func:`lint_text` / :func:`lint_path` — findings for a Corefile (``lint_path``: or a manifest);
* :func:`format` — the canonical layout of a Corefile's text (or of the Corefiles in a manifest);
* :func:`migrate_text` / :func:`migrate_down_text` / :func:`kube_dns_text` — CoreDNS version
  migration keeping comments and layout, and the kube-dns ConfigMap translation;
* :class:`CorefileError`, :class:`CorefileSyntaxError` — positioned errors.
"""

from __future__ import annotations

from corefile.__about__ import __version__

TYPE_CHECKING = False  # typing costs a tenth of a cold start; type checkers read the block below

_EXPORTS = {
    "parse": "corefile.syntax.reader",
    "dumps": "corefile.syntax.printer",
    "load": "corefile.expansion.loader",
    "load_text": "corefile.expansion.loader",
    "Loaded": "corefile.expansion.loader",
    "lint_text": "corefile.lint.linter",
    "lint_path": "corefile.lint.configmap",
    "lint_loaded": "corefile.lint.linter",
    "Config": "corefile.lint.config",
    "Finding": "corefile.lint.findings",
    "Severity": "corefile.lint.findings",
    "Environment": "corefile.expansion.environment",
    "FileAccess": "corefile.expansion.imports",
    "CorefileError": "corefile.core.errors",
    "CorefileSyntaxError": "corefile.core.errors",
    "Version": "corefile.core.versions",
    "normalize_key": "corefile.analysis.addresses",
    "ServerAddress": "corefile.analysis.addresses",
    "token_view": "corefile.expansion.tokens_view",
    "format": "corefile.syntax.formatter",
    "read_input": "corefile.sources.inputs",
    "migrate_text": "corefile.migrate.api",
    "migrate_down_text": "corefile.migrate.api",
    "kube_dns_text": "corefile.migrate.api",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'corefile' has no attribute {name!r}")
    import importlib

    attribute = "format_input" if name == "format" else name
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover
    from corefile.analysis.addresses import ServerAddress, normalize_key
    from corefile.core.errors import CorefileError, CorefileSyntaxError
    from corefile.core.versions import Version
    from corefile.expansion.environment import Environment
    from corefile.expansion.imports import FileAccess
    from corefile.expansion.loader import Loaded, load, load_text
    from corefile.expansion.tokens_view import token_view
    from corefile.lint.config import Config
    from corefile.lint.findings import Finding, Severity
    from corefile.lint.configmap import lint_path
    from corefile.lint.linter import lint_loaded, lint_text
    from corefile.migrate.api import kube_dns_text, migrate_down_text, migrate_text
    from corefile.sources.inputs import read_input
    from corefile.syntax.formatter import format_input as format
    from corefile.syntax.printer import dumps
    from corefile.syntax.reader import parse
