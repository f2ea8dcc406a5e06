"""Code actions: the fixes findings carry, "suppress on this line", and "fix all".

Safe fixes are preferred quick fixes (an editor may apply them with one key); unsafe ones are
offered with "(unsafe)" in their title and never preferred. Suppressions use the project's own
comments, ``# corefile-lint: ignore[RULE]`` at the end of the line (or alone on the line above
it when the end of the line is taken) and ``# corefile-lint: file-ignore[RULE]``; a new rule is
added to a suppression comment already there rather than writing a second one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lsprotocol import types

from corefile.lint.findings import Edit, Finding
from corefile.lint.fixes import fix_text
from corefile.lsp.analysis import CORFILE, Analysis
from corefile.lsp.edits import minimal_edits

#: The suppression comment of the engine (corefile.lint.suppressions) and the list inside it.
_SUPPRESSION = re.compile(r"#\s*corefile-lint:\s*(ignore|file-ignore)\[([^\]]*)\]")
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.corefile"
#: Rules about suppression comments themselves: suppressing them would only hide the comment's problem.
_NOT_SUPPRESSIBLE_FAMILY = "LN"


def _text_edit(analysis: Analysis, edit: Edit) -> types.TextEdit:
    return types.TextEdit(range=analysis.index.range(edit.start, edit.end), new_text=edit.replacement)


def _workspace_edit(analysis: Analysis, edits: list[Edit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={analysis.uri: [_text_edit(analysis, edit) for edit in edits]})


def _wanted(only: list[str] | None, kind: str) -> bool:
    """Whether a client that asked for ``only`` these kinds wants an action of ``kind``."""
    if not only:
        return True
    return any(kind == prefix or kind.startswith(prefix + ".") for prefix in only)


def code_actions(
    analysis: Analysis,
    start: int,
    end: int,
    only: list[str] | None,
    diagnostic_of: Callable[[Finding], types.Diagnostic | None],
    *,
    resolve_fix_all: bool,
) -> list[types.CodeAction]:
    """Actions for the findings that touch the offsets ``start``..``end`` of a Corefile."""
    if analysis.kind != CORFILE:
        return []  # a manifest's fixes are offsets into the Corefile string, not into the YAML
    actions: list[types.CodeAction] = []
    quick = _wanted(only, types.CodeActionKind.QuickFix.value)
    for finding in analysis.findings:
        if finding.span.file != analysis.path:
            continue
        if not (finding.span.start.offset <= end and start <= finding.span.end.offset):
            continue
        diagnostic = diagnostic_of(finding)
        diagnostics = [diagnostic] if diagnostic is not None else None
        fix = finding.fix
        if quick and fix is not None and all(edit.path == analysis.path for edit in fix.edits):
            actions.append(types.CodeAction(
                title=f"{finding.code}: {fix.description}" + ("" if fix.safe else " (unsafe)"),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=diagnostics,
                is_preferred=fix.safe,
                edit=_workspace_edit(analysis, list(fix.edits)),
            ))
        if quick and not finding.code.startswith(_NOT_SUPPRESSIBLE_FAMILY):
            line_edit = suppress_on_line(analysis, finding)
            if line_edit is not None:
                actions.append(types.CodeAction(
                    title=f"Suppress {finding.rule} on this line",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=diagnostics,
                    edit=_workspace_edit(analysis, [line_edit]),
                ))
            actions.append(types.CodeAction(
                title=f"Suppress {finding.rule} in this file",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=diagnostics,
                edit=_workspace_edit(analysis, [suppress_in_file(analysis, finding.rule)]),
            ))
    if _wanted(only, FIX_ALL_KIND) and _safe_fixes(analysis) > (0 if only else 1):
        action = types.CodeAction(title="Fix all safe problems (corefile)", kind=FIX_ALL_KIND)
        if resolve_fix_all:
            action.data = {"uri": analysis.uri, "version": analysis.version}
        else:
            action.edit = fix_all_edit(analysis)
        actions.append(action)
    return actions


def _safe_fixes(analysis: Analysis) -> int:
    return sum(
        1 for finding in analysis.findings
        if finding.fix is not None and finding.fix.safe and all(e.path == analysis.path for e in finding.fix.edits)
    )


def fix_all_edit(analysis: Analysis) -> types.WorkspaceEdit:
    """Every safe fix, applied round after round as ``corefile-lint --fix`` applies them."""
    from corefile.lint.linter import lint_text

    result = fix_text(
        analysis.text,
        lint=lambda text: lint_text(text, filename=analysis.path, config=analysis.config),
        path=analysis.path,
    )
    edits = minimal_edits(analysis.text, result.text)
    return _workspace_edit(analysis, edits)


# -- suppression comments ---------------------------------------------------------------------------


def _comments(analysis: Analysis):
    return analysis.loaded.comments() if analysis.loaded is not None else []


def _inside_word(analysis: Analysis, offset: int) -> bool:
    """Whether ``offset`` falls inside a word (a CR the lexer keeps at a word's end does not count)."""
    return any(w.offset < offset < w.offset + len(w.raw.rstrip("\r")) for w in analysis.loaded.lexed.words)


def _line_break_at(text: str, offset: int) -> str:
    return "\r\n" if text.startswith("\r\n", offset) else "\n"


def _add_rule(comment_text: str, comment_offset: int, rule: str, kind: str) -> Edit | None:
    """An edit adding ``rule`` to the suppression in this comment (None if it has none of ``kind``)."""
    match = _SUPPRESSION.search(comment_text)
    if match is None or match.group(1) != kind:
        return None
    listed = [part.strip() for part in match.group(2).split(",") if part.strip()]
    start = comment_offset + match.start(2)
    end = comment_offset + match.end(2)
    return Edit(None, start, end, ", ".join([*listed, rule]))


def suppress_on_line(analysis: Analysis, finding: Finding) -> Edit | None:
    """The edit that suppresses ``finding`` on its line, or None where no comment can do it.

    The engine's suppression covers the line the finding starts on: a comment at the end of that
    line, or a comment alone on the line above when the next token after it is on that line.
    """
    text = analysis.text
    line = finding.span.start.line
    offset = finding.span.start.offset
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end == -1:
        line_end = len(text)
    if line_end > line_start and text[line_end - 1] == "\r":
        line_end -= 1
    words_on_line = [w for w in analysis.loaded.lexed.words if w.line == line]
    trailing = [c for c in _comments(analysis) if c.line == line and not c.own_line]
    above = [c for c in _comments(analysis) if c.own_line and c.offset < line_start
             and _next_token_line(analysis, c.offset) == line]
    for comment in [*above, *trailing]:
        merged = _add_rule(comment.text, comment.offset, finding.rule, "ignore")
        if merged is not None:
            return merged
    directive = f"# corefile-lint: ignore[{finding.rule}]"
    glued = any(word.glued is not None for word in words_on_line)
    if words_on_line and not trailing and not glued and not _inside_word(analysis, line_end):
        return Edit(None, line_end, line_end, f"  {directive}")
    # The end of the line is taken (a comment, or a quoted token running on): use the line above.
    if not words_on_line or _inside_word(analysis, line_start):
        return None
    indent = text[line_start:words_on_line[0].offset]
    if indent.strip():
        indent = ""
    return Edit(None, line_start, line_start, f"{indent}{directive}{_line_break_at(text, line_end)}")


def _next_token_line(analysis: Analysis, offset: int) -> int | None:
    for word in analysis.loaded.lexed.words:
        if word.offset > offset:
            return word.line
    return None


def suppress_in_file(analysis: Analysis, rule: str) -> Edit:
    for comment in _comments(analysis):
        merged = _add_rule(comment.text, comment.offset, rule, "file-ignore")
        if merged is not None:
            return merged
    text = analysis.text
    start = 1 if text.startswith("\ufeff") else 0
    first_break = text.find("\n")
    newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    return Edit(None, start, start, f"# corefile-lint: file-ignore[{rule}]{newline}")
