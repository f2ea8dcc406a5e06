"""Upward migrations: corefile-migration's Migrate() cases, as plans."""

from __future__ import annotations

import pytest

from corefile.core.versions import Version
from corefile.migrate import (
    AddOption,
    AddPlugin,
    AddServer,
    MigrationError,
    MovePlugin,
    NewRef,
    RemoveOption,
    RenamePlugin,
    ReplaceOption,
    SetPluginArgs,
    Severity,
    parse_corefile,
    plan_migration,
)
from corefile.migrate.model import Option, Plugin

from .conftest import build, replay

D5_LIKE = """
.:53 {
    errors
    health {
        lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}
"""


def migrated(text: str, start: str, end: str, deprecations: bool = True):
    corefile = build(text)
    plan = plan_migration(corefile, start, end, deprecations=deprecations)
    # Every plan must replay onto its input to give its result.
    assert replay(plan.source, plan.actions) == plan.result
    return plan


def plugin_names(plan, server: int = 0) -> list[str]:
    return [p.name for p in plan.result.servers[server].plugins]


def test_max_concurrent_is_added_at_1_7_0():
    plan = migrated(D5_LIKE, "1.6.2", "1.7.0")
    forward = plan.result.servers[0].plugin("forward")
    assert forward.options == (Option("max_concurrent", ("1000",)),)
    (action,) = plan.actions
    assert action == AddOption("s0/p5", Option("max_concurrent", ("1000",)), Version(1, 7, 0))
    # Nothing else changes: the result is the input plus that option.
    expected = D5_LIKE.replace("forward . /etc/resolv.conf", "forward . /etc/resolv.conf { max_concurrent 1000 }")
    assert plan.result == parse_corefile(expected)
    assert [n.message for n in plan.notices] == [
        'Option "max_concurrent" in plugin "forward" is added as a default in 1.7.0.'
    ]


def test_proxy_options_are_translated_for_forward():
    plan = migrated("""
    .:53 {
        proxy . /etc/resolv.conf {
            except example.org
            fail_timeout 10s
            max_fails 3
            health_check /health:8080
            spray
            policy least_conn
        }
    }
    """, "1.3.1", "1.5.0")
    # No kubernetes in the block, so no ready; loop's new-default step (1.2.1) is behind us.
    # Every option forward supports is kept (corefile-migration drops max_fails and makes
    # least_conn force_tcp); each one dropped gets a notice saying why.
    assert plan.result == parse_corefile("""
    .:53 {
        forward . /etc/resolv.conf {
            except example.org
            max_fails 3
        }
    }
    """)
    v140 = Version(1, 4, 0)
    assert plan.actions == (
        RemoveOption("s0/p0", "s0/p0/o1", v140),
        RemoveOption("s0/p0", "s0/p0/o3", v140),
        RemoveOption("s0/p0", "s0/p0/o4", v140),
        RemoveOption("s0/p0", "s0/p0/o5", v140),
        RenamePlugin("s0/p0", "proxy", "forward", v140),
    )
    lost = {notice.option: notice.additional for notice in plan.notices if notice.additional}
    assert set(lost) == {"fail_timeout", "health_check", "spray", "policy"}
    assert "least_conn" in lost["policy"] and "HTTP /health:8080" in lost["health_check"]


@pytest.mark.parametrize(("written", "kept"), [
    (("policy", "round_robin"), ("policy", "round_robin")),
    (("policy", "first"), ("policy", "sequential")),
    (("max_fails", "3"), ("max_fails", "3")),
    (("health_check", "/health:8080", "10s"), ("health_check", "10s")),
    (("policy", "least_conn"), None),
])
def test_each_proxy_option_forward_supports_is_kept(written, kept):
    plan = migrated(f".:53 {{\n    proxy . 1.1.1.1 {{\n        {' '.join(written)}\n    }}\n}}\n", "1.3.1", "1.5.0")
    options = plan.result.servers[0].plugins[0].options
    assert options == ((Option(kept[0], kept[1:]),) if kept else ())


