"""The explicit plugin registry agrees with the catalogue entries, and entries load lazily."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

import corefile.catalogue.plugins as plugins_package
from corefile.catalogue.plugins import BUILT_IN, EXTERNAL, PLUGINS


def _entries_by_module() -> dict[str, list]:
    found = {}
    for info in pkgutil.iter_modules(plugins_package.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"corefile.catalogue.plugins.{info.name}")
        found[info.name] = list(module.PLUGINS)
    return found


def test_every_module_entry_is_registered_with_its_lifecycle():
    seen = set()
    for module_name, entries in _entries_by_module().items():
        for plugin in entries:
            seen.add(plugin.name)
            if plugin.external:
                assert module_name == "external" and plugin.name in EXTERNAL
                continue
            assert BUILT_IN[plugin.name] == (module_name, plugin.since, plugin.removed), plugin.name
    assert seen == set(BUILT_IN) | EXTERNAL


def test_single_plugin_modules_are_named_after_their_directive():
    for module_name, entries in _entries_by_module().items():
        if module_name in ("removed", "external"):
            continue
        assert [plugin.name.replace("-", "_") for plugin in entries] == [module_name]


def test_names_are_sorted_and_entries_resolve():
    assert list(PLUGINS) == sorted(PLUGINS)
    assert PLUGINS["forward"].name == "forward"
    assert PLUGINS.get("no-such-plugin") is None
    assert "proxy" in PLUGINS and "no-such-plugin" not in PLUGINS


def test_linting_a_small_file_imports_only_the_entries_it_uses(tmp_path):
    corefile = tmp_path / "Corefile"
    corefile.write_text(". {\n    forward . 8.8.8.8\n    cache 30\n}\n")
    program = (
        "import json, sys\n"
        "from corefile.lint.config import Config\n"
        "from corefile.lint.configmap import lint_path\n"
        f"lint_path({str(corefile)!r}, Config())\n"
        "prefix = 'corefile.catalogue.plugins.'\n"
        "print(json.dumps(sorted(name[len(prefix):] for name in sys.modules if name.startswith(prefix))))\n"
    )
    output = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    loaded = set(json.loads(output))
    assert {"forward", "cache"} <= loaded
    assert not loaded & {"kubernetes", "rewrite", "tls", "template", "external", "removed"}
