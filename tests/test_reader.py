"""The reader: CoreDNS's rules on small inputs, errors with positions, bytes, limits."""

from __future__ import annotations

import pytest

import corefile
from corefile.core.errors import CorefileSyntaxError
from corefile.syntax.nodes import Directive, Import, Snippet


def test_tree_shape():
    tree = corefile.parse("(s) {\n    log\n}\nexample.org:53 10.0.0.0/24 {\n    import s\n    forward . 1.1.1.1 {\n        max_concurrent 10\n    }\n}\n")
    snippet, block = tree.items
    assert isinstance(snippet, Snippet) and snippet.name == "s"
    assert [k.value for k in block.keys] == ["example.org:53", "10.0.0.0/24"]
    imp, forward = block.body
    assert isinstance(imp, Import) and imp.arguments[0].value == "s"
    assert isinstance(forward, Directive) and forward.name.value == "forward"
    assert [a.value for a in forward.arguments] == [".", "1.1.1.1"]
    option = forward.block.body[0]
    assert option.name.value == "max_concurrent" and option.arguments[0].value == "10"


def test_spans_are_one_based_with_exclusive_end():
    tree = corefile.parse(". {\n    whoami\n}\n", filename="Corefile")
    word = tree.items[0].body[0].name
    assert (word.span.file, word.span.start.line, word.span.start.column, word.span.end.column) == ("Corefile", 2, 5, 11)
    assert word.span.start.offset == 8


def test_words_keep_raw_and_value():
    tree = corefile.parse('. {\n    log . "{remote} \\"x\\" \\\\d"\n}\n')
    argument = tree.items[0].body[0].arguments[1]
    assert argument.quoted and argument.raw == '"{remote} \\"x\\" \\\\d"' and argument.value == '{remote} "x" \\\\d'


def test_comments_are_nodes_attached_to_the_next_word():
    tree = corefile.parse(". {\n    # leading\n    whoami # trailing\n    log#glued y\n}\n")
    whoami, log = tree.items[0].body
    assert [c.text for c in whoami.name.comments] == ["# leading"] and whoami.name.comments[0].own_line
    assert [c.text for c in log.name.comments] == ["# trailing"] and not log.name.comments[0].own_line
    assert log.name.glued.text == "#glued" and [a.value for a in log.arguments] == ["y"]


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        (". { whoami }\n", 1, 12, "one-line-block"),
        (". {\n    whoami }\n", 2, 12, "unbalanced-braces"),
        (". {\n    whoami\n", 1, 3, "unbalanced-braces"),
        ("a.example, {\n}\n", 1, 12, "syntax-error"),
        ("(s)\nwhoami\n", 2, 1, "snippet-syntax"),
    ],
)
def test_refusals_have_positions(text, line, column, code):
    with pytest.raises(CorefileSyntaxError) as caught:
        corefile.parse(text, filename="Corefile")
    error = caught.value
    assert (error.line, error.column, error.code) == (line, column, code)
    rendered = str(error)
    assert rendered.startswith(f"Corefile:{line}:{column}: ") and "^" in rendered


@pytest.mark.parametrize(
    "text",
    [". { }\n", ". { whoami\n}\n", "example.org\n{\n    whoami\n}\n", "a, b,\n  c {\n}\n", "example.org\nwhoami\n",
     ". {\n    hosts {\n    }\n", ". {\n}\n}\n", "} log\n"],
)
def test_accepts_what_coredns_accepts(text):
    assert corefile.dumps(corefile.parse(text)) == text


def test_invalid_utf8_is_read_as_replacement_characters_with_offsets():
    tree = corefile.parse(b". {\n    chaos \xff\xfe x\n}\n")
    assert tree.source.invalid_bytes == (14, 15)
    assert tree.items[0].body[0].arguments[0].value == "\ufffd\ufffd"


