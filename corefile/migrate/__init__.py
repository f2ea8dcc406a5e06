"""Plan CoreDNS Corefile migrations between versions, and translate kube-dns ConfigMaps.

This re-implements the behaviour of coredns/corefile-migration (the library kubeadm
uses on CoreDNS upgrades) over a small plain model of the Corefile
(``corefile.migrate.model``). Instead of printing a reformatted Corefile it returns a
``MigrationPlan``: the ordered edits, the resulting model and the notices, so that the
caller can apply the edits to a lossless syntax tree. Deliberate differences from the
Go library are documented where they are made.
"""

import corefile.migrate.actions as actions
import corefile.migrate.model as model
from corefile.migrate.actions import (
    Action,
    AddOption,
    AddPlugin,
    AddServer,
    MigrationPlan,
    MovePlugin,
    RemoveOption,
    RemovePlugin,
    RenamePlugin,
    ReplaceOption,
    SetPluginArgs,
)
from corefile.migrate.defaults import default_corefile_template, is_default_corefile
from corefile.migrate.kubedns import (
    KubeDnsNotice,
    KubeDnsTranslation,
    kube_dns_to_corefile,
)
from corefile.migrate.model import NewRef
from corefile.migrate.notices import MigrationError, Notice, Severity
from corefile.migrate.planner import (
    deprecations,
    plan_migration,
    plan_migration_down,
    released,
    unsupported,
    valid_down_migration,
    valid_up_migration,
    valid_versions,
    version_from_sha,
)
from corefile.migrate.releases import SUPPORTED_VERSIONS
from corefile.migrate.text import CorefileTextError, parse_corefile, render_corefile

__all__ = [
    "SUPPORTED_VERSIONS",
    "Action",
    "AddOption",
    "AddPlugin",
    "AddServer",
    "CorefileTextError",
    "KubeDnsNotice",
    "KubeDnsTranslation",
    "MigrationError",
    "MigrationPlan",
    "MovePlugin",
    "NewRef",
    "Notice",
    "RemoveOption",
    "RemovePlugin",
    "RenamePlugin",
    "ReplaceOption",
    "SetPluginArgs",
    "Severity",
    "actions",
    "default_corefile_template",
    "deprecations",
    "is_default_corefile",
    "kube_dns_to_corefile",
    "model",
    "parse_corefile",
    "plan_migration",
    "plan_migration_down",
    "released",
    "render_corefile",
    "unsupported",
    "valid_down_migration",
    "valid_up_migration",
    "valid_versions",
    "version_from_sha",
]
