"""``corefile diff`` reports: text for a terminal, markdown for a pull-request comment, JSON."""

from __future__ import annotations

import json

from corefile.analysis.chain import FORWARDERS
from corefile.diff.model import DiffReport, ServerDiff, address_text
from corefile.lint.findings import Finding, Severity

#: The first line of the markdown report, so that a CI job can find (and update) its own comment.
MARKDOWN_MARKER = "<!-- corefile-diff -->"

_STATUS_SIGNS = {"added": "+", "removed": "-", "changed": "~", "moved": "~", "unchanged": "="}


def summary_line(report: DiffReport) -> str:
    """One line: what changed, in counts."""
    counts = report.counts()
    if not report.changed:
        return "No behavioural change."
    parts = []
    for key, words in (("servers_changed", "changed"), ("servers_added", "added"), ("servers_removed", "removed")):
        if counts[key]:
            parts.append(f"{counts[key]} {words}")
    servers = f"servers: {', '.join(parts)}" if parts else "servers unchanged"
    findings = []
    if counts["findings_appeared"]:
        findings.append(f"{counts['findings_appeared']} new finding{'s' if counts['findings_appeared'] != 1 else ''}"
                        + (f" ({counts['errors_appeared']} error{'s' if counts['errors_appeared'] != 1 else ''})"
                           if counts["errors_appeared"] else ""))
    if counts["findings_disappeared"]:
        findings.append(f"{counts['findings_disappeared']} resolved")
    listeners = [f"{counts['listeners_changed']} listener change{'s' if counts['listeners_changed'] != 1 else ''}"] \
        if counts["listeners_changed"] else []
    return "; ".join([servers, *listeners, *findings]) + "."


def _start_line(report: DiffReport) -> str | None:
    old, new = report.old.starts, report.new.starts
    if old and not new:
        return f"CoreDNS {report.version} would refuse to start with the new configuration."
    if new and not old:
        return f"CoreDNS {report.version} refused the old configuration and starts with the new one."
    if not new:
        return f"CoreDNS {report.version} refuses both configurations."
    return None


def _server_lines(server: ServerDiff, bullet: str, code) -> list[str]:
    """The body of one server's entry: ``bullet`` starts each item, ``code`` marks up Corefile text."""
    lines: list[str] = []
    if server.status == "moved":
        before = ", ".join(address_text(a) for a in server.old_addresses)
        after = ", ".join(address_text(a) for a in server.new_addresses)
        lines.append(f"{bullet}listens elsewhere: {code(before)} -> {code(after)}")
    if server.status in ("added", "removed"):
        chain = server.new_chain if server.status == "added" else server.old_chain
        lines.append(f"{bullet}chain: {' -> '.join(chain) if chain else '(no plugin answers queries)'}")
        for route in server.routing:
            if server.status == "added":
                lines.append(f"{bullet}queries for {code(route.zone)} were answered by {code(route.server)} before")
            else:
                lines.append(f"{bullet}queries for {code(route.zone)} now go to {code(route.server)}")
    else:
        for ref in server.removed:
            lines.append(f"{bullet}removed {code(ref.text)} ({ref.location})")
        for ref in server.added:
            lines.append(f"{bullet}added {code(ref.text)} ({ref.location})")
        for change in server.changed:
            what = []
            upstreams_only = (change.name in FORWARDERS and change.old_arguments[:1] == change.new_arguments[:1]
                              and server.upstreams)
            if change.arguments_changed and not upstreams_only:  # the upstream line says it
                what.append(f"arguments {code(' '.join(change.old_arguments) or '(none)')} -> "
                            f"{code(' '.join(change.new_arguments) or '(none)')}")
            for option in change.options:
                if option.change == "changed":
                    what.append(f"option {code(option.old)} -> {code(option.new)}")
                elif option.change == "added":
                    what.append(f"option {code(option.new)} added")
                else:
                    what.append(f"option {code(option.old)} removed")
            if change.options_reordered:
                what.append("options reordered (their order matters here)")
            if not what:
                continue
            lines.append(f"{bullet}{code(change.name)} ({change.new.location}): {'; '.join(what)}")
        if server.reordered is not None:
            lines.append(f"{bullet}execution order {code(' -> '.join(server.reordered[0]))} becomes "
                         f"{code(' -> '.join(server.reordered[1]))}")
    for up in server.upstreams:
        parts = []
        if up.added:
            parts.append("+ " + " ".join(up.added))
        if up.dropped:
            parts.append("- " + " ".join(up.dropped))
        lines.append(f"{bullet}upstreams for {code(up.zone)}: {', '.join(parts)}")
    for shadow in server.shadowed:
        lines.append(f"{bullet}queries for {code(shadow.zone)} now stop at {code(shadow.by)}, "
                     f"never reaching {', '.join(code(name) for name in shadow.hides)}")
    for shadow in server.unshadowed:
        if server.status == "removed":
            continue
        lines.append(f"{bullet}queries for {code(shadow.zone)} no longer stop at {code(shadow.by)}: "
                     f"they reach {', '.join(code(name) for name in shadow.hides)}")
    for note in server.notes:
        lines.append(f"{bullet}note: {note}")
    return lines


