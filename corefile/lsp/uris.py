"""Document URIs and file paths (``file:`` URIs only name files; others are unsaved documents)."""

from __future__ import annotations

from pygls.uris import from_fs_path, to_fs_path


def uri_to_path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    return to_fs_path(uri)


def path_to_uri(path: str) -> str:
    return from_fs_path(path) or path
