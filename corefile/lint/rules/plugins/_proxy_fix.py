"""The `proxy` → `forward` rewrite, with the option translation kubeadm's migration uses."""

from __future__ import annotations

from corefile.expansion.expand import Line
from corefile.lint.findings import Edit, Fix
from corefile.lint.fixes import delete_line, in_main_file, replace_word


def proxy_to_forward(context, line: Line) -> Fix | None:
    """Rename the plugin and translate or drop each option line; comments stay."""
    # The migration tables are imported only when a proxy is found: most runs never need them.
    from corefile.migrate.model import Option
    from corefile.migrate.rules import PROXY_REMOVED

    path = context.loaded.source.path
    if not all(in_main_file(token, path) for token in line.tokens):
        return None
    edits: list[Edit] = [replace_word(line.name, "forward")]
    for option in line.block or ():
        rule = PROXY_REMOVED.match_option(option.name.text)
        if rule is None or rule.action is None:
            continue  # carried over as written
        new = rule.action(Option(option.name.text, tuple(token.text for token in option.arguments)))
        if new is None:
            edits.append(delete_line(option))
        elif (new.name, new.args) != (option.name.text, tuple(t.text for t in option.arguments)):
            first, last = option.tokens[0].word, option.tokens[-1].word
            edits.append(Edit(first.source.path, first.offset, last.end_offset, " ".join((new.name, *new.args))))
    return Fix(tuple(edits), safe=False, description="replace `proxy` with `forward` (options translated)")
