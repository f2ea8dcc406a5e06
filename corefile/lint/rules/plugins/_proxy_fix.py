"""The `proxy` → `forward` rewrite: every option forward supports is kept, and each one it cannot
carry over is replaced by a comment saying what was dropped and why (corefile.migrate.proxy)."""

from __future__ import annotations

from corefile.expansion.expand import Line
from corefile.lint.findings import Edit, Fix
from corefile.lint.fixes import delete_line, in_main_file, replace_word


def proxy_to_forward(context, line: Line) -> Fix | None:
    """Rename the plugin and translate or drop each option line; comments stay."""
    # The migration tables are imported only when a proxy is found: most runs never need them.
    from corefile.migrate.model import Option
    from corefile.migrate.proxy import translate

    path = context.loaded.source.path
    if not all(in_main_file(token, path) for token in line.tokens):
        return None
    edits: list[Edit] = [replace_word(line.name, "forward")]
    lost: list[str] = []
    for option in line.block or ():
        written = (option.name.text, tuple(token.text for token in option.arguments))
        translated = translate(Option(*written))
        if translated.lost:
            lost.append(translated.lost)
        first, last = option.tokens[0].word, option.tokens[-1].word
        alone = _alone_on_its_line(first, last)
        if translated.option is None:
            if translated.lost and alone:
                edits.append(Edit(first.source.path, first.offset, last.end_offset, f"# proxy: {translated.lost}"))
            else:
                edits.append(delete_line(option))
        elif (translated.option.name, translated.option.args) != written or (translated.lost and alone):
            new = " ".join((translated.option.name, *translated.option.args))
            if translated.lost and alone:
                new += f"  # proxy: {translated.lost}"
            edits.append(Edit(first.source.path, first.offset, last.end_offset, new))
    description = "replace `proxy` with `forward` (options translated)"
    if lost:
        description += "; not carried over: " + "; ".join(lost)
    return Fix(tuple(edits), safe=False, description=description)


def _alone_on_its_line(first, last) -> bool:
    """The option is the only thing on its line but a trailing comment (a comment can replace it)."""
    text = first.source.text
    line_start = text.rfind("\n", 0, first.offset) + 1
    line_end = text.find("\n", last.end_offset)
    rest = text[last.end_offset:len(text) if line_end == -1 else line_end].strip()
    return not text[line_start:first.offset].strip() and (not rest or rest.startswith("#"))
