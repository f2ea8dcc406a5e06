"""Report formats for CI and code review: JSON lines, SARIF 2.1.0, GitHub workflow commands,
JUnit XML and GitLab Code Quality.

Each renderer takes the findings, the :class:`~corefile.core.positions.Source` of every linted input
(by the name findings use) and optional per-finding extra fields, and returns the whole report
as text; none prints, none colours.

Paths are written relative to the current folder with forward slashes when the file lies under
it (what GitHub and GitLab resolve against the repository root), otherwise as given; SARIF turns
absolute paths outside the current folder into ``file://`` URIs.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath

from corefile.__about__ import __version__
from corefile.core.positions import Source
from corefile.lint.findings import Finding, Severity
from corefile.report.output import DOCS_URL, Extra, finding_json

TOOL_NAME = "corefile-lint"
#: Where the project lives; SARIF needs an absolute URI for the tool.
INFORMATION_URI = "https://pypi.org/project/corefile/"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_GITHUB_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_GITLAB_SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}
#: Characters XML 1.0 cannot hold at all (even escaped).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Sources = Mapping[str | None, Source]


def render(
    output_format: str,
    findings: Sequence[Finding],
    sources: Sources,
    *,
    extra: Extra | None = None,
) -> str:
    """The report of ``findings`` in ``output_format`` (one of :data:`RENDERERS`)."""
    try:
        renderer = RENDERERS[output_format]
    except KeyError:
        raise ValueError(f"unknown output format {output_format!r}") from None
    return renderer(findings, sources, extra or {})


def report_path(path: str | None) -> str:
    """A finding's path as CI tools want it: relative to the current folder, forward slashes."""
    if not path or path == "-":
        return "-"
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            return PurePath(path).as_posix()
        if not relative.startswith(".."):
            return PurePath(relative).as_posix()
        return PurePath(path).as_posix()
    return PurePath(os.path.normpath(path)).as_posix()


# --- JSON lines -------------------------------------------------------------------------------


def json_lines(findings: Sequence[Finding], sources: Sources, extra: Extra) -> str:
    """One JSON object per line, the same objects as ``--output-format json``."""
    return "".join(json.dumps(finding_json(f, extra.get(f)), ensure_ascii=False) + "\n" for f in findings)


# --- SARIF ------------------------------------------------------------------------------------


def sarif(findings: Sequence[Finding], sources: Sources, extra: Extra) -> str:
    """A SARIF 2.1.0 log with one run, as GitHub code scanning accepts it."""
    from corefile.lint.rules import RULES

    used = sorted({finding.rule for finding in findings}, key=lambda name: RULES[name].code if name in RULES else name)
    index = {name: position for position, name in enumerate(used)}
    rules = [_sarif_rule(RULES[name]) if name in RULES else {"id": name, "name": name} for name in used]
    results = [_sarif_result(finding, index[finding.rule], extra.get(finding)) for finding in findings]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "informationUri": INFORMATION_URI,
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_rule(rule) -> dict:
    from corefile.lint.rules import FAMILIES

    doc = inspect.cleandoc(rule.__doc__ or "")
    what = _section(doc, "What it does") or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary[:1].upper() + rule.summary[1:]},
        "fullDescription": {"text": " ".join(what.split())},
        "help": {"text": doc or rule.summary, "markdown": doc or rule.summary},
        "helpUri": DOCS_URL.format(name=rule.name),
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
        "properties": {"tags": [FAMILIES.get(rule.code[:2], rule.code[:2])], "precision": "very-high"},
    }


def _section(doc: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    return match.group(1).strip() if match else ""


def _sarif_uri(path: str | None) -> str:
    shown = report_path(path)
    if os.path.isabs(shown):
        return Path(shown).as_uri()
    return shown


def _sarif_location(span, message: str | None = None) -> dict:
    location: dict = {"physicalLocation": {
        "artifactLocation": {"uri": _sarif_uri(span.file)},
        "region": {
            "startLine": span.start.line,
            "startColumn": span.start.column,
            "endLine": span.end.line,
            "endColumn": span.end.column,
        },
    }}
    if message is not None:
        location["message"] = {"text": message}
    return location


def _sarif_result(finding: Finding, rule_index: int, fields: Mapping[str, object] | None) -> dict:
    text = finding.message + (f" Help: {finding.help}" if finding.help else "")
    result: dict = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [_sarif_location(finding.span)],
    }
    related = [_sarif_location(r.span, r.message) for r in finding.related]
    related += [_sarif_location(span, "imported here") for span in finding.via]
    if related:
        for number, location in enumerate(related, start=1):
            location["id"] = number
        result["relatedLocations"] = related
    if fields:
        result["properties"] = dict(fields)
    return result


