"""Report formats for findings. Each takes findings and a way to fetch source lines; none prints.

Every format takes ``extra``: per finding, more fields for the machine formats (for ConfigMap
input, the ConfigMap and data key a finding came from). The CI formats (SARIF, GitHub, JUnit,
GitLab, JSON lines) live in :mod:`corefile.report.formats`.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from corefile.lint.findings import Finding, Severity

#: Rule pages ship in the repository (docs/rules); links are relative to its root.
DOCS_URL = "docs/rules/{name}.md"

LineSource = Callable[[str | None, int], str]
#: Per finding, extra fields for machine-readable output (e.g. ``{"configmap": ..., "key": ...}``).
Extra = Mapping[Finding, Mapping[str, object]]

_COLORS = {
    Severity.ERROR: "\033[1;31m",
    Severity.WARNING: "\033[1;33m",
    Severity.INFO: "\033[1;36m",
}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _path(finding: Finding) -> str:
    return finding.span.file or "-"


def location(finding: Finding) -> str:
    return f"{_path(finding)}:{finding.span.start.line}:{finding.span.start.column}"


def concise(findings: Sequence[Finding], lines: LineSource, color: bool = False, extra: Extra | None = None) -> str:
    out = []
    for finding in findings:
        severity = str(finding.severity)
        if color:
            severity = f"{_COLORS[finding.severity]}{severity}{_RESET}"
        out.append(f"{location(finding)}: {finding.code} [{severity}] {finding.message} ({finding.rule})")
    return "".join(line + "\n" for line in out)


def full(findings: Sequence[Finding], lines: LineSource, color: bool = False, extra: Extra | None = None) -> str:
    out: list[str] = []
    for finding in findings:
        head = f"{location(finding)}: {finding.code} {finding.message}"
        out.append(f"{_BOLD}{head}{_RESET}" if color else head)
        for span in finding.via:
            out.append(f"  imported by {span.file}:{span.start.line}:{span.start.column}")
        out.extend(_excerpt(finding, lines, color))
        for related in finding.related:
            out.append(f"  = note: {related.message} at {related.span.file or '-'}:{related.span.start.line}:{related.span.start.column}")
        if finding.help:
            out.append(f"  = help: {finding.help}")
        out.append("")
    out.append(summary(findings))
    return "\n".join(out) + "\n"


def _excerpt(finding: Finding, lines: LineSource, color: bool) -> list[str]:
    start, end = finding.span.start, finding.span.end
    text = lines(finding.span.file, start.line)
    if text is None:
        return []
    text = text.replace("\t", " ")
    number = str(start.line)
    gutter = " " * len(number)
    width = max(1, (end.column - start.column) if end.line == start.line else len(text) - start.column + 1)
    marker = " " * (start.column - 1) + "^" * width
    label = f"{finding.severity}[{finding.rule}]"
    if color:
        marker = f"{_COLORS[finding.severity]}{marker} {label}{_RESET}"
    else:
        marker = f"{marker} {label}"
    return [f" {gutter} |", f" {number} | {text}", f" {gutter} | {marker}"]


def summary(findings: Sequence[Finding]) -> str:
    if not findings:
        return "No problems found."
    counts = Counter(finding.severity for finding in findings)
    parts = [f"{counts[level]} {level}{'s' if counts[level] != 1 and level != Severity.INFO else ''}"
             for level in (Severity.ERROR, Severity.WARNING, Severity.INFO) if counts[level]]
    total = len(findings)
    return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)})."


def finding_json(finding: Finding, extra: Mapping[str, object] | None = None) -> dict:
    """One finding as a JSON object; ``extra`` fields (ConfigMap and key) are added after ``path``."""
    fix = None
    if finding.fix is not None:
        fix = {
            "safe": finding.fix.safe,
            "description": finding.fix.description,
            "edits": [
                {"path": edit.path, "start": edit.start, "end": edit.end, "content": edit.replacement}
                for edit in finding.fix.edits
            ],
        }
    fields: dict = {"path": _path(finding)}
    fields.update(extra or {})
    return fields | {
        "line": finding.span.start.line,
        "column": finding.span.start.column,
        "end_line": finding.span.end.line,
        "end_column": finding.span.end.column,
        "code": finding.code,
        "rule": finding.rule,
        "severity": str(finding.severity),
        "message": finding.message,
        "fix": fix,
        "help": finding.help,
        "url": DOCS_URL.format(name=finding.rule),
        "related": [
            {"path": r.span.file or "-", "line": r.span.start.line, "column": r.span.start.column, "message": r.message}
            for r in finding.related
        ],
        "import_chain": [
            {"path": s.file or "-", "line": s.start.line, "column": s.start.column} for s in finding.via
        ],
    }


def as_json(findings: Sequence[Finding], lines: LineSource, color: bool = False, extra: Extra | None = None) -> str:
    extra = extra or {}
    return json.dumps([finding_json(f, extra.get(f)) for f in findings], indent=2, ensure_ascii=False) + "\n"


def statistics(findings: Sequence[Finding]) -> str:
    counts = Counter((f.code, f.rule) for f in findings)
    rows = [f"{count:5d}\t{code}\t{rule}" for (code, rule), count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return "\n".join(rows) + ("\n" if rows else "")


FORMATS: dict[str, Callable[..., str]] = {
    "full": full,
    "concise": concise,
    "json": as_json,
}
#: Formats meant for machines: never coloured.
MACHINE_FORMATS = frozenset({"json", "json-lines", "sarif", "github", "junit", "gitlab"})
