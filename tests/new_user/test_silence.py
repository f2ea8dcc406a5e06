"""Issue 13, "Silence where there is a problem": ConfigMap input that holds no Corefile."""

from __future__ import annotations

import pytest

from corefile.lint.configmap import lint_manifest
from corefile.sources.inputs import read_data

pytest.importorskip("yaml")

COREFILE = ". {\n    forward . 8.8.8.8\n}\n"
KUBE_DNS = """apiVersion: v1
kind: ConfigMap
metadata:
  name: kube-dns
  namespace: kube-system
data:
  stubDomains: |
    {"acme.local": ["1.2.3.4"]}
  upstreamNameservers: |
    ["8.8.8.8"]
"""


def test_a_plain_corefile_read_as_a_configmap_is_an_input_error(cli, tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(COREFILE)
    done = cli("corefile-lint", "--input-format", "configmap", str(path))
    assert done.returncode == 2
    assert b"not a Kubernetes manifest" in done.stderr and b"--input-format corefile" in done.stderr
    assert b"No problems found." not in done.stdout


def test_other_yaml_read_as_a_configmap_is_said_to_hold_nothing(cli, tmp_path):
    path = tmp_path / "coredns-values.yaml"  # a Helm values file matches the pre-commit hook's names
    path.write_text("replicaCount: 2\nservers:\n  - zones:\n      - zone: .\n")
    done = cli("corefile-lint", "--input-format", "configmap", str(path))
    assert done.returncode == 0
    assert b"not a Kubernetes manifest" in done.stderr and b"nothing was linted" in done.stderr


def test_a_kube_dns_configmap_points_at_the_migration(cli, tmp_path):
    path = tmp_path / "kube-dns.yaml"
    path.write_text(KUBE_DNS)
    for args in (("--input-format", "configmap", str(path)), (str(path),)):
        done = cli("corefile-lint", *args)
        assert done.returncode == 0
        assert f"corefile migrate kube-dns {path}".encode() in done.stderr
    piped = cli("corefile-lint", input=KUBE_DNS.encode())
    assert b"corefile migrate kube-dns -" in piped.stderr


def test_the_library_says_how_many_objects_and_which_look_like_kube_dns():
    assert lint_manifest(KUBE_DNS, "kube-dns.yaml").corefiles == 0
    source = read_data(KUBE_DNS.encode(), name="kube-dns.yaml", input_format="configmap")
    assert (source.objects, source.kube_dns) == (1, ("kube-system/kube-dns",))
    assert read_data(COREFILE.encode(), name="Corefile", input_format="configmap").objects == 0


def test_an_unclosed_placeholder_is_reported_once_as_the_refusal_it_causes(cli, tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(". {\n    bind {$BIND_ADDR\n    forward . 8.8.8.8\n}\n")
    done = cli("corefile-lint", "--isolated", "--output-format", "concise", str(path))
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert len(lines) == 1 and ":2:10: TP002 [error] " in lines[0] and "never closed" in lines[0]


def test_a_placeholder_given_an_empty_value_where_one_is_required(cli, tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(". {\n    bind {$BIND_ADDR}\n    forward . {$UPSTREAM}\n    log . {$FORMAT}\n}\n")
    done = cli("corefile-lint", "--isolated", "--output-format", "concise", "--env", "BIND_ADDR=",
               "--env", "UPSTREAM=", "--env", "FORMAT=", str(path))
    assert done.returncode == 1
    found = [line.split(": ", 1)[1].split("] ")[0] for line in done.stdout.decode().splitlines()]
    assert found == ["TP003 [error", "TP003 [error", "TP003 [warning"]
    unknown = cli("corefile-lint", "--isolated", "--output-format", "concise", str(path))
    assert unknown.returncode == 0, unknown.stdout  # values that were not given are never judged
