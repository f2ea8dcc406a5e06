"""Version awareness: directive lists, plugin.cfg order, option history, repeat history."""

from __future__ import annotations

from corefile.catalogue import PLUGINS, check_directive, directive_order, is_known
from corefile.core.versions import LATEST, Version

from .fake_reader import group_by_name, parse_directives

V = Version.parse


def rules(text: str, version: str) -> list[str]:
    return [
        problem.rule
        for occurrences in group_by_name(parse_directives(text)).values()
        for problem in check_directive(occurrences, V(version))
    ]


def messages(text: str, version: str) -> list[str]:
    return [
        problem.message
        for occurrences in group_by_name(parse_directives(text)).values()
        for problem in check_directive(occurrences, V(version))
    ]


def test_latest_order_is_plugin_cfg_of_1_14_7() -> None:
    order = directive_order(LATEST)
    assert len(order) == 60
    assert order[:5] == ("root", "metadata", "geoip", "cancel", "proxyproto")
    assert order[-4:] == ("on", "sign", "view", "nomad")
    assert order.index("tls") == order.index("dnssec") + 1
    segment = order[order.index("tsig") : order.index("minimal") + 1]
    assert segment == ("tsig", "rewrite", "autopath", "acl", "cache", "header", "dnssec", "tls", "minimal")


def test_1_14_6_order_has_tls_after_cancel_and_cache_before_rewrite() -> None:
    order = directive_order(V("1.14.6"))
    assert "shed" not in order  # added in 1.14.7
    assert order[order.index("cancel") + 1] == "tls"
    segment = order[order.index("tsig") : order.index("minimal") + 1]
    assert segment == ("tsig", "cache", "rewrite", "acl", "header", "dnssec", "autopath", "minimal")
    assert set(directive_order(V("1.14.6"))) | {"shed"} == set(directive_order(LATEST))


def test_removed_directives_appear_while_they_existed_at_their_old_position() -> None:
    order_1_4 = directive_order(V("1.4.0"))
    assert order_1_4[order_1_4.index("forward") + 1] == "proxy"
    assert "proxy" not in directive_order(V("1.5.0"))
    order_1_6 = directive_order(V("1.6.9"))
    assert order_1_6.index("clouddns") + 1 == order_1_6.index("federation")
    assert "federation" not in directive_order(V("1.7.0"))
    order_1_1 = directive_order(V("1.1.4"))
    assert order_1_1[order_1_1.index("autopath") + 1] == "reverse"
    assert "reverse" not in directive_order(V("1.2.0"))
    assert directive_order(V("1.0.6"))[-2:] == ("startup", "shutdown")
    assert "startup" not in directive_order(V("1.1.1"))


def test_every_builtin_plugin_is_in_both_order_tables() -> None:
    every_release_order = set(directive_order(V("1.0.0"))) | set(directive_order(V("1.6.0")))
    for version in ("1.0.6", "1.1.4", "1.4.0", "1.6.9", "1.14.6", "1.14.7"):
        every_release_order |= set(directive_order(V(version)))
    builtin = {name for name, plugin in PLUGINS.items() if not plugin.external}
    assert every_release_order == builtin


def test_is_known_follows_first_compiled_release() -> None:
    assert is_known("forward", V("1.0.6")) and not is_known("forward", V("1.0.5"))
    assert is_known("proxyproto", V("1.14.2")) and not is_known("proxyproto", V("1.14.1"))
    assert is_known("shed", V("1.14.7")) and not is_known("shed", V("1.14.6"))
    assert is_known("proxy", V("1.4.0")) and not is_known("proxy", V("1.5.0"))
    assert not is_known("alternate", LATEST)  # external
    assert not is_known("import", LATEST)  # a parser directive, not a plugin
    assert not is_known("nonsense", LATEST)


def test_option_added_later_is_unknown_with_the_release_named() -> None:
    [message] = messages("forward . 1.1.1.1 {\n failfast_all_unhealthy_upstreams\n}", "1.11.0")
    assert "added in 1.12.1" in message
    assert rules("forward . 1.1.1.1 {\n failfast_all_unhealthy_upstreams\n}", "1.12.1") == []


def test_option_removed_later_is_only_refused_from_its_removal() -> None:
    text = "kubernetes cluster.local {\n upstream\n}"
    assert rules(text, "1.3.1") == []
    assert rules(text, "1.4.0") == ["deprecated-option"]
    assert rules(text, "1.6.9") == ["deprecated-option"]
    assert rules(text, "1.7.0") == ["removed-option"]
    assert rules("file db {\n transfer to *\n}", "1.7.1") == []
    assert rules("file db {\n transfer to *\n}", "1.8.0") == ["removed-option"]


def test_removed_option_names_its_replacement() -> None:
    [problem] = list(check_directive(group_by_name(parse_directives("file db {\n no_reload\n}"))["file"], LATEST))
    assert problem.rule == "removed-option"
    assert problem.suggestion == "reload 0"
    assert "reload 0" in problem.message


def test_unknown_option_suggests_only_options_valid_at_the_target() -> None:
    [problem] = list(check_directive(group_by_name(parse_directives("cache {\n keepttll\n}"))["cache"], V("1.9.0")))
    assert problem.suggestion is None  # keepttl only exists from 1.10.1
    [problem] = list(check_directive(group_by_name(parse_directives("cache {\n keepttll\n}"))["cache"], LATEST))
    assert problem.suggestion == "keepttl"


def test_repeat_behaviour_per_version() -> None:
    forward = PLUGINS["forward"]
    assert forward.repeat_at(V("1.0.6")) == "multi"
    assert forward.repeat_at(V("1.1.0")) == "once"
    assert forward.repeat_at(V("1.9.3")) == "once"
    assert forward.repeat_at(V("1.9.4")) == "multi"
    assert forward.repeat_at() == "multi"
    assert PLUGINS["kubernetes"].repeat_at(V("1.0.0")) == "err"
    assert PLUGINS["kubernetes"].repeat_at(LATEST) == "once"
    assert PLUGINS["reload"].repeat_at(LATEST) == "first"


def test_repeat_modes_match_the_duplicate_lists() -> None:
    once = {"cache", "dnssec", "errors", "grpc", "hosts", "kubernetes", "loop", "nsid", "pprof", "prometheus", "ready", "shed", "tsig", "view"}
    err = {"metadata", "multisocket", "geoip"}
    first = {"reload", "bufsize", "etcd", "header", "minimal", "any", "chaos", "whoami", "nomad", "quic", "https", "https3", "grpc_server"}
    last = {"root", "cancel", "health", "trace", "local", "dns64", "loadbalance", "autopath", "tls", "k8s_external", "auto", "timeouts", "erratic"}
    for name in directive_order(LATEST):
        mode = PLUGINS[name].repeat_at(LATEST)
        expected = "once" if name in once else "err" if name in err else "first" if name in first else "last" if name in last else "multi"
        assert mode == expected, name


def test_version_dependent_argument_rules() -> None:
    assert rules("reload 10s 0", "1.14.2") == []
    assert rules("reload 10s 0", "1.14.1") == ["invalid-arguments"]
    assert rules("tls", "1.14.6") == ["missing-argument"]
    assert rules("tls {\n acme example.org\n}", "1.14.7") == []
    assert rules("header {\n set ra\n}", "1.9.3") == []
    assert rules("header {\n query set rd\n}", "1.9.3") == ["unknown-option"]
    assert rules("secondary example.org", "1.12.1") == []
    assert rules("secondary example.org", "1.12.2") == ["missing-argument"]
