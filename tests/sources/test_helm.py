"""The CoreDNS Helm chart's values: the rendered Corefile, and findings at the values' own lines."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from corefile.expansion.loader import load_text
from corefile.lint.config import Config
from corefile.lint.configmap import lint_values
from corefile.sources.helm import HelmValuesError, go_float, looks_like_values, render_values

pytest.importorskip("yaml")

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DEFAULT_VALUES = (FIXTURES / "values-default.yaml").read_text(encoding="utf-8")

#: helm-chart.md, "Rendered examples": what the chart writes for its default values.
CHART_DEFAULT_COREFILE = """\
.:53 {
    errors
    health {
        lameduck 10s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    prometheus 0.0.0.0:9153
    forward . /etc/resolv.conf
    cache 30
    loop
    reload
    loadbalance
}"""

#: helm-chart.md: `extraConfig` with `import` and `(common)`, then three servers.
OVERRIDES = """\
extraConfig:
  import:
    parameters: /opt/coredns/*.conf
  (common):
    parameters: "{ log }"
servers:
- zones:
  - zone: example.org
  - zone: example.net
    scheme: tls://
  port: 853
  plugins:
  - name: forward
    parameters: . 10.0.0.1
- zones:
  - zone: corp.local
  plugins:
  - name: file
    parameters: /etc/coredns/corp.db
- plugins:
  - name: whoami
"""
OVERRIDES_COREFILE = """\
(common) { log }
import /opt/coredns/*.conf
example.org tls://example.net:853 {
    forward . 10.0.0.1
}
corp.local{
    file /etc/coredns/corp.db
}
.{
    whoami
}"""


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def at(finding) -> tuple[int, int]:
    return finding.span.start.line, finding.span.start.column


def by_rule(result) -> dict:
    found: dict = {}
    for finding in result.findings:
        found.setdefault(finding.rule, []).append(finding)
    return found


def test_default_values_render_as_the_chart_does():
    rendered = render_values(DEFAULT_VALUES, "values.yaml")
    assert rendered.text == CHART_DEFAULT_COREFILE
    loaded = load_text(rendered.text)
    assert loaded.error is None
    assert [line.name.text for line in loaded.expansion.blocks[0].directives] == [
        "errors", "health", "ready", "kubernetes", "prometheus", "forward", "cache", "loop", "reload", "loadbalance"]


def test_extra_config_sorted_ports_on_the_last_key_and_glued_braces():
    assert render_values(OVERRIDES, "values.yaml").text == OVERRIDES_COREFILE


def test_default_values_lint_like_the_distribution_default():
    result = lint_values(DEFAULT_VALUES, "values.yaml")
    assert all(finding.severity.name != "ERROR" for finding in result.findings)
    forward = next(f for f in result.findings if f.rule == "forward-no-max-concurrent")
    assert at(forward) == position(DEFAULT_VALUES, "forward")  # the plugin's `name:` value
    assert result.origins[forward].path == "servers[0].plugins[5].name"
    assert forward.span.file == "values.yaml"


def test_findings_point_at_name_parameters_config_block_and_zone_lines():
    values = """\
servers:
- zones:
  - zone: .
  port: 53
  plugins:
  - name: errors
  - name: kubernetes
    parameters: cluster.local in-addr.arpa ip6.arpa
    configBlock: |-
      pods insecure
      upstream
      fallthrough in-addr.arpa ip6.arpa
  - name: reload
    parameters: "fast"
  - name: proxy
    parameters: . 8.8.8.8
- zones:
  - zone: example.org
  - zone: .
  port: 53
  plugins:
  - name: whoami
"""
    result = lint_values(values, "values.yaml", Config())
    found = by_rule(result)
    assert at(found["removed-plugin"][0]) == position(values, "proxy")
    assert result.origins[found["removed-plugin"][0]].path == "servers[0].plugins[3].name"
    assert at(found["removed-option"][0]) == position(values, "upstream")  # a configBlock body line
    assert result.origins[found["removed-option"][0]].path == "servers[0].plugins[1].configBlock"
    invalid = found["invalid-arguments"][0]
    assert at(invalid) == position(values, "fast")  # inside the quotes: the word itself
    assert (invalid.span.end.column - invalid.span.start.column) == len("fast")
    duplicate = found["duplicate-zone"][0]
    line, column = position(values, "zone: .", 2)
    assert at(duplicate) == (line, column + len("zone: "))
    assert result.origins[duplicate].path == "servers[1].zones[1].zone"
    assert all("(values servers[" in finding.message for finding in result.findings)


def test_a_missing_port_glues_the_brace_and_the_finding_says_which_value_to_set():
    values = "servers:\n- zones:\n  - zone: corp.local\n  plugins:\n  - name: whoami\n- plugins:\n  - name: log\n"
    result = lint_values(values, "values.yaml")
    found = by_rule(result)
    glued = found["brace-glued-to-key"][0]
    assert at(glued) == position(values, "corp.local")
    assert "port" in glued.help
    refused = found["invalid-address"][0]  # `.{`: no zones, no port
    assert refused.severity.name == "ERROR"
    assert refused.span.start.line == position(values, "- plugins:")[0]


def test_values_are_printed_as_helm_prints_them():
    values = """\
servers:
- zones:
  - zone: .
  port: 0053
  plugins:
  - name: cache
    parameters: 0
  - name: cache
    parameters: 1000000
  - name: log
    parameters: yes
  - name: prometheus
    parameters: ~
"""
    text = render_values(values, "values.yaml").text
    # `0053` is octal for Go (43); 0 and null are unset; a million prints in Go's exponent form.
    assert text.splitlines() == [".:43 {", "    cache", "    cache 1e+06", "    log true", "    prometheus", "}"]
    assert [go_float(x) for x in (30.0, 123456.0, 1e6, 1.5e6, 0.5, 1e-5, -2.0)] == [
        "30", "123456", "1e+06", "1.5e+06", "0.5", "1e-05", "-2"]


def test_a_config_block_keeping_its_final_newline_maps_each_line():
    values = "servers:\n- zones:\n  - zone: .\n  port: 53\n  plugins:\n  - name: forward\n    parameters: . 1.1.1.1\n" \
             "    configBlock: |\n      max_concurrent 1000\n      bogus_option 1\n"
    result = lint_values(values, "values.yaml")
    unknown = by_rule(result)["unknown-option"][0]
    assert at(unknown) == position(values, "bogus_option")


def test_zone_files_are_keys_next_to_the_corefile():
    values = """\
servers:
- zones:
  - zone: .
  port: 53
  plugins:
  - name: import
    parameters: /etc/coredns/extra.override
  - name: forward
    parameters: . 1.1.1.1
zoneFiles:
- filename: extra.override
  domain: example.org
  contents: |
    log
    proxy . 10.0.0.1
"""
    result = lint_values(values, "values.yaml")
    removed = by_rule(result)["removed-plugin"][0]
    assert at(removed) == position(values, "proxy . 10")
    assert result.origins[removed].path == "zoneFiles[0].contents"
    assert "unresolved-import" not in by_rule(result)


@pytest.mark.parametrize(("values", "message", "where"), [
    ("servers: {a: 1}\n", "must be a list", (1, 1)),
    ("servers:\n- zones: .\n  plugins: []\n", "zones` must be a list", (2, 3)),
    ("servers:\n- plugins:\n  - name: log\n    parameters: |\n      a\n      b\n", "line break", (4, 17)),
    ("- a\n- b\n", "one YAML mapping", (1, 1)),
])
def test_values_the_template_cannot_render_are_positioned_errors(values, message, where):
    with pytest.raises(HelmValuesError, match=message) as caught:
        render_values(values, "values.yaml")
    assert (caught.value.line, caught.value.column) == where


def test_detection():
    assert looks_like_values(DEFAULT_VALUES)
    assert not looks_like_values(".:53 {\n    whoami\n}\n")
    assert not looks_like_values("image:\n  servers: []\n")  # not a top-level key


@pytest.fixture
def lint_cli(monkeypatch, capsys):
    from corefile.cli.main import lint_main

    def run(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        status = lint_main(["--isolated", *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_cli_input_format_helm_and_json_fields(lint_cli, tmp_path):
    path = tmp_path / "my-values.yml"
    path.write_text(OVERRIDES)
    status, out, _err = lint_cli("--input-format", "helm", "--output-format", "json", str(path))
    assert status == 1
    reports = json.loads(out)
    glued = next(item for item in reports if item["rule"] == "brace-glued-to-key")
    assert (glued["line"], glued["column"]) == position(OVERRIDES, "corp.local")
    assert glued["values"] == "servers[1].zones[0].zone"
    assert glued["path"] == str(path)


def test_cli_discovers_values_files_that_hold_servers(lint_cli, tmp_path):
    (tmp_path / "chart").mkdir()
    (tmp_path / "chart" / "values.yaml").write_text(DEFAULT_VALUES.replace("  - name: loop\n", ""))
    (tmp_path / "values-other.yaml").write_text("replicaCount: 2\nimage: {tag: latest}\n")
    (tmp_path / "values-broken.yaml").write_text("servers:\n- zones: [\n")  # not valid YAML, but it names `servers`
    status, out, err = lint_cli("--output-format", "concise", "--select", "forward-without-loop", str(tmp_path))
    assert status == 2  # the broken one is an input error; the others are still linted
    assert "values-broken.yaml:" in err
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(tmp_path / "chart" / "values.yaml"))
    assert "values-other" not in out + err


def test_cli_auto_detects_values_given_on_stdin(lint_cli):
    status, out, _err = lint_cli("-", "--stdin-filename", "values.yaml", "--output-format", "json",
                                 "--select", "invalid-address", stdin=OVERRIDES.encode())
    assert status == 1
    assert [item["values"] for item in json.loads(out)] == ["servers[2].zones"]


def test_every_command_reads_values_and_none_writes_into_them(tmp_path, capsys):
    from corefile.cli.main import lint_main, main

    values = tmp_path / "values.yaml"
    text = DEFAULT_VALUES.replace("      ttl 30\n", "      ttl 30\n      upstream\n")  # `upstream` has a safe fix
    values.write_text(text)
    assert main(["explain", str(values)]) == 0
    assert "kubernetes" in capsys.readouterr().out
    assert lint_main(["--isolated", "--fix", str(values)]) == 2  # the fix is refused, the findings reported
    captured = capsys.readouterr()
    assert "removed-option" in captured.out and "not written back" in captured.err
    assert main(["format", str(values)]) == 2
    assert values.read_text() == text
