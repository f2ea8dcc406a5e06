"""Each character of a YAML or JSON string maps back to where it sits in the file."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corefile.sources.manifests import ManifestError, read_manifest

COREFILE = ".:53 {\n    errors\n    forward . 1.1.1.1\n}\n"


def data_of(text: str, key: str = "Corefile"):
    return read_manifest(text)[0]["data"][key]


def where(text: str, scalar, offset: int) -> tuple[int, int]:
    """(line, column) in ``text`` of the decoded character at ``offset``."""
    position = scalar.text_map().start_of(offset)
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def check_every_character(text: str, scalar) -> None:
    """Every decoded character sits on file text that produces it."""
    text_map = scalar.text_map()
    assert text_map.exact
    for index, char in enumerate(scalar.value):
        raw = text[text_map.starts[index]:text_map.ends[index]]
        if char == "\n" and raw in ("\n", "\r"):
            continue
        assert raw == char or raw.startswith("\\"), (index, char, raw)


@pytest.mark.parametrize("indicator", ["|", "|-", "|+", "|2", "|-2"])
def test_literal_block_scalars_map_exactly(indicator):
    pytest.importorskip("yaml")
    body = "".join("    " + line + "\n" if line else "\n" for line in COREFILE.splitlines())
    text = f"kind: ConfigMap\ndata:\n  Corefile: {indicator}\n{body}  other: x\n"
    scalar = data_of(text)
    check_every_character(text, scalar)
    assert where(text, scalar, scalar.value.index("forward")) == (6, 9)


def test_literal_block_with_blank_lines_and_crlf():
    pytest.importorskip("yaml")
    text = "data:\r\n  Corefile: |\r\n    . {\r\n\r\n        log\r\n    }\r\n"
    scalar = data_of(text)
    assert scalar.value == ". {\n\n    log\n}\n"
    assert where(text, scalar, scalar.value.index("log")) == (5, 9)


def test_folded_block_scalar():
    pytest.importorskip("yaml")
    text = "data:\n  Corefile: >\n    . {\n    log }\n\n    x\n"
    scalar = data_of(text)
    assert scalar.value == ". { log }\nx\n"
    assert where(text, scalar, scalar.value.index("log")) == (4, 5)
    assert where(text, scalar, scalar.value.index("x")) == (6, 5)


def test_double_quoted_with_escapes_and_line_folding():
    """go-yaml writes a Corefile with trailing spaces as a double-quoted string, wrapped with ``\\``."""
    pytest.importorskip("yaml")
    text = 'data:\n  Corefile: ".:53 {\\n    errors \\n    forward\\\n    \\ . 1.1.1.1\\n}\\n"\n'
    scalar = data_of(text)
    assert scalar.value == ".:53 {\n    errors \n    forward . 1.1.1.1\n}\n"
    check_every_character(text, scalar)
    assert where(text, scalar, scalar.value.index("errors")) == (2, 26)
    assert where(text, scalar, scalar.value.index("1.1.1.1")) == (3, 9)


def test_single_quoted_and_plain_fold():
    pytest.importorskip("yaml")
    text = "data:\n  a: 'it''s\n    here'\n  b: one\n    two\n"
    assert where(text, data_of(text, "a"), 5) == (3, 5)
    assert where(text, data_of(text, "b"), 4) == (5, 5)


def test_json_escapes_map_to_their_source():
    value = '.:53 {\n\tlog "é" \U0001F600 x\n}\n'
    text = json.dumps({"kind": "ConfigMap", "data": {"Corefile": value}}, indent=4)
    scalar = data_of(text)
    assert scalar.value == value
    check_every_character(text, scalar)
    text_map = scalar.text_map()
    x = value.index("x")
    assert text[text_map.starts[x]:text_map.ends[x]] == "x"
    emoji = value.index("\U0001F600")
    assert text[text_map.starts[emoji]:text_map.ends[emoji]] == "\\ud83d\\ude00"


def test_bad_json_says_where():
    with pytest.raises(ManifestError) as caught:
        read_manifest('{"kind": "ConfigMap",\n "data": {"Corefile": 1,}}')
    assert caught.value.line == 2


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_json_string_maps_exactly(value):
    text = json.dumps({"data": {"Corefile": value}}, ensure_ascii=True)
    scalar = data_of(text)
    assert scalar.value == value
    check_every_character(text, scalar)


@settings(max_examples=150, deadline=None)
@given(
    st.text(st.sampled_from("ab {}#.:\t\\\"'é\n "), max_size=60),
    st.sampled_from([None, '"', "'", "|", ">"]),
)
def test_any_yaml_string_maps_in_order(value, style):
    """Whatever style PyYAML writes, the map is monotonic and, where exact, points at equal text."""
    yaml = pytest.importorskip("yaml")
    text = yaml.dump({"data": {"Corefile": value}}, default_style=style, allow_unicode=True, width=30)
    scalar = data_of(text)
    assert scalar.value == value
    text_map = scalar.text_map()
    assert list(text_map.starts) == sorted(text_map.starts)
    for index, char in enumerate(value):
        raw = text[text_map.starts[index]:text_map.ends[index]]
        if text_map.exact and char not in " \n\t" and not raw.startswith("\\") and raw != "''":
            assert raw == char
