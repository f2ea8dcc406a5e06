"""``corefile migrate``: version migration, default check and kube-dns translation from the command line."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

import corefile
from corefile.cli import main as cli
from corefile.core.versions import Version
from corefile.lint.findings import Severity

from .test_migrate_up import D5_LIKE

SEED_YAML = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: kube-dns
  namespace: kube-system
data:
  federations: |
    {"foo" : "foo.feddomain.com"}
  stubDomains: |
    {"abc.com" : ["1.2.3.4"], "my.cluster.local" : ["2.3.4.5"]}
  upstreamNameservers: |
    ["8.8.8.8", "8.8.4.4"]
"""

PROXY_ERA = """\
.:53 {
    errors
    health
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        upstream  # chase CNAMEs
    }
    route53 example.org.:Z1  # our own plugin build
    proxy . /etc/resolv.conf  # the node's resolvers
    cache 30
}
"""


@pytest.fixture(autouse=True)
def migrate_command(monkeypatch):
    """Register the command if corefile/cli.py does not list it yet."""
    if "migrate" not in cli.COMMANDS:
        monkeypatch.setitem(cli.COMMANDS, "migrate", ("migrate", "move Corefiles between CoreDNS versions, or translate kube-dns"))


def run(capsys, *argv: str, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    code = cli.main(["migrate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_migrate_prints_the_result_and_notices_as_findings(tmp_path, capsys):
    path = tmp_path / "Corefile"
    path.write_text(PROXY_ERA)
    code, out, err = run(capsys, "--from", "1.3.1", "--to", "1.14.2", str(path))
    assert code == 0
    assert "    forward . /etc/resolv.conf {  # the node's resolvers\n        max_concurrent 1000\n    }\n" in out
    assert "# chase CNAMEs" in out and "route53 example.org.:Z1  # our own plugin build" in out
    lines = err.splitlines()
    assert f'{path}:9:5: info: Plugin "proxy" is removed in 1.5.0. It is replaced by "forward".' in lines
    assert f'{path}:8:5: warning: Plugin "route53" is unsupported by this migration tool in 1.4.0.' in lines
    assert f'{path}:6:9: info: Option "upstream" in plugin "kubernetes" is ignored in 1.5.0.' in lines
    assert path.read_text() == PROXY_ERA  # not rewritten without --in-place


def test_in_place(tmp_path, capsys):
    path = tmp_path / "Corefile"
    path.write_text(PROXY_ERA)
    code, out, err = run(capsys, "--from", "1.3.1", "--to", "1.8.0", "--in-place", str(path))
    assert code == 0 and out == ""
    assert "forward . /etc/resolv.conf" in path.read_text()
    assert f"migrated {path}" in err


def test_standard_input_and_json(capsys, monkeypatch):
    code, out, err = run(capsys, "--from", "1.6.2", "--to", "1.7.0", "--output-format", "json",
                         "--stdin-filename", "cm/Corefile", "-",
                         stdin=".:53 {\n    forward . 1.1.1.1\n}\n", monkeypatch=monkeypatch)
    assert code == 0 and err == ""
    payload = json.loads(out)
    assert payload["corefile"] == ".:53 {\n    forward . 1.1.1.1 {\n        max_concurrent 1000\n    }\n}\n"
    assert payload["direction"] == "up" and payload["changed"] is True
    assert payload["notices"] == [{
        "path": "cm/Corefile", "severity": "info", "kind": "newdefault", "line": 2, "column": 5,
        "message": 'Option "max_concurrent" in plugin "forward" is added as a default in 1.7.0.',
    }]


def test_deprecations_flag(tmp_path, capsys):
    path = tmp_path / "Corefile"
    path.write_text(".:53 {\n    proxy . 1.1.1.1\n}\n")
    _, kept, err = run(capsys, "--from", "1.3.1", "--to", "1.4.0", str(path))
    assert kept == ".:53 {\n    proxy . 1.1.1.1\n}\n"
    assert 'warning: Plugin "proxy" is deprecated in 1.4.0.' in err
    _, converted, _ = run(capsys, "--from", "1.3.1", "--to", "1.4.0", "--deprecations", str(path))
    assert converted == ".:53 {\n    forward . 1.1.1.1\n}\n"


@pytest.mark.parametrize("flag", [[], ["--down"]])
def test_migrate_down(tmp_path, capsys, flag):
    path = tmp_path / "Corefile"
    path.write_text(".:53 {\n    ready\n    forward . 1.1.1.1\n    loop  # loop detection\n}\n")
    code, out, _ = run(capsys, "--from", "1.6.2", "--to", "1.1.3", *flag, str(path))
    assert code == 0
    assert out == ".:53 {\n    forward . 1.1.1.1\n    # loop detection\n}\n"


def test_errors_exit_2(tmp_path, capsys):
    path = tmp_path / "Corefile"
    path.write_text(".:53 {\n    whoami\n}\n")
    code, out, err = run(capsys, "--from", "1.6.2-100", "--to", "1.8.0", str(path))
    assert code == 2 and out == ""
    assert "start version '1.6.2-100' not supported" in err
    code, _, err = run(capsys, "--from", "1.3.1", "--to", "9.9.9", str(path))
    assert code == 2 and "cannot migrate up to '9.9.9' from '1.3.1'" in err
    code, _, err = run(capsys, "--to", "1.8.0", str(path))
    assert code == 2 and "--from is required" in err
    code, _, err = run(capsys, "--from", "1.3.1", "--down", "--to", "1.8.0", str(path))
    assert code == 2 and "cannot migrate down" in err
    path.write_text(".:53 {\n    whoami\n")
    code, _, err = run(capsys, "--from", "1.3.1", "--to", "1.8.0", str(path))
    assert code == 2 and str(path) in err


def test_is_default(tmp_path, capsys):
    default = tmp_path / "default"
    default.write_text(D5_LIKE.lstrip("\n"))
    code, out, _ = run(capsys, "--is-default", "--to", "1.6.7", str(default))
    assert code == 0 and "is the default Corefile of CoreDNS 1.6.7" in out
    code, _, _ = run(capsys, "--is-default", "--to", "1.7.0", str(default))
    assert code == 1  # 1.7.0's default has max_concurrent
    code, _, _ = run(capsys, "--is-default", str(default))
    assert code == 0
    custom = tmp_path / "custom"
    custom.write_text(default.read_text().replace("    loadbalance\n", "    loadbalance\n    log\n"))
    code, out, _ = run(capsys, "--is-default", str(custom))
    assert code == 1 and "is not the default" in out


def test_help_documents_the_three_modes(capsys):
    with pytest.raises(SystemExit):
        cli.main(["migrate", "--help"])
    out = capsys.readouterr().out
    assert "corefile migrate kube-dns CONFIGMAP" in out
    assert "--is-default" in out and "--deprecations" in out and "--down" in out


# ---------------------------------------------------------------------- kube-dns


def test_kube_dns_seed(tmp_path, capsys):
    path = tmp_path / "kube-dns.yaml"
    path.write_text(SEED_YAML)
    code, out, err = run(capsys, "kube-dns", str(path), "--coredns-version", "1.14.7")
    assert code == 0
    assert out.startswith(".:53 {\n    errors\n    health {\n        lameduck 5s\n    }\n")
    assert "    forward . 8.8.8.8 8.8.4.4 {\n        max_concurrent 1000\n    }\n" in out
    assert "abc.com:53 {\n    errors\n    cache 30\n    loop\n    forward . 1.2.3.4\n}\n" in out
    assert "my.cluster.local:53 {\n    errors\n    cache 30\n    loop\n    forward . 2.3.4.5\n}\n" in out
    assert "proxy" not in out and "federation" not in out
    assert err.startswith(f"{path}:7:16: warning: federations: not translated: CoreDNS 1.7.0 removed the federation plugin")


def test_kube_dns_before_1_7_keeps_federation(tmp_path, capsys):
    path = tmp_path / "kube-dns.yaml"
    path.write_text(SEED_YAML)
    code, out, err = run(capsys, "kube-dns", str(path), "--coredns-version", "1.6.2")
    assert code == 0 and err == ""
    assert "    federation cluster.local {\n        foo foo.feddomain.com\n    }\n" in out


@pytest.mark.parametrize("version", ["1.6.2", "1.8.0", "1.14.7"])
def test_kube_dns_output_lints_clean(tmp_path, capsys, version):
    path = tmp_path / "kube-dns.yaml"
    path.write_text(SEED_YAML)
    code, out, _ = run(capsys, "kube-dns", str(path), "--coredns-version", version)
    assert code == 0
    findings = corefile.lint_text(out, config=corefile.Config(coredns_version=Version.parse(version)))
    assert [f for f in findings if f.severity >= Severity.WARNING] == []


def test_kube_dns_json_input_and_output(capsys, monkeypatch):
    manifest = json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kube-dns"},
                           "data": {"upstreamNameservers": '["1.1.1.1"]'}})
    code, out, err = run(capsys, "kube-dns", "-", "--output-format", "json", "--coredns-version", "1.8.0",
                         stdin=manifest, monkeypatch=monkeypatch)
    assert code == 0 and err == ""
    payload = json.loads(out)
    assert "forward . 1.1.1.1 {" in payload["corefile"] and payload["notices"] == []


def test_kube_dns_bad_json_is_located(tmp_path, capsys):
    path = tmp_path / "kube-dns.yaml"
    path.write_text(SEED_YAML.replace('["8.8.8.8", "8.8.4.4"]', '["8.8.8.8",\n     "8.8.4.4",]'))
    code, out, err = run(capsys, "kube-dns", str(path))
    assert code == 2 and out == ""
    assert err.startswith(f"{path}:13:16: error: kube-dns ConfigMap key 'upstreamNameservers' (line 2, column 12): invalid JSON")


def test_kube_dns_without_pyyaml(tmp_path, capsys, monkeypatch):
    path = tmp_path / "kube-dns.yaml"
    path.write_text(SEED_YAML)
    monkeypatch.setitem(sys.modules, "yaml", None)
    code, _, err = run(capsys, "kube-dns", str(path))
    assert code == 2 and "pip install 'corefile[configmap]'" in err


def test_kube_dns_refuses_version_flags(tmp_path, capsys):
    path = tmp_path / "kube-dns.yaml"
    path.write_text(SEED_YAML)
    code, _, err = run(capsys, "kube-dns", str(path), "--from", "1.6.2")
    assert code == 2 and "--coredns-version" in err


# ------------------------------------------------------------------ the docs' examples

DOCS = Path(__file__).resolve().parents[2] / "docs"
_EXAMPLE = re.compile(
    r"```console\n\$ corefile migrate (?P<args>[^\n]*) Corefile\n```\n\nBefore:\n\n```corefile\n(?P<before>.*?)```\n\n"
    r"After:\n\n```corefile\n(?P<after>.*?)```\n\n(?:Notices \(standard error\):\n\n```text\n(?P<err>.*?)```|No notices\.)",
    re.DOTALL,
)


def test_the_upgrade_guide_examples_are_real_runs(tmp_path, capsys, monkeypatch):
    examples = list(_EXAMPLE.finditer((DOCS / "upgrade-guide.md").read_text(encoding="utf-8")))
    assert len(examples) >= 7
    monkeypatch.chdir(tmp_path)
    for example in examples:
        Path("Corefile").write_text(example["before"])
        code, out, err = run(capsys, *example["args"].split(), "Corefile")
        assert code == 0
        assert out == example["after"], example["args"]
        assert err == (example["err"] or ""), example["args"]


def test_the_kube_dns_page_shows_real_output(tmp_path, capsys, monkeypatch):
    page = (DOCS / "kube-dns-migration.md").read_text(encoding="utf-8")
    manifest = re.search(r"```yaml\n(.*?)```", page, re.DOTALL).group(1)
    assert manifest == SEED_YAML
    monkeypatch.chdir(tmp_path)
    Path("kube-dns.yaml").write_text(manifest)
    for version in ("1.14.7", "1.6.2", "1.1.3"):
        code, out, _ = run(capsys, "kube-dns", "kube-dns.yaml", "--coredns-version", version)
        assert code == 0 and f"```corefile\n{out}```" in page, version
