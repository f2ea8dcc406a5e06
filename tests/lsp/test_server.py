"""``corefile lsp`` as an editor meets it: a subprocess spoken to over stdio by pygls's own client.

One server serves the whole module (starting one costs about a second); each test works on its
own documents, under folders of its own when it needs a configuration file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server tests need the lsp extra (pygls)")

from lsprotocol import types  # noqa: E402
from pygls.exceptions import JsonRpcException  # noqa: E402

import corefile  # noqa: E402
from tests.lsp.harness import Session, apply_text_edits, position_of  # noqa: E402

DUPLICATE = "example.org {\n    whoami\n}\nexample.org:53 {\n    log\n}\n"
REMOVED_OPTIONS = (
    ". {\n"
    "    kubernetes cluster.local {\n"
    "        upstream\n"
    "        resyncperiod 30s\n"
    "    }\n"
    "    proxy . 1.1.1.1\n"
    "}\n"
)


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    root = tmp_path_factory.mktemp("workspace")
    # A small delay keeps the debounce test quick; the default is 100 ms.
    started = Session(root, initialization_options={"diagnosticsDelay": 50})
    yield started
    assert started.shutdown() == 0


@pytest.fixture
def folder(session, request) -> Path:
    path = session.root / request.node.name.replace("[", "_").replace("]", "_")
    path.mkdir()
    return path


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def codes(diagnostics) -> list[str]:
    return sorted(str(d.code) for d in diagnostics)


def code_actions(session, uri, text, needle, only=None, nth=0):
    where = position_of(text, needle, nth=nth)
    return session.request("text_document_code_action_async", types.CodeActionParams(
        text_document=doc(uri),
        range=types.Range(start=where, end=where),
        context=types.CodeActionContext(diagnostics=[], only=only),
    ))


def hover_text(session, uri, text, needle, delta=0):
    answer = session.request("text_document_hover_async", types.HoverParams(
        text_document=doc(uri), position=position_of(text, needle, delta=delta)))
    return answer.contents.value if answer is not None else None


def complete(session, uri, text, needle, delta=0):
    answer = session.request("text_document_completion_async", types.CompletionParams(
        text_document=doc(uri), position=position_of(text, needle, delta=delta)))
    return {item.label: item for item in answer.items} if answer is not None else {}


# -- diagnostics ----------------------------------------------------------------------------------


def test_duplicate_zone_diagnostic_has_code_link_and_first_definition(session, folder):
    uri = session.open(folder / "Corefile", DUPLICATE)
    diagnostics = session.wait_diagnostics(uri)
    duplicate = [d for d in diagnostics if d.code == "ZN001"]
    assert len(duplicate) == 1
    found = duplicate[0]
    assert found.severity == types.DiagnosticSeverity.Error
    assert found.source == "corefile"
    assert (found.range.start.line, found.range.start.character) == (3, 0)
    assert (found.range.end.line, found.range.end.character) == (3, len("example.org:53"))
    assert found.code_description.href.endswith("duplicate-zone.md")
    if found.code_description.href.startswith("file:"):
        page = Path(found.code_description.href[len("file://"):])
        assert "duplicate-zone" in page.read_text(encoding="utf-8")
    [related] = found.related_information
    assert related.location.uri == uri
    assert (related.location.range.start.line, related.location.range.start.character) == (0, 0)
    assert related.message == "first defined here"
    # The same findings as the CLI's engine, nothing more, nothing less.
    expected = corefile.lint_text(DUPLICATE, filename=str(folder / "Corefile"))
    assert codes(diagnostics) == sorted(f.code for f in expected)


def test_configuration_file_is_discovered_like_the_cli(session, folder):
    """The closest .corefile-lint.toml decides the target version and the rules, as for corefile-lint."""
    old = folder / "old"
    old.mkdir()
    (old / ".corefile-lint.toml").write_text('coredns-version = "1.4.0"\nignore = ["OP"]\n', encoding="utf-8")
    text = ". {\n    proxy . 1.1.1.1\n    health\n}\n"
    new_uri = session.open(folder / "Corefile", text)
    old_uri = session.open(old / "Corefile", text)
    assert "PL010" in codes(session.wait_diagnostics(new_uri))  # removed in 1.5.0: an error today
    old_codes = codes(session.wait_diagnostics(old_uri))
    assert "PL010" not in old_codes and "PL011" in old_codes  # only deprecated in 1.4.0
    assert not any(code.startswith("OP") for code in old_codes)


def test_bad_configuration_file_is_reported_and_defaults_used(session, folder):
    (folder / ".corefile-lint.toml").write_text('no-such-key = 1\n', encoding="utf-8")
    uri = session.open(folder / "Corefile", DUPLICATE)
    diagnostics = session.wait_diagnostics(uri)
    warnings = [d for d in diagnostics if d.code is None]
    assert len(warnings) == 1 and "no-such-key" in warnings[0].message
    assert warnings[0].severity == types.DiagnosticSeverity.Warning
    assert "ZN001" in codes(diagnostics)


def test_broken_document_mid_edit(session, folder):
    """Typing a `{` whose `}` is not there yet: a positioned error, and features keep answering."""
    valid = ". {\n    forward . 1.1.1.1\n}\n"
    uri = session.open(folder / "Corefile", valid)
    assert not [d for d in session.wait_diagnostics(uri) if d.severity == types.DiagnosticSeverity.Error]
    broken = ". {\n    forward . 1.1.1.1 {\n        max_f\n"
    version = session.change(uri, broken)
    diagnostics = session.wait_diagnostics(uri, version)
    errors = [(d.code, d.range.start.line, d.range.start.character) for d in diagnostics
              if d.severity == types.DiagnosticSeverity.Error]
    assert ("SY002", 1, 22) in errors  # the brace that is never closed
    expected = corefile.lint_text(broken, filename=str(folder / "Corefile"))
    assert sorted(errors) == sorted(
        (f.code, f.span.start.line - 1, f.span.start.column - 1) for f in expected if str(f.severity) == "error")
    # Completion inside the unclosed block offers forward's options.
    items = complete(session, uri, broken, "max_f", delta=len("max_f"))
    assert "max_fails" in items and "forward" not in items
    assert hover_text(session, uri, broken, "forward") is not None
    # Finishing the edit clears the error.
    fixed = ". {\n    forward . 1.1.1.1 {\n        max_fails 3\n    }\n}\n"
    version = session.change(uri, fixed)
    assert not [d for d in session.wait_diagnostics(uri, version) if d.severity == types.DiagnosticSeverity.Error]


def test_changes_in_a_burst_are_linted_once_on_the_newest_text(session, folder):
    uri = session.open(folder / "Corefile", ". {\n    whoami\n}\n")
    session.wait_diagnostics(uri)
    before = session.published[uri]
    text = ". {\n    whoami\n}\n"
    for index in range(6):
        text += f"zone{index}.example {{\n}}\n"
        last = session.change(uri, text + "zone0.example {\n}\n")
    diagnostics = session.wait_diagnostics(uri, last)
    assert "ZN001" in codes(diagnostics)
    assert session.published[uri] - before < 6  # fewer runs than changes


def test_finding_in_an_imported_file_shows_on_the_import_line(session, folder):
    (folder / "extra.conf").write_text("example.org {\n    whoami\n}\n", encoding="utf-8")
    text = "import extra.conf\nexample.org {\n    log\n}\n"
    uri = session.open(folder / "Corefile", text)
    [duplicate] = [d for d in session.wait_diagnostics(uri) if d.code == "ZN001"]
    assert duplicate.range.start.line in (0, 1)
    places = {(r.location.uri, r.location.range.start.line) for r in duplicate.related_information}
    assert (folder.joinpath("extra.conf").as_uri(), 0) in places or (uri, 1) in places


# -- ConfigMaps -----------------------------------------------------------------------------------


MANIFEST = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: coredns
  namespace: kube-system
data:
  Corefile: |
    .:53 {
        errors
        forward . /etc/resolv.conf
    }
    .:53 {
        whoami
    }
"""


