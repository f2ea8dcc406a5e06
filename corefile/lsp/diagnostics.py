"""Findings as LSP diagnostics: rule code, a link to the rule's page, related locations.

A finding in a file that the document imports is shown on the ``import`` line that brings it
in (the outermost one), with the real place as related information, so nothing the engine
finds is lost from view.
"""

from __future__ import annotations

import os
from pathlib import Path

from lsprotocol import types

from corefile.lint.findings import Finding, Severity
from corefile.lsp.analysis import MANIFEST, Analysis
from corefile.lsp.positions import LineIndex
from corefile.lsp.uris import path_to_uri

SOURCE = "corefile"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
#: Rules whose findings editors show struck through or faded.
_TAGS = {
    "deprecated-plugin": [types.DiagnosticTag.Deprecated],
    "deprecated-option": [types.DiagnosticTag.Deprecated],
    "unused-suppression": [types.DiagnosticTag.Unnecessary],
}


class RuleLinks:
    """Where each rule's documentation page is, as a URI an editor can open.

    A ``template`` (``https://.../rules/{name}.md``, from the client's settings) wins; else the
    page of the source checkout this package runs from; else the page generated from the rule
    itself into the user's cache folder, so that an installed wheel links to real text too.
    """

    def __init__(self, template: str | None = None, cache_folder: str | None = None) -> None:
        self.template = template
        checkout = Path(__file__).resolve().parents[2]
        docs = checkout / "docs" / "rules"
        self.checkout_docs = docs if (checkout / "grammar" / "corefile.lark").is_file() and docs.is_dir() else None
        self.cache_folder = Path(cache_folder) if cache_folder else _default_cache() / "rules"
        self._written: dict[str, str] = {}

    def url(self, rule: str) -> str | None:
        if self.template:
            return self.template.replace("{name}", rule)
        if self.checkout_docs is not None and (self.checkout_docs / f"{rule}.md").is_file():
            return (self.checkout_docs / f"{rule}.md").as_uri()
        return self._generated(rule)

    def _generated(self, rule: str) -> str | None:
        if rule in self._written:
            return self._written[rule]
        from corefile.lint.rule_docs import rule_page
        from corefile.lint.rules import RULES

        if rule not in RULES:
            return None
        page = self.cache_folder / f"{rule}.md"
        content = rule_page(RULES[rule])
        try:
            if not page.is_file() or page.read_text(encoding="utf-8") != content:
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(content, encoding="utf-8")
        except OSError:
            return None
        self._written[rule] = page.as_uri()
        return self._written[rule]


def _default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "corefile" / "docs"


class OtherFiles:
    """Line indexes of files other than the document (imported files), read once per analysis."""

    def __init__(self, open_texts: dict[str, str], encoding: str) -> None:
        self.open_texts = open_texts
        self.encoding = encoding
        self._indexes: dict[str, LineIndex | None] = {}

    def index(self, path: str) -> LineIndex | None:
        if path not in self._indexes:
            text = self.open_texts.get(path)
            if text is None:
                try:
                    text = Path(path).read_text(encoding="utf-8", errors="replace")
                except OSError:
                    text = None
            self._indexes[path] = LineIndex(text, self.encoding) if text is not None else None
        return self._indexes[path]


def own_name(analysis: Analysis) -> str | None:
    """The file name the engine gives the document's own text in findings."""
    return (analysis.path or "-") if analysis.kind == MANIFEST else analysis.path


def location_of(span, analysis: Analysis, others: OtherFiles) -> types.Location | None:
    if span.file == own_name(analysis):
        return types.Location(uri=analysis.uri, range=analysis.index.range(span.start.offset, span.end.offset))
    if not span.file:
        return None
    index = others.index(span.file)
    if index is not None:
        where = index.range(span.start.offset, span.end.offset)
    else:  # not readable here (a file of the target machine): trust the engine's line and column
        start = types.Position(line=span.start.line - 1, character=span.start.column - 1)
        end = types.Position(line=span.end.line - 1, character=span.end.column - 1)
        where = types.Range(start=start, end=end)
    return types.Location(uri=path_to_uri(span.file), range=where)


def diagnostic_range(finding: Finding, analysis: Analysis) -> types.Range | None:
    """Where the finding shows in the document: its own span, or the import line that brought it."""
    name = own_name(analysis)
    if finding.span.file == name:
        return analysis.index.range(finding.span.start.offset, finding.span.end.offset)
    for span in finding.via:
        if span.file == name:
            return analysis.index.range(span.start.offset, span.end.offset)
    return None


def to_diagnostic(finding: Finding, analysis: Analysis, links: RuleLinks, others: OtherFiles) -> types.Diagnostic | None:
    where = diagnostic_range(finding, analysis)
    if where is None:
        return None
    message = finding.message
    related = []
    if finding.span.file != own_name(analysis):
        actual = location_of(finding.span, analysis, others)
        message = f"{finding.message} (in {finding.span})"
        if actual is not None:
            related.append(types.DiagnosticRelatedInformation(location=actual, message=f"{finding.code}: {finding.message}"))
    if finding.help:
        message = f"{message}\n{finding.help}"
    for item in finding.related:
        location = location_of(item.span, analysis, others)
        if location is not None:
            related.append(types.DiagnosticRelatedInformation(location=location, message=item.message))
    url = links.url(finding.rule)
    return types.Diagnostic(
        range=where,
        message=message,
        severity=_SEVERITY[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=url) if url else None,
        source=SOURCE,
        related_information=related or None,
        tags=_TAGS.get(finding.rule),
        data={"rule": finding.rule},
    )


def diagnostics_for(analysis: Analysis, links: RuleLinks, open_texts: dict[str, str]) -> list[types.Diagnostic]:
    others = OtherFiles(open_texts, analysis.index.encoding)
    found = []
    for problem in analysis.problems:
        found.append(types.Diagnostic(
            range=analysis.index.range(problem.offset, problem.offset),
            message=problem.message,
            severity=types.DiagnosticSeverity.Error if problem.error else types.DiagnosticSeverity.Warning,
            source=SOURCE,
        ))
    for finding in analysis.findings:
        diagnostic = to_diagnostic(finding, analysis, links, others)
        if diagnostic is not None:
            found.append(diagnostic)
    return found
