"""corefile: read, check, format and migrate CoreDNS Corefiles.

The public API is imported lazily, so that ``import corefile`` (and the command line) start fast:

* :func:`parse` / :func:`dumps` — the lossless syntax tree of one file, and back to text;
* :func:`load` / :func:`load_text` — parse and expand imports, snippets and placeholders as
  CoreDNS does;
* :func:`lint_text` / :func:`lint_path` — findings for a Corefile;
* :func:`format` — the canonical layout of a Corefile's text;
* :func:`migrate_text` / :func:`migrate_down_text` / :func:`kube_dns_text` — CoreDNS version
  migration keeping comments and layout, and the kube-dns ConfigMap translation;
* :class:`CorefileError`, :class:`CorefileSyntaxError` — positioned errors.
"""

from __future__ import annotations

from corefile.__about__ import __version__

TYPE_CHECKING = False  # typing costs a tenth of a cold start; type checkers read the block below

_EXPORTS = {
    "parse": "corefile.reader",
    "dumps": "corefile.printer",
    "load": "corefile.loader",
    "load_text": "corefile.loader",
    "Loaded": "corefile.loader",
    "lint_text": "corefile.linter",
    "lint_path": "corefile.linter",
    "lint_loaded": "corefile.linter",
    "Config": "corefile.config",
    "Finding": "corefile.findings",
    "Severity": "corefile.findings",
    "Environment": "corefile.environment",
    "FileAccess": "corefile.imports",
    "CorefileError": "corefile.errors",
    "CorefileSyntaxError": "corefile.errors",
    "Version": "corefile.versions",
    "normalize_key": "corefile.addresses",
    "ServerAddress": "corefile.addresses",
    "token_view": "corefile.tokens_view",
    "format": "corefile.formatter",
    "migrate_text": "corefile.migrate.apply",
    "migrate_down_text": "corefile.migrate.apply",
    "kube_dns_text": "corefile.migrate.apply",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'corefile' has no attribute {name!r}")
    import importlib

    attribute = "format_text" if name == "format" else name
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value


if TYPE_CHECKING:  # pragma: no cover
    from corefile.addresses import ServerAddress, normalize_key
    from corefile.config import Config
    from corefile.environment import Environment
    from corefile.errors import CorefileError, CorefileSyntaxError
    from corefile.findings import Finding, Severity
    from corefile.formatter import format_text as format
    from corefile.imports import FileAccess
    from corefile.linter import lint_loaded, lint_path, lint_text
    from corefile.loader import Loaded, load, load_text
    from corefile.migrate.apply import kube_dns_text, migrate_down_text, migrate_text
    from corefile.printer import dumps
    from corefile.reader import parse
    from corefile.tokens_view import token_view
    from corefile.versions import Version
