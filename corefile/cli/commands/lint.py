"""``corefile-lint`` / ``corefile lint``: find, read and lint Corefiles (or ConfigMap manifests), print the report.

Exit status, as ruff's: 0 when nothing at or above the fail level was found, 1 when something
was, 2 for usage, configuration or input errors (a missing file, an unreadable manifest);
``--exit-zero`` makes findings exit 0 (input errors still exit 2).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from corefile.cli.commands._args import add_lint_arguments as add_arguments  # noqa: F401 - the command's arguments
from corefile.cli.status import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError
from corefile.sources.files import HELM_PATTERNS, discover, input_patterns, read_input

if TYPE_CHECKING:
    from corefile.core.positions import Source
    from corefile.lint.findings import Finding

def run(args: argparse.Namespace) -> int:
    from corefile.lint.linter import exit_code
    from corefile.report.output import statistics

    paths = args.paths
    if not paths and not sys.stdin.isatty():
        paths = ["-"]  # piped input, as in `kubectl get configmap ... | corefile-lint`
    input_format = getattr(args, "input_format", None) or "auto"
    inputs = discover(paths, input_patterns(input_format))
    if not inputs:
        raise UsageError("no Corefile to lint (give a path, a folder, or - for standard input)")
    base_config = _base_config(args)
    sources: dict[str | None, Source] = {}
    findings: list[Finding] = []
    extra: dict[Finding, dict[str, str]] = {}
    input_errors = 0
    fail_level = None
    for path in inputs:
        config = _config_for(path, args, base_config)
        fail_level = config.fail_level
        if path == "-":
            data = sys.stdin.buffer.read()
            name = args.stdin_filename
        else:
            data = read_input(path)
            name = path
            if input_format in ("auto", "helm") and path not in paths and _is_helm_candidate(path) and not _holds_servers(data):
                continue  # a values*.yaml found in a folder that is not the CoreDNS chart's
        try:
            file_findings, source, file_extra = _lint_input(data, name, config, args, input_format)
        except _InputError as error:
            print(f"corefile: error: {error}", file=sys.stderr)
            input_errors += 1
            continue
        findings.extend(file_findings)
        extra.update(file_extra)
        sources[name] = source
    if args.diff:
        return EXIT_FINDINGS if getattr(args, "fixes_pending", False) else EXIT_OK
    if args.fix and "-" in inputs:
        return exit_code(findings, fail_level) if fail_level is not None and not args.exit_zero else EXIT_OK
    report = _render(args, findings, sources, extra)
    if args.output_file:
        try:
            Path(args.output_file).write_text(report, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"{args.output_file}: {error.strerror}") from None
    else:
        sys.stdout.write(report)
    if args.statistics:
        sys.stdout.write(statistics(findings))
    if input_errors:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return exit_code(findings, fail_level) if fail_level is not None else EXIT_OK


class _InputError(Exception):
    """One input could not be read as asked (bad manifest, missing YAML support): exit status 2."""


def _lint_input(data: bytes, name: str | None, config, args: argparse.Namespace, input_format: str):
    """Lint one input: its findings, its Source (for excerpts) and extra JSON fields per finding."""
    from corefile.core.positions import Source
    from corefile.lint.linter import lint_text

    if input_format != "corefile":
        text = data.decode("utf-8", "replace")
        from corefile.sources.helm import looks_like_values
        from corefile.sources.manifests import looks_like_manifest

        if input_format == "helm" or (input_format == "auto" and looks_like_values(text) and not looks_like_manifest(text)):
            if args.fix or args.diff:
                print(f"corefile: note: {name or '-'}: fixes are not applied to Helm values", file=sys.stderr)
            return _lint_helm(text, name, config, args)
        if input_format == "configmap" or looks_like_manifest(text):
            if args.fix or args.diff:
                print(f"corefile: note: {name or '-'}: fixes are not applied to ConfigMaps", file=sys.stderr)
            return _lint_manifest(text, name, config, args)
    if args.fix or args.diff:
        return _fix_input(data, name, config, args)
    findings = lint_text(data, filename=name, config=config)
    return findings, Source(data.decode("utf-8", "replace"), name), {}


def _fix_input(data: bytes, name: str | None, config, args: argparse.Namespace):
    """Apply fixes (write, print to stdout for stdin, or show a diff); report what remains."""
    import difflib

    from corefile.core.positions import Source
    from corefile.lint.fixes import fix_text
    from corefile.lint.linter import lint_text

    text = data.decode("utf-8", "replace")
    result = fix_text(text, lint=lambda current: lint_text(current, filename=name, config=config),
                      path=name, unsafe=args.unsafe_fixes)
    if args.show_fixes:
        for finding in result.applied:
            print(f"fixed {name or '-'}:{finding.span.start.line}:{finding.span.start.column}: "
                  f"{finding.code} {finding.fix.description}", file=sys.stderr)
    if result.text != text:
        if args.diff:
            args.fixes_pending = True
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), result.text.splitlines(keepends=True), f"{name or '-'}", f"{name or '-'} (fixed)"))
        elif name is None:
            sys.stdout.write(result.text)
        else:
            with open(name, "w", encoding="utf-8", newline="") as handle:
                handle.write(result.text)
    return list(result.remaining), Source(result.text, name), {}


def _lint_manifest(text: str, name: str | None, config, args: argparse.Namespace):
    from corefile.core.positions import Source
    from corefile.lint.configmap import lint_manifest
    from corefile.sources.manifests import ManifestError

    display = name or "-"
    try:
        result = lint_manifest(text, display, config, _mounts(args))
    except ManifestError as error:
        separator = ":" if error.line is not None else ": "
        raise _InputError(f"{display}{separator}{error}") from None
    if not result.corefiles and name is None:
        print("corefile: note: no ConfigMap with a Corefile key in standard input", file=sys.stderr)
    extra = {finding: origin.as_fields() for finding, origin in result.origins.items()}
    return result.findings, Source(text, display), extra


def _mounts(args: argparse.Namespace):
    from corefile.lint.configmap import Mounts

    return Mounts(
        configmap=args.configmap_mount.rstrip("/") or "/",
        custom=args.custom_mount.rstrip("/") or "/",
        custom_name=args.custom_configmap,
    )


def _lint_helm(text: str, name: str | None, config, args: argparse.Namespace):
    from corefile.core.positions import Source
    from corefile.lint.helm import lint_values
    from corefile.sources.manifests import ManifestError

    display = name or "-"
    try:
        result = lint_values(text, display, config, _mounts(args))
    except ManifestError as error:
        separator = ":" if error.line is not None else ": "
        raise _InputError(f"{display}{separator}{error}") from None
    extra = {finding: origin.as_fields() for finding, origin in result.origins.items()}
    return result.findings, Source(text, display), extra


def _is_helm_candidate(path: str) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in HELM_PATTERNS)


def _holds_servers(data: bytes) -> bool:
    from corefile.sources.helm import looks_like_values

    return looks_like_values(data.decode("utf-8", "replace"))


def _render(args: argparse.Namespace, findings, sources, extra=None) -> str:
    from corefile.core.positions import Source
    from corefile.report.output import FORMATS, MACHINE_FORMATS

    output_format = args.output_format or "full"
    if output_format not in FORMATS:
        from corefile.report.formats import render as render_integration

        return render_integration(output_format, findings, sources, extra=extra)

    def line_of(path, line):
        from corefile.expansion.imports import MAX_FILE_BYTES
        from corefile.sources.files import Refused, read_regular_file

        source = sources.get(path)
        if source is None and path:
            # An imported file: read again, with the same care the import took.
            try:
                data = read_regular_file(path, MAX_FILE_BYTES)
            except (OSError, Refused):
                return None
            source = Source(data.decode("utf-8", "replace"), path)
            sources[path] = source
        return source.line_text(line) if source is not None else None

    to_terminal = not args.output_file and sys.stdout.isatty()
    color = output_format not in MACHINE_FORMATS and use_color(args.color, to_terminal)
    return FORMATS[output_format](findings, line_of, color, extra=extra)


def use_color(choice: str, to_terminal: bool, environ=None) -> bool:
    """Whether to colour: ``always``/``never`` decide; ``auto`` colours a terminal unless ``NO_COLOR``
    is set (non-empty); a non-empty ``FORCE_COLOR`` colours even when not a terminal."""
    environ = os.environ if environ is None else environ
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    return to_terminal


def _base_config(args):
    """The configuration from --config (None: look for one next to each file)."""
    from corefile.lint.config import Config, ConfigError, load_config_file

    if args.config:
        try:
            return load_config_file(args.config)
        except ConfigError as error:
            raise UsageError(str(error)) from None
    if args.isolated:
        return Config()
    return None


_found_configs: dict = {}


def _config_for(path: str, args, base):
    from corefile.lint.config import (
        Config,
        ConfigError,
        find_config_file,
        load_config_file,
    )

    config = base
    if config is None:
        start = os.getcwd() if path == "-" else path
        found = find_config_file(start)
        if found is None:
            config = Config()
        else:
            key = str(found)
            if key not in _found_configs:
                try:
                    _found_configs[key] = load_config_file(found)
                except ConfigError as error:
                    raise UsageError(str(error)) from None
            config = _found_configs[key]
    return _apply_arguments(config, args)


def _apply_arguments(config, args):
    """Command-line options override the configuration file."""
    import attrs

    from corefile.core.versions import Version
    from corefile.lint.config import ConfigError, read_plugin_cfg
    from corefile.lint.findings import Severity
    from corefile.lint.rules import UnknownRule, matching

    def selectors(values):
        result = []
        for value in values:
            for part in value.split(","):
                part = part.strip()
                if not part:
                    continue
                try:
                    matching(part)
                except UnknownRule:
                    raise UsageError(f"unknown rule {part!r} (see `corefile rules`)") from None
                result.append(part)
        return tuple(result)

    changes = {}
    if args.select is not None:
        changes["select"] = selectors(args.select)
    if args.extend_select:
        changes["extend_select"] = config.extend_select + selectors(args.extend_select)
    if args.ignore:
        changes["ignore"] = config.ignore + selectors(args.ignore)
    if args.coredns_version:
        try:
            changes["coredns_version"] = Version.parse(args.coredns_version)
        except ValueError as error:
            raise UsageError(str(error)) from None
    if args.plugins:
        plugins = set(config.plugins)
        for value in args.plugins:
            if value.endswith(".cfg") or os.path.isfile(value):
                try:
                    plugins |= read_plugin_cfg(value)
                except ConfigError as error:
                    raise UsageError(str(error)) from None
            else:
                plugins |= {name.strip() for name in value.split(",") if name.strip()}
        changes["plugins"] = frozenset(plugins)
    if args.import_map:
        changes["import_map"] = {**config.import_map, **{k: os.path.abspath(v) for k, v in args.import_map}}
    if args.env:
        changes["env"] = {**config.env, **dict(args.env)}
    if args.use_environment:
        changes["use_environment"] = True
    if args.cluster_domain:
        changes["cluster_domain"] = args.cluster_domain
    if args.profile:
        changes["profile"] = args.profile
    if args.fail_level:
        changes["fail_level"] = Severity.parse(args.fail_level)
    return attrs.evolve(config, **changes) if changes else config
