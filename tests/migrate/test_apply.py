"""Applying migration plans to the original text: minimal edits, every comment kept."""

from __future__ import annotations

import functools
import inspect
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corefile
from corefile.migrate import (
    SUPPORTED_VERSIONS,
    MigrationError,
    plan_migration,
    plan_migration_down,
)
from corefile.migrate.api import migrate_down_text, migrate_text
from corefile.migrate.edits import apply_plan
from corefile.migrate.model import Corefile, Option, Plugin, Server
from corefile.migrate.text import render_corefile
from corefile.migrate.tree_model import model_from_tree

from . import conftest, test_defaults, test_migrate_down, test_migrate_up, test_notices

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
NEWEST = str(SUPPORTED_VERSIONS[-1])


def plain(model: Corefile) -> Corefile:
    """The model without refs (refs are excluded from equality anyway; this makes reprs readable)."""
    return Corefile(tuple(
        Server(s.keys, tuple(Plugin(p.name, p.args, tuple(Option(o.name, o.args) for o in p.options))
                             for p in s.plugins))
        for s in model.servers))


def comments(text: str) -> list[str]:
    """Every comment's text, in order (what must survive a migration)."""
    tree = corefile.parse(text)
    found = []
    from corefile.syntax.nodes import iter_words

    for word in iter_words(tree):
        found.extend(c.text for c in word.comments)
        if word.glued is not None:
            found.append(word.glued.text)
    found.extend(c.text for c in tree.end.comments)
    return found


def check(text: str, start: str, end: str, *, deprecations: bool = False, down: bool = False) -> str:
    """Migrate through the tree and check the result says what the plan says, with every comment kept."""
    tree = corefile.parse(text)
    model = model_from_tree(tree)
    if down:
        plan = plan_migration_down(model, start, end)
    else:
        plan = plan_migration(model, start, end, deprecations=deprecations)
    result = apply_plan(tree, plan)
    assert plain(model_from_tree(corefile.parse(result))) == plain(plan.result)
    assert sorted(comments(result)) == sorted(comments(text))
    # Applying the same plan to the text (re-parsed) gives the same result.
    assert apply_plan(text, plan) == result
    return result


# ------------------------------------------------------------ the planner's own cases


@functools.lru_cache(maxsize=None)
def planner_cases() -> tuple[tuple[str, str, str, bool, bool], ...]:
    """Every (text, from, to, deprecations, down) the planner's tests plan, recorded by running them."""
    texts: dict[int, str] = {}
    keep: list[object] = []
    cases: list[tuple[str, str, str, bool, bool]] = []

    def build(text):
        model = conftest.build(text)
        texts[id(model)] = text
        keep.append(model)
        return model

    def up(model, start, end, *, deprecations=False):
        if id(model) in texts:
            cases.append((texts[id(model)], str(start), str(end), deprecations, False))
        return plan_migration(model, start, end, deprecations=deprecations)

    def down(model, start, end):
        if id(model) in texts:
            cases.append((texts[id(model)], str(start), str(end), False, True))
        return plan_migration_down(model, start, end)

    modules = (test_migrate_up, test_migrate_down, test_notices, test_defaults)
    with pytest.MonkeyPatch.context() as patch:
        for module in modules:
            for name, value in (("build", build), ("plan_migration", up), ("plan_migration_down", down)):
                if hasattr(module, name):
                    patch.setattr(module, name, value)
        for module in modules:
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if not name.startswith("test_") or function.__module__ != module.__name__:
                    continue
                for kwargs in _parameter_sets(function):
                    try:
                        function(**kwargs)
                    except Exception:  # noqa: BLE001 - only the recording matters here
                        pass
    # Texts that were only read (notices, defaults) are migrated from the oldest to the newest too.
    planned = {case[0] for case in cases}
    for text in texts.values():
        if text not in planned:
            cases.append((text, "1.1.3", NEWEST, False, False))
            planned.add(text)
    unique = list(dict.fromkeys(cases))
    return tuple(unique)


def _parameter_sets(function):
    marks = [m for m in getattr(function, "pytestmark", []) if m.name == "parametrize"]
    grids = []
    for mark in marks:
        names, values = mark.args[0], mark.args[1]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        rows = []
        for value in values:
            value = value.values if hasattr(value, "values") and not isinstance(value, (tuple, list)) else value
            rows.append(dict(zip(names, value if len(names) > 1 else (value,))))
        grids.append(rows)
    for combination in itertools.product(*grids):
        merged = {}
        for part in combination:
            merged.update(part)
        if set(inspect.signature(function).parameters) <= set(merged):
            yield merged


