"""ConfigMap input: Corefiles inside manifests, with keys as import targets, findings at the manifest's lines."""

from __future__ import annotations

import json
import sys

import pytest

from corefile.lint.config import Config
from corefile.lint.configmap import Mounts, lint_manifest
from corefile.sources.manifests import YamlUnavailable, looks_like_manifest

from .conftest import FIXTURES, RULES, line_of

CONFIG = Config(select=tuple(RULES.split(",")))

YAML_FIXTURE = (FIXTURES / "coredns.yaml").read_text(encoding="utf-8")
JSON_FIXTURE = (FIXTURES / "coredns.json").read_text(encoding="utf-8")


def by_rule(result) -> dict[str, object]:
    return {finding.rule: finding for finding in result.findings}


def test_exported_configmaps_point_at_yaml_lines():
    pytest.importorskip("yaml")
    result = lint_manifest(YAML_FIXTURE, "coredns.yaml", CONFIG)
    found = by_rule(result)
    assert set(found) == {"removed-plugin", "ignored-duplicate"}

    proxy = found["removed-plugin"]  # inside coredns-custom's example.server, imported by the Corefile
    assert proxy.span.file == "coredns.yaml"
    assert (proxy.span.start.line, proxy.span.start.column) == line_of(YAML_FIXTURE, "proxy . 10")
    assert (proxy.span.end.line, proxy.span.end.column) == (proxy.span.start.line, proxy.span.start.column + 5)
    assert "key example.server" in proxy.message and "kube-system/coredns-custom" in proxy.message
    assert result.origins[proxy].key == "example.server"
    assert [(s.start.line, s.start.column) for s in proxy.via] == [line_of(YAML_FIXTURE, "/etc/coredns/custom/*.server")]

    duplicate = found["ignored-duplicate"]  # the Corefile's loadbalance, overridden by log.override
    assert (duplicate.span.start.line, duplicate.span.start.column) == line_of(YAML_FIXTURE, "loadbalance\n")
    assert result.origins[duplicate].key == "Corefile"
    related = duplicate.related[0].span
    assert (related.start.line, related.start.column) == line_of(YAML_FIXTURE, "loadbalance round_robin")


def test_kubectl_json_points_at_json_lines_and_columns():
    result = lint_manifest(JSON_FIXTURE, "coredns.json", CONFIG)
    proxy = by_rule(result)["removed-plugin"]
    line, column = line_of(JSON_FIXTURE, "proxy")
    assert (proxy.span.start.line, proxy.span.start.column) == (line, column)
    assert result.origins[proxy].configmap == "kube-system/coredns-custom"


def test_several_documents_and_other_keys_of_the_same_configmap():
    pytest.importorskip("yaml")
    text = (
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\n  namespace: kube-system\ndata:\n"
        "  Corefile: |\n    .:53 {\n        import /etc/coredns/extra.conf\n        forward . 8.8.8.8\n    }\n"
        "  extra.conf: |\n    log\n    bogus-plugin\n"
        "---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: coredns\n"
    )
    result = lint_manifest(text, "all.yaml", CONFIG)
    [finding] = result.findings
    assert finding.rule == "unknown-plugin"
    assert (finding.span.start.line, finding.span.start.column) == line_of(text, "bogus-plugin")
    assert result.origins[finding].key == "extra.conf"


def test_mount_paths_are_configurable():
    pytest.importorskip("yaml")
    text = YAML_FIXTURE.replace("/etc/coredns/custom/", "/custom/")
    moved = lint_manifest(text, "c.yaml", CONFIG, mounts=Mounts(custom="/custom"))
    assert "removed-plugin" in by_rule(moved)
    default = lint_manifest(text, "c.yaml", CONFIG)
    assert "removed-plugin" not in by_rule(default)


def test_custom_configmap_alone_is_linted_under_a_stand_in():
    pytest.importorskip("yaml")
    start = YAML_FIXTURE.index("- apiVersion: v1\n  data:\n    example.server")
    custom_only = "apiVersion: v1\nkind: List\nitems:\n" + YAML_FIXTURE[start:YAML_FIXTURE.index("kind: List")]
    result = lint_manifest(custom_only, "custom.yaml", CONFIG)
    assert [f.rule for f in result.findings] == ["removed-plugin"]
    assert result.findings[0].span.start.line == line_of(custom_only, "proxy")[0]