def test_configmap_diagnostics_point_at_the_manifest_lines(session, folder):
    pytest.importorskip("yaml")
    uri = session.open(folder / "coredns.yaml", MANIFEST, language_id="yaml")
    [duplicate] = [d for d in session.wait_diagnostics(uri) if d.code == "ZN001"]
    assert (duplicate.range.start.line, duplicate.range.start.character) == (11, 4)
    assert duplicate.related_information[0].location.range.start.line == 7
    assert "key Corefile" in duplicate.message
    # No fix or suppression edits the YAML: the engine's edits are offsets into the Corefile.
    assert not code_actions(session, uri, MANIFEST, ".:53", nth=1)


def test_configmap_broken_yaml_and_other_yaml(session, folder):
    pytest.importorskip("yaml")
    broken = MANIFEST.replace("  namespace: kube-system\n", "  namespace: [kube-system\n")
    uri = session.open(folder / "broken.yaml", broken, language_id="yaml")
    [problem] = session.wait_diagnostics(uri)
    assert problem.severity == types.DiagnosticSeverity.Error and "YAML" in problem.message
    assert problem.range.start.line >= 4
    other = session.open(folder / "values.yaml", "replicas: 2\nimage: coredns\n", language_id="yaml")
    assert not session.wait_diagnostics(other)