def test_the_planner_cases_were_recorded():
    # Enough to matter: every upward and downward test that plans from text.
    assert len(planner_cases()) >= 40


@pytest.mark.parametrize("case", planner_cases(), ids=lambda c: f"{c[1]}->{c[2]}{'-down' if c[4] else ''}")
def test_planner_cases_apply_to_the_text(case):
    text, start, end, deprecations, down = case
    try:
        result = check(text, start, end, deprecations=deprecations, down=down)
    except MigrationError as error:
        # Refusals are the planner's (the same text through the plain model refuses too).
        assert "internal error" not in str(error)
        with pytest.raises(MigrationError):
            model = conftest.build(text)
            (plan_migration_down(model, start, end) if down else
             plan_migration(model, start, end, deprecations=deprecations))
        return
    # The tree's model and the planner tests' model say the same.
    model = conftest.build(text)
    plan = plan_migration_down(model, start, end) if down else plan_migration(model, start, end, deprecations=deprecations)
    assert plain(model_from_tree(corefile.parse(result))) == plain(plan.result)


# --------------------------------------------------------------------- the corpus


def deprecated_corpus() -> list[tuple[str, str]]:
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.exists():
        return []
    rows = []
    for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) > 7 and fields[6] == "deprecated":
            rows.append((fields[0], _start_version(fields[7])))
    return rows


def _start_version(notes: str) -> str:
    """The CoreDNS version the notes say the file was written for, if the tables know it; else 1.1.3."""
    match = re.search(r"\(CoreDNS (\d+\.\d+\.\d+)[ )]", notes)
    known = {str(v) for v in SUPPORTED_VERSIONS}
    if match and match.group(1) in known:
        return match.group(1)
    return "1.1.3"


#: corefile-migration refuses these (a stub proxy outside a `.` block, or a bare proxy); so do we.
REFUSALS = ("unhandled migration", "invalid forward plugin declaration")


@pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").exists(), reason="the shared corpus is not available")
@pytest.mark.parametrize(("name", "start"), deprecated_corpus() or [("none", "1.1.3")])
@pytest.mark.parametrize("deprecations", [False, True])
def test_deprecated_corpus_files_migrate_to_the_newest(name, start, deprecations):
    data = (CORPUS / "files" / name).read_bytes()
    text = data.decode("utf-8", "replace")
    try:
        check(text, start, NEWEST, deprecations=deprecations)
    except MigrationError as error:
        assert any(reason in str(error) for reason in REFUSALS), str(error)


@pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").exists(), reason="the shared corpus is not available")
def test_every_corpus_file_and_edge_case_migrates_up_and_down():
    """Not only the deprecated ones: whatever the layout, the applier's result says what the plan says."""
    from corefile.core.errors import CorefileError

    files = sorted((CORPUS / "files").iterdir()) + sorted((CORPUS / "edge").glob("*/Corefile"))
    applied = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        try:
            corefile.parse(text)
        except CorefileError:
            continue  # CoreDNS refuses it too; nothing to migrate
        for start, down in (("1.1.3", False), ("1.7.1", False), ("1.5.0", True)):
            try:
                if down:
                    check(text, NEWEST, start, down=True)
                else:
                    check(text, start, NEWEST, deprecations=True)
                applied += 1
            except MigrationError as error:
                assert any(reason in str(error) for reason in REFUSALS), f"{path}: {error}"
    assert applied > 2000


# ------------------------------------------------------------------ named behaviours


PROXY_ERA = """\
# Cluster DNS, k8s 1.14
.:53 {
    errors
    health  # for the kubelet
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        upstream  # chase CNAMEs outside the cluster
        fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    # Upstream resolvers: the node's
    proxy . /etc/resolv.conf {
        # spread the load
        policy least_conn
        max_fails 3  # before giving up
    }
    cache 30
    loop
    reload
    loadbalance
}
"""


def test_proxy_to_forward_keeps_every_comment():
    result = check(PROXY_ERA, "1.3.1", "1.14.2")
    assert result == """\
# Cluster DNS, k8s 1.14
.:53 {
    errors
    health {  # for the kubelet
        lameduck 5s
    }
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        # chase CNAMEs outside the cluster
        fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    # Upstream resolvers: the node's
    forward . /etc/resolv.conf {
        # spread the load
        max_fails 3  # before giving up
        max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
    ready
}
"""


