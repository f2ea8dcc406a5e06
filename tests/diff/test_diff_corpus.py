"""Layout is not behaviour: every corpus file against its formatted self shows no server change."""

from __future__ import annotations


from corefile.diff.model import compare, make_side
from corefile.expansion.loader import load_text
from corefile.lint.config import Config
from corefile.lint.linter import access_for, environment_for, lint_loaded, settings_for
from corefile.syntax.formatter import format_text
from tests.conftest import corpus_files, needs_corpus

#: The formatter moves `{ fallthrough }` off the plugin's line, where CoreDNS read the `}` as a
#: zone to fall through for: formatting changes what CoreDNS does (the diff says so).
FORMATTER_CHANGES_BEHAVIOUR = {"622__coredns_coredns__hosts-oneline-block.Corefile"}


def side(text: str, name: str):
    config = Config()
    loaded = load_text(text, filename=name, environment=environment_for(config), access=access_for(name, config))
    return make_side(name, "corefile", loaded, settings_for(config), lint_loaded(loaded, config))


@needs_corpus
def test_formatting_changes_no_server_listener_or_upstream():
    differing = []
    compared = 0
    for path in corpus_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            formatted = format_text(text)
        except Exception:  # the formatter refuses files CoreDNS cannot read
            continue
        compared += 1
        report = compare(side(text, str(path)), side(formatted, str(path)))
        if any(server.behavioural for server in report.servers) or report.listeners:
            differing.append(path.name)
    assert compared > 600
    assert set(differing) == FORMATTER_CHANGES_BEHAVIOUR
