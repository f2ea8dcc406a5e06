"""The token view: what CoreDNS's reader makes of a file, in the corpus's JSON shape.

``corefile tokens PATH`` prints it, so that any change to the reader can be compared with
CoreDNS's own results over a whole corpus in one run.
"""

from __future__ import annotations

import os

from corefile.expansion.loader import Loaded


def token_view(loaded: Loaded) -> dict:
    """``{"accepted", "error", "blocks"}`` as in shared/corpus/README.md."""
    expansion = loaded.expansion
    error = expansion.error
    base = os.path.dirname(os.path.abspath(loaded.source.path)) if loaded.source.path else ""
    blocks = []
    if error is None:
        for block in expansion.blocks:
            directives = {}
            for name, tokens in sorted(block.tokens_by_directive().items()):
                directives[name] = [[t.text, t.line, _file_tag(t.file, base)] for t in tokens]
            blocks.append({"keys": list(block.key_texts), "directives": directives})
    return {
        "accepted": error is None,
        "error": None if error is None else _message(error, loaded),
        "blocks": blocks,
    }


def _file_tag(file: str, base: str) -> str:
    if not file:
        return ""
    if base and file.startswith(base.rstrip(os.sep) + os.sep):
        return os.path.relpath(file, base)
    return file


def _message(error, loaded: Loaded) -> str:
    name = os.path.basename(loaded.source.path) if loaded.source.path else "Corefile"
    return f"{name}:{error.line} - {error.message}"