# -- code actions ---------------------------------------------------------------------------------


def test_safe_fix_is_preferred_and_unsafe_fix_is_marked(session, folder):
    uri = session.open(folder / "Corefile", REMOVED_OPTIONS)
    session.wait_diagnostics(uri)
    safe = [a for a in code_actions(session, uri, REMOVED_OPTIONS, "upstream") if a.title.startswith("PL012:")]
    assert len(safe) == 1 and safe[0].is_preferred and "unsafe" not in safe[0].title
    assert safe[0].diagnostics[0].code == "PL012"
    unsafe = [a for a in code_actions(session, uri, REMOVED_OPTIONS, "proxy") if "forward" in a.title]
    assert len(unsafe) == 1 and not unsafe[0].is_preferred and "(unsafe)" in unsafe[0].title
    # Applying the safe fix removes the finding and nothing else changes meaning.
    fixed = apply_text_edits(REMOVED_OPTIONS, safe[0].edit.changes[uri])
    assert "upstream" not in fixed and "resyncperiod 30s" in fixed
    version = session.change(uri, fixed)
    remaining = session.wait_diagnostics(uri, version)
    [left] = [d for d in remaining if d.code == "PL012"]
    assert "resyncperiod" in left.message


def test_suppress_on_this_line_and_in_this_file(session, folder):
    uri = session.open(folder / "Corefile", DUPLICATE)
    session.wait_diagnostics(uri)
    found = code_actions(session, uri, DUPLICATE, "example.org:53")
    line = [a for a in found if a.title == "Suppress duplicate-zone on this line"]
    whole = [a for a in found if a.title == "Suppress duplicate-zone in this file"]
    assert len(line) == 1 and len(whole) == 1
    suppressed = apply_text_edits(DUPLICATE, line[0].edit.changes[uri])
    assert "example.org:53 {  # corefile-lint: ignore[duplicate-zone]\n" in suppressed
    version = session.change(uri, suppressed)
    assert "ZN001" not in codes(session.wait_diagnostics(uri, version))
    assert "LN001" not in codes(session.wait_diagnostics(uri, version))  # the suppression is used
    version = session.change(uri, DUPLICATE)
    session.wait_diagnostics(uri, version)
    in_file = apply_text_edits(DUPLICATE, whole[0].edit.changes[uri])
    assert in_file.startswith("# corefile-lint: file-ignore[duplicate-zone]\n")
    version = session.change(uri, in_file)
    assert "ZN001" not in codes(session.wait_diagnostics(uri, version))


def test_fix_all_through_resolve(session, folder):
    uri = session.open(folder / "Corefile", REMOVED_OPTIONS)
    session.wait_diagnostics(uri)
    [fix_all] = code_actions(session, uri, REMOVED_OPTIONS, ". {", only=[types.CodeActionKind.SourceFixAll])
    assert fix_all.edit is None  # this client resolves edits lazily
    resolved = session.request("code_action_resolve_async", fix_all)
    fixed = apply_text_edits(REMOVED_OPTIONS, resolved.edit.changes[uri])
    assert "upstream" not in fixed and "resyncperiod" not in fixed
    assert "proxy . 1.1.1.1" in fixed  # the unsafe fix is not applied
    version = session.change(uri, fixed)
    assert "PL012" not in codes(session.wait_diagnostics(uri, version))


# -- formatting -----------------------------------------------------------------------------------


MESSY = "# top comment\nexample.org   {\n  whoami # says who\n      log\n}\nother.org {\nerrors\n}\n"


def test_document_formatting_is_the_formatter(session, folder):
    uri = session.open(folder / "Corefile", MESSY)
    edits = session.request("text_document_formatting_async", types.DocumentFormattingParams(
        text_document=doc(uri), options=types.FormattingOptions(tab_size=2, insert_spaces=True)))
    formatted = apply_text_edits(MESSY, edits)
    assert formatted == corefile.format(MESSY)  # the canonical layout, not the editor's tab size
    assert "# says who" in formatted and "# top comment" in formatted


