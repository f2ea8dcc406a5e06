"""The lint driver: enabled rules run over one loaded file; findings are stamped, suppressed, sorted."""

from __future__ import annotations

import os
from collections.abc import Iterable

from corefile.analysis.context import Context, Settings
from corefile.expansion.environment import Environment
from corefile.expansion.expand import Token
from corefile.expansion.imports import FileAccess
from corefile.expansion.loader import Loaded, load_text
from corefile.lint.config import Config
from corefile.lint.findings import Finding, Report, Severity, span_of
from corefile.lint.rules import Rule, UnknownRule, all_rules, matching
from corefile.lint.suppressions import find_suppressions


def enabled_rules(config: Config) -> list[type[Rule]]:
    """The rules a configuration selects, in registry order."""
    if config.select is None:
        chosen = {rule.name for rule in all_rules() if rule.default_enabled}
    else:
        chosen = {rule.name for selector in config.select for rule in matching(selector)}
    chosen |= {rule.name for selector in config.extend_select for rule in matching(selector)}
    chosen -= {rule.name for selector in config.ignore for rule in matching(selector)}
    return [rule for rule in all_rules() if rule.name in chosen]


def settings_for(config: Config) -> Settings:
    return Settings(
        coredns_version=config.coredns_version,
        extra_plugins=config.plugins,
        cluster_domain=config.cluster_domain,
        profile=config.profile,
    )


def environment_for(config: Config) -> Environment:
    return Environment(dict(config.env), config.use_environment)


def lint_loaded(loaded: Loaded, config: Config | None = None) -> list[Finding]:
    """Run the enabled rules over a loaded file and return its findings, sorted."""
    config = config or Config()
    context = Context(loaded, settings_for(config))
    rules = [rule() for rule in enabled_rules(config)]
    findings: list[Finding] = []
    for rule in rules:
        if rule.judges_suppressions:
            continue
        for report in rule.check(context):
            findings.append(_stamp(rule, report, config))
    suppressions = find_suppressions(loaded.comments(), _lines_after_comments(loaded), _rule_names)
    kept = []
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding)]
        for suppression in covering:
            suppression.used = True
        if not covering:
            kept.append(finding)
    for rule in rules:
        if rule.judges_suppressions:
            kept.extend(_stamp(rule, report, config) for report in rule.check_suppressions(context, suppressions))
    unique = list(dict.fromkeys(kept))
    unique.sort(key=lambda finding: finding.sort_key)
    return unique


def _rule_names(selector: str) -> frozenset[str] | None:
    try:
        return frozenset(rule.name for rule in matching(selector))
    except UnknownRule:
        return None


def _stamp(rule: Rule, report: Report, config: Config) -> Finding:
    severity = config.severity.get(rule.name) or report.severity or rule.severity
    via = report.at.via if isinstance(report.at, Token) else ()
    return Finding(
        rule=rule.name,
        code=rule.code,
        severity=severity,
        message=report.message,
        span=span_of(report.at),
        fix=report.fix,
        help=report.help,
        related=report.related,
        via=tuple(word.span for word in via),
    )


def _lines_after_comments(loaded: Loaded) -> dict[int, int]:
    following = {}
    for word in loaded.lexed.words:
        for comment in word.comments:
            following[comment.offset] = word.line
    return following


def access_for(filename: str | None, config: Config, files=None) -> FileAccess:
    roots: tuple[str, ...] = ()
    if filename:
        roots = (os.path.dirname(os.path.abspath(filename)),)
    return FileAccess(roots=roots, import_map=dict(config.import_map), files=dict(files or {}))


def lint_text(
    text: str | bytes,
    *,
    filename: str | None = None,
    config: Config | None = None,
    files: dict[str, str] | None = None,
    coredns_path: str | None = None,
) -> list[Finding]:
    """Lint Corefile text. ``filename`` names it and is the base for relative imports."""
    config = config or Config()
    loaded = load_text(
        text,
        filename=filename,
        environment=environment_for(config),
        access=access_for(filename, config, files),
        coredns_path=coredns_path,
    )
    return lint_loaded(loaded, config)


def exit_code(findings: Iterable[Finding], fail_level: Severity) -> int:
    return 1 if any(finding.severity >= fail_level for finding in findings) else 0


__all__ = ["enabled_rules", "exit_code", "lint_loaded", "lint_text"]