def test_untouched_lines_stay_byte_identical():
    text = PROXY_ERA.replace("    cache 30\n", "\tcache   30   \n")
    result = check(text, "1.3.1", "1.14.2")
    assert "\tcache   30   \n" in result
    assert result.startswith("# Cluster DNS, k8s 1.14\n.:53 {\n    errors\n")


def test_the_1_7_0_removals():
    text = """\
.:53 {
    kubernetes cluster.local {
        upstream          # chase CNAMEs
        resyncperiod 5m   # old informer setting
        pods insecure
    }
    federation cluster.local {
        prod prod.example.com
    }
    forward . 8.8.8.8 {
        max_concurrent 1000
    }
}
"""
    outcome = migrate_text(text, "1.6.9", "1.7.0")
    assert outcome.text == """\
.:53 {
    kubernetes cluster.local {
        # chase CNAMEs
        # old informer setting
        pods insecure
    }
    federation cluster.local {
        prod prod.example.com
    }
    forward . 8.8.8.8 {
        max_concurrent 1000
    }
}
"""
    messages = [n.message for n in outcome.notices]
    assert 'Option "upstream" in plugin "kubernetes" is removed in 1.7.0.' in messages
    assert 'Option "resyncperiod" in plugin "kubernetes" is removed in 1.7.0.' in messages
    # federation is not in the tables: carried through, with a warning where it stands, and
    # an error because CoreDNS 1.7.0 no longer has it (from the plugin catalogue).
    unsupported, missing = [n for n in outcome.notices if "federation" in n.message]
    assert unsupported.severity == "warning" and (unsupported.line, unsupported.column) == (7, 5)
    assert missing.severity == "error" and (missing.line, missing.column) == (7, 5)
    assert missing.message.startswith('Plugin "federation" was removed in CoreDNS 1.7.0: CoreDNS 1.7.0 will not start')


def test_a_downgrade_flags_plugins_the_target_lacks():
    outcome = migrate_down_text(".:53 {\n    kubernetes cluster.local\n    k8s_external example.org\n}\n",
                                "1.6.2", "1.2.6")
    assert [(n.severity, n.line) for n in outcome.notices] == [("warning", 3), ("error", 3)]
    assert "only exists from CoreDNS 1.3.0" in outcome.notices[1].message


def test_a_plan_from_another_model_is_refused():
    from . import conftest

    text = ".:53 {\n    proxy . 1.1.1.1\n}\n"
    plan = plan_migration(conftest.build(text), "1.3.1", "1.5.0")
    with pytest.raises(MigrationError, match="not made from this Corefile"):
        apply_plan(text, plan)


def test_option_indentation_follows_the_file():
    text = ".:53 {\n    kubernetes cluster.local {\n      pods insecure\n    }\n    forward . 1.1.1.1\n}\n"
    result = check(text, "1.6.9", "1.7.0")
    assert "    forward . 1.1.1.1 {\n      max_concurrent 1000\n    }\n" in result


def test_removing_the_last_option_drops_the_braces_and_keeps_comments():
    text = ".:53 {\n    kubernetes cluster.local {\n        # legacy\n        upstream\n    }\n    forward . 1.1.1.1\n}\n"
    result = check(text, "1.6.9", "1.7.0", deprecations=False)
    assert result.startswith(".:53 {\n    kubernetes cluster.local\n    # legacy\n    forward . 1.1.1.1 {\n")


def test_the_1_8_0_transfer_move():
    text = """\
.:53 {
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        transfer to 10.9.9.9 10.9.9.10  # secondaries
    }
    forward . /etc/resolv.conf
}
"""
    result = check(text, "1.7.1", "1.8.0")
    assert result == """\
.:53 {
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        # secondaries
    }
    forward . /etc/resolv.conf
    transfer cluster.local {
        to 10.9.9.9 10.9.9.10
    }
}
"""


def test_stub_proxies_become_server_blocks_taking_their_comments():
    text = """\
.:53 {
    kubernetes cluster.local
    # the corporate zone
    proxy corp.example 10.1.1.1  # corp DNS
    proxy . /etc/resolv.conf
}
"""
    result = check(text, "1.1.3", "1.5.0")
    assert result == """\
.:53 {
    kubernetes cluster.local
    forward . /etc/resolv.conf
    loop
    ready
}

corp.example {
    # the corporate zone
    # corp DNS
    forward . 10.1.1.1
    loop
    errors
    cache 30
}
"""


