"""The package's floors: a module imports only its own floor or lower ones, and no import cycles.

The order is the data flow (docs/architecture.md): input bytes, text, tokens, tree, the loaded
view, analysis, findings and edits, output, commands.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "corefile"

#: Lowest first. Modules at the package root (``__init__``, ``__about__``, ``__main__``) sit on top.
FLOORS = (
    "core",
    "sources",
    "syntax",
    "expansion",
    "catalogue",
    "migrate",
    "analysis",
    "lint",
    "report",
    "diff",
    "lsp",
    "cli",
)


def _modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    return modules


def _imports(modules: dict[str, Path]) -> set[tuple[str, str]]:
    """Every (importer, imported) pair between package modules, function-level imports included."""
    arrows = set()
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            arrows.update((name, target) for target in targets if target in modules and target != name)
    return arrows


def _floor(module: str) -> int:
    if module == "corefile.__about__":
        return -1  # the version string: below everything
    parts = module.split(".")
    if len(parts) == 1 or parts[1].startswith("__"):
        return len(FLOORS)  # the package root: the public API on top of everything
    return FLOORS.index(parts[1])


def test_every_folder_is_a_known_floor():
    folders = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert folders <= set(FLOORS)
    assert not [path.name for path in PACKAGE.glob("*.py") if not path.name.startswith("__")]


def test_no_module_imports_a_higher_floor():
    modules = _modules()
    upward = sorted((a, b) for a, b in _imports(modules) if _floor(b) > _floor(a))
    assert upward == []


def test_no_import_cycles():
    modules = _modules()
    arrows = _imports(modules)
    following: dict[str, set[str]] = {name: set() for name in modules}
    for importer, imported in arrows:
        following[importer].add(imported)
    # Kahn's algorithm: whatever cannot be peeled off in import order lies on a cycle.
    remaining = {name: len(targets) for name, targets in following.items()}
    importers: dict[str, set[str]] = {name: set() for name in modules}
    for importer, imported in arrows:
        importers[imported].add(importer)
    ready = [name for name, count in remaining.items() if count == 0]
    while ready:
        done = ready.pop()
        for importer in importers[done]:
            remaining[importer] -= 1
            if remaining[importer] == 0:
                ready.append(importer)
    assert sorted(name for name, count in remaining.items() if count) == []
