"""Issue 13, conventions: --coredns-version refuses unknown releases, reads vendor builds."""

from __future__ import annotations

import json

import pytest

from corefile.core.versions import LATEST, Version

PROXY = ". {\n    proxy . 1.1.1.1\n}\n"


def test_a_release_newer_than_the_newest_known_is_refused_naming_it(cli, tmp_path):
    path = tmp_path / "Corefile"
    path.write_text(PROXY)
    done = cli("corefile-lint", "--isolated", "--coredns-version", "1.99.0", str(path))
    assert done.returncode == 2
    assert f"newest release this project knows, {LATEST}".encode() in done.stderr
    (tmp_path / ".corefile-lint.toml").write_text('coredns-version = "1.99.0"\n')
    configured = cli("corefile-lint", str(path))
    assert configured.returncode == 2 and str(LATEST).encode() in configured.stderr


@pytest.mark.parametrize("given", ["1.4.0", "v1.4.0", "1.4.0-eks.1", "v1.4.0-eksbuild.1", "1.4.0+k3s1"])
def test_vendor_suffixes_and_v_prefixes_name_the_release(cli, tmp_path, given):
    path = tmp_path / "Corefile"
    path.write_text(PROXY)
    done = cli("corefile-lint", "--isolated", "--output-format", "json", "--coredns-version", given, str(path))
    assert done.returncode == 1, done.stderr
    assert [(f["rule"], f["severity"]) for f in json.loads(done.stdout)] == [("deprecated-plugin", "warning")]


def test_parse_target():
    assert Version.parse_target("v1.11.3") == Version.parse_target("1.11.3-eks.1") == Version(1, 11, 3)
    with pytest.raises(ValueError):
        Version.parse_target("1.11.3eks")
