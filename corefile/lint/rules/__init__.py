"""The explicit rule registry: every rule, imported by hand, in code order."""

from __future__ import annotations

from corefile.lint.rules._base import FAMILIES, Example, Rule
from corefile.lint.rules.cache.cache_covers_cluster_domain import (
    CacheCoversClusterDomain,
)
from corefile.lint.rules.chain.execution_order import ExecutionOrder
from corefile.lint.rules.chain.missing_fallthrough import MissingFallthrough
from corefile.lint.rules.chain.no_next_plugin import NoNextPlugin
from corefile.lint.rules.forwarding.forward_no_max_concurrent import (
    ForwardNoMaxConcurrent,
)
from corefile.lint.rules.forwarding.forward_to_loopback import ForwardToLoopback
from corefile.lint.rules.forwarding.forward_without_loop import ForwardWithoutLoop
from corefile.lint.rules.forwarding.resolv_conf_loop_risk import ResolvConfLoopRisk
from corefile.lint.rules.kubernetes.autopath_needs_pods_verified import (
    AutopathNeedsPodsVerified,
)
from corefile.lint.rules.kubernetes.cluster_domain_mismatch import ClusterDomainMismatch
from corefile.lint.rules.operations.health_without_lameduck import HealthWithoutLameduck
from corefile.lint.rules.operations.listener_conflict import ListenerConflict
from corefile.lint.rules.operations.missing_ready import MissingReady
from corefile.lint.rules.operations.reload_with_import import ReloadWithImport
from corefile.lint.rules.plugins.deprecated_option import DeprecatedOption
from corefile.lint.rules.plugins.deprecated_plugin import DeprecatedPlugin
from corefile.lint.rules.plugins.duplicate_plugin import DuplicatePlugin
from corefile.lint.rules.plugins.ignored_duplicate import IgnoredDuplicate
from corefile.lint.rules.plugins.invalid_arguments import InvalidArguments
from corefile.lint.rules.plugins.invalid_option_value import InvalidOptionValue
from corefile.lint.rules.plugins.missing_argument import MissingArgument
from corefile.lint.rules.plugins.plugin_conflict import PluginConflict
from corefile.lint.rules.plugins.removed_option import RemovedOption
from corefile.lint.rules.plugins.removed_plugin import RemovedPlugin
from corefile.lint.rules.plugins.unknown_option import UnknownOption
from corefile.lint.rules.plugins.unknown_plugin import UnknownPlugin
from corefile.lint.rules.rewrite.rewrite_implicit_stop import RewriteImplicitStop
from corefile.lint.rules.rewrite.rewrite_missing_answer import RewriteMissingAnswer
from corefile.lint.rules.suppressions.unused_suppression import UnusedSuppression
from corefile.lint.rules.syntax.bad_import import BadImport
from corefile.lint.rules.syntax.brace_glued_to_key import BraceGluedToKey
from corefile.lint.rules.syntax.cr_line_endings import CrLineEndings
from corefile.lint.rules.syntax.empty_import_glob import EmptyImportGlob
from corefile.lint.rules.syntax.environment_loop import EnvironmentLoop
from corefile.lint.rules.syntax.glued_comment import GluedComment
from corefile.lint.rules.syntax.invalid_utf8 import InvalidUtf8
from corefile.lint.rules.syntax.nested_server_block import NestedServerBlock
from corefile.lint.rules.syntax.no_server_blocks import NoServerBlocks
from corefile.lint.rules.syntax.one_line_block import OneLineBlock
from corefile.lint.rules.syntax.stray_brace import StrayBrace
from corefile.lint.rules.syntax.syntax_error import SyntaxError_
from corefile.lint.rules.syntax.unbalanced_braces import UnbalancedBraces
from corefile.lint.rules.syntax.unresolved_import import UnresolvedImport
from corefile.lint.rules.templating.unrendered_template import UnrenderedTemplate
from corefile.lint.rules.zones.cidr_expansion import CidrExpansion
from corefile.lint.rules.zones.duplicate_zone import DuplicateZone
from corefile.lint.rules.zones.invalid_address import InvalidAddress
from corefile.lint.rules.zones.invalid_cidr import InvalidCidr
from corefile.lint.rules.zones.mixed_bind_same_port import MixedBindSamePort

_ALL: tuple[type[Rule], ...] = (
    SyntaxError_,
    UnbalancedBraces,
    OneLineBlock,
    BraceGluedToKey,
    NestedServerBlock,
    BadImport,
    EmptyImportGlob,
    GluedComment,
    CrLineEndings,
    UnresolvedImport,
    InvalidUtf8,
    StrayBrace,
    EnvironmentLoop,
    NoServerBlocks,
    DuplicateZone,
    InvalidAddress,
    InvalidCidr,
    CidrExpansion,
    UnknownPlugin,
    RemovedPlugin,
    DeprecatedPlugin,
    RemovedOption,
    DeprecatedOption,
    DuplicatePlugin,
    IgnoredDuplicate,
    PluginConflict,
    InvalidArguments,
    UnknownOption,
    InvalidOptionValue,
    MissingArgument,
    UnusedSuppression,
    ForwardToLoopback,
    ResolvConfLoopRisk,
    ForwardWithoutLoop,
    ForwardNoMaxConcurrent,
    ExecutionOrder,
    MissingFallthrough,
    NoNextPlugin,
    MixedBindSamePort,
    UnrenderedTemplate,
    AutopathNeedsPodsVerified,
    ClusterDomainMismatch,
    ListenerConflict,
    HealthWithoutLameduck,
    MissingReady,
    ReloadWithImport,
    RewriteMissingAnswer,
    RewriteImplicitStop,
    CacheCoversClusterDomain,
)

#: Rule name -> rule class.
RULES: dict[str, type[Rule]] = {rule.name: rule for rule in _ALL}
#: Rule code -> rule class.
BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in _ALL}

if len(RULES) != len(_ALL) or len(BY_CODE) != len(_ALL):
    raise RuntimeError("two rules share a name or a code")


class UnknownRule(KeyError):
    pass


def get(selector: str) -> type[Rule]:
    """A rule by name or code."""
    rule = RULES.get(selector) or BY_CODE.get(selector.upper())
    if rule is None:
        raise UnknownRule(selector)
    return rule


def matching(selector: str) -> list[type[Rule]]:
    """Rules a selector names: ``ALL``, a family (``ZN``), a code prefix (``ZN0``), a code, a name."""
    text = selector.strip()
    if text.upper() == "ALL":
        return list(_ALL)
    if text in RULES:
        return [RULES[text]]
    upper = text.upper()
    found = [rule for rule in _ALL if rule.code.startswith(upper)] if upper[:2] in FAMILIES else []
    if not found:
        raise UnknownRule(selector)
    return found


def all_rules() -> tuple[type[Rule], ...]:
    return _ALL


__all__ = ["BY_CODE", "RULES", "Example", "Rule", "UnknownRule", "all_rules", "get", "matching"]