# --- GitHub workflow commands -----------------------------------------------------------------


def github_data(text: str) -> str:
    """Escape a workflow command's message as the runner expects."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """Escape a workflow command's property value (also ``:`` and ``,``)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding], sources: Sources, extra: Extra) -> str:
    """``::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`` per finding."""
    out = []
    for finding in findings:
        span = finding.span
        properties = {
            "file": report_path(span.file),
            "line": span.start.line,
            "col": span.start.column,
            "endLine": span.end.line,
            "endColumn": span.end.column,
            "title": f"{finding.code} {finding.rule}",
        }
        joined = ",".join(f"{key}={github_property(str(value))}" for key, value in properties.items())
        message = finding.message + (f"\nhelp: {finding.help}" if finding.help else "")
        out.append(f"::{_GITHUB_COMMANDS[finding.severity]} {joined}::{github_data(message)}\n")
    return "".join(out)


# --- JUnit XML --------------------------------------------------------------------------------


def junit(findings: Sequence[Finding], sources: Sources, extra: Extra) -> str:
    """JUnit XML: a ``testsuite`` per file, a failing ``testcase`` per finding (one passing
    ``testcase`` for a file without findings)."""
    import xml.etree.ElementTree as ET

    by_file: dict[str, list[Finding]] = {report_path(name): [] for name in sources}
    for finding in findings:
        by_file.setdefault(report_path(finding.span.file), []).append(finding)
    root = ET.Element("testsuites", name=TOOL_NAME, tests="0", failures=str(len(findings)), errors="0")
    total_tests = 0
    for path, file_findings in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=_xml(path), tests=str(max(len(file_findings), 1)),
                              failures=str(len(file_findings)), errors="0", skipped="0")
        total_tests += max(len(file_findings), 1)
        if not file_findings:
            ET.SubElement(suite, "testcase", name=TOOL_NAME, classname=_xml(path), file=_xml(path))
            continue
        for finding in file_findings:
            start = finding.span.start
            case = ET.SubElement(
                suite, "testcase",
                name=_xml(f"{finding.code} {finding.rule} at {start.line}:{start.column}"),
                classname=_xml(path), file=_xml(path), line=str(start.line),
            )
            failure = ET.SubElement(case, "failure", message=_xml(finding.message), type=_xml(str(finding.severity)))
            body = f"{path}:{start.line}:{start.column}: {finding.code} [{finding.rule}] {finding.message}"
            if finding.help:
                body += f"\nhelp: {finding.help}"
            failure.text = _xml(body)
    root.set("tests", str(total_tests))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _xml(text: str) -> str:
    """Text XML 1.0 can carry: control characters become U+FFFD (escaping is ElementTree's job)."""
    return _NOT_XML.sub("\ufffd", text)


# --- GitLab Code Quality ----------------------------------------------------------------------


def gitlab(findings: Sequence[Finding], sources: Sources, extra: Extra) -> str:
    """GitLab Code Quality (Code Climate subset): a JSON array for ``artifacts:reports:codequality``."""
    issues = []
    for finding in findings:
        path = report_path(finding.span.file)
        start, end = finding.span.start, finding.span.end
        identity = f"{path}\0{finding.code}\0{start.line}\0{start.column}\0{finding.message}"
        issues.append({
            "description": f"{finding.code} {finding.message}",
            "check_name": f"{finding.code} {finding.rule}",
            "fingerprint": hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest(),
            "severity": _GITLAB_SEVERITIES[finding.severity],
            "location": {
                "path": path,
                "positions": {
                    "begin": {"line": start.line, "column": start.column},
                    "end": {"line": end.line, "column": end.column},
                },
            },
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[Sequence[Finding], Sources, Extra], str]] = {
    "json-lines": json_lines,
    "sarif": sarif,
    "github": github,
    "junit": junit,
    "gitlab": gitlab,
}
