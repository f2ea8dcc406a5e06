"""deprecations() and unsupported(): corefile-migration's Deprecated() and Unsupported()."""

from __future__ import annotations

import pytest

from corefile.core.versions import Version
from corefile.migrate import Notice, Severity, deprecations, unsupported

from .conftest import build

V = Version.parse


@pytest.mark.parametrize(("notice", "message"), [
    (Notice(Severity.DEPRECATED, "proxy", V("1.4.0"), replacement="forward"),
     'Plugin "proxy" is deprecated in 1.4.0. It is replaced by "forward".'),
    (Notice(Severity.REMOVED, "proxy", V("1.5.0"), replacement="forward"),
     'Plugin "proxy" is removed in 1.5.0. It is replaced by "forward".'),
    (Notice(Severity.IGNORED, "kubernetes", V("1.5.0"), option="upstream"),
     'Option "upstream" in plugin "kubernetes" is ignored in 1.5.0.'),
    (Notice(Severity.REMOVED, "kubernetes", V("1.7.0"), option="resyncperiod"),
     'Option "resyncperiod" in plugin "kubernetes" is removed in 1.7.0.'),
    (Notice(Severity.NEW_DEFAULT, "ready", V("1.5.0")),
     'Plugin "ready" is added as a default in 1.5.0.'),
    (Notice(Severity.NEW_DEFAULT, "health", V("1.6.5"), option="lameduck"),
     'Option "lameduck" in plugin "health" is added as a default in 1.6.5.'),
    (Notice(Severity.UNSUPPORTED, "route53", V("1.4.0")),
     'Plugin "route53" is unsupported by this migration tool in 1.4.0.'),
    (Notice(Severity.UNSUPPORTED, "rewrite", V("1.8.0"), option="answer"),
     'Option "answer" in plugin "rewrite" is unsupported by this migration tool in 1.8.0.'),
    (Notice(Severity.DEPRECATED, "x", V("1.4.0"), additional="See the docs."),
     'Plugin "x" is deprecated in 1.4.0. See the docs.'),
])
def test_message_shapes(notice, message):
    assert notice.message == message == str(notice)


def test_severity_values_are_the_go_constants():
    assert [s.value for s in Severity] == ["deprecated", "ignored", "removed", "newdefault", "unsupported"]


DEPRECATED_INPUT = """
.:53 {
    errors
    health
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        upstream
        resyncperiod 10s
        fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    proxy . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}
"""


def test_deprecated_walk_from_1_1_3_to_1_7_0():
    notices = deprecations(build(DEPRECATED_INPUT), "1.1.3", "1.7.0")
    up = 'Option "upstream" in plugin "kubernetes" is {} in {}.'
    resync = 'Option "resyncperiod" in plugin "kubernetes" is {} in {}.'
    expected = [
        up.format("deprecated", "1.4.0"),
        'Plugin "proxy" is deprecated in 1.4.0. It is replaced by "forward".',
        up.format("ignored", "1.5.0"), resync.format("deprecated", "1.5.0"),
        'Plugin "proxy" is removed in 1.5.0. It is replaced by "forward".',
        'Plugin "ready" is added as a default in 1.5.0.',
    ]
    for v in ("1.5.1", "1.5.2"):
        expected += [up.format("ignored", v), resync.format("deprecated", v)]
    for v in ("1.6.0", "1.6.1", "1.6.2", "1.6.3", "1.6.4"):
        expected += [up.format("ignored", v), resync.format("ignored", v)]
    expected += ['Option "lameduck" in plugin "health" is added as a default in 1.6.5.',
                 up.format("ignored", "1.6.5"), resync.format("ignored", "1.6.5")]
    for v in ("1.6.6", "1.6.7", "1.6.9"):
        expected += [up.format("ignored", v), resync.format("ignored", v)]
    expected += [up.format("removed", "1.7.0"), resync.format("removed", "1.7.0")]
    assert len(expected) == 31
    assert [n.message for n in notices] == expected


