"""Downward migrations: corefile-migration's MigrateDown()."""

from __future__ import annotations

import pytest

from corefile.core.versions import Version
from corefile.migrate import MigrationError, RemovePlugin, Severity, plan_migration_down

from .conftest import build, replay

MODERN = """
.:53 {
    errors
    health
    ready
    kubernetes cluster.local {
        upstream
    }
    forward . /etc/resolv.conf
    cache 30
    loop
}
"""


def test_down_to_1_1_3_removes_ready_and_loop_only():
    corefile = build(MODERN)
    plan = plan_migration_down(corefile, "1.6.2", "1.1.3")
    assert plan.actions == (
        RemovePlugin("s0", "s0/p2", Version(1, 5, 0)),
        RemovePlugin("s0", "s0/p6", Version(1, 2, 1)),
    )
    names = [p.name for p in plan.result.servers[0].plugins]
    assert names == ["errors", "health", "kubernetes", "forward", "cache"]
    assert plan.result.servers[0].plugin("kubernetes").option("upstream") is not None
    assert replay(plan.source, plan.actions) == plan.result


def test_down_to_1_3_1_removes_ready():
    plan = plan_migration_down(build(MODERN), "1.5.0", "1.3.1")
    assert [type(a) for a in plan.actions] == [RemovePlugin]
    assert plan.actions[0].plugin_ref == "s0/p2"


def test_down_to_exactly_1_5_0_also_removes_ready():
    # corefile-migration applies the target version's down actions too.
    plan = plan_migration_down(build(MODERN), "1.6.2", "1.5.0")
    assert [a.plugin_ref for a in plan.actions] == ["s0/p2"]


def test_down_reports_plugins_older_versions_lack():
    corefile = build(".:53 {\n kubernetes cluster.local\n transfer {\n  to *\n }\n}\n")
    plan = plan_migration_down(corefile, "1.8.0", "1.7.1")
    assert [(n.severity, n.plugin, str(n.version)) for n in plan.notices] == [
        (Severity.UNSUPPORTED, "transfer", "1.7.1")
    ]


def test_down_equal_versions_is_a_no_op():
    corefile = build(MODERN)
    plan = plan_migration_down(corefile, "1.6.2", "1.6.2")
    assert plan.actions == () and plan.result == corefile


@pytest.mark.parametrize(("start", "end", "message"), [
    ("1.1.3", "1.6.2", "cannot migrate down to '1.6.2' from '1.1.3'"),
    ("banana", "1.1.3", "start version 'banana' not supported"),
    ("1.6.2", "apple", "cannot migrate down to 'apple' from '1.6.2'"),
    ("1.6.8", "1.1.3", "start version '1.6.8' not supported"),
])
def test_down_errors(start, end, message):
    with pytest.raises(MigrationError) as info:
        plan_migration_down(build(MODERN), start, end)
    assert str(info.value) == message
