"""One analysis of one open document: what it is, its findings, and the views features need.

The engine is used as the CLI uses it: the configuration file closest to the document (or the
workspace folder, for an unsaved one), ``load_text`` + ``lint_loaded`` for a Corefile and
``lint_manifest`` for a Kubernetes manifest. An analysis is computed once per document version
and shared by diagnostics, code actions, hover, completion, symbols and definitions.
"""

from __future__ import annotations

import os

import attrs

from corefile.lint.config import Config, ConfigError, find_config_file, load_config_file
from corefile.lint.findings import Finding
from corefile.sources.manifests import ManifestError, looks_like_manifest
from corefile.lint.linter import access_for, environment_for, lint_loaded
from corefile.expansion.loader import Loaded, load_text
from corefile.lsp.outline import Outline, build_outline
from corefile.lsp.positions import LineIndex

#: Language ids and file suffixes of documents that are manifests when they look like one.
MANIFEST_LANGUAGES = frozenset({"yaml", "json", "helm"})
MANIFEST_SUFFIXES = (".yaml", ".yml", ".json")

CORFILE, MANIFEST, OTHER = "corefile", "manifest", "other"


@attrs.frozen
class Problem:
    """Something that stopped the analysis itself (bad YAML, a bad configuration file)."""

    message: str
    offset: int = 0
    error: bool = True  #: False for a problem that did not stop linting (a bad configuration file).


@attrs.frozen(eq=False)
class Analysis:
    """What the engine made of one version of a document."""

    uri: str
    version: int | None
    path: str | None  #: The file on disk (None for an unsaved document).
    kind: str  #: CORFILE, MANIFEST or OTHER (a YAML file holding no Corefile: left alone).
    text: str
    index: LineIndex
    config: Config
    findings: tuple[Finding, ...] = ()
    loaded: Loaded | None = None  #: For Corefiles only.
    outline: Outline | None = None  #: For Corefiles only.
    problems: tuple[Problem, ...] = ()


class ConfigFinder:
    """The configuration for a file, found and read as the CLI does, re-read when it changes."""

    def __init__(self, fallback_folder: str | None = None) -> None:
        self.fallback_folder = fallback_folder
        self._read: dict[str, tuple[tuple[int, int], Config | ConfigError]] = {}

    def for_path(self, path: str | None) -> tuple[Config, Problem | None]:
        start = path or self.fallback_folder or os.getcwd()
        try:
            found = find_config_file(start)
        except OSError:
            found = None
        if found is None:
            return Config(), None
        key = str(found)
        try:
            stat = found.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            return Config(), None
        cached = self._read.get(key)
        if cached is None or cached[0] != stamp:
            try:
                value: Config | ConfigError = load_config_file(found)
            except ConfigError as error:
                value = error
            self._read[key] = (stamp, value)
            cached = self._read[key]
        value = cached[1]
        if isinstance(value, ConfigError):
            return Config(), Problem(f"configuration not used, linting with the defaults: {value}", error=False)
        return value, None


def document_kind(text: str, language_id: str | None, path: str | None) -> str:
    """Corefile, manifest, or neither, the way ``corefile-lint`` decides in its auto mode.

    A document the editor calls YAML or JSON is ours only when it holds a ConfigMap.
    """
    manifest_like = looks_like_manifest(text)
    yaml_like = (language_id or "").lower() in MANIFEST_LANGUAGES or (path or "").lower().endswith(MANIFEST_SUFFIXES)
    if manifest_like:
        return MANIFEST
    return OTHER if yaml_like else CORFILE


def analyse(
    uri: str,
    version: int | None,
    text: str,
    *,
    path: str | None,
    language_id: str | None,
    configs: ConfigFinder,
    encoding: str,
) -> Analysis:
    config, config_problem = configs.for_path(path)
    problems = (config_problem,) if config_problem is not None else ()
    kind = document_kind(text, language_id, path)
    index = LineIndex(text, encoding)
    common = dict(uri=uri, version=version, path=path, kind=kind, text=text, index=index, config=config)
    if kind == OTHER:
        return Analysis(**common, problems=problems)
    if kind == MANIFEST:
        return _analyse_manifest(common, problems)
    loaded = load_text(
        text,
        filename=path,
        environment=environment_for(config),
        access=access_for(path, config),
    )
    findings = lint_loaded(loaded, config)
    return Analysis(
        **common,
        findings=tuple(findings),
        loaded=loaded,
        outline=build_outline(loaded.lexed.words, text),
        problems=problems,
    )


def _analyse_manifest(common: dict, problems: tuple[Problem, ...]) -> Analysis:
    from corefile.lint.configmap import lint_manifest

    text, path = common["text"], common["path"]
    display = path or "-"
    try:
        result = lint_manifest(text, display, common["config"])
    except ManifestError as error:
        offset = 0
        if error.line is not None:
            position_line = max(error.line - 1, 0)
            starts = common["index"].starts
            if position_line < len(starts):
                offset = min(starts[position_line] + max((error.column or 1) - 1, 0), len(text))
        return Analysis(**common, problems=(*problems, Problem(str(error.args[0]), offset)))
    return Analysis(**common, findings=tuple(result.findings), problems=problems)