def test_deprecated_notices_point_at_the_elements():
    notices = deprecations(build(DEPRECATED_INPUT), "1.3.1", "1.4.0")
    assert [(n.server_ref, n.plugin_ref, n.option_ref) for n in notices] == [
        ("s0", "s0/p2", "s0/p2/o1"),
        ("s0", "s0/p4", None),
    ]


def test_new_default_plugin_is_reported_for_every_block_lacking_it():
    # As in corefile-migration, even where a migration would not add it (no kubernetes).
    corefile = build(".:53 {\n kubernetes cluster.local\n}\nexample.org {\n whoami\n}\n")
    notices = [n for n in deprecations(corefile, "1.4.0", "1.5.0") if n.severity is Severity.NEW_DEFAULT]
    assert [n.server_ref for n in notices] == ["s0", "s1"]


def test_equal_versions_give_nothing_without_validation():
    corefile = build(DEPRECATED_INPUT)
    assert deprecations(corefile, "banana", "banana") == []
    assert unsupported(corefile, "banana", "banana") == []


def test_unsupported_plugin_once_per_step():
    corefile = build(".:53 {\n route53 example.org.:Z1\n forward . 1.1.1.1\n}\n")
    notices = unsupported(corefile, "1.3.1", "1.5.0")
    assert [n.message for n in notices] == [
        'Plugin "route53" is unsupported by this migration tool in 1.4.0.',
        'Plugin "route53" is unsupported by this migration tool in 1.5.0.',
    ]
    assert unsupported(corefile, "1.3.1", "1.3.1") == []


def test_unsupported_option():
    corefile = build(".:53 {\n kubernetes cluster.local {\n  moo\n }\n}\n")
    notices = unsupported(corefile, "1.3.1", "1.5.0")
    assert [n.message for n in notices] == [
        'Option "moo" in plugin "kubernetes" is unsupported by this migration tool in 1.4.0.',
        'Option "moo" in plugin "kubernetes" is unsupported by this migration tool in 1.5.0.',
    ]


def test_unsupported_between_neighbours():
    notices = unsupported(build(".:53 {\n invalid\n}\n"), "1.6.6", "1.6.7")
    assert [n.message for n in notices] == ['Plugin "invalid" is unsupported by this migration tool in 1.6.7.']


def test_plugins_unknown_until_they_exist():
    corefile = build(".:53 {\n ready\n k8s_external example.org\n transfer {\n  to *\n }\n}\n")
    assert {n.plugin for n in unsupported(corefile, "1.2.6", "1.3.0")} == {"ready", "transfer"}
    assert unsupported(corefile, "1.7.1", "1.8.0") == []


def test_rewrite_answer_is_known():
    # corefile-migration reports `answer` as unsupported (its key is "answer name").
    corefile = build(".:53 {\n rewrite stop {\n  name regex (.*)\\.a\\.org {1}.b.org\n"
                     "  answer name (.*)\\.b\\.org {1}.a.org\n }\n}\n")
    assert unsupported(corefile, "1.7.1", "1.8.0") == []


def test_serve_stale_stays_known_after_1_7_0():
    corefile = build(".:53 {\n cache 30 {\n  serve_stale\n }\n}\n")
    assert unsupported(corefile, "1.6.6", "1.10.1") == []
    assert [n.version for n in unsupported(corefile, "1.6.5", "1.6.6")] == []
    assert [str(n.version) for n in unsupported(corefile, "1.6.4", "1.6.5")] == ["1.6.5"]


def test_upstream_is_unknown_once_unlisted():
    corefile = build(".:53 {\n kubernetes cluster.local {\n  upstream\n }\n}\n")
    assert [str(n.version) for n in unsupported(corefile, "1.7.1", "1.8.3")] == ["1.8.0", "1.8.3"]
