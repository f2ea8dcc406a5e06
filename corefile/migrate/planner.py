"""Planning migrations between CoreDNS versions, and the notices that go with them.

The walk is corefile-migration's: an upward migration enters each release after the
start version in turn, up to and including the target, and applies that release's
rules; a downward one walks from the start version down to and including the target.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from corefile.core.versions import Version
from corefile.migrate.actions import MigrationPlan
from corefile.migrate.model import Corefile, Plugin
from corefile.migrate.notices import MigrationError, Notice, Severity
from corefile.migrate.releases import RELEASES, SUPPORTED_VERSIONS, Release, index_of
from corefile.migrate.rules import PluginRule
from corefile.migrate.workspace import WOption, Workspace, WPlugin, WServer

__all__ = [
    "VersionLike",
    "coerce_version",
    "deprecations",
    "plan_migration",
    "plan_migration_down",
    "released",
    "unsupported",
    "valid_down_migration",
    "valid_up_migration",
    "valid_versions",
    "version_from_sha",
]

VersionLike = Version | str

_STATUS_SEVERITIES = (Severity.DEPRECATED, Severity.IGNORED, Severity.REMOVED)


# ------------------------------------------------------------------------ versions


def valid_versions() -> tuple[Version, ...]:
    """Every CoreDNS version the migration tables know, oldest first (Go: ValidVersions)."""
    return SUPPORTED_VERSIONS


def coerce_version(value: VersionLike, message: str) -> Version:
    """``value`` as a Version; a string that is not one raises ``MigrationError(message)``."""
    if isinstance(value, Version):
        return value
    try:
        return Version.parse(value)
    except ValueError:
        raise MigrationError(message) from None


def _start_index(from_version: VersionLike) -> tuple[Version, int]:
    message = f"start version '{from_version}' not supported"
    start = coerce_version(from_version, message)
    index = index_of(start)
    if index is None:
        raise MigrationError(message)
    return start, index


def valid_up_migration(from_version: VersionLike, to_version: VersionLike) -> tuple[Version, Version]:
    """Check that the tables can migrate up from one version to another (Go: ValidUpMigration).

    Returns both versions parsed; raises ``MigrationError`` with corefile-migration's
    wording otherwise. Equal versions are valid.
    """
    start, i = _start_index(from_version)
    message = f"cannot migrate up to '{to_version}' from '{from_version}'"
    target = coerce_version(to_version, message)
    j = index_of(target)
    if j is None or j < i:
        raise MigrationError(message)
    return start, target


def valid_down_migration(from_version: VersionLike, to_version: VersionLike) -> tuple[Version, Version]:
    """Check that the tables can migrate down from one version to another.

    Unlike the upward check, equal versions are an error here (as in corefile-migration);
    ``plan_migration_down`` answers that case before asking.
    """
    start, i = _start_index(from_version)
    message = f"cannot migrate down to '{to_version}' from '{from_version}'"
    target = coerce_version(to_version, message)
    j = index_of(target)
    if j is None or j >= i:
        raise MigrationError(message)
    return start, target


def released(docker_sha: str) -> bool:
    """True if ``docker_sha`` (64 hex digits, no ``sha256:``) is an official image digest."""
    return any(rel.docker_sha == docker_sha for rel in RELEASES)


def version_from_sha(docker_sha: str) -> Version:
    """The CoreDNS version of an official image digest (Go: VersionFromSHA)."""
    for rel in RELEASES:
        if rel.docker_sha == docker_sha:
            return rel.version
    raise MigrationError("sha unsupported")


def _steps_up(start: Version, target: Version) -> list[Release]:
    """The releases entered when migrating up: after ``start``, up to and including ``target``."""
    i, j = index_of(start), index_of(target)
    assert i is not None and j is not None
    return list(RELEASES[i + 1 : j + 1])


def _steps_down(start: Version, target: Version) -> list[Release]:
    """The releases walked when migrating down: ``start`` down to and including ``target``."""
    i, j = index_of(start), index_of(target)
    assert i is not None and j is not None
    return list(reversed(RELEASES[j : i + 1]))


# ------------------------------------------------------------------------- notices


#: Identifies what a notice is about by working-node identity (refs need not be unique).
_Key = tuple[int, int, int, str, str]


def _notice(severity: Severity, version: Version, server: WServer, plugin: WPlugin | None = None,
            option: WOption | None = None, *, plugin_name: str = "", option_name: str = "",
            replacement: str = "", additional: str = "") -> tuple[_Key, Notice]:
    key = (id(server), id(plugin), id(option), plugin_name, option_name)
    return key, Notice(
        severity=severity,
        plugin=plugin.name if plugin is not None else plugin_name,
        option=option.name if option is not None else option_name,
        version=version,
        replacement=replacement,
        additional=additional,
        server_ref=server.ref,
        plugin_ref=plugin.ref if plugin is not None else None,
        option_ref=option.ref if option is not None else None,
    )


def _status_notices(ws: Workspace, rel: Release, *, new_defaults: bool) -> Iterator[tuple[_Key, Notice]]:
    """What corefile-migration's Deprecated() reports for one step, in its order.

    Per server block: per plugin either one plugin-level notice, or its option notices
    followed by its missing new-default options; then the new-default plugins the block
    lacks (reported for every such block, even where a migration would not add them).
    """
    table = rel.plugins or {}
    for server in ws.servers:
        for plugin in server.plugins:
            rule = table.get(plugin.name)
            if rule is None:
                continue  # unknown plugins are unsupported(), not deprecations()
            if rule.status in _STATUS_SEVERITIES:
                yield _notice(rule.status, rel.version, server, plugin, replacement=rule.replaced_by)
                continue
            for option in plugin.options:
                option_rule = rule.match_option(option.name)
                if option_rule is not None and option_rule.status in _STATUS_SEVERITIES:
                    yield _notice(option_rule.status, rel.version, server, plugin, option)
            if new_defaults:
                for name, option_rule in rule.options.items():
                    if option_rule.status is Severity.NEW_DEFAULT and not plugin.has_option(name):
                        yield _notice(Severity.NEW_DEFAULT, rel.version, server, plugin, option_name=name)
        if new_defaults:
            for name, rule in table.items():
                if rule.status is Severity.NEW_DEFAULT and not server.has_plugin(name):
                    yield _notice(Severity.NEW_DEFAULT, rel.version, server, plugin_name=name)


def _unsupported_notices(ws: Workspace, rel: Release) -> Iterator[tuple[_Key, Notice]]:
    """What corefile-migration's Unsupported() reports for one step."""
    table = rel.plugins or {}
    for server in ws.servers:
        for plugin in server.plugins:
            rule = table.get(plugin.name)
            if rule is None:
                yield _notice(Severity.UNSUPPORTED, rel.version, server, plugin)
                continue
            for option in plugin.options:
                if rule.match_option(option.name) is None:
                    yield _notice(Severity.UNSUPPORTED, rel.version, server, plugin, option)