def test_proxy_to_forward_with_kubernetes_gets_ready_last():
    plan = migrated("""
    .:53 {
        kubernetes cluster.local
        proxy . /etc/resolv.conf {
            policy least_conn
        }
    }
    """, "1.3.1", "1.5.0")
    assert plugin_names(plan) == ["kubernetes", "forward", "ready"]
    assert plan.actions[-1] == AddPlugin("s0", Plugin("ready"), Version(1, 5, 0))
    assert isinstance(plan.actions[-1].plugin.ref, NewRef)


@pytest.mark.parametrize(("protocol", "kept"), [
    (("force_tcp", "insecure"), True),
    (("dns", "force_tcp"), True),  # our addition: the documented proxy form
    (("dns",), False),
    (("grpc", "insecure"), False),
    (("https_google",), False),
])
def test_proxy_protocol_conversion(protocol, kept):
    text = ".:53 {\n proxy . 8.8.8.8 {\n  protocol " + " ".join(protocol) + "\n }\n}\n"
    plan = migrated(text, "1.3.1", "1.5.0")
    forward = plan.result.servers[0].plugin("forward")
    assert forward.options == ((Option("force_tcp"),) if kept else ())


def test_lameduck_is_added_to_health_at_1_6_5():
    plan = migrated(".:53 {\n health\n}\n", "1.6.2", "1.6.6")
    assert plan.result.servers[0].plugins[0].options == (Option("lameduck", ("5s",)),)
    assert plan.actions == (AddOption("s0/p0", Option("lameduck", ("5s",)), Version(1, 6, 5)),)


def test_lameduck_already_set_is_left_alone():
    plan = migrated(".:53 {\n health {\n  lameduck 12s\n }\n}\n", "1.6.2", "1.6.6")
    assert plan.actions == ()


def test_kubernetes_deprecations_from_1_4_0():
    plan = migrated("""
    .:53 {
        errors
        health
        kubernetes cluster.local in-addr.arpa ip6.arpa {
            pods insecure
            upstream
            resyncperiod 5m
            fallthrough in-addr.arpa ip6.arpa
        }
        proxy . /etc/resolv.conf
        cache 30
        loop
    }
    """, "1.4.0", "1.7.1")
    assert plan.result == parse_corefile("""
    .:53 {
        errors
        health {
            lameduck 5s
        }
        kubernetes cluster.local in-addr.arpa ip6.arpa {
            pods insecure
            fallthrough in-addr.arpa ip6.arpa
        }
        forward . /etc/resolv.conf {
            max_concurrent 1000
        }
        cache 30
        loop
        ready
    }
    """)


def test_https_google_removed_before_1_4_0_and_later_deprecations_untouched():
    plan = migrated("""
    .:53 {
        kubernetes cluster.local {
            endpoint https://a:6443 https://b:6443
            upstream
        }
        proxy example.org 1.2.3.4:53 {
            protocol https_google
        }
    }
    """, "1.1.3", "1.2.6")
    k8s, proxy = plan.result.servers[0].plugins[:2]
    assert k8s.option("endpoint").args == ("https://a:6443", "https://b:6443")
    assert k8s.option("upstream") is not None
    assert proxy == Plugin("proxy", ("example.org", "1.2.3.4:53"))
    assert plan.actions[0] == RemoveOption("s0/p1", "s0/p1/o0", Version(1, 1, 4))
    # loop is a new default at 1.2.1 for blocks that forward.
    assert plugin_names(plan) == ["kubernetes", "proxy", "loop"]


def test_endpoint_trimmed_and_upstream_dropped_through_1_5_2():
    plan = migrated("""
    .:53 {
        kubernetes cluster.local {
            endpoint https://a:6443 https://b:6443
            upstream
        }
        proxy . /etc/resolv.conf
    }
    """, "1.3.1", "1.5.2")
    k8s = plan.result.servers[0].plugin("kubernetes")
    assert k8s.options == (Option("endpoint", ("https://a:6443",)),)
    assert plugin_names(plan) == ["kubernetes", "forward", "ready"]
    # endpoint is re-checked at every step, but only one edit is planned.
    assert sum(isinstance(a, ReplaceOption) for a in plan.actions) == 1


def test_loop_then_ready_are_appended_in_order():
    plan = migrated(".:53 {\n kubernetes cluster.local\n proxy . /etc/resolv.conf\n}\n", "1.1.3", "1.5.0")
    assert plugin_names(plan) == ["kubernetes", "forward", "loop", "ready"]
    new_defaults = [n.message for n in plan.notices if n.severity is Severity.NEW_DEFAULT]
    assert new_defaults == [
        'Plugin "loop" is added as a default in 1.2.1.',
        'Plugin "ready" is added as a default in 1.5.0.',
    ]