def test_truncated_sequences_become_one_replacement_per_byte():
    tree = corefile.parse(b". {\n    chaos \xe2\x82\n}\n")
    assert tree.items[0].body[0].arguments[0].value == "\ufffd\ufffd"


def test_deep_nesting_gives_a_clear_error_not_a_recursion_error():
    depth = 100_000
    text = ". {\n" + "a {\n" * depth + "}\n" * depth + "}\n"
    with pytest.raises(CorefileSyntaxError) as caught:
        corefile.parse(text)
    assert "nested deeper" in caught.value.message
    findings = corefile.lint_text(text)
    assert [f.rule for f in findings] == ["syntax-error"]


def test_environment_is_not_read_unless_asked(monkeypatch):
    monkeypatch.setenv("COREFILE_TEST_SECRET", "s3cret")
    loaded = corefile.load_text(". {\n    chaos {$COREFILE_TEST_SECRET}\n}\n")
    chaos = loaded.expansion.blocks[0].directives[0]
    assert chaos.arguments[0].text == "" and chaos.arguments[0].unknown_env
    loaded = corefile.load_text(". {\n    chaos {$X}\n}\n", environment=corefile.Environment({"X": "v"}))
    assert loaded.expansion.blocks[0].directives[0].arguments[0].text == "v"


def test_self_referencing_variable_is_an_error_not_a_hang():
    loaded = corefile.load_text(". {\n    chaos {$SELF}\n}\n", environment=corefile.Environment({"SELF": "{$SELF}"}))
    assert loaded.expansion.error is not None and loaded.expansion.error.code == "environment-loop"


def test_imports_never_leave_the_allowed_roots(tmp_path):
    secret = tmp_path / "secret.conf"
    secret.write_text("whoami\n")
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "Corefile").write_text(". {\n    import ../secret.conf\n    import /etc/coredns/custom/*.server\n}\n")
    loaded = corefile.load(folder / "Corefile")
    assert loaded.expansion.error is None
    assert [n.code for n in loaded.expansion.notices] == ["unresolved-import", "unresolved-import"]
    assert loaded.expansion.blocks[0].directives == ()


def test_import_map_reaches_target_folders(tmp_path):
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "a.server").write_text("a.example {\n    whoami\n}\n")
    (tmp_path / "Corefile").write_text(". {\n    log\n}\nimport /etc/coredns/custom/*.server\n")
    loaded = corefile.load(tmp_path / "Corefile", import_map={"/etc/coredns/custom": str(custom)})
    assert [b.key_texts for b in loaded.expansion.blocks] == [(".",), ("a.example",)]
    whoami = loaded.expansion.blocks[1].directives[0].name
    assert whoami.word.span.file == str(custom / "a.server") and whoami.via[0].value == "/etc/coredns/custom/*.server"


def test_addresses_normalise_as_coredns_does():
    assert corefile.normalize_key("10.0.0.0/23:1053").normalized == (
        "dns://0.0.10.in-addr.arpa.:1053",
        "dns://1.0.10.in-addr.arpa.:1053",
    )
    assert corefile.normalize_key("TLS://Example.ORG").normalized == ("dns://tls://example.org.:53",)
    assert corefile.normalize_key("tls://example.org").normalized == ("tls://example.org.:853",)


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("(s) {\n    import s\n}\n", True),  # the first line of the body
        ("(s) {\n    log\n    import s\n}\n", True),  # any line of the body
        ("(s) {\n    log { import s\n    }\n}\n", False),  # mid-line: an ordinary word, not an import
        ("(s) {\n    forward . 1.1.1.1 import s\n}\n", False),
        ("(s) {\n    }  import s\n}\n. {\n}\n", False),
        ("(s) {\n    import t\n}\n", False),  # another name: only a use would reveal a cycle
    ],
)
def test_snippet_self_import_is_refused_only_where_it_starts_a_line(text, refused):
    loaded = corefile.load_text(text)
    error = loaded.expansion.error
    assert (error is not None and error.code == "import-cycle") is refused, error
