"""The default Corefiles Kubernetes shipped, and recognising them.

Templates use corefile-migration's wildcards: ``*`` stands for exactly one token and
``***`` for all remaining tokens (zero or more). Matching ignores the order of servers,
plugins and options, but not the order of arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from corefile.core.versions import Version
from corefile.migrate.model import Corefile, Option, Plugin, Server
from corefile.migrate.notices import MigrationError
from corefile.migrate.planner import VersionLike, coerce_version, plan_migration
from corefile.migrate.releases import RELEASES, Release
from corefile.migrate.text import CorefileTextError, parse_corefile

__all__ = ["default_corefile_template", "is_default_corefile"]

_T = TypeVar("_T")
_U = TypeVar("_U")


def _args_match(args: Sequence[str], template: Sequence[str]) -> bool:
    for i, pattern in enumerate(template):
        if pattern == "***":
            return True
        if i >= len(args) or (pattern != "*" and pattern != args[i]):
            return False
    return len(args) == len(template)


def _all_match(items: Sequence[_T], templates: Sequence[_U], match: Callable[[_T, _U], bool]) -> bool:
    """Pair every item with a distinct template it matches (a perfect matching).

    corefile-migration only checks the counts and that each item matches *some*
    template, so ``errors, errors`` passes for ``errors, health``; pairing them one to
    one closes that gap. The lists are a dozen entries at most, so plain backtracking is fine.
    """
    if len(items) != len(templates):
        return False

    def assign(i: int, used: frozenset[int]) -> bool:
        if i == len(items):
            return True
        return any(
            j not in used and match(items[i], t) and assign(i + 1, used | {j})
            for j, t in enumerate(templates)
        )

    return assign(0, frozenset())


def _option_matches(option: Option, template: Option) -> bool:
    return option.name == template.name and _args_match(option.args, template.args)


def _plugin_matches(plugin: Plugin, template: Plugin) -> bool:
    return (
        plugin.name == template.name
        and _args_match(plugin.args, template.args)
        and _all_match(plugin.options, template.options, _option_matches)
    )


def _server_matches(server: Server, template: Server) -> bool:
    return _args_match(server.keys, template.keys) and _all_match(server.plugins, template.plugins, _plugin_matches)


def _matches(corefile: Corefile, template: Corefile) -> bool:
    return _all_match(corefile.servers, template.servers, _server_matches)


def _base_release(version: Version) -> Release:
    """The newest release at or below ``version`` that has a default Corefile."""
    candidates = [rel for rel in RELEASES if rel.default_conf is not None and rel.version <= version]
    if not candidates:
        raise MigrationError(f"no default Corefile is known for CoreDNS {version} (the oldest is 1.1.3)")
    return candidates[-1]


def default_corefile_template(version: VersionLike) -> Corefile:
    """The default Kubernetes Corefile for a CoreDNS version, as a wildcard template.

    For a release Kubernetes shipped, that is its default as recorded. For a release in
    between (or newer than the tables know), it is the nearest older default carried
    forward by the migration rules to the nearest known release at or below ``version``,
    so new defaults (ready at 1.5.0, say) are included. Carrying 1.3.1's default to
    1.6.2 yields 1.6.2's default as a set, which is what matching compares.
    """
    target = coerce_version(version, f"not a CoreDNS version: {version!r}")
    base = _base_release(target)
    template = parse_corefile(base.default_conf or "")
    nearest = max(rel.version for rel in RELEASES if rel.version <= target)
    if nearest == base.version:
        return template
    return plan_migration(template, base.version, nearest).result


def is_default_corefile(corefile: Corefile | str, version: VersionLike | None = None) -> bool:
    """True if ``corefile`` is the default Corefile of ``version`` (Go: Default()).

    The comparison is corefile-migration's fuzzy one: any cluster domain and reverse
    zones, any single forward target; ``.:53`` exactly. With ``version`` None, a match
    with the default of any Kubernetes release counts, which is what Default() actually
    does (its Kubernetes-version filter has no effect).

    Unlike Default(), an empty or comment-only Corefile is not a default Corefile, and
    text that cannot be read into the plain model is not either.
    """
    if isinstance(corefile, str):
        try:
            corefile = parse_corefile(corefile)
        except CorefileTextError:
            return False
    if not corefile.servers:
        return False
    if version is None:
        templates = [parse_corefile(rel.default_conf) for rel in RELEASES if rel.default_conf]
    else:
        templates = [default_corefile_template(version)]
    return any(_matches(corefile, template) for template in templates)