def test_stub_proxies_are_split_into_server_blocks():
    plan = migrated("""
    .:53 {
        kubernetes cluster.local
        proxy corp.example 10.1.1.1
        proxy lab.example 10.2.2.2
        proxy . /etc/resolv.conf
    }
    """, "1.1.3", "1.5.0")
    assert [s.keys for s in plan.result.servers] == [(".:53",), ("corp.example",), ("lab.example",)]
    assert plugin_names(plan, 0) == ["kubernetes", "forward", "loop", "ready"]
    for index, upstream in ((1, "10.1.1.1"), (2, "10.2.2.2")):
        stub = plan.result.servers[index]
        assert [(p.name, p.args) for p in stub.plugins] == [
            ("forward", (".", upstream)), ("loop", ()), ("errors", ()), ("cache", ("30",)),
        ]
    # The split keeps the forward's identity: added block, moved plugin, new zone.
    add_server = next(a for a in plan.actions if isinstance(a, AddServer))
    assert add_server.server.keys == ("corp.example",)
    assert add_server.version == Version(1, 4, 0)
    move = next(a for a in plan.actions if isinstance(a, MovePlugin))
    assert move == MovePlugin("s0/p1", "s0", add_server.server.ref, Version(1, 4, 0))
    assert SetPluginArgs("s0/p1", (".", "10.1.1.1"), Version(1, 4, 0)) in plan.actions


def test_stub_split_happens_at_1_5_0_without_deprecations():
    plan = migrated("""
    .:53 {
        proxy corp.example 10.1.1.1
        proxy lab.example 10.2.2.2
        proxy . /etc/resolv.conf
    }
    """, "1.3.1", "1.5.0", deprecations=False)
    # corefile-migration skips the forward after a split one when only one pass runs;
    # we split them all.
    assert [s.keys for s in plan.result.servers] == [(".:53",), ("corp.example",), ("lab.example",)]
    assert {a.version for a in plan.actions if isinstance(a, AddServer)} == {Version(1, 5, 0)}


@pytest.mark.parametrize(("text", "message"), [
    ("a.org b.org {\n forward x.org 1.1.1.1\n}\n", "unhandled migration of multi-domain/port server block"),
    ("a.org:53 {\n forward x.org 1.1.1.1\n}\n", "unhandled migration of non-default domain/port server block"),
    (".:53 {\n forward\n}\n", "found invalid forward plugin declaration"),
])
def test_split_refuses_what_it_cannot_handle(text, message):
    with pytest.raises(MigrationError, match=message):
        plan_migration(build(text), "1.3.1", "1.4.0")


def test_same_version_is_a_no_op():
    corefile = build(".:53 {\n proxy . 1.1.1.1\n}\n")
    plan = plan_migration(corefile, "1.3.1", "1.3.1")
    assert plan.actions == () and plan.notices == () and plan.result == corefile


def test_hosts_and_autopath_pass_through():
    text = """
    .:53 {
        hosts {
            10.0.0.5 db.internal
            fd00:1::5 db6.internal
            fd00::5 short6.internal
            ttl 30
        }
        autopath @kubernetes
        forward . /etc/resolv.conf
    }
    """
    plan = migrated(text, "1.3.1", "1.6.6")
    assert plan.result.servers[0].plugins[:2] == parse_corefile(text).servers[0].plugins[:2]
    # Inline host entries are known options (fd00::5 too, unlike corefile-migration).
    assert not [n for n in plan.notices if n.severity is Severity.UNSUPPORTED]


def test_rewrite_passes_through():
    text = '.:53 {\n rewrite continue {\n  ttl regex (.*)\\.example\\.net 15\n }\n forward . 1.1.1.1\n}\n'
    plan = migrated(text, "1.2.6", "1.5.0")
    assert plan.result.servers[0].plugins[0] == parse_corefile(text).servers[0].plugins[0]


