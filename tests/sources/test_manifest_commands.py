"""format, lint --fix, explain, migrate and tokens on manifests: kubeadm's ConfigMap, a k3s pair,
a ``kind: List``, JSON and standard input. Each rewritten manifest is compared whole, byte for
byte, with the original where only the Corefile's lines were replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import corefile
from corefile.migrate.api import migrate_text
from corefile.syntax.formatter import format_text

from .conftest import block_replaced

pytest.importorskip("yaml")

KUBEADM_COREFILE = """\
.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       upstream
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    proxy . /etc/resolv.conf {
       max_fails 3
       policy least_conn
    }
    cache 30
    loop
    reload
    loadbalance
}
"""


def indented(text: str, spaces: int) -> str:
    return "".join(" " * spaces + line if line.strip() else line for line in text.splitlines(keepends=True))


#: kubeadm's ConfigMap as `kubectl get -o yaml` prints it, with a comment, keys in kubectl's
#: order and a second document after it.
KUBEADM = (
    "# exported from a kubeadm cluster\n"
    "apiVersion: v1\n"
    "data:\n"
    "  Corefile: |\n" + indented(KUBEADM_COREFILE, 4) +
    "kind: ConfigMap   # keep this comment\n"
    "metadata:\n"
    "  name: coredns\n"
    "  namespace: kube-system\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: Service\n"
    "metadata: {name: kube-dns, namespace: kube-system}\n"
)

K3S_COREFILE = """\
.:53 {
  errors
  health
  kubernetes cluster.local in-addr.arpa ip6.arpa {
    pods insecure
    fallthrough in-addr.arpa ip6.arpa
  }
  forward . /etc/resolv.conf
  cache 30
  loop
  import /etc/coredns/custom/*.override
}
import /etc/coredns/custom/*.server
"""
K3S_SERVER = "example.org:53 {\n  errors\n  forward . 10.0.0.10\n}\n"
K3S_OVERRIDE = "log\n"
#: The k3s pair: the Corefile's ConfigMap and coredns-custom with a .server and a .override key.
K3S = (
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n"
    "  Corefile: |\n" + indented(K3S_COREFILE, 4) +
    "  NodeHosts: |\n    172.18.0.2 server-0\n"
    "---\n"
    "# written by hand\n"
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns-custom\n  namespace: kube-system\ndata:\n"
    "  example.server: |\n" + indented(K3S_SERVER, 4) +
    "  log.override: |\n" + indented(K3S_OVERRIDE, 4)
)

#: The manifest line of the proxy, where findings and notices about it must point.
PROXY_LINE = KUBEADM.splitlines().index("        proxy . /etc/resolv.conf {") + 1

LIST_FIXTURE = Path(__file__).resolve().parent.parent / "integrations" / "fixtures" / "coredns.yaml"


def value_of(manifest: str, path) -> str:
    import yaml

    documents = list(yaml.safe_load_all(manifest))
    node = documents
    for step in path:
        node = node[step]
    return node


def test_format_rewrites_only_the_corefile_lines_of_a_kubeadm_configmap(tmp_path, run):
    target = tmp_path / "coredns.yaml"
    target.write_bytes(KUBEADM.encode())
    status, out, err = run("format", str(target))
    assert status == 0 and "reformatted" in err
    expected = block_replaced(KUBEADM, "  Corefile: |", format_text(KUBEADM_COREFILE))
    assert target.read_bytes() == expected.encode()
    assert run("format", "--check", str(target))[0] == 0  # formatting again changes nothing


def test_format_a_k3s_pair_formats_the_corefile_and_the_server_key_not_the_override(tmp_path, run):
    target = tmp_path / "k3s.yaml"
    target.write_bytes(K3S.encode())
    assert run("format", str(target))[0] == 0
    expected = block_replaced(K3S, "  Corefile: |", format_text(K3S_COREFILE))
    expected = block_replaced(expected, "  example.server: |", format_text(K3S_SERVER))
    assert target.read_bytes() == expected.encode()
    assert value_of(expected, (1, "data", "log.override")) == K3S_OVERRIDE


def test_format_a_kind_list_through_standard_input(run):
    original = LIST_FIXTURE.read_text(encoding="utf-8")
    status, out, _ = run("format", "-", stdin=original.encode())
    assert status == 0
    corefile_text = value_of(original, (0, "items", 0, "data", "Corefile"))
    server = value_of(original, (0, "items", 1, "data", "example.server"))
    expected = block_replaced(original, "    Corefile: |", format_text(corefile_text))
    expected = block_replaced(expected, "    example.server: |", format_text(server))
    assert out == expected.encode()


def test_format_json_rewrites_only_the_string(tmp_path, run):
    document = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "coredns"},
                "data": {"Corefile": KUBEADM_COREFILE}}
    text = json.dumps(document, indent=4) + "\n"
    target = tmp_path / "cm.json"
    target.write_text(text)
    assert run("format", str(target))[0] == 0
    old = json.dumps(KUBEADM_COREFILE)
    new = json.dumps(format_text(KUBEADM_COREFILE))
    assert target.read_text() == text.replace(old, new)


def test_fix_applies_to_a_configmap_and_keeps_every_other_byte(tmp_path, run):
    target = tmp_path / "coredns.yaml"
    target.write_bytes(KUBEADM.encode())
    status, _, _ = run("lint", "--no-cache", "--isolated", "--fix", str(target))
    assert status == 1  # the proxy (an unsafe fix) is still there
    fixed_corefile = KUBEADM_COREFILE.replace("       upstream\n", "")
    assert target.read_bytes() == block_replaced(KUBEADM, "  Corefile: |", fixed_corefile).encode()


def test_unsafe_fix_turns_proxy_into_forward_keeping_max_fails_and_saying_what_was_dropped(tmp_path, run):
    target = tmp_path / "coredns.yaml"
    target.write_bytes(KUBEADM.encode())
    status, _, err = run("lint", "--no-cache", "--isolated", "--fix", "--unsafe-fixes", "--show-fixes",
                         "--select", "removed-plugin", str(target))
    assert status == 0
    corefile_text = value_of(target.read_text(), (0, "data", "Corefile"))
    assert "forward . /etc/resolv.conf {\n       max_fails 3\n" in corefile_text
    assert "force_tcp" not in corefile_text
    assert "# proxy: `policy least_conn` dropped: forward's policies are random" in corefile_text
    assert "not carried over: `policy least_conn` dropped" in err
    assert f"coredns.yaml:{PROXY_LINE}:9:" in err  # the proxy line of the manifest


def test_fix_diff_on_standard_input_shows_the_manifest_change(run):
    status, out, _ = run("lint", "--no-cache", "--isolated", "--diff", "-", stdin=KUBEADM.encode())
    assert status == 1
    assert b"\n-           upstream\n" in out and b"+++ - (fixed)" in out


def test_explain_and_tokens_read_the_configmap_and_standard_input(tmp_path, run):
    target = tmp_path / "coredns.yaml"
    target.write_bytes(KUBEADM.encode())
    plain = tmp_path / "Corefile"
    plain.write_text(KUBEADM_COREFILE)
    status, out, _ = run("explain", str(target))
    assert status == 0
    text = out.decode()
    assert "Server block 1: .:53" in text and "apiVersion" not in text and "kind:" not in text
    assert run("explain", "-", stdin=KUBEADM.encode())[1].split(b"\n", 1)[1] == out.split(b"\n", 1)[1]
    _, plain_tokens, _ = run("tokens", str(plain))
    assert json.loads(run("tokens", str(target))[1]) == json.loads(plain_tokens)
    assert json.loads(run("tokens", "-", stdin=KUBEADM_COREFILE.encode())[1]) == json.loads(plain_tokens)


def test_tokens_and_explain_of_a_k3s_pair_read_the_custom_keys(tmp_path, run):
    target = tmp_path / "k3s.yaml"
    target.write_bytes(K3S.encode())
    view = json.loads(run("tokens", str(target))[1])
    assert [block["keys"] for block in view["blocks"]] == [[".:53"], ["example.org:53"]]
    assert "log" in view["blocks"][0]["directives"]
    assert "example.org:53" in run("explain", str(target))[1].decode()


def test_migrate_prints_the_whole_manifest_with_the_migrated_corefile(tmp_path, run):
    target = tmp_path / "coredns.yaml"
    target.write_bytes(KUBEADM.encode())
    status, out, err = run("migrate", "--from", "1.3.1", "--to", "1.14.2", str(target))
    assert status == 0
    migrated = migrate_text(KUBEADM_COREFILE, "1.3.1", "1.14.2").text
    assert out == block_replaced(KUBEADM, "  Corefile: |", migrated).encode()
    assert f'coredns.yaml:{PROXY_LINE}:9: info: Plugin "proxy" is removed in 1.5.0.' in err  # the manifest's line
    assert target.read_bytes() == KUBEADM.encode()
    assert run("migrate", "--from", "1.3.1", "--to", "1.14.2", "--in-place", str(target))[0] == 0
    assert target.read_bytes() == out


def test_migrate_is_default_on_the_kubeadm_configmap(run):
    from tests.migrate.test_migrate_up import D5_LIKE

    manifest = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\n"
                "data:\n  Corefile: |\n" + indented(D5_LIKE.lstrip("\n"), 4))
    status, out, _ = run("migrate", "--is-default", "--to", "1.6.7", "-", stdin=manifest.encode())
    assert status == 0 and b"is the default Corefile of CoreDNS 1.6.7" in out
    assert run("migrate", "--is-default", "-", stdin=KUBEADM.encode())[0] == 1


def test_library_reads_manifests(tmp_path):
    target = tmp_path / "coredns.yaml"
    target.write_bytes(KUBEADM.encode())
    findings = corefile.lint_path(str(target), corefile.Config(select=("removed-plugin",)))
    assert [(f.rule, f.span.file, f.span.start.line) for f in findings] == [("removed-plugin", str(target), PROXY_LINE)]
    loaded = corefile.load(target)
    assert [block.key_texts for block in loaded.expansion.blocks] == [(".:53",)]
    assert corefile.format(KUBEADM) == block_replaced(KUBEADM, "  Corefile: |", format_text(KUBEADM_COREFILE))
