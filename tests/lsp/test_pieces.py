"""The language server's parts that need many small cases: suppression placement, positions,
the outline of unfinished text, completion templates. Checked in-process against the engine:
a suppression must really silence the finding it was made for, a template must lint clean.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pygls", reason="the language server tests need the lsp extra (pygls)")

from lsprotocol import types  # noqa: E402

import corefile  # noqa: E402
from corefile.catalogue import PLUGINS  # noqa: E402
from corefile.lint.fixes import apply_edits  # noqa: E402
from corefile.lsp.actions import suppress_in_file, suppress_on_line  # noqa: E402
from corefile.lsp.analysis import ConfigFinder, analyse  # noqa: E402
from corefile.lsp.completion import SNIPPETS  # noqa: E402
from corefile.lsp.outline import DIRECTIVE, OPTION, SERVER, build_outline  # noqa: E402
from corefile.lsp.positions import LineIndex  # noqa: E402
from corefile.core.positions import Source  # noqa: E402
from corefile.syntax.lexer import lex  # noqa: E402


def analysis_of(text: str, tmp_path):
    path = str(tmp_path / "Corefile")
    return analyse("file://" + path, 1, text, path=path, language_id="corefile",
                   configs=ConfigFinder(str(tmp_path)), encoding=types.PositionEncodingKind.Utf16)


DUPLICATE_LINE = 3  # the second `example.org` of each case below, 1-based


@pytest.mark.parametrize("text, expected_line", [
    # Nothing at the end of the line: the comment goes there.
    ("example.org {\n}\nexample.org {\n}\n", "example.org {  # corefile-lint: ignore[duplicate-zone]"),
    # CRLF line endings stay CRLF, and the comment goes before the CR.
    ("example.org {\r\n}\r\nexample.org {\r\n}\r\n", "example.org {  # corefile-lint: ignore[duplicate-zone]\r"),
    # A comment at the end of the line: the suppression goes alone on the line above.
    ("example.org {\n}\nexample.org { # mine\n}\n", "# corefile-lint: ignore[duplicate-zone]"),
    # A suppression for another rule already there: the rule is added to it.
    ("example.org {\n}\nexample.org { # corefile-lint: ignore[cidr-expansion]\n}\n",
     "example.org { # corefile-lint: ignore[cidr-expansion, duplicate-zone]"),
    # An own-line suppression above: the rule is added to it.
    ("example.org {\n}\n    # corefile-lint: ignore[cidr-expansion]\nexample.org {\n}\n",
     "    # corefile-lint: ignore[cidr-expansion, duplicate-zone]"),
])
def test_line_suppression_silences_exactly_that_finding(tmp_path, text, expected_line):
    analysis = analysis_of(text, tmp_path)
    [finding] = [f for f in analysis.findings if f.rule == "duplicate-zone"]
    edit = suppress_on_line(analysis, finding)
    suppressed = apply_edits(text, [edit])
    assert expected_line in suppressed.split("\n")
    after = corefile.lint_text(suppressed, filename=analysis.path)
    assert "duplicate-zone" not in {f.rule for f in after}
    # Nothing else changed: the other findings stay, and no suppression is left unused by the edit.
    before = {f.rule for f in analysis.findings} - {"duplicate-zone"}
    assert {f.rule for f in after} <= before


@pytest.mark.parametrize("text, expected", [
    # The line goes on inside a quoted key: the comment cannot go at its end, so it goes above.
    ('example.org {\n}\nexample.org "a\nb" {\n}\n', '}\n# corefile-lint: ignore[duplicate-zone]\nexample.org "a'),
    # The line starts inside a quoted key: a comment above would not reach it, its end does.
    ('example.org {\n}\n"a\nb" example.org {\n}\n', 'b" example.org {  # corefile-lint: ignore[duplicate-zone]\n'),
])
def test_line_suppression_around_multi_line_tokens(tmp_path, text, expected):
    analysis = analysis_of(text, tmp_path)
    [finding] = [f for f in analysis.findings if f.rule == "duplicate-zone"]
    suppressed = apply_edits(text, [suppress_on_line(analysis, finding)])
    assert expected in suppressed
    assert "duplicate-zone" not in {f.rule for f in corefile.lint_text(suppressed, filename=analysis.path)}


def test_file_suppression_merges_into_an_existing_one(tmp_path):
    text = "# corefile-lint: file-ignore[cidr-expansion]\nexample.org {\n}\nexample.org {\n}\n"
    analysis = analysis_of(text, tmp_path)
    suppressed = apply_edits(text, [suppress_in_file(analysis, "duplicate-zone")])
    assert suppressed.startswith("# corefile-lint: file-ignore[cidr-expansion, duplicate-zone]\n")
    assert "duplicate-zone" not in {f.rule for f in corefile.lint_text(suppressed)}


# -- positions ---------------------------------------------------------------------------------


def test_positions_count_lsp_lines_and_code_units():
    text = "a😀b\r\nc\rd\n\né"
    utf16 = LineIndex(text)
    assert utf16.position(text.index("b")) == types.Position(line=0, character=3)
    assert utf16.position(text.index("d")) == types.Position(line=2, character=0)  # a lone CR ends a line
    assert utf16.position(len(text)) == types.Position(line=4, character=1)
    for offset in range(len(text) + 1):
        if text[offset - 1: offset + 1] == "\r\n":
            continue  # between CR and LF is no position of its own
        assert utf16.offset(utf16.position(offset)) == offset
    utf8 = LineIndex(text, types.PositionEncodingKind.Utf8)
    assert utf8.position(text.index("b")) == types.Position(line=0, character=5)
    utf32 = LineIndex(text, types.PositionEncodingKind.Utf32)
    assert utf32.position(text.index("b")) == types.Position(line=0, character=2)
    # Past the end of a line or of the text: clamped.
    assert utf16.offset(types.Position(line=0, character=99)) == text.index("\r")
    assert utf16.offset(types.Position(line=99, character=0)) == len(text)


# -- outline -----------------------------------------------------------------------------------


def outline_of(text: str):
    return build_outline(lex(Source(text)).words, text)


def test_outline_of_unfinished_text():
    text = "a.org,\n  b.org {\n    forward . 1.1.1.1 {\n        max_f"
    outline = outline_of(text)
    [server] = outline.entries
    assert server.kind == SERVER and [w.value for w in server.words] == ["a.org,", "b.org"]
    [forward] = server.children
    assert forward.kind == DIRECTIVE and forward.close is None
    [option] = forward.children
    assert option.kind == OPTION and option.name == "max_f"
    assert outline.enclosing(len(text)) is forward
    assert outline.enclosing(text.index("forward")) is server
    assert outline.enclosing(0) is None


def test_outline_words_after_a_closing_brace_stay_with_their_statement():
    text = ". {\n    kubernetes {\n        pods insecure\n    } fallthrough\n    log\n}\n"
    [server] = outline_of(text).entries
    assert [child.name for child in server.children] == ["kubernetes", "log"]


# -- completion templates -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SNIPPETS))
def test_snippet_with_its_defaults_lints_clean(name):
    """A template, its placeholders left at their defaults, is a line CoreDNS accepts as is."""
    import re

    template = SNIPPETS[name]
    assert template.split()[0] == name and name in PLUGINS
    text = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", template).replace("\t", "    ")
    corefile_text = ". {\n    " + text.replace("\n", "\n    ") + "\n}\n"
    errors = [f for f in corefile.lint_text(corefile_text) if str(f.severity) == "error"]
    assert errors == [], corefile_text
