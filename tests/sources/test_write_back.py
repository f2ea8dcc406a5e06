"""Writing back: what cannot be written faithfully is refused with exit 2 and changes nothing;
plain files keep their encoding, BOM and line endings; bytes that do not decode are never rewritten."""

from __future__ import annotations

import codecs

import pytest

from corefile.sources.encoding import read_bytes
from corefile.sources.errors import WriteBackRefused
from corefile.sources.inputs import read_data
from corefile.syntax.formatter import format_text

UNFORMATTED = ".:53 {\n  errors\n  forward . 8.8.8.8\n}\n"
FORMATTED = format_text(UNFORMATTED)
HEAD = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: coredns\ndata:\n"


def manifest_with(corefile_key: str) -> str:
    return HEAD + corefile_key + "# after\n"


UNSAFE = {
    "folded": "  Corefile: >\n    .:53 {\n      errors\n    }\n",
    "plain": "  Corefile: .:53 {\n\n    errors\n\n    }\n",
    "single-quoted": "  Corefile: '.:53 {\n\n      errors\n\n    }'\n",
    "anchored": "  Corefile: &shared |\n    .:53 {\n      errors\n    }\n  copy: *shared\n",
}


@pytest.mark.parametrize("kind", sorted(UNSAFE))
def test_unsafe_write_back_is_refused_with_exit_2_and_the_file_untouched(kind, tmp_path, run):
    pytest.importorskip("yaml")
    target = tmp_path / "cm.yaml"
    original = manifest_with(UNSAFE[kind]).encode()
    target.write_bytes(original)
    status, out, err = run("format", str(target))
    assert status == 2
    assert target.read_bytes() == original
    assert "Nothing was written" in err and "ConfigMap coredns, key Corefile" in err and "cm.yaml:6:" in err
    status, _, err = run("lint", "--no-cache", "--isolated", "--fix", "--select", "ALL", str(target))
    assert target.read_bytes() == original


def test_an_alias_to_the_corefile_is_refused(tmp_path, run):
    pytest.importorskip("yaml")
    text = "base: &cf |\n  .:53 {\n    errors\n  }\n" + HEAD + "  Corefile: *cf\n"
    target = tmp_path / "cm.yaml"
    target.write_text(text)
    status, _, err = run("format", str(target))
    assert status == 2 and "anchor or alias" in err and target.read_text() == text


def test_a_double_quoted_scalar_is_encoded_again_in_its_own_quoting(tmp_path, run):
    pytest.importorskip("yaml")
    import json

    import yaml

    key = "  Corefile: " + json.dumps(UNFORMATTED) + "\n"
    target = tmp_path / "cm.yaml"
    target.write_text(manifest_with(key))
    assert run("format", str(target))[0] == 0
    assert target.read_text() == manifest_with("  Corefile: " + json.dumps(FORMATTED) + "\n")
    assert yaml.safe_load(target.read_text())["data"]["Corefile"] == FORMATTED


@pytest.mark.parametrize("header", ["|", "|-", "|+", "|2", "|  # a comment"])
def test_block_scalar_headers_are_kept(header, tmp_path):
    pytest.importorskip("yaml")
    import yaml

    body = "".join("    " + line + "\n" for line in UNFORMATTED.splitlines())
    text = HEAD + f"  Corefile: {header}\n" + body + "  other: 1\n"
    source = read_data(text.encode(), name="cm.yaml")
    [part] = source.corefiles
    rewritten = source.rewrite({part: FORMATTED}).decode()
    assert f"  Corefile: {header}\n" in rewritten and rewritten.endswith("  other: 1\n")
    value = yaml.safe_load(rewritten)["data"]["Corefile"]
    assert value.rstrip("\n") == FORMATTED.rstrip("\n")


