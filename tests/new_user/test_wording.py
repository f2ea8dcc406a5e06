"""Issue 13, "Wording and noise": messages say what really happens, advice stays quiet when covered."""

from __future__ import annotations

from corefile.lint.config import Config
from corefile.lint.linter import lint_text

ONLY = Config(select=("ZN005", "FW002"))


def findings(text: str, rule: str):
    return [f for f in lint_text(text, filename="Corefile", config=ONLY) if f.rule == rule]


def test_zn005_says_the_bound_dot_block_answers_the_unbound_zone():
    text = ". {\n    bind 127.0.0.1\n    forward . 8.8.8.8\n}\nexample.org {\n    whoami\n}\n"
    [finding] = findings(text, "mixed-bind-same-port")
    assert "REFUSED" not in finding.message
    assert "answered there by the bound block of `.`" in finding.message


def test_zn005_says_refused_only_when_no_bound_zone_encloses_the_query():
    text = "example.org {\n    bind 127.0.0.1\n    whoami\n}\n. {\n    forward . 8.8.8.8\n}\n"
    [finding] = findings(text, "mixed-bind-same-port")
    assert "get REFUSED there" in finding.message


def test_fw002_is_silent_on_the_kubeadm_default_which_runs_loop(tmp_path):
    kubeadm = (
        ".:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n"
        "    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n"
        "       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n"
        "    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n"
        "    loop\n    reload\n    loadbalance\n}\n"
    )
    assert findings(kubeadm, "resolv-conf-loop-risk") == []
    without_loop = kubeadm.replace("    loop\n", "")
    assert [f.span.start.line for f in findings(without_loop, "resolv-conf-loop-risk")] == [13]


def test_fw002_still_speaks_when_loop_never_probes_the_forward():
    text = "example.org {\n    forward sub.example.org /etc/resolv.conf\n    loop\n}\n"
    assert [f.span.start.line for f in findings(text, "resolv-conf-loop-risk")] == [2]
