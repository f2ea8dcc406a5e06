"""Configuration: ``[tool.corefile-lint]`` in pyproject.toml or a ``.corefile-lint.toml``.

The file closest to the linted file wins. Everything is validated when loaded, before any file
is linted: an unknown key, rule or value raises :class:`ConfigError` naming it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import tomllib

from corefile.core.versions import LATEST, Version
from corefile.lint.findings import Severity
from corefile.lint.rules import UnknownRule, matching

CONFIG_FILES = (".corefile-lint.toml", "corefile-lint.toml", "pyproject.toml")
PROFILES = ("auto", "kubernetes", "standalone")


class ConfigError(ValueError):
    """A configuration file or option that cannot be used; the message names the key."""


@attrs.frozen
class Config:
    coredns_version: Version = LATEST
    select: tuple[str, ...] | None = None  #: None: every rule enabled by default.
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    plugins: frozenset[str] = frozenset()
    import_map: Mapping[str, str] = attrs.field(factory=dict)
    fail_level: Severity = Severity.WARNING
    cluster_domain: str = "cluster.local"
    profile: str = "auto"
    env: Mapping[str, str] = attrs.field(factory=dict)
    use_environment: bool = False
    #: The file the settings came from (None for defaults and command-line only).
    path: str | None = None


def _strings(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"`{key}` must be a list of strings")
    return tuple(value)


def _selectors(key: str, value: Any) -> tuple[str, ...]:
    selectors = _strings(key, value)
    for selector in selectors:
        try:
            matching(selector)
        except UnknownRule:
            raise ConfigError(f"`{key}` names an unknown rule: {selector!r}") from None
    return selectors


def _version(key: str, value: Any) -> Version:
    if not isinstance(value, str):
        raise ConfigError(f"`{key}` must be a version string such as \"1.14.7\"")
    try:
        return Version.parse(value)
    except ValueError as error:
        raise ConfigError(f"`{key}`: {error}") from None


def _severity(key: str, value: Any) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"`{key}` must be one of error, warning, info")
    try:
        return Severity.parse(value)
    except ValueError as error:
        raise ConfigError(f"`{key}`: {error}") from None


def read_plugin_cfg(path: str) -> frozenset[str]:
    """Directive names from a CoreDNS ``plugin.cfg`` (``name:package`` lines, ``#`` comments)."""
    from corefile.expansion.imports import MAX_FILE_BYTES
    from corefile.sources.files import Refused, read_regular_file

    names = set()
    try:
        data = read_regular_file(path, MAX_FILE_BYTES)
    except Refused as refusal:
        raise ConfigError(f"cannot read plugin.cfg {path}: {refusal}") from None
    except OSError as error:
        raise ConfigError(f"cannot read plugin.cfg {path}: {error.strerror}") from None
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or ":" not in line:
            continue
        names.add(line.split(":", 1)[0].strip())
    return frozenset(names)


def _plugins(key: str, value: Any, base: Path) -> frozenset[str]:
    if isinstance(value, str) and (value.endswith(".cfg") or os.sep in value):
        return read_plugin_cfg(str(base / value))
    return frozenset(_strings(key, value))


def _mapping(key: str, value: Any, base: Path) -> dict[str, str]:
    """The import map of a configuration file: only into folders under the file's own folder.

    The file may come with the repository being linted; were it free to map ``/x`` to ``/``,
    the repository could make the whole machine readable. Wider maps need ``--import-map``.
    """
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(f"`{key}` must be a table of target folder = local folder")
    own = os.path.realpath(base)
    mapping = {}
    for remote, local in value.items():
        target = os.path.realpath(base / local)
        if target != own and not target.startswith(own.rstrip(os.sep) + os.sep):
            raise ConfigError(
                f"`{key}`: {remote!r} = {local!r} maps to {target}, outside {own} (the configuration "
                "file's folder); a configuration file may map only into its own folder, "
                "use the command-line flag --import-map for anything wider"
            )
        mapping[remote] = str(base / local)
    return mapping


def from_table(table: Mapping[str, Any], *, base: Path, path: str | None = None) -> Config:
    """Build a :class:`Config` from a TOML table, validating every key."""
    values: dict[str, Any] = {"path": path}
    for key, value in table.items():
        if key == "coredns-version":
            values["coredns_version"] = _version(key, value)
        elif key in ("select", "extend-select", "ignore"):
            values[key.replace("-", "_")] = _selectors(key, value)
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError("`severity` must be a table of rule = \"error\" | \"warning\" | \"info\"")
            severities = {}
            for selector, level in value.items():
                try:
                    rules = matching(selector)
                except UnknownRule:
                    raise ConfigError(f"`severity` names an unknown rule: {selector!r}") from None
                for rule in rules:
                    severities[rule.name] = _severity(f"severity.{selector}", level)
            values["severity"] = severities
        elif key == "plugins":
            values["plugins"] = _plugins(key, value, base)
        elif key == "import-map":
            values["import_map"] = _mapping(key, value, base)
        elif key == "fail-level":
            values["fail_level"] = _severity(key, value)
        elif key == "cluster-domain":
            if not isinstance(value, str) or not value:
                raise ConfigError("`cluster-domain` must be a domain name")
            values["cluster_domain"] = value
        elif key == "profile":
            if value not in PROFILES:
                raise ConfigError(f"`profile` must be one of {', '.join(PROFILES)}")
            values["profile"] = value
        elif key == "env":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError("`env` must be a table of NAME = \"value\"")
            values["env"] = dict(value)
        else:
            raise ConfigError(f"unknown configuration key `{key}`" + (f" in {path}" if path else ""))
    return Config(**values)


def load_config_file(path: str | os.PathLike[str]) -> Config:
    """Read one configuration file (a pyproject.toml uses its ``[tool.corefile-lint]`` table)."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("corefile-lint", {})
    return from_table(data, base=path.parent, path=str(path))


def find_config_file(start: str | os.PathLike[str]) -> Path | None:
    """The configuration file closest to ``start`` (a file or folder), walking up to the root."""
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return "corefile-lint" in tomllib.load(handle).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False
