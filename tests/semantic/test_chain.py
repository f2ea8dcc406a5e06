"""The plugin chain model, `corefile explain`, the Kubernetes profile and severities of the chain rules."""

from __future__ import annotations

import pytest

from corefile.analysis.chain import chains, render
from corefile.analysis.context import Context, Settings
from corefile.core.versions import Version
from corefile.expansion.loader import load_text
from corefile.lint.config import Config
from corefile.lint.linter import lint_text
from tests.conftest import CORPUS, manifest, needs_corpus

MINE = {"FW001", "FW002", "FW003", "FW020", "CH001", "CH002", "CH003", "ZN005", "TP001", "K8001", "K8002",
        "OP001", "OP010", "OP011", "OP020", "RW001", "RW003", "CA001"}


def chain_of(text: str, **settings):
    return chains(Context(load_text(text), Settings(**settings)))


def test_chain_runs_in_plugin_cfg_order_and_keeps_file_order_within_a_plugin():
    (chain,) = chain_of(". {\n    forward example.org 10.0.0.1\n    log\n    forward . 8.8.8.8\n    hosts\n    cache\n}\n")
    assert [link.name for link in chain.links] == ["log", "cache", "hosts", "forward", "forward"]
    assert [link.zones for link in chain.named("forward")] == [("example.org.",), (".",)]


def test_order_depends_on_the_version():
    text = ". {\n    rewrite name a.example b.example\n    cache\n    forward . 8.8.8.8\n}\n"
    assert [link.name for link in chain_of(text)[0].links][:2] == ["rewrite", "cache"]
    old = chain_of(text, coredns_version=Version(1, 14, 6))[0]
    assert [link.name for link in old.links][:2] == ["cache", "rewrite"]


def test_zones_roles_and_fallthrough():
    text = (".:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n        fallthrough in-addr.arpa ip6.arpa\n    }\n"
            "    hosts /etc/hosts example.org\n    health\n    prometheus :9153\n    forward . 8.8.8.8 {\n        except lan\n    }\n}\n")
    (chain,) = chain_of(text)
    kubernetes = chain.named("kubernetes")[0]
    assert kubernetes.zones == ("cluster.local.", "in-addr.arpa.", "ip6.arpa.")
    assert kubernetes.fallthrough == ("in-addr.arpa.", "ip6.arpa.")
    hosts = chain.named("hosts")[0]
    assert hosts.zones == ("example.org.",) and hosts.fallthrough is None and hosts.answers
    assert chain.named("health")[0].role == "none" and chain.named("health")[0].listener == ":8080"
    assert chain.named("prometheus")[0].role == "filter" and chain.named("prometheus")[0].listener == ":9153"
    forward = chain.named("forward")[0]
    assert forward.excepted == ("lan.",) and forward.handles("example.com.") and not forward.handles("a.lan.")


def test_a_brace_on_the_fallthrough_line_is_a_zone():
    (chain,) = chain_of("a.com {\n  hosts /h { fallthrough }\n}\n")
    assert chain.named("hosts")[0].fallthrough == ("}.",)


def test_explain_prints_execution_order(tmp_path, capsys):
    from corefile.cli.commands import explain

    path = tmp_path / "Corefile"
    path.write_text(". {\n    forward . 8.8.8.8\n    health\n    cache 30\n}\n")

    class Args:
        pass

    args = Args()
    args.path, args.coredns_version, args.env, args.import_map, args.plugins = str(path), None, [], [], []
    assert explain.run(args) == 0
    out = capsys.readouterr().out
    assert out.index("1. cache") < out.index("2. forward")
    assert "health: HTTP listener on :8080" in out


def test_render_mentions_unanswered_queries():
    assert "no next plugin found" in render(chain_of(". {\n    hosts {\n        fallthrough\n    }\n}\n"))


def lint(text, **config):
    return [f for f in lint_text(text, config=Config(select=("ALL",), **config)) if f.code in MINE]


def test_kubernetes_profile():
    text = ".:53 {\n    forward . 8.8.8.8\n}\n"
    assert not [f for f in lint(text) if f.code == "FW020"]
    assert [f for f in lint(text, profile="kubernetes") if f.code == "FW020"]
    k8s = ".:53 {\n    kubernetes cluster.local\n    forward . 8.8.8.8\n}\n"
    assert [f for f in lint(k8s) if f.code == "FW020"]
    assert not [f for f in lint(k8s, profile="standalone") if f.code in ("FW020", "OP011", "K8002")]


def test_cluster_domain_setting():
    text = ".:53 {\n    ready\n    kubernetes k8s.internal\n}\n"
    assert [f.code for f in lint(text) if f.code == "K8002"] == ["K8002"]
    assert not [f for f in lint(text, cluster_domain="k8s.internal") if f.code == "K8002"]


@pytest.mark.parametrize(("text", "severity"), [
    (". {\n    forward . 127.0.0.1\n    loop\n}\n", "warning"),
    (". {\n    forward . 127.0.0.1\n}\n", "warning"),
    ("example.org {\n    forward lan.example.org 127.0.0.1\n    loop\n}\n", "warning"),
])
def test_forward_to_loopback_severity(text, severity):
    (finding,) = [f for f in lint(text) if f.code == "FW001"]
    assert str(finding.severity) == severity
    assert ("CoreDNS exits" in finding.message) == ("loop\n" in text and text.startswith(". "))


@pytest.mark.parametrize(("text", "severity", "version"), [
    ("{{ .Zone }} {\n    whoami\n}\n", "warning", None),
    (".:53 {\n    forward . __PILLAR__UPSTREAM__\n}\n", "warning", None),  # a hostname upstream, accepted since 1.14
    (".:53 {\n    {{ .Values.plugins }}\n}\n", "error", None),  # Unknown directive '{{'
    (".:53 {\n    kubernetes CLUSTER_DOMAIN\n}\n", "warning", None),
])
def test_unrendered_template_severity(text, severity, version):
    config = {"coredns_version": Version.parse(version)} if version else {}
    found = [f for f in lint(text, **config) if f.code == "TP001"]
    assert found and str(found[0].severity) == severity


#: NodeLocal DNSCache's Corefile once the manifest's own placeholders are filled in (the
#: kubernetes docs' sed step): what is left, node-cache fills in at start-up.
NODE_CACHE = """cluster.local:53 {
    errors
    cache {
        success 9984 30
        denial 9984 5
    }
    reload
    loop
    bind 169.254.20.10 10.96.0.10
    forward . __PILLAR__CLUSTER__DNS__ {
        force_tcp
    }
    prometheus :9253
    health 169.254.20.10:8080
}
.:53 {
    errors
    cache 30
    reload
    loop
    bind 169.254.20.10 10.96.0.10
    forward . __PILLAR__UPSTREAM__SERVERS__
    prometheus :9253
}
"""


def test_node_cache_placeholders_are_reported_below_the_default_fail_level():
    found = [f for f in lint(NODE_CACHE) if f.code == "TP001"]
    assert [(f.span.start.line, str(f.severity)) for f in found] == [(10, "info"), (22, "info")]
    assert not [f for f in lint(NODE_CACHE) if f.severity >= Config().fail_level]




@needs_corpus
def test_no_error_on_valid_corpus_files():
    for row in manifest():
        if row["expected"] != "valid":
            continue
        path = CORPUS / "files" / row["file"]
        text = path.read_bytes()
        errors = [f for f in lint_text(text, filename=str(path), config=Config(select=("ALL",)))
                  if f.code in MINE and str(f.severity) == "error"]
        assert not errors, (row["file"], [f.message for f in errors])