def test_one_line_blocks_are_not_mangled():
    text = ".:53 {\n    health { lameduck 3s }\n    cache 30 { success 100 }\n    forward . 1.1.1.1 { policy random }\n}\n"
    result = check(text, "1.6.2", "1.14.2")
    assert "    health { lameduck 3s }\n    cache 30 { success 100 }\n" in result
    assert "    forward . 1.1.1.1 {\n        policy random\n        max_concurrent 1000\n    }\n" in result
    # Adding to a one-line block opens it up.
    result = check(".:53 {\n    health { }\n    proxy . 1.1.1.1 { max_fails 3 }\n}\n", "1.3.1", "1.14.2")
    assert "    health {\n        lameduck 5s\n    }\n" in result
    assert "    forward . 1.1.1.1 {\n        max_fails 3\n        max_concurrent 1000\n    }\n" in result


def test_an_option_added_to_a_plugin_without_a_block_opens_one_before_its_comment():
    result = check(".:53 {\n\tforward . 1.1.1.1  # upstream\n}\n", "1.6.9", "1.7.0")
    assert result == ".:53 {\n\tforward . 1.1.1.1 {  # upstream\n\t\tmax_concurrent 1000\n\t}\n}\n"


def test_crlf_and_no_final_newline():
    text = ".:53 {\r\n  kubernetes cluster.local\r\n  proxy . 1.1.1.1\r\n}"
    result = check(text, "1.3.1", "1.14.2")
    assert result == ".:53 {\r\n  kubernetes cluster.local\r\n  forward . 1.1.1.1 {\r\n    max_concurrent 1000\r\n  }\r\n  ready\r\n}"


def test_snippets_and_imports_are_carried_through_with_a_notice():
    text = "(common) {\n    proxy . 1.1.1.1\n}\n.:53 {\n    import common\n    proxy . 8.8.8.8\n}\n"
    outcome = migrate_text(text, "1.3.1", "1.5.0", filename="Corefile")
    assert outcome.text == "(common) {\n    proxy . 1.1.1.1\n}\n.:53 {\n    import common\n    forward . 8.8.8.8\n}\n"
    untouched = [(n.line, n.kind) for n in outcome.notices if n.kind == "untouched"]
    assert untouched == [(1, "untouched"), (5, "untouched")]


def test_migrate_down_removes_ready_and_loop_keeping_comments():
    text = ".:53 {\n    ready  # readiness probe\n    forward . 1.1.1.1\n    loop\n    cache 30\n}\n"
    outcome = migrate_down_text(text, "1.6.2", "1.1.3")
    assert outcome.text == ".:53 {\n    # readiness probe\n    forward . 1.1.1.1\n    cache 30\n}\n"
    assert check(text, "1.6.2", "1.1.3", down=True) == outcome.text


def test_equal_versions_return_the_input_unchanged():
    text = ".:53 {\n  proxy   . 1.1.1.1 # x\n}"
    outcome = migrate_text(text, "banana", "banana")
    assert outcome.text == text and outcome.notices == ()


def test_notices_carry_input_positions_and_are_sorted():
    outcome = migrate_text(PROXY_ERA, "1.3.1", "1.14.2", filename="Corefile")
    lines = [n.format("Corefile") for n in outcome.notices]
    assert 'Corefile:12:5: info: Plugin "proxy" is removed in 1.5.0. It is replaced by "forward".' in lines
    assert 'Corefile:4:5: info: Option "lameduck" in plugin "health" is added as a default in 1.6.5.' in lines
    positions = [(n.line, n.column) for n in outcome.notices]
    assert positions == sorted(positions)


def test_deprecated_items_kept_are_warnings_handled_ones_are_info():
    text = ".:53 {\n    kubernetes cluster.local {\n        upstream\n    }\n    proxy . 1.1.1.1\n}\n"
    kept = migrate_text(text, "1.3.1", "1.4.0")
    assert {n.severity for n in kept.notices} == {"warning"}
    assert kept.text == text
    done = migrate_text(text, "1.3.1", "1.4.0", deprecations=True)
    assert {n.severity for n in done.notices} == {"info"}
    assert "forward . 1.1.1.1" in done.text


# ------------------------------------------------------------------------ properties


