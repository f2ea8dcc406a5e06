"""The explicit rule registry: every rule, imported by hand, in code order."""

from __future__ import annotations

from corefile.rules._base import FAMILIES, Example, Rule
from corefile.rules.bad_import import BadImport
from corefile.rules.brace_glued_to_key import BraceGluedToKey
from corefile.rules.cidr_expansion import CidrExpansion
from corefile.rules.cr_line_endings import CrLineEndings
from corefile.rules.deprecated_option import DeprecatedOption
from corefile.rules.deprecated_plugin import DeprecatedPlugin
from corefile.rules.duplicate_plugin import DuplicatePlugin
from corefile.rules.duplicate_zone import DuplicateZone
from corefile.rules.empty_import_glob import EmptyImportGlob
from corefile.rules.environment_loop import EnvironmentLoop
from corefile.rules.glued_comment import GluedComment
from corefile.rules.ignored_duplicate import IgnoredDuplicate
from corefile.rules.invalid_address import InvalidAddress
from corefile.rules.invalid_arguments import InvalidArguments
from corefile.rules.invalid_cidr import InvalidCidr
from corefile.rules.invalid_option_value import InvalidOptionValue
from corefile.rules.invalid_utf8 import InvalidUtf8
from corefile.rules.missing_argument import MissingArgument
from corefile.rules.nested_server_block import NestedServerBlock
from corefile.rules.no_server_blocks import NoServerBlocks
from corefile.rules.one_line_block import OneLineBlock
from corefile.rules.plugin_conflict import PluginConflict
from corefile.rules.removed_option import RemovedOption
from corefile.rules.removed_plugin import RemovedPlugin
from corefile.rules.stray_brace import StrayBrace
from corefile.rules.syntax_error import SyntaxError_
from corefile.rules.unbalanced_braces import UnbalancedBraces
from corefile.rules.unknown_option import UnknownOption
from corefile.rules.unknown_plugin import UnknownPlugin
from corefile.rules.unresolved_import import UnresolvedImport
from corefile.rules.unused_suppression import UnusedSuppression
from corefile.rules.execution_order import ExecutionOrder
from corefile.rules.forward_no_max_concurrent import ForwardNoMaxConcurrent
from corefile.rules.forward_to_loopback import ForwardToLoopback
from corefile.rules.forward_without_loop import ForwardWithoutLoop
from corefile.rules.missing_fallthrough import MissingFallthrough
from corefile.rules.no_next_plugin import NoNextPlugin
from corefile.rules.resolv_conf_loop_risk import ResolvConfLoopRisk
from corefile.rules.autopath_needs_pods_verified import AutopathNeedsPodsVerified
from corefile.rules.cache_covers_cluster_domain import CacheCoversClusterDomain
from corefile.rules.cluster_domain_mismatch import ClusterDomainMismatch
from corefile.rules.health_without_lameduck import HealthWithoutLameduck
from corefile.rules.listener_conflict import ListenerConflict
from corefile.rules.missing_ready import MissingReady
from corefile.rules.mixed_bind_same_port import MixedBindSamePort
from corefile.rules.reload_with_import import ReloadWithImport
from corefile.rules.rewrite_implicit_stop import RewriteImplicitStop
from corefile.rules.rewrite_missing_answer import RewriteMissingAnswer
from corefile.rules.unrendered_template import UnrenderedTemplate

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