def _walk_notices(corefile: Corefile, from_version: VersionLike, to_version: VersionLike,
                  unsupported_only: bool) -> list[Notice]:
    if from_version == to_version:
        return []
    start, target = valid_up_migration(from_version, to_version)
    ws = Workspace(corefile)
    notices: list[Notice] = []
    for rel in _steps_up(start, target):
        found = _unsupported_notices(ws, rel) if unsupported_only else _status_notices(ws, rel, new_defaults=True)
        notices.extend(notice for _, notice in found)
    return notices


def deprecations(corefile: Corefile, from_version: VersionLike, to_version: VersionLike) -> list[Notice]:
    """Deprecated, ignored and removed items, and missing new defaults, per step (Go: Deprecated).

    Like corefile-migration, this reads the Corefile as given at every step (it does not
    migrate in between), so an item is reported again at each step where it still has a
    status. Equal versions give no notices and no validation.
    """
    return _walk_notices(corefile, from_version, to_version, unsupported_only=False)


def unsupported(corefile: Corefile, from_version: VersionLike, to_version: VersionLike) -> list[Notice]:
    """Plugins and options the tables do not know, once per item per step (Go: Unsupported)."""
    return _walk_notices(corefile, from_version, to_version, unsupported_only=True)


class _NoticeLog:
    """Plan notices: each (item, severity) reported once, at the first step it applies."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []
        self._seen: set[tuple[object, ...]] = set()

    def add(self, found: Iterable[tuple[_Key, Notice]]) -> None:
        for key, notice in found:
            if (notice.severity, key) not in self._seen:
                self._seen.add((notice.severity, key))
                self.notices.append(notice)


# -------------------------------------------------------------------------- planning


def _apply_plugin_result(ws: Workspace, plugin: WPlugin, new: Plugin) -> None:
    if new.name != plugin.name:
        ws.rename_plugin(plugin, new.name)
    if new.args != plugin.args:
        ws.set_plugin_args(plugin, new.args)


def _migrate_plugin(ws: Workspace, server: WServer, plugin: WPlugin, rule: PluginRule,
                    deprecations: bool, log: _NoticeLog) -> None:
    """Apply one release's rule to one plugin, as corefile-migration's Migrate does."""
    if rule.status is Severity.DEPRECATED and not deprecations:
        return  # kept whole: its options are not touched and it gets no new defaults
    for option in list(plugin.options):
        option_rule = rule.match_option(option.name)
        if option_rule is None or option_rule.action is None:
            continue
        if option_rule.status is Severity.DEPRECATED and not deprecations:
            continue
        new = option_rule.action(option.frozen())
        lost = option_rule.lost(option.frozen()) if option_rule.lost is not None else ""
        if lost:
            log.add([_notice(Severity.REMOVED, ws.version, server, plugin, option, additional=lost)])
        if new is None:
            ws.remove_option(plugin, option)
        elif (new.name, new.args) != (option.name, option.args):
            ws.replace_option(plugin, option, new)
    if rule.action is not None:
        new_plugin = rule.action(plugin.frozen())
        if new_plugin is None:
            ws.remove_plugin(server, plugin)
            return
        _apply_plugin_result(ws, plugin, new_plugin)
    for name, option_rule in rule.options.items():
        if option_rule.status is Severity.NEW_DEFAULT and option_rule.add and not plugin.has_option(name):
            added = option_rule.add(plugin.frozen())
            if added is not None:
                ws.add_option(plugin, added)
                log.add([_notice(Severity.NEW_DEFAULT, ws.version, server, plugin, option_name=name)])


def _step_up(ws: Workspace, rel: Release, deprecations: bool, log: _NoticeLog) -> None:
    ws.version = rel.version
    table = rel.plugins or {}
    if rel.pre_process is not None:
        rel.pre_process(ws)
    for server in list(ws.servers):
        for plugin in list(server.plugins):
            rule = table.get(plugin.name)
            if rule is not None:
                _migrate_plugin(ws, server, plugin, rule, deprecations, log)
        for name, rule in table.items():
            if rule.status is Severity.NEW_DEFAULT and rule.add and not server.has_plugin(name):
                added = rule.add(server.frozen())
                if added is not None:
                    ws.add_plugin(server, added)
                    log.add([_notice(Severity.NEW_DEFAULT, rel.version, server, plugin_name=name)])
    if rel.post_process is not None:
        rel.post_process(ws)


def _no_change(corefile: Corefile, from_version: VersionLike, to_version: VersionLike) -> MigrationPlan:
    # No validation, as in corefile-migration: Migrate("banana", "banana", ...) returns its
    # input. A version that does not even parse is recorded as 0.0.0.
    try:
        version = coerce_version(from_version, "")
    except MigrationError:
        version = Version(0, 0, 0)
    source = Workspace(corefile).frozen()
    return MigrationPlan(version, version, source, (), source, ())


def plan_migration(corefile: Corefile, from_version: VersionLike, to_version: VersionLike, *,
                   deprecations: bool = False) -> MigrationPlan:
    """Plan the upward migration corefile-migration's Migrate() performs.

    With ``deprecations`` false (kubeadm's setting) deprecated items are left alone and
    only ignored/removed items, option conversions and new defaults are acted on; with
    it true deprecated items are migrated as soon as they are deprecated.

    Plugins and options the tables do not know are carried through untouched, each with
    one "unsupported" notice. Other notices say, once per item and status, what a step
    found (deprecated, ignored, removed) and which new defaults the plan adds. Equal
    versions give an empty plan and no validation, like Migrate().
    """
    if from_version == to_version:
        return _no_change(corefile, from_version, to_version)
    start, target = valid_up_migration(from_version, to_version)
    ws = Workspace(corefile)
    source = ws.frozen()
    log = _NoticeLog()
    for rel in _steps_up(start, target):
        log.add(_status_notices(ws, rel, new_defaults=False))
        log.add(_unsupported_notices(ws, rel))
        _step_up(ws, rel, deprecations, log)
    return MigrationPlan(start, target, source, tuple(ws.actions), ws.frozen(), tuple(log.notices))


def plan_migration_down(corefile: Corefile, from_version: VersionLike,
                        to_version: VersionLike) -> MigrationPlan:
    """Plan the downward migration corefile-migration's MigrateDown() performs.

    It only takes out what older releases lack and the tables know how to remove:
    ``ready`` on reaching 1.5.0 and ``loop`` on reaching 1.2.1 (both inclusive, so a
    downgrade to exactly 1.5.0 drops ready too, as in corefile-migration). Nothing an
    upward migration removed or renamed is restored. Items unknown along the way get
    one "unsupported" notice each.
    """
    if from_version == to_version:
        return _no_change(corefile, from_version, to_version)
    start, target = valid_down_migration(from_version, to_version)
    ws = Workspace(corefile)
    source = ws.frozen()
    log = _NoticeLog()
    for rel in _steps_down(start, target):
        if rel.plugins is None:
            continue
        ws.version = rel.version
        for server in ws.servers:
            for plugin in list(server.plugins):
                rule = rel.plugins.get(plugin.name)
                # Option-level down actions exist in corefile-migration's tables but can
                # never run (only plugins with a down action are visited), so none here.
                if rule is None or rule.down_action is None:
                    continue
                new = rule.down_action(plugin.frozen())
                if new is None:
                    ws.remove_plugin(server, plugin)
                else:
                    _apply_plugin_result(ws, plugin, new)
        log.add(_unsupported_notices(ws, rel))
    return MigrationPlan(start, target, source, tuple(ws.actions), ws.frozen(), tuple(log.notices))
