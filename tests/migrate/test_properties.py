"""Properties of plans over generated Corefiles."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from corefile.migrate import (
    SUPPORTED_VERSIONS,
    MigrationError,
    plan_migration,
    plan_migration_down,
)
from corefile.migrate.model import Corefile, Option, Plugin, Server

from .conftest import replay

# A vocabulary that reaches every rule: statuses, conversions, new defaults, splits, transfer.
_OPTIONS = {
    "kubernetes": [("upstream", ()), ("resyncperiod", ("5m",)), ("endpoint", ("https://a", "https://b")),
                   ("transfer", ("to", "10.0.0.9")), ("pods", ("insecure",)), ("moo", ())],
    "proxy": [("policy", ("least_conn",)), ("policy", ("random",)), ("max_fails", ("3",)), ("spray", ()),
              ("protocol", ("https_google",)), ("protocol", ("force_tcp", "x")), ("except", ("a.org",))],
    "forward": [("max_concurrent", ("10",)), ("policy", ("sequential",)), ("prefer_udp", ())],
    "health": [("lameduck", ("3s",))],
    "cache": [("serve_stale", ())],
    "whoami": [],
    "ready": [],
    "loop": [],
}
_ARGS = {
    "kubernetes": [("cluster.local",), ("cluster.local", "in-addr.arpa")],
    "proxy": [(".", "1.1.1.1"), ("corp.example", "10.0.0.1"), ("lab.example", "10.0.0.2")],
    "forward": [(".", "8.8.8.8"), ("stub.example", "10.0.0.3")],
    "cache": [("30",)],
}


@st.composite
def plugins(draw):
    name = draw(st.sampled_from(sorted(_OPTIONS)))
    args = draw(st.sampled_from(_ARGS.get(name, [()])))
    options = draw(st.lists(st.sampled_from(_OPTIONS[name]), max_size=3)) if _OPTIONS[name] else []
    return Plugin(name, args, tuple(Option(n, a) for n, a in options))


corefiles = st.builds(
    lambda blocks: Corefile(tuple(Server(keys, tuple(ps)) for keys, ps in blocks)),
    st.lists(st.tuples(st.sampled_from([(".:53",), (".",), ("example.org",)]),
                       st.lists(plugins(), max_size=6)), min_size=1, max_size=2),
)
version_pairs = st.tuples(st.sampled_from(SUPPORTED_VERSIONS), st.sampled_from(SUPPORTED_VERSIONS))


@settings(max_examples=300, deadline=None)
@given(corefiles, version_pairs, st.booleans())
def test_up_plans_replay_to_their_result(corefile, versions, deprecations):
    start, end = sorted(versions)
    try:
        plan = plan_migration(corefile, start, end, deprecations=deprecations)
    except MigrationError as exc:
        assert "unhandled migration" in str(exc) or "invalid forward" in str(exc)
        return
    assert replay(plan.source, plan.actions) == plan.result
    assert all(start < a.version <= end for a in plan.actions)
    # Notices in a plan are never repeated for the same item and status.
    keys = [(n.severity, n.server_ref, n.plugin_ref, n.option_ref, n.plugin, n.option) for n in plan.notices]
    assert len(keys) == len(set(map(repr, keys)))
    # Planning is pure: the same input gives the same plan.
    again = plan_migration(corefile, start, end, deprecations=deprecations)
    assert again.result == plan.result and len(again.actions) == len(plan.actions)


@settings(max_examples=150, deadline=None)
@given(corefiles, version_pairs)
def test_down_plans_replay_and_only_remove(corefile, versions):
    end, start = sorted(versions)
    if start == end:
        return
    plan = plan_migration_down(corefile, start, end)
    assert replay(plan.source, plan.actions) == plan.result
    assert {type(a).__name__ for a in plan.actions} <= {"RemovePlugin"}


@settings(max_examples=100, deadline=None)
@given(corefiles)
def test_migrating_twice_to_the_newest_changes_nothing_more(corefile):
    try:
        first = plan_migration(corefile, "1.5.1", "1.14.2")
    except MigrationError:
        return
    # Having reached the newest version, a further pass from 1.7.1 has nothing left to do
    # except the 1.8.0 transfer move, which the first pass already did.
    second = plan_migration(attrs.evolve(first.result), "1.8.0", "1.14.2")
    assert second.actions == ()