def test_a_crlf_manifest_gets_crlf_lines(tmp_path):
    pytest.importorskip("yaml")
    text = (HEAD + "  Corefile: |\n" + "".join("    " + line + "\n" for line in UNFORMATTED.splitlines())).replace("\n", "\r\n")
    source = read_data(text.encode(), name="cm.yaml")
    rewritten = source.rewrite({source.corefiles[0]: FORMATTED}).decode()
    assert "\n" not in rewritten.replace("\r\n", "")
    assert rewritten.startswith(HEAD.replace("\n", "\r\n"))


def test_edits_that_would_not_read_back_are_refused():
    pytest.importorskip("yaml")
    source = read_data((HEAD + "  Corefile: |\n    . {\n    }\n").encode(), name="cm.yaml")
    with pytest.raises(WriteBackRefused, match="first line starts with whitespace"):
        source.rewrite({source.corefiles[0]: "  . {\n}\n"})


# ----------------------------------------------------------------------------- plain files


@pytest.mark.parametrize(("codec", "bom"), [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_format_keeps_encoding_bom_and_line_endings(codec, bom, newline, tmp_path, run):
    target = tmp_path / "Corefile"
    target.write_bytes(bom + UNFORMATTED.replace("\n", newline).encode(codec))
    status, _, err = run("format", str(target))
    assert status == 0, err
    assert target.read_bytes() == bom + FORMATTED.replace("\n", newline).encode(codec)
    assert run("format", "--check", str(target))[0] == 0


def test_format_of_standard_input_keeps_the_encoding(run):
    data = codecs.BOM_UTF16_LE + UNFORMATTED.replace("\n", "\r\n").encode("utf-16-le")
    status, out, _ = run("format", "-", stdin=data)
    assert status == 0
    assert out == codecs.BOM_UTF16_LE + FORMATTED.replace("\n", "\r\n").encode("utf-16-le")


def test_fix_keeps_crlf_line_endings(tmp_path, run):
    target = tmp_path / "Corefile"
    target.write_bytes(b".:53 {\r\n    kubernetes cluster.local {\r\n        upstream\r\n    }\r\n    forward . 8.8.8.8\r\n}\r\n")
    run("lint", "--no-cache", "--isolated", "--fix", str(target))
    assert target.read_bytes() == b".:53 {\r\n    kubernetes cluster.local {\r\n    }\r\n    forward . 8.8.8.8\r\n}\r\n"


UNDECODABLE = b".:53 {\n  errors\n  log caf\xe9\n}\n"


def test_a_file_that_does_not_decode_is_not_rewritten_but_still_linted(tmp_path, run):
    target = tmp_path / "Corefile"
    target.write_bytes(UNDECODABLE)
    status, out, err = run("format", str(target))
    assert status == 2
    assert target.read_bytes() == UNDECODABLE
    assert f"{target}:3:10: byte 0xe9 at offset 25 is not valid UTF-8" in err
    status, out, err = run("format", "--diff", str(target))
    assert status == 2 and out == b""
    status, out, _ = run("lint", "--no-cache", "--isolated", "--select", "ALL", str(target))
    assert status == 1 and b"invalid-utf8" in out  # lint reads it as CoreDNS does


def test_fix_refuses_a_file_that_does_not_decode(tmp_path, run):
    data = b".:53 {\n    kubernetes cluster.local {\n        upstream\n    }\n    log caf\xe9\n}\n"
    target = tmp_path / "Corefile"
    target.write_bytes(data)
    status, out, err = run("lint", "--no-cache", "--isolated", "--fix", str(target))
    assert status == 2 and "is not valid UTF-8" in err
    assert target.read_bytes() == data


def test_undecodable_utf16_is_reported_with_its_offset():
    data = codecs.BOM_UTF16_LE + ". {\n}\n".encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    file = read_bytes(data, "Corefile")
    assert file.encoding == "utf-16-le" and file.invalid == (len(data) - 2,)
    with pytest.raises(ValueError, match=f"offset {len(data) - 2} is not valid UTF-16 LE"):
        file.check_writable()