def test_range_formatting_changes_only_the_range(session, folder):
    uri = session.open(folder / "Corefile", MESSY)
    start, end = position_of(MESSY, "other.org"), position_of(MESSY, "errors", delta=6)
    edits = session.request("text_document_range_formatting_async", types.DocumentRangeFormattingParams(
        text_document=doc(uri), range=types.Range(start=start, end=end),
        options=types.FormattingOptions(tab_size=4, insert_spaces=True)))
    formatted = apply_text_edits(MESSY, edits)
    assert "other.org {\n    errors\n}\n" in formatted
    assert formatted.startswith("# top comment\nexample.org   {\n  whoami # says who\n      log\n}\n")


def test_formatting_a_broken_document_changes_nothing(session, folder):
    broken = ". {\n    forward . 1.1.1.1 {\n"
    uri = session.open(folder / "Corefile", broken)
    edits = session.request("text_document_formatting_async", types.DocumentFormattingParams(
        text_document=doc(uri), options=types.FormattingOptions(tab_size=4, insert_spaces=True)))
    assert not edits
    assert session.server_running


# -- hover ----------------------------------------------------------------------------------------


HOVER = "10.0.0.0/23:1053 example.org {\n    forward . 1.1.1.1 {\n        max_fails 3\n    }\n    cache 30\n}\n"


def test_hover_on_plugin_option_and_key(session, folder):
    uri = session.open(folder / "Corefile", HOVER)
    plugin = hover_text(session, uri, HOVER, "forward")
    assert "forward FROM TO..." in plugin and "Options in CoreDNS 1.14.7" in plugin and "max_fails" in plugin
    option = hover_text(session, uri, HOVER, "max_fails")
    assert "option of `forward`" in option and "INTEGER" in option
    key = hover_text(session, uri, HOVER, "10.0.0.0/23")
    assert "port `1053`" in key and "2 reverse zone" in key
    assert "`0.0.10.in-addr.arpa.`" in key and "`1.0.10.in-addr.arpa.`" in key
    assert "`example.org.`" in hover_text(session, uri, HOVER, "example.org")
    assert hover_text(session, uri, HOVER, "1.1.1.1") is None


def test_hover_knows_the_target_version(session, folder):
    (folder / ".corefile-lint.toml").write_text('coredns-version = "1.4.0"\n', encoding="utf-8")
    text = ". {\n    proxy . 1.1.1.1\n    forward . 1.1.1.1\n}\n"
    uri = session.open(folder / "Corefile", text)
    proxy = hover_text(session, uri, text, "proxy")
    assert "deprecated in 1.4.0" in proxy and "removed in 1.5.0" in proxy and "Deprecated in CoreDNS 1.4.0" in proxy
    assert "Options in CoreDNS 1.4.0" in hover_text(session, uri, text, "forward")


# -- completion -----------------------------------------------------------------------------------


COMPLETE = "(common) {\n    errors\n}\n. {\n    \n    forward . 1.1.1.1 {\n        \n    }\n    import \n}\n"


def test_completion_of_plugins_options_and_snippet_names(session, folder):
    uri = session.open(folder / "Corefile", COMPLETE)
    plugins = complete(session, uri, COMPLETE, ". {\n    ", delta=len(". {\n    "))
    assert {"forward", "cache", "kubernetes", "import"} <= set(plugins)
    assert "proxy" not in plugins  # removed in 1.5.0
    forward = plugins["forward"]
    assert forward.insert_text_format == types.InsertTextFormat.Snippet and "${1:.}" in forward.text_edit.new_text
    assert "Options in CoreDNS" in forward.documentation.value
    options = complete(session, uri, COMPLETE, "{\n        ", delta=len("{\n        "))
    assert {"max_fails", "policy", "health_check"} <= set(options) and "forward" not in options
    assert options["max_fails"].text_edit.new_text == "max_fails ${1:INTEGER}"
    names = complete(session, uri, COMPLETE, "import ", delta=len("import "))
    assert set(names) == {"common"}


def test_completion_is_version_aware(session, folder):
    (folder / ".corefile-lint.toml").write_text('coredns-version = "1.4.0"\n', encoding="utf-8")
    text = ". {\n    pro\n}\n"
    uri = session.open(folder / "Corefile", text)
    items = complete(session, uri, text, "pro", delta=3)
    assert types.CompletionItemTag.Deprecated in (items["proxy"].tags or [])
    assert "view" not in items  # added in 1.11
    replace = items["proxy"].text_edit.range
    assert (replace.start.character, replace.end.character) == (4, 7)


