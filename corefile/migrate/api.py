"""The migration entry points: ``migrate_text`` and ``migrate_down_text`` plan and apply a
migration and collect its notices with their line and column; ``kube_dns_text`` translates a
kube-dns ConfigMap (YAML or JSON) into a Corefile."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

import corefile.migrate.actions as act
from corefile.migrate.edits import apply_plan
from corefile.migrate.kubedns import kube_dns_to_corefile
from corefile.migrate.model import Corefile
from corefile.migrate.notices import MigrationError, Notice, Severity
from corefile.migrate.planner import VersionLike, plan_migration, plan_migration_down
from corefile.migrate.tree_model import model_from_tree, node_key
from corefile.syntax.nodes import (
    Corefile as Tree,
)
from corefile.syntax.nodes import (
    Directive,
    Import,
    ServerBlock,
    Snippet,
    Word,
    first_word,
)


@attrs.frozen
class MigrationNotice:
    """A notice of a migration (or kube-dns translation), ready to print as a finding.

    ``severity`` is ``"error"``, ``"warning"`` or ``"info"``; ``kind`` the notice type
    (corefile-migration's ``deprecated``, ``ignored``, ``removed``, ``newdefault``,
    ``unsupported``, or ``untouched`` for snippets and imports, ``kube-dns`` for the
    translation). ``line``/``column`` (1-based) point into the *input* text, or are None.
    ``notice`` is the planner's notice, when there is one.
    """

    severity: str
    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    notice: Notice | None = attrs.field(default=None, eq=False, repr=False)

    def format(self, path: str | None) -> str:
        where = path or "-"
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "kind": self.kind, "message": self.message,
                "line": self.line, "column": self.column}


#: How each planner severity is reported. "unsupported" is a warning: the item is
#: carried through unchecked. "deprecated" too: it still works but will have to change.
_SEVERITY = {
    Severity.DEPRECATED: "warning",
    Severity.IGNORED: "info",
    Severity.REMOVED: "info",
    Severity.NEW_DEFAULT: "info",
    Severity.UNSUPPORTED: "warning",
}


def _position(ref: Any) -> tuple[int | None, int | None]:
    if isinstance(ref, (ServerBlock, Directive)):
        word = first_word(ref)
        if word.source is not None:
            position = word.source.position(word.offset)
            return position.line, position.column
        return word.line, None
    return None, None


def notices_for(notices: Iterable[Notice], result: Corefile | None = None) -> list[MigrationNotice]:
    """Planner notices as printable notices, located at the element concerned.

    With the plan's ``result``, a deprecated item the migration converted or dropped is
    reported as info; one that is still there (deprecations not applied) as a warning.
    """
    remaining: set[tuple[tuple[str, int], str]] | None = None
    if result is not None:
        remaining = set()
        for server in result.servers:
            for plugin in server.plugins:
                remaining.add((node_key(plugin.ref), plugin.name))
                for option in plugin.options:
                    remaining.add((node_key(option.ref), option.name))
    out = []
    for notice in notices:
        line = column = None
        for ref in (notice.option_ref, notice.plugin_ref, notice.server_ref):
            line, column = _position(ref)
            if line is not None:
                break
        severity = _SEVERITY[notice.severity]
        if notice.severity is Severity.DEPRECATED and remaining is not None:
            item = (node_key(notice.option_ref), notice.option) if notice.option else (node_key(notice.plugin_ref), notice.plugin)
            if item not in remaining:
                severity = "info"
        out.append(MigrationNotice(severity, notice.kind, notice.message, line, column, notice))
    return out


def _catalogue_notices(result: Corefile, target: Any) -> list[MigrationNotice]:
    """Plugins left in the result that the target CoreDNS does not have (CoreDNS would not start).

    corefile-migration's tables do not know ``federation`` (removed in 1.7.0), for one, and
    a downgrade keeps plugins that older releases lack; the plugin catalogue knows both.
    """
    from corefile.catalogue import PLUGINS
    from corefile.core.versions import Version

    if not isinstance(target, Version) or target == Version(0, 0, 0):
        return []
    out = []
    for server in result.servers:
        for plugin in server.plugins:
            entry = PLUGINS.get(plugin.name)
            if entry is None or entry.exists_at(target):
                continue
            if entry.removed is not None and target >= entry.removed:
                message = (f'Plugin "{plugin.name}" was removed in CoreDNS {entry.removed}: CoreDNS {target} will '
                           "not start with it, and the migration does not remove it; edit it out by hand")
                if entry.replacement:
                    message += f' (use "{entry.replacement}")'
            else:
                message = (f'Plugin "{plugin.name}" only exists from CoreDNS {entry.since}: '
                           f"CoreDNS {target} will not start with it; edit it out by hand")
            line, column = _position(plugin.ref)
            out.append(MigrationNotice("error", "missing", message + ".", line, column))
    return out


def _untouched_notices(tree: Tree) -> list[MigrationNotice]:
    """Snippets and imports are not migrated: say so where they are."""
    out = []

    def at(word: Word) -> tuple[int, int]:
        position = word.source.position(word.offset) if word.source is not None else None
        return (position.line, position.column) if position else (word.line, 1)

    for item in tree.items:
        if isinstance(item, Snippet):
            line, column = at(item.key)
            out.append(MigrationNotice("warning", "untouched", (
                f"Snippet {item.key.value} is carried through untouched: snippets are not migrated; "
                "check the plugins in it by hand."), line, column))
        elif isinstance(item, Import):
            line, column = at(item.keyword)
            out.append(MigrationNotice("warning", "untouched", (
                "This import is carried through untouched: imported files are not migrated; migrate them separately."
            ), line, column))
        elif isinstance(item, ServerBlock):
            for statement in item.body:
                if isinstance(statement, Import):
                    line, column = at(statement.keyword)
                    out.append(MigrationNotice("warning", "untouched", (
                        "This import is carried through untouched: imported files and snippets are not "
                        "migrated; migrate them separately."), line, column))
    return out


# --------------------------------------------------------------------- whole calls


@attrs.frozen
class MigrationOutcome:
    """What ``migrate_text`` gives: the migrated text, its notices and the plan behind it."""

    text: str
    notices: tuple[MigrationNotice, ...]
    plan: act.MigrationPlan


def _read(text: str, filename: str | None) -> Tree:
    from corefile.syntax.reader import parse

    return parse(text, filename=filename)


def migrate_text(text: str, from_version: VersionLike, to_version: VersionLike, *,
                 deprecations: bool = False, filename: str | None = None) -> MigrationOutcome:
    """Migrate Corefile text up from one CoreDNS version to another (corefile-migration's Migrate).

    The result keeps the input's comments, order and layout wherever the migration does not
    have to change them. Notices: what the steps found (deprecated, ignored, removed items,
    new defaults added), plugins and options the tables do not know (carried through with a
    warning), and snippets or imports (carried through untouched). Equal versions return
    the text unchanged with no notices. Raises ``MigrationError`` for versions the tables
    cannot migrate between, ``CorefileSyntaxError`` for text CoreDNS would not read.
    """
    tree = _read(text, filename)
    if from_version == to_version:
        return MigrationOutcome(text, (), plan_migration(model_from_tree(tree), from_version, to_version))
    plan = plan_migration(model_from_tree(tree), from_version, to_version, deprecations=deprecations)
    result = apply_plan(tree, plan)
    notices = (_untouched_notices(tree) + notices_for(plan.notices, plan.result)
               + _catalogue_notices(plan.result, plan.to_version))
    return MigrationOutcome(result, tuple(_sorted(notices)), plan)


def migrate_down_text(text: str, from_version: VersionLike, to_version: VersionLike, *,
                      filename: str | None = None) -> MigrationOutcome:
    """Migrate Corefile text down (corefile-migration's MigrateDown: only ``ready`` and ``loop`` go)."""
    tree = _read(text, filename)
    plan = plan_migration_down(model_from_tree(tree), from_version, to_version)
    if not plan.actions and from_version == to_version:
        return MigrationOutcome(text, (), plan)
    result = apply_plan(tree, plan)
    notices = (_untouched_notices(tree) + notices_for(plan.notices, plan.result)
               + _catalogue_notices(plan.result, plan.to_version))
    return MigrationOutcome(result, tuple(_sorted(notices)), plan)


def _sorted(notices: list[MigrationNotice]) -> list[MigrationNotice]:
    # Stable: notices without a position keep their place at the end; the rest by position.
    return sorted(notices, key=lambda n: (n.line is None, n.line or 0, n.column or 0))


# ------------------------------------------------------------------------ kube-dns


_KUBE_DNS_KEYS = ("stubDomains", "upstreamNameservers", "federations")


def _configmap_data(text: str) -> tuple[dict[str, str], dict[str, Any]]:
    """The ``data`` of the kube-dns ConfigMap in a YAML or JSON manifest, and the scalars (for positions)."""
    from corefile.sources.manifests import ManifestError, Scalar, read_manifest

    try:
        documents = read_manifest(text)
    except ManifestError as error:
        raise MigrationError(f"cannot read the ConfigMap: {error}", line=error.line, column=error.column) from None
    candidates = []
    for document in documents:
        items = document.get("items") if isinstance(document, dict) else None
        for doc in ([document] + (items if isinstance(items, list) else [])):
            if isinstance(doc, dict) and isinstance(doc.get("data"), dict):
                candidates.append(doc)
    if not candidates:
        raise MigrationError("no ConfigMap with a data section found")

    def name_of(doc: dict) -> str:
        metadata = doc.get("metadata")
        name = metadata.get("name") if isinstance(metadata, dict) else None
        return str(name) if name is not None else ""

    chosen = next((d for d in candidates if name_of(d) == "kube-dns"), None)
    if chosen is None:
        chosen = next((d for d in candidates if any(k in d["data"] for k in _KUBE_DNS_KEYS)), candidates[0])
    data: dict[str, str] = {}
    scalars: dict[str, Any] = {}
    for key, value in chosen["data"].items():
        if isinstance(value, Scalar):
            data[str(key)] = value.value
            scalars[str(key)] = value
        elif value is not None:
            data[str(key)] = json.dumps(value) if not isinstance(value, str) else value
    return data, scalars


def kube_dns_text(configmap: str | Mapping[str, str], *, coredns_version: VersionLike,
                  cluster_domain: str = "cluster.local") -> tuple[str, tuple[MigrationNotice, ...]]:
    """Translate a kube-dns ConfigMap into a Corefile for ``coredns_version``.

    ``configmap`` is the manifest text (YAML, which needs PyYAML, or JSON, as
    ``kubectl get configmap kube-dns -o yaml|json`` prints it; a List works too) or the
    ConfigMap's ``data`` mapping. Returns the Corefile text and what could not be carried
    over (warnings located at their data key in the manifest, when read from text).

    Raises ``MigrationError``: for a manifest that cannot be read (missing PyYAML included:
    the message says ``pip install 'corefile[configmap]'``), and for a JSON value that does
    not parse or has the wrong shape: ``key`` names the data key, ``line``/``column`` the
    place inside that value, and ``manifest_line``/``manifest_column`` the place in the
    manifest (when read from text).
    """
    scalars: dict[str, Any] = {}
    if isinstance(configmap, str):
        data, scalars = _configmap_data(configmap)
    else:
        data = dict(configmap)
    try:
        translation = kube_dns_to_corefile(data, coredns_version=coredns_version, cluster_domain=cluster_domain)
    except MigrationError as error:
        scalar = scalars.get(error.key or "")
        if scalar is None:
            raise
        if error.line is not None:
            value = scalar.value
            starts = [0] + [i + 1 for i, c in enumerate(value) if c == "\n"]
            index = starts[min(error.line, len(starts)) - 1] + (error.column or 1) - 1
            offset = scalar.text_map().start_of(min(index, len(value)))
        else:
            offset = scalar.start
        line, column = _text_position(scalar.text, offset)
        located = MigrationError(f"{error} (manifest line {line}, column {column})",
                                 key=error.key, line=error.line, column=error.column)
        located.manifest_line, located.manifest_column = line, column  # type: ignore[attr-defined]
        raise located from None
    notices = []
    for notice in translation.notices:
        line = column = None
        scalar = scalars.get(notice.key)
        if scalar is not None:
            line, column = _text_position(scalar.text, scalar.start)
        notices.append(MigrationNotice("warning", "kube-dns", str(notice), line, column))
    return translation.corefile_text, tuple(notices)


def _text_position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