def test_no_corefile_no_findings():
    pytest.importorskip("yaml")
    result = lint_manifest("kind: ConfigMap\nmetadata:\n  name: other\ndata:\n  a: b\n", "x.yaml", CONFIG)
    assert result.findings == [] and result.corefiles == 0


def test_detection_by_content():
    assert looks_like_manifest(YAML_FIXTURE)
    assert looks_like_manifest(JSON_FIXTURE)
    assert looks_like_manifest("data:\n  Corefile: |\n    . {}\n")
    assert not looks_like_manifest(".:53 {\n    forward . 1.1.1.1\n}\n")
    assert not looks_like_manifest("kind.example.org {\n    whoami\n}\n")


def test_missing_pyyaml_names_the_extra(monkeypatch, cli, tmp_path):
    monkeypatch.setitem(sys.modules, "yaml", None)  # `import yaml` now raises ImportError
    with pytest.raises(YamlUnavailable, match=r"pip install 'corefile\[configmap\]'"):
        lint_manifest(YAML_FIXTURE, "coredns.yaml", CONFIG)
    status, _out, err = cli(str(FIXTURES / "coredns.yaml"))
    assert status == 2 and "pip install 'corefile[configmap]'" in err
    status, out, _err = cli("--output-format", "json", str(FIXTURES / "coredns.json"))  # JSON needs no YAML
    assert status == 1 and json.loads(out)


def test_cli_reads_configmap_from_stdin_with_a_name(cli):
    pytest.importorskip("yaml")
    status, out, _err = cli("-", "--stdin-filename", "cm.yaml", "--output-format", "json", stdin=YAML_FIXTURE.encode())
    assert status == 1
    reports = {item["rule"]: item for item in json.loads(out)}
    proxy = reports["removed-plugin"]
    assert proxy["path"] == "cm.yaml"
    assert (proxy["configmap"], proxy["key"]) == ("kube-system/coredns-custom", "example.server")
    assert (proxy["line"], proxy["column"]) == line_of(YAML_FIXTURE, "proxy . 10")


def test_cli_full_report_shows_the_yaml_line(cli):
    pytest.importorskip("yaml")
    status, out, _err = cli(str(FIXTURES / "coredns.yaml"), "--color", "never")
    assert status == 1
    assert "          proxy . 10.0.0.10" in out
    assert "(ConfigMap kube-system/coredns-custom, key example.server)" in out


def test_input_format_forces_the_reading(cli, tmp_path):
    pytest.importorskip("yaml")
    manifest = tmp_path / "cm.txt"
    manifest.write_text(YAML_FIXTURE)
    assert cli("--input-format", "configmap", "--output-format", "concise", str(manifest))[1].count("\n") == 2
    status, out, _err = cli("--input-format", "corefile", "--output-format", "concise", str(manifest))
    assert "ConfigMap" not in out  # read as a Corefile: whatever it reports, it is not about keys


def test_folder_walk_with_configmap_format(cli, tmp_path):
    pytest.importorskip("yaml")
    (tmp_path / "coredns.yaml").write_text(YAML_FIXTURE)
    (tmp_path / "deployment.yaml").write_text("kind: Deployment\nmetadata:\n  name: x\n")
    status, out, _err = cli("--input-format", "configmap", "--output-format", "concise", str(tmp_path))
    assert status == 1 and out.count("coredns.yaml:") == 2


def test_bad_yaml_is_an_input_error(cli, tmp_path):
    pytest.importorskip("yaml")
    bad = tmp_path / "coredns.yaml"
    bad.write_text("kind: ConfigMap\ndata:\n  Corefile: |\n    . {}\n  - oops\n")
    good = tmp_path / "Corefile"
    good.write_text(". {\n    proxy . 1.1.1.1\n}\n")
    status, out, err = cli("--output-format", "concise", str(bad), str(good))
    assert status == 2
    assert "coredns.yaml:" in err and "not valid YAML" in err
    assert "PL010" in out  # the other input was still linted