# -- symbols and definitions -----------------------------------------------------------------------


SYMBOLS = "(common) {\n    errors\n}\nexample.org, example.net:1053 {\n    import common\n    import extra/*.conf\n    forward . 1.1.1.1 {\n        max_fails 3\n    }\n}\n"


def test_document_symbols(session, folder):
    uri = session.open(folder / "Corefile", SYMBOLS)
    found = session.request("text_document_document_symbol_async", types.DocumentSymbolParams(text_document=doc(uri)))
    assert [s.name for s in found] == ["(common)", "example.org example.net:1053"]
    server = found[1]
    assert server.kind == types.SymbolKind.Namespace
    assert [(c.name, c.detail) for c in server.children] == [
        ("import", "common"), ("import", "extra/*.conf"), ("forward", ". 1.1.1.1")]
    assert [c.name for c in server.children[2].children] == ["max_fails"]
    assert (server.range.start.line, server.range.end.line) == (3, 9)


def test_go_to_definition_of_snippet_and_files(session, folder):
    (folder / "extra").mkdir()
    (folder / "extra" / "a.conf").write_text("log\n", encoding="utf-8")
    (folder / "extra" / "b.conf").write_text("errors\n", encoding="utf-8")
    uri = session.open(folder / "Corefile", SYMBOLS)

    def definition(needle):
        return session.request("text_document_definition_async", types.DefinitionParams(
            text_document=doc(uri), position=position_of(SYMBOLS, needle, delta=1)))

    [snippet] = definition("common\n    import")
    assert snippet.uri == uri and (snippet.range.start.line, snippet.range.start.character) == (0, 0)
    files = definition("extra/*.conf")
    assert [location.uri for location in files] == [
        (folder / "extra" / "a.conf").as_uri(), (folder / "extra" / "b.conf").as_uri()]
    assert definition("forward") is None


# -- a client that misbehaves ----------------------------------------------------------------------


def test_bad_requests_get_errors_and_the_server_keeps_running(session, folder):
    with pytest.raises(JsonRpcException):
        session.raw_request("corefile/noSuchMethod", {})
    with pytest.raises(JsonRpcException, match="not open"):
        session.request("text_document_hover_async", types.HoverParams(
            text_document=doc((folder / "never-opened").as_uri()), position=types.Position(line=0, character=0)))
    with pytest.raises(JsonRpcException):
        session.raw_request("textDocument/hover", {"textDocument": 5, "position": "here"})
    with pytest.raises(JsonRpcException):
        session.raw_request("codeAction/resolve", {"title": "x", "data": {"nothing": 1}})
    # Positions past the end of the document are clamped, not a crash.
    uri = session.open(folder / "Corefile", HOVER)
    assert session.request("text_document_hover_async", types.HoverParams(
        text_document=doc(uri), position=types.Position(line=400, character=99))) is None
    assert session.server_running
    assert "forward FROM TO..." in hover_text(session, uri, HOVER, "forward")


# -- the command ---------------------------------------------------------------------------------


def test_without_pygls_the_command_says_what_to_install():
    code = "import sys; sys.modules['pygls'] = None; from corefile.cli.main import main; raise SystemExit(main(['lsp']))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pip install 'corefile[lsp]'" in result.stderr and "Traceback" not in result.stderr


def test_other_commands_do_not_import_pygls():
    code = (
        "import sys; from corefile.cli.main import build_parser; build_parser().parse_args(['lsp']);"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'corefile.lsp')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]"


def test_columns_count_utf16_units(session, folder):
    """LSP columns are UTF-16 code units by default: an emoji counts two."""
    text = "a.example {\n}\nb.example 😀.example a.example {  # café\n}\n"
    uri = session.open(folder / "Corefile", text)
    [duplicate] = [d for d in session.wait_diagnostics(uri) if d.code == "ZN001"]
    column = len("b.example ") + 2 + len(".example ")
    assert (duplicate.range.start.line, duplicate.range.start.character) == (2, column)
    assert duplicate.range.end.character == column + len("a.example")
    [line] = [a for a in code_actions(session, uri, text, "a.example {  #") if a.title.endswith("on this line")]
    suppressed = apply_text_edits(text, line.edit.changes[uri])
    # The end of the line holds a comment: the suppression goes alone on the line above.
    assert "}\n# corefile-lint: ignore[duplicate-zone]\nb.example 😀" in suppressed
    version = session.change(uri, suppressed)
    assert "ZN001" not in codes(session.wait_diagnostics(uri, version))
