"""The import sandbox: links, devices, FIFOs and big files in a repository nobody has reviewed.

Each test builds the hostile layout in a temporary folder and checks that nothing outside the
Corefile's folder is read, that nothing blocks or fills memory, and that each refusal is a
positioned ``unresolved-import`` finding (or a clear input error), never a crash.
"""

from __future__ import annotations

import json
import os
import threading

import pytest

from corefile.cli.main import lint_main, main
from corefile.expansion.imports import FileAccess
from corefile.expansion.loader import load_text
from corefile.lint.config import ConfigError, read_plugin_cfg
from corefile.lint.linter import lint_text
from corefile.sources.files import Refused, TooLarge, read_regular_file

unix_only = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and devices as on Linux")


def _corefile(folder, body=". {\n    import *.conf\n}\n"):
    path = folder / "Corefile"
    path.write_text(body)
    return path


def _import_findings(path):
    findings = lint_text(path.read_bytes(), filename=str(path))
    return [f for f in findings if f.rule in ("unresolved-import", "bad-import")], findings


@unix_only
def test_a_link_to_etc_passwd_is_not_read(tmp_path, capsys):
    (tmp_path / "passwd.conf").symlink_to("/etc/passwd")
    path = _corefile(tmp_path, ". {\n    import passwd.conf\n}\n")
    assert lint_main(["--isolated", "--output-format", "json", str(path)]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert [(f["rule"], f["line"], f["column"]) for f in findings] == [("unresolved-import", 2, 12)]
    assert "resolves to /etc/passwd" in findings[0]["message"]
    assert "root:" not in json.dumps(findings)


@unix_only
@pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="needs /proc")
def test_a_link_to_the_process_environment_is_not_read(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COREFILE_TEST_SECRET", "hunter2-not-to-be-printed")
    (tmp_path / "env.conf").symlink_to("/proc/self/environ")
    path = _corefile(tmp_path)
    lint_main(["--isolated", str(path)])
    out = capsys.readouterr().out
    assert "unresolved-import" in out and "hunter2" not in out


@unix_only
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_link_to_dev_zero_ends_at_once(tmp_path):
    (tmp_path / "zero.conf").symlink_to("/dev/zero")
    relevant, _ = _import_findings(_corefile(tmp_path))
    assert [(f.rule, f.span.start.line) for f in relevant] == [("unresolved-import", 2)]
    # Even inside the roots a device is refused on its descriptor, not by its name.
    with pytest.raises(Refused, match="not a regular file"):
        read_regular_file("/dev/zero", 100)


@unix_only
def test_a_fifo_never_blocks(tmp_path):
    os.mkfifo(tmp_path / "pipe.conf")
    path = _corefile(tmp_path)
    result = {}
    worker = threading.Thread(target=lambda: result.update(found=_import_findings(path)[0]), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():  # free the blocked reader before failing
        with open(tmp_path / "pipe.conf", "w"):
            pass
        pytest.fail("reading the import blocked on a FIFO")
    assert [f.rule for f in result["found"]] == ["unresolved-import"]
    assert "not a regular file" in result["found"][0].message


def test_an_oversized_file_is_a_finding_and_the_rest_is_read(tmp_path):
    (tmp_path / "big.conf").write_text("log\n" * 300_000)  # 1.2 MB, over the 1 MiB limit
    (tmp_path / "small.conf").write_text("whoami\n")
    loaded = load_text(_corefile(tmp_path).read_bytes(), filename=str(tmp_path / "Corefile"))
    (notice,) = loaded.expansion.notices
    assert notice.code == "unresolved-import" and "big.conf (it is larger than 1,048,576 bytes)" in notice.message
    assert [line.name.text for line in loaded.expansion.blocks[0].directives] == ["whoami"]


def test_the_bytes_of_one_read_are_capped(tmp_path):
    for index in range(5):
        (tmp_path / f"{index}.conf").write_text("log\n" * 20)  # 80 bytes each
    access = FileAccess(roots=(str(tmp_path),), max_file_bytes=100, max_total_bytes=250)
    loaded = load_text(_corefile(tmp_path).read_bytes(), filename=str(tmp_path / "Corefile"), access=access)
    (notice,) = loaded.expansion.notices
    assert "would read more than 250 bytes in all" in notice.message
    assert notice.message.count(".conf (") == 2  # three files fit, two did not
    assert access.bytes_read == 240
    with pytest.raises(TooLarge):
        read_regular_file(str(tmp_path / "0.conf"), 79)


@unix_only
def test_a_linked_folder_outside_is_not_even_listed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret-name.conf").write_text("log\n")
    inside = tmp_path / "repo"
    inside.mkdir()
    (inside / "sub").symlink_to(outside)
    loaded = load_text(". {\n    import sub/*.conf\n}\n", filename=str(inside / "Corefile"))
    (notice,) = loaded.expansion.notices
    assert notice.code == "unresolved-import" and "secret-name" not in notice.message
    assert "the folder resolves to" in notice.message


@unix_only
def test_links_that_stay_inside_are_followed(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "common.conf").write_text("whoami\n")
    (real / "alias.conf").symlink_to(real / "common.conf")
    (tmp_path / "linked").symlink_to(real)  # the Corefile's own folder reached through a link
    loaded = load_text(". {\n    import alias.conf\n}\n", filename=str(tmp_path / "linked" / "Corefile"))
    assert not loaded.expansion.notices and loaded.expansion.error is None
    assert [line.name.text for line in loaded.expansion.blocks[0].directives] == ["whoami"]


@unix_only
def test_a_mapped_folder_is_judged_by_its_real_location(tmp_path):
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "a.server").write_text("example.org {\n    whoami\n}\n")
    (custom / "b.server").symlink_to("/etc/passwd")
    access = FileAccess(roots=(str(tmp_path / "repo"),), import_map={"/etc/coredns/custom": str(custom)})
    loaded = load_text("import /etc/coredns/custom/*.server\n", filename=str(tmp_path / "repo" / "Corefile"), access=access)
    assert [block.key_texts for block in loaded.expansion.blocks] == [("example.org",)]
    (notice,) = loaded.expansion.notices
    assert "b.server" in notice.message and "/etc/passwd" in notice.message


@unix_only
def test_the_tokens_command_reports_a_refused_import_as_an_error(tmp_path, capsys):
    (tmp_path / "passwd.conf").symlink_to("/etc/passwd")
    path = _corefile(tmp_path, ". {\n    import passwd.conf\n}\n")
    assert main(["tokens", str(path)]) == 0
    view = json.loads(capsys.readouterr().out)
    assert view["accepted"] is False and "not read" in view["error"] and "root:" not in view["error"]


@unix_only
def test_a_folder_walk_skips_links_out_and_fifos(tmp_path, capsys):
    (tmp_path / "Corefile").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "Corefile.pipe")
    (tmp_path / "Corefile.good").write_text(". {\n    whoami\n}\n")
    assert lint_main(["--isolated", "--output-format", "json", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert "Corefile: skipped, it resolves to /etc/passwd" in captured.err
    assert "Corefile.pipe: skipped, it is not a regular file" in captured.err


@unix_only
def test_a_fifo_named_on_the_command_line_is_an_input_error(tmp_path, capsys):
    os.mkfifo(tmp_path / "Corefile")
    assert lint_main(["--isolated", str(tmp_path / "Corefile")]) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert main(["format", "--check", str(tmp_path / "Corefile")]) == 2


@unix_only
def test_a_plugin_cfg_that_is_a_fifo_is_a_config_error(tmp_path):
    os.mkfifo(tmp_path / "plugin.cfg")
    with pytest.raises(ConfigError, match="not a regular file"):
        read_plugin_cfg(str(tmp_path / "plugin.cfg"))


# -- a repository's own configuration cannot widen the sandbox --------------------------------


@pytest.mark.parametrize("local", ["/", "..", "../other", "custom/../.."])
def test_a_config_file_may_not_map_outside_its_folder(tmp_path, capsys, local):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".corefile-lint.toml").write_text(f'import-map = {{ "/x" = "{local}" }}\n')
    path = _corefile(repo, ". {\n    import /x/etc/passwd\n}\n")
    assert lint_main([str(path)]) == 2
    err = capsys.readouterr().err
    assert "import-map" in err and "outside" in err and "--import-map" in err


@unix_only
def test_a_config_file_may_not_map_through_a_link_out(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text('[tool.corefile-lint]\nimport-map = { "/x" = "etc" }\n')
    (tmp_path / "etc").symlink_to("/etc")
    path = _corefile(tmp_path, ". {\n    import /x/passwd\n}\n")
    assert lint_main([str(path)]) == 2
    assert "maps to /etc, outside" in capsys.readouterr().err


def test_a_config_file_maps_into_its_own_folder_and_the_flag_maps_anywhere(tmp_path, capsys):
    repo = tmp_path / "repo"
    (repo / "custom").mkdir(parents=True)
    (repo / "custom" / "a.server").write_text("example.org {\n    whoami\n}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.server").write_text("example.net {\n    unknownplugin\n}\n")
    (repo / ".corefile-lint.toml").write_text('import-map = { "/etc/coredns/custom" = "custom" }\n')
    path = _corefile(repo, "import /etc/coredns/custom/*.server\nimport /other/*.server\n")
    assert lint_main(["--output-format", "json", str(path)]) == 0
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)] == ["unresolved-import"]
    assert lint_main(["--output-format", "json", "--import-map", f"/other={elsewhere}", str(path)]) == 1
    assert [f["rule"] for f in json.loads(capsys.readouterr().out)] == ["unknown-plugin"]
