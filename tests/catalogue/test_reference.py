"""The generated Markdown reference page."""

from __future__ import annotations

from corefile.catalogue import PLUGINS, directive_order
from corefile.catalogue.reference import render_plugin_reference
from corefile.core.versions import LATEST


def test_reference_has_a_section_per_plugin() -> None:
    page = render_plugin_reference()
    for name in PLUGINS:
        assert f"### `{name}`" in page, name
    builtin = [page.index(f"### `{name}`") for name in directive_order(LATEST)]
    assert builtin == sorted(builtin)


def test_reference_shows_option_history_and_repeatability() -> None:
    page = render_plugin_reference()
    kubernetes = page[page.index("### `kubernetes`") : page.index("### `file`")]
    assert "| `upstream` |" in kubernetes and "removed 1.7.0" in kubernetes
    assert "once per server block" in kubernetes
    assert "External plugin" in page[page.index("### `alternate`") :]
    assert "Removed: 1.5.0 (use forward)" in page