_WORDS = {
    "kubernetes": [("upstream", ()), ("resyncperiod", ("5m",)), ("endpoint", ("https://a", "https://b")),
                   ("transfer", ("to", "10.0.0.9")), ("pods", ("insecure",))],
    "proxy": [("policy", ("least_conn",)), ("max_fails", ("3",)), ("spray", ()), ("protocol", ("https_google",)),
              ("protocol", ("force_tcp", "x")), ("except", ("a.org",))],
    "forward": [("max_concurrent", ("10",)), ("prefer_udp", ())],
    "health": [("lameduck", ("3s",))],
    "cache": [("success", ("100",))],
    "ready": [],
    "loop": [],
    "whoami": [],
}
_ARGS = {"kubernetes": [("cluster.local",)], "proxy": [(".", "1.1.1.1"), ("corp.example", "10.0.0.1")],
         "forward": [(".", "8.8.8.8")], "cache": [("30",)]}


@st.composite
def layouts(draw):
    """Corefile text in varied layouts (indentation, comments, one-line blocks), and its plain model."""
    indent = draw(st.sampled_from(["    ", "  ", "\t"]))
    servers = []
    lines = []
    for _ in range(draw(st.integers(1, 2))):
        keys = draw(st.sampled_from([".:53", "."]))
        lines.append(keys + " {" + draw(st.sampled_from(["", "  # block"])))
        plugins = []
        for _ in range(draw(st.integers(0, 5))):
            name = draw(st.sampled_from(sorted(_WORDS)))
            args = draw(st.sampled_from(_ARGS.get(name, [()])))
            options = draw(st.lists(st.sampled_from(_WORDS[name]), max_size=3)) if _WORDS[name] else []
            head = " ".join((name, *args))
            if draw(st.booleans()):
                lines.append(indent + "# about " + name)
            trailing = draw(st.sampled_from(["", "  # " + name + " here"]))
            if options and len(options) == 1 and draw(st.booleans()):
                lines.append(indent + head + " { " + " ".join(options[0][:1] + options[0][1]) + " }" + trailing)
            elif options:
                lines.append(indent + head + " {" + trailing)
                for option_name, option_args in options:
                    note = draw(st.sampled_from(["", " # why " + option_name]))
                    lines.append(indent * 2 + " ".join((option_name, *option_args)) + note)
                lines.append(indent + "}")
            else:
                lines.append(indent + head + trailing)
            plugins.append(Plugin(name, args, tuple(Option(n, a) for n, a in options)))
        lines.append("}")
        servers.append(Server((keys,), tuple(plugins)))
    return "\n".join(lines) + "\n", Corefile(tuple(servers))


@settings(max_examples=200, deadline=None)
@given(layouts(), st.tuples(st.sampled_from(SUPPORTED_VERSIONS), st.sampled_from(SUPPORTED_VERSIONS)),
       st.booleans())
def test_any_layout_migrates_to_what_the_plan_says(layout, versions, deprecations):
    text, model = layout
    assert plain(model_from_tree(corefile.parse(text))) == model
    low, high = sorted(versions)
    try:
        check(text, str(low), str(high), deprecations=deprecations)
        if low != high:
            check(text, str(high), str(low), down=True)
    except MigrationError as error:
        assert any(reason in str(error) for reason in REFUSALS), str(error)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(_WORDS)), st.sampled_from([0, 1, 2])), max_size=6))
def test_rendered_models_migrate_like_the_plain_model(picks):
    plugins = []
    for name, count in picks:
        options = tuple(Option(n, a) for n, a in _WORDS[name][:count])
        plugins.append(Plugin(name, _ARGS.get(name, [()])[0], options))
    text = render_corefile(Corefile((Server((".:53",), tuple(plugins)),)))
    try:
        check(text, "1.1.3", NEWEST)
    except MigrationError as error:
        assert any(reason in str(error) for reason in REFUSALS), str(error)


def test_proxy_except_without_names_is_not_carried_into_forward():
    """forward refuses an `except` with no names; an empty proxy `except` excluded nothing."""
    text = ".:53 {\n    proxy . /etc/resolv.conf {\n        except\n        policy random\n    }\n}\n"
    result = check(text, "1.3.1", "1.14.2")
    assert "except" not in result and "policy random" in result
    kept = check(text.replace("except\n", "except example.org\n"), "1.3.1", "1.14.2")
    assert "except example.org" in kept
