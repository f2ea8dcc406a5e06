"""``corefile diff``: pairs built from the corpus, checked through the report's JSON data."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from corefile.diff.inputs import InputError, read_side
from corefile.diff.model import compare
from corefile.lint.config import Config

from tests.conftest import CORPUS, needs_corpus

FILES = CORPUS / "files"
DEFAULT = "002__coredns_deployment__deployment-sed-2022-11-01.Corefile"  # coredns/deployment's default
STUB_DOMAIN = "021__coredns_deployment__deployment-sed-stubdomain-rendered.Corefile"  # the same with a stub domain
WITH_PROXY = "007__coredns_deployment__deployment-sed-2019-01-15.Corefile"  # the last release with `proxy`
WITH_FORWARD = "006__coredns_deployment__deployment-sed-2019-04-08.Corefile"  # the next one, with `forward`
KUBEADM_TTL = "029__coredns_corefile-migration__kubeadm-default-k8s-1.15-1.14.Corefile"
COMMENTED = "023__coredns_deployment__deployment-debian.Corefile"


def corpus(name: str) -> str:
    return (FILES / name).read_text(encoding="utf-8")


def diff(tmp_path: Path, old: str, new: str, config: Config | None = None, name: str = "Corefile") -> dict:
    (tmp_path / "old").mkdir(exist_ok=True)
    (tmp_path / "new").mkdir(exist_ok=True)
    (tmp_path / "old" / name).write_text(old, encoding="utf-8")
    (tmp_path / "new" / name).write_text(new, encoding="utf-8")
    config = config or Config()
    report = compare(read_side(str(tmp_path / "old" / name), config), read_side(str(tmp_path / "new" / name), config))
    data = report.as_json()
    json.dumps(data)  # the report is JSON data all the way down
    return data


def server(data: dict, label: str) -> dict:
    [found] = [entry for entry in data["servers"] if entry["server"] == label]
    return found


def rules(findings: list[dict]) -> list[str]:
    return [finding["rule"] for finding in findings]


@needs_corpus
def test_reordered_plugins_are_no_behavioural_change(tmp_path):
    text = corpus(DEFAULT)
    lines = text.splitlines(keepends=True)
    # cache and loadbalance to the top, loop and reload swapped: plugin.cfg order is unchanged
    moved = [lines[0], "    cache 30\n", "    loadbalance\n"]
    moved += [line for line in lines[1:] if line.strip() not in ("cache 30", "loadbalance", "loop", "reload")]
    moved.insert(-1, "    reload\n")
    moved.insert(-1, "    loop\n")
    data = diff(tmp_path, text, "".join(moved))
    assert data["changed"] is False
    assert [entry["status"] for entry in data["servers"]] == ["unchanged"]
    assert data["findings"] == {"appeared": [], "disappeared": []}
    assert any("file order" in note for note in server(data, ".:53")["notes"])
    assert server(data, ".:53")["old_chain"] == server(data, ".:53")["new_chain"]


@needs_corpus
def test_a_moved_comment_changes_nothing_not_even_findings(tmp_path):
    text = corpus(COMMENTED)
    header, _, rest = text.partition(". {")
    moved = (". {" + rest).replace("    log     # coredns.io/plugins/log\n", "    # coredns.io/plugins/log\n    log\n")
    moved += "\n" + header
    assert moved != text
    data = diff(tmp_path, text, moved)
    assert data["changed"] is False
    assert data["findings"] == {"appeared": [], "disappeared": []}
    assert data["summary"]["servers_unchanged"] == 1


@needs_corpus
def test_a_new_stub_domain_is_an_added_server_that_takes_its_zone(tmp_path):
    text = corpus(DEFAULT)
    stub = text + "acme.local:53 {\n    errors\n    cache 30\n    forward . 1.2.3.4\n}\n"
    data = diff(tmp_path, text, stub)
    assert data["changed"] is True
    assert data["summary"]["servers_added"] == 1 and data["summary"]["servers_changed"] == 0
    added = server(data, "acme.local:53")
    assert added["status"] == "added"
    assert added["new_addresses"] == ["dns://acme.local.:53"]
    assert added["new_chain"] == ["errors", "cache", "forward"]
    assert added["routing"] == [{"zone": "acme.local.", "server": ".:53"}]
    assert added["upstreams"] == [{"zone": "acme.local.", "old": [], "new": ["1.2.3.4"], "added": ["1.2.3.4"], "dropped": []}]
    assert data["listeners"] == []  # the stub domain shares the :53 socket


@needs_corpus
def test_the_corpus_stub_domain_release_also_changes_the_upstreams(tmp_path):
    data = diff(tmp_path, corpus(DEFAULT), corpus(STUB_DOMAIN))
    root = server(data, ".:53")
    assert root["status"] == "changed"
    [upstream] = root["upstreams"]
    assert upstream["zone"] == "."
    assert upstream["added"] == ["8.8.8.8", "8.8.4.4"] and upstream["dropped"] == ["/etc/resolv.conf"]
    assert server(data, "acme.local:53")["status"] == "added"
    # Both blocks run `loop`, which covers the resolv.conf loop risk (FW002 stays silent on
    # either side), so leaving /etc/resolv.conf changes no finding of that rule.
    moved = data["findings"]["appeared"] + data["findings"]["disappeared"]
    assert "resolv-conf-loop-risk" not in rules(moved)


@needs_corpus
def test_proxy_to_forward_migration(tmp_path):
    data = diff(tmp_path, corpus(WITH_PROXY), corpus(WITH_FORWARD))
    root = server(data, ".:53")
    assert [ref["plugin"] for ref in root["plugins"]["removed"]] == ["proxy"]
    assert [ref["plugin"] for ref in root["plugins"]["added"]] == ["forward"]
    assert root["plugins"]["added"][0]["text"] == "forward . /etc/resolv.conf"
    assert root["upstreams"] == []  # the same upstream, now through forward
    assert any("still go to /etc/resolv.conf" in note for note in root["notes"])
    assert "removed-plugin" in rules(data["findings"]["disappeared"])
    assert data["summary"]["errors_disappeared"] == 1
    # the findings both sides share (the removed `upstream` option) neither appear nor disappear
    assert "removed-option" not in rules(data["findings"]["appeared"]) + rules(data["findings"]["disappeared"])
    # an upstream finding is about the zone's upstream, whichever plugin forwards it
    assert "resolv-conf-loop-risk" not in rules(data["findings"]["appeared"]) + rules(data["findings"]["disappeared"])


@needs_corpus
def test_ttl_changes_are_argument_and_option_changes(tmp_path):
    text = corpus(KUBEADM_TTL)
    data = diff(tmp_path, text, text.replace("ttl 30", "ttl 5").replace("cache 30", "cache 300"))
    changes = {change["plugin"]: change for change in server(data, ".:53")["plugins"]["changed"]}
    assert set(changes) == {"kubernetes", "cache"}
    assert changes["cache"]["arguments"] == {"old": ["30"], "new": ["300"]}
    assert changes["kubernetes"]["arguments"] is None
    assert changes["kubernetes"]["options"] == [{"option": "ttl", "change": "changed", "old": "ttl 30", "new": "ttl 5"}]
    assert server(data, ".:53")["plugins"]["added"] == [] and server(data, ".:53")["plugins"]["removed"] == []


def test_swapping_two_forwards_reorders_them_and_shadows_the_sub_zone(tmp_path):
    old = ". {\n    forward example.org 10.0.0.53\n    forward . 8.8.8.8\n}\n"
    new = ". {\n    forward . 8.8.8.8\n    forward example.org 10.0.0.53\n}\n"
    data = diff(tmp_path, old, new)
    entry = server(data, ".")
    assert entry["plugins"]["reordered"] == {"old": ["forward example.org", "forward ."], "new": ["forward .", "forward example.org"]}
    assert entry["shadowed"] == [{"zone": "example.org.", "by": "forward .", "hides": ["forward example.org"]}]
    assert entry["upstreams"] == []
    assert rules(data["findings"]["appeared"]) == ["plugin-conflict"]


def test_fallthrough_unshadows_and_options_in_another_order_are_no_change(tmp_path):
    old = ". {\n    hosts {\n        10.0.0.1 db.lan\n        ttl 60\n    }\n    forward . 8.8.8.8\n}\n"
    data = diff(tmp_path, old, old.replace("ttl 60", "ttl 60\n        fallthrough"))
    entry = server(data, ".")
    assert entry["unshadowed"] == [{"zone": ".", "by": "hosts", "hides": ["forward"]}]
    assert entry["plugins"]["changed"][0]["options"] == [
        {"option": "fallthrough", "change": "added", "old": None, "new": "fallthrough"}]
    assert rules(data["findings"]["disappeared"]) == ["missing-fallthrough"]
    reordered = old.replace("        10.0.0.1 db.lan\n        ttl 60\n", "        ttl 60\n        10.0.0.1 db.lan\n")
    quiet = diff(tmp_path, old, reordered)
    assert quiet["changed"] is False
    assert any("reordered" in note for note in server(quiet, ".")["notes"])


def test_a_port_change_moves_the_server_and_its_listener(tmp_path):
    old = ".:53 {\n    health\n    forward . 8.8.8.8\n}\n"
    data = diff(tmp_path, old, old.replace(".:53", ".:5353").replace("health", "health :8081"))
    entry = server(data, ".:5353")
    assert entry["status"] == "moved"
    assert (entry["old_addresses"], entry["new_addresses"]) == (["dns://.:53"], ["dns://.:5353"])
    changes = {(change["change"], change["address"]) for change in data["listeners"]}
    assert changes == {("removed", "dns://:53"), ("added", "dns://:5353"),
                       ("removed", "http://:8080"), ("added", "http://:8081")}
    assert data["findings"] == {"appeared": [], "disappeared": []}


def test_a_block_split_in_two_is_compared_zone_by_zone(tmp_path):
    old = "example.org example.net {\n    forward . 10.0.0.1\n}\n"
    new = "example.org {\n    forward . 10.0.0.1\n}\nexample.net {\n    forward . 10.0.0.2\n}\n"
    data = diff(tmp_path, old, new)
    assert server(data, "example.org")["status"] == "unchanged"
    net = server(data, "example.net")
    assert net["status"] == "changed"
    assert net["upstreams"][0]["added"] == ["10.0.0.2"] and net["upstreams"][0]["dropped"] == ["10.0.0.1"]


def test_imports_are_expanded_on_both_sides(tmp_path):
    corefile = ". {\n    import extra.conf\n    forward . 8.8.8.8\n}\n"
    for side, extra in (("old", "log\n"), ("new", "log\ncache 30\n")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "extra.conf").write_text(extra)
    data = diff(tmp_path, corefile, corefile)
    entry = server(data, ".")
    assert [ref["plugin"] for ref in entry["plugins"]["added"]] == ["cache"]
    assert entry["plugins"]["added"][0]["location"].endswith("extra.conf:2")


def test_placeholders_are_compared_expanded(tmp_path):
    old = ". {\n    forward . {$UPSTREAM}\n}\n"
    same = diff(tmp_path, old, ". {\n    forward . 9.9.9.9\n}\n", Config(env={"UPSTREAM": "9.9.9.9"}))
    assert same["changed"] is False


# --- manifests, Helm values, git revisions -----------------------------------------------------------------


def test_configmap_manifests_point_at_their_own_lines(tmp_path):
    pytest.importorskip("yaml")
    fixture = (Path(__file__).resolve().parent.parent / "integrations" / "fixtures" / "coredns.yaml").read_text()
    new = fixture.replace("proxy . 10.0.0.10", "forward . 10.0.0.10")
    data = diff(tmp_path, fixture, new, name="coredns.yaml")
    assert data["old"]["kind"] == data["new"]["kind"] == "configmap"
    entry = server(data, "example.org:53")
    assert [ref["plugin"] for ref in entry["plugins"]["added"]] == ["forward"]
    line = new[:new.index("forward . 10.0.0.10")].count("\n") + 1
    assert entry["plugins"]["added"][0]["location"] == f"{tmp_path / 'new' / 'coredns.yaml'}:{line}"
    [resolved] = [f for f in data["findings"]["disappeared"] if f["rule"] == "removed-plugin"]
    assert resolved["key"] == "example.server" and resolved["line"] == line


def test_helm_values_diff_points_at_values_lines(tmp_path):
    pytest.importorskip("yaml")
    values = (Path(__file__).resolve().parent.parent / "sources" / "fixtures" / "values-default.yaml").read_text()
    new = values.replace("    parameters: 30\n", "    parameters: 300\n")
    data = diff(tmp_path, values, new, name="values.yaml")
    assert data["new"]["kind"] == "helm"
    [change] = server(data, ".:53")["plugins"]["changed"]
    assert change["arguments"] == {"old": ["30"], "new": ["300"]}
    assert change["new"]["location"].endswith(f"values.yaml:{new[:new.index('- name: cache')].count(chr(10)) + 1}")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path):
    repo = tmp_path / "repo"
    (repo / "deploy").mkdir(parents=True)
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "test")
    (repo / "deploy" / "Corefile").write_text(". {\n    import common.conf\n    forward . 8.8.8.8\n}\n")
    (repo / "deploy" / "common.conf").write_text("log\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first")
    return repo


def test_git_revision_reads_the_file_and_its_imports_at_that_revision(repo, monkeypatch):
    (repo / "deploy" / "common.conf").write_text("log\nerrors\n")
    monkeypatch.chdir(repo)
    config = Config()
    old = read_side("HEAD:deploy/Corefile", config)
    new = read_side("deploy/Corefile", config)
    data = compare(old, new).as_json()
    assert data["old"]["label"] == "HEAD:deploy/Corefile"
    assert [ref["plugin"] for ref in server(data, ".")["plugins"]["added"]] == ["errors"]
    assert compare(old, read_side("HEAD:deploy/Corefile", config)).changed is False
    monkeypatch.chdir(repo / "deploy")  # relative to the current folder, or to the repository's top as git reads it
    assert compare(read_side("HEAD:Corefile", config), read_side("HEAD:deploy/Corefile", config)).changed is False


@pytest.mark.parametrize(("spec", "message"), [
    ("HEAD~5:deploy/Corefile", "is not a revision"),
    ("HEAD:deploy/missing", "does not exist at revision HEAD"),
    ("HEAD", "no such file"),
])
def test_bad_revisions_are_clear_errors(repo, monkeypatch, spec, message):
    monkeypatch.chdir(repo)
    with pytest.raises(InputError, match=message):
        read_side(spec, Config())


def test_outside_a_repository_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="not in a git repository"):
        read_side("HEAD:Corefile", Config())


# --- the command --------------------------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch, capsys):
    from corefile.cli.main import main

    def run(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        status = main(["diff", "--isolated", *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def test_exit_status_and_formats(cli, tmp_path):
    old, new, same = tmp_path / "old", tmp_path / "new", tmp_path / "same"
    old.write_text(". {\n    forward . 8.8.8.8\n}\n")
    new.write_text(". {\n    forward . 1.1.1.1\n}\n")
    same.write_text("# the same, commented\n. {\n    forward . 8.8.8.8   # upstream\n}\n")
    status, out, _ = cli(str(old), str(same))
    assert status == 0 and "No behavioural change" in out
    status, out, _ = cli(str(old), str(new), "--output-format", "json")
    assert status == 1
    assert json.loads(out)["servers"][0]["upstreams"][0]["added"] == ["1.1.1.1"]
    status, out, _ = cli(str(old), str(new), "--output-format", "markdown", "--exit-zero")
    assert status == 0
    assert out.startswith("<!-- corefile-diff -->") and "`1.1.1.1`" not in out and "1.1.1.1" in out
    status, out, _ = cli("-", str(new), stdin=old.read_bytes())
    assert status == 1 and "upstreams for ." in out


def test_bad_input_exits_2_with_a_message(cli, tmp_path):
    good = tmp_path / "Corefile"
    good.write_text(". {\n    whoami\n}\n")
    status, _out, err = cli(str(tmp_path / "missing"), str(good))
    assert status == 2 and "no such file" in err
    status, _out, err = cli(str(tmp_path), str(good))
    assert status == 2 and "a folder" in err
    bad_yaml = tmp_path / "cm.yaml"
    bad_yaml.write_text("kind: ConfigMap\ndata:\n  Corefile: |\n    . {}\n  x: [\n")
    pytest.importorskip("yaml")
    status, _out, err = cli(str(bad_yaml), str(good))
    assert status == 2 and "cm.yaml:" in err and "Traceback" not in err


def test_several_configmaps_need_a_name(tmp_path):
    pytest.importorskip("yaml")

    def configmap(name: str, upstream: str) -> str:
        return (f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: kube-system\ndata:\n"
                f"  Corefile: |\n    .:53 {{\n        forward . {upstream}\n    }}\n")

    old = configmap("coredns", "8.8.8.8") + "---\n" + configmap("coredns-internal", "10.0.0.1")
    new = configmap("coredns", "8.8.8.8") + "---\n" + configmap("coredns-internal", "10.0.0.2")
    (tmp_path / "old.yaml").write_text(old)
    (tmp_path / "new.yaml").write_text(new)
    with pytest.raises(InputError, match="--configmap NAME"):
        read_side(str(tmp_path / "old.yaml"), Config())
    sides = [read_side(str(tmp_path / f"{side}.yaml"), Config(), configmap=name)
             for name in ("coredns", "kube-system/coredns-internal") for side in ("old", "new")]
    assert compare(*sides[:2]).changed is False
    assert compare(*sides[2:]).as_json()["servers"][0]["upstreams"][0]["added"] == ["10.0.0.2"]


def test_the_command_line_starts_without_the_engine():
    code = ("import sys; from corefile.cli.main import build_parser; build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('attrs', 'lark', 'yaml') "
            "or m.startswith(('corefile.diff', 'corefile.sources.helm', 'corefile.sources.manifests', 'corefile.lint'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