def _finding_where(finding: Finding) -> str:
    return f"{finding.span.file or '-'}:{finding.span.start.line}:{finding.span.start.column}"


# --- text ------------------------------------------------------------------------------------


def _quiet_notes(report: DiffReport) -> list[str]:
    """Notes of servers that did not change (a file reorder that changes nothing)."""
    return [f"{server.label}: {note}" for server in report.servers if not server.behavioural for note in server.notes]


def text(report: DiffReport) -> str:
    out = [f"corefile diff: {report.old.label} -> {report.new.label} (CoreDNS {report.version})"]
    start = _start_line(report)
    if start:
        out.append(start)
    if not report.changed:
        out.append("No behavioural change" + (f": {report.notes[0]}." if report.notes else "."))
        out.extend(f"    note: {note}" for note in _quiet_notes(report))
        return "\n".join(out) + "\n"
    out.append("")
    for server in report.servers:
        if not server.behavioural:
            continue
        out.append(f"{_STATUS_SIGNS[server.status]} server {server.label}  [{server.status}]")
        out.extend(_server_lines(server, "    ", lambda value: value))
        out.append("")
    unchanged = sum(1 for server in report.servers if not server.behavioural)
    if unchanged:
        out.append(f"= {unchanged} server{'s' if unchanged != 1 else ''} unchanged")
        out.append("")
    if report.listeners:
        out.append("Listeners")
        for change in report.listeners:
            sign = "+" if change.change == "added" else "-"
            out.append(f"    {sign} {change.address} ({', '.join(change.owners)})")
        out.append("")
    if report.appeared or report.disappeared:
        out.append("Findings")
        for label, findings in (("new", report.appeared), ("resolved", report.disappeared)):
            for finding in findings:
                out.append(f"    {label:<8} {str(finding.severity):<7} {finding.code} {_finding_where(finding)}: "
                           f"{finding.message} ({finding.rule})")
        out.append("")
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


# --- markdown --------------------------------------------------------------------------------


def _md_code(value: str) -> str:
    fence = "``" if "`" in value else "`"
    padding = " " if fence == "``" else ""
    return f"{fence}{padding}{value}{padding}{fence}"


def _md_cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(report: DiffReport) -> str:
    out = [MARKDOWN_MARKER, "### CoreDNS: what this change does", ""]
    out.append(f"{_md_code(report.old.label)} → {_md_code(report.new.label)}, checked against CoreDNS {report.version}.")
    out.append("")
    start = _start_line(report)
    if start:
        out.append(f"> **{start}**")
        out.append("")
    if not report.changed:
        out.append("**No behavioural change**" + (f": {report.notes[0]}." if report.notes else "."))
        notes = _quiet_notes(report)
        if notes:
            out.append("")
            out.extend(f"- {note}" for note in notes)
        return "\n".join(out) + "\n"
    out.append(f"**{summary_line(report)}**")
    out.append("")
    for server in report.servers:
        if not server.behavioural:
            continue
        out.append(f"#### {_md_code(server.label)}: {server.status}")
        out.append("")
        out.extend(_server_lines(server, "- ", _md_code))
        out.append("")
    if report.listeners:
        out.append("#### Listeners")
        out.append("")
        for change in report.listeners:
            out.append(f"- {change.change} {_md_code(change.address)} ({', '.join(change.owners)})")
        out.append("")
    if report.appeared or report.disappeared:
        out.append("#### Findings")
        out.append("")
        out.append("| | severity | rule | where | message |")
        out.append("|---|---|---|---|---|")
        for label, findings in (("new", report.appeared), ("resolved", report.disappeared)):
            for finding in findings:
                severity = f"**{finding.severity}**" if finding.severity is Severity.ERROR and label == "new" else str(finding.severity)
                out.append(f"| {label} | {severity} | `{finding.code}` {finding.rule} | {_md_cell(_finding_where(finding))} "
                           f"| {_md_cell(finding.message)} |")
        out.append("")
    return "\n".join(out) + "\n"


# --- json ------------------------------------------------------------------------------------


def as_json(report: DiffReport) -> str:
    return json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"text": text, "markdown": markdown, "json": as_json}