def test_transfer_option_moves_to_transfer_plugin_at_1_8_0():
    plan = migrated("""
    .:53 {
        kubernetes cluster.local in-addr.arpa ip6.arpa {
            transfer to 10.9.9.9 10.9.9.10
        }
    }
    """, "1.7.1", "1.8.0")
    k8s, transfer = plan.result.servers[0].plugins
    assert k8s == Plugin("kubernetes", ("cluster.local", "in-addr.arpa", "ip6.arpa"))
    assert transfer == Plugin("transfer", ("cluster.local",), (Option("to", ("10.9.9.9", "10.9.9.10")),))
    v180 = Version(1, 8, 0)
    assert plan.actions == (
        AddPlugin("s0", transfer, v180),
        RemoveOption("s0/p0", "s0/p0/o0", v180),
    )
    assert [n.message for n in plan.notices] == ['Option "transfer" in plugin "kubernetes" is removed in 1.8.0.']


def test_transfer_move_without_kubernetes_zones():
    # corefile-migration crashes here; a zoneless transfer serves the block's zones.
    plan = migrated(".:53 {\n kubernetes {\n  transfer to 10.9.9.9\n }\n}\n", "1.7.1", "1.8.0")
    assert plan.result.servers[0].plugins[1] == Plugin("transfer", (), (Option("to", ("10.9.9.9",)),))


def test_deprecations_flag_keeps_deprecated_items():
    text = """
    .:53 {
        kubernetes cluster.local {
            upstream
        }
        proxy . /etc/resolv.conf {
            max_fails 3
        }
    }
    """
    kept = migrated(text, "1.3.1", "1.4.0", deprecations=False)
    assert kept.actions == ()
    assert [n.message for n in kept.notices] == [
        'Option "upstream" in plugin "kubernetes" is deprecated in 1.4.0.',
        'Plugin "proxy" is deprecated in 1.4.0. It is replaced by "forward".',
    ]
    converted = migrated(text, "1.3.1", "1.4.0", deprecations=True)
    assert plugin_names(converted) == ["kubernetes", "forward"]
    assert converted.result.servers[0].plugins[0].options == ()
    assert converted.result.servers[0].plugins[1].options == (Option("max_fails", ("3",)),)
    # Removal at 1.5.0 is forced whatever the flag.
    forced = migrated(text, "1.3.1", "1.5.0", deprecations=False)
    assert plugin_names(forced) == ["kubernetes", "forward", "ready"]
    assert forced.result.servers[0].plugins[0].options == ()


def test_unknown_plugins_are_carried_through_with_one_notice():
    plan = migrated(".:53 {\n route53 example.org.:Z1\n forward . 1.1.1.1\n}\n", "1.3.1", "1.14.2")
    assert plan.result.servers[0].plugins[0] == Plugin("route53", ("example.org.:Z1",))
    unsupported = [n for n in plan.notices if n.severity is Severity.UNSUPPORTED]
    assert [n.message for n in unsupported] == [
        'Plugin "route53" is unsupported by this migration tool in 1.4.0.'
    ]
    assert unsupported[0].plugin_ref == "s0/p0"


def test_plan_notices_are_reported_once_per_status():
    text = ".:53 {\n kubernetes cluster.local {\n  upstream\n }\n forward . 1.1.1.1\n}\n"
    plan = migrated(text, "1.3.1", "1.7.0", deprecations=False)
    upstream = [n.message for n in plan.notices if n.option == "upstream"]
    assert upstream == [
        'Option "upstream" in plugin "kubernetes" is deprecated in 1.4.0.',
        'Option "upstream" in plugin "kubernetes" is ignored in 1.5.0.',
    ]


def test_migrating_the_old_defaults_up_to_the_newest():
    from corefile.migrate.releases import RELEASES

    for release in RELEASES:
        if release.default_conf and release.version < Version(1, 14, 2):
            text = release.default_conf.replace("* ***", "cluster.local in-addr.arpa ip6.arpa").replace(". *", ". /etc/resolv.conf")
            plan = migrated(text, str(release.version), "1.14.2")
            (server,) = plan.result.servers
            assert server.plugin("proxy") is None
            assert server.plugin("forward").option("max_concurrent") is not None
            assert server.plugin("health").option("lameduck") is not None
            assert server.plugin("ready") is not None
            assert server.plugin("kubernetes").option("upstream") is None
