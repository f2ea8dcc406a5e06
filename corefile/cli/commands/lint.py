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
from corefile.sources.files import HELM_PATTERNS, discover, input_patterns

if TYPE_CHECKING:
    from corefile.core.positions import Source
    from corefile.lint.findings import Finding

#: Printed when there is nothing to lint.
NO_INPUT_USAGE = "usage: corefile-lint [OPTIONS] PATH...  (a Corefile, a folder, or - for standard input)"


def run(args: argparse.Namespace) -> int:
    from corefile.cli.streams import is_closed
    from corefile.lint.linter import exit_code

    if is_closed(sys.stdout) and not args.output_file:
        raise UsageError("standard output is closed: nowhere to write the report (see --output-file)")
    paths = args.paths
    if not paths:
        # Piped input, as in `kubectl get configmap ... | corefile-lint`; but a closed, terminal or
        # empty standard input (CI runs with /dev/null) is no input at all, not an empty Corefile.
        piped = None
        if not is_closed(sys.stdin) and not sys.stdin.isatty():
            piped = sys.stdin.buffer.read()
        if not piped:
            raise UsageError(f"no Corefile to lint{' (standard input is empty)' if piped is not None else ''}\n"
                             f"{NO_INPUT_USAGE}")
        args.stdin_data = piped
        paths = ["-"]
    input_format = getattr(args, "input_format", None) or "auto"
    missing: list[str] = []
    inputs = discover(paths, input_patterns(input_format), missing=missing,
                      respect_gitignore=not args.no_respect_gitignore)
    for path in missing:
        print(f"corefile: error: {path}: no such file or folder", file=sys.stderr)
    if not inputs and not missing:
        raise UsageError(f"no Corefile to lint under {', '.join(paths)}\n{NO_INPUT_USAGE}")
    base_config = _base_config(args)
    sources: dict[str | None, Source] = {}
    findings: list[Finding] = []
    extra: dict[Finding, dict[str, str]] = {}
    input_errors = 0
    fail_level = None
    for path in inputs:
        config = _config_for(path, args, base_config)
        fail_level = config.fail_level
        if input_format in ("auto", "helm") and path not in paths and _is_helm_candidate(path) and not _holds_servers(path):
            continue  # a values*.yaml found in a folder that is not the CoreDNS chart's
        try:
            file_findings, source, file_extra, refused = _lint_input(path, config, args)
        except _InputError as error:
            print(f"corefile: error: {error}", file=sys.stderr)
            input_errors += 1
            continue
        input_errors += refused
        findings.extend(file_findings)
        extra.update(file_extra)
        sources[source.path] = source
    if args.diff:
        if input_errors:
            return EXIT_USAGE  # an input could not be read, or its fixes could not be written back
        return EXIT_FINDINGS if getattr(args, "fixes_pending", False) else EXIT_OK
    if args.fix and "-" in inputs:
        return exit_code(findings, fail_level) if fail_level is not None and not args.exit_zero else EXIT_OK
    unreadable = input_errors + len(missing)
    report = _statistics(args, findings) if args.statistics else _render(args, findings, sources, extra, unreadable)
    if args.output_file:
        try:
            Path(args.output_file).write_text(report, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"{args.output_file}: {error.strerror}") from None
    else:
        sys.stdout.write(report)
    if input_errors or missing:
        return EXIT_USAGE
    if args.exit_zero:
        return EXIT_OK
    return exit_code(findings, fail_level) if fail_level is not None else EXIT_OK


def note(args: argparse.Namespace, message: str, kind: str = "note") -> None:
    """A note or warning on standard error (``--quiet`` keeps them back; errors are always said)."""
    if not getattr(args, "quiet", False):
        print(f"corefile: {kind}: {message}", file=sys.stderr)


def _statistics(args: argparse.Namespace, findings) -> str:
    from corefile.report.output import statistics, statistics_json

    if args.output_format in ("json", "json-lines"):
        return statistics_json(findings, args.unsafe_fixes)
    return statistics(findings, args.unsafe_fixes)


class _InputError(Exception):
    """One input could not be read as asked (bad manifest, missing YAML support): exit status 2."""


def _lint_input(path: str, config, args: argparse.Namespace):
    """Lint one input: its findings, the Source for excerpts, extra JSON fields per finding, and
    1 when its fixes were refused (0 otherwise)."""
    from corefile.cli.commands import _inputs
    from corefile.core.positions import Source
    from corefile.lint.configmap import lint_input
    from corefile.sources.encoding import decode_utf8
    from corefile.sources.errors import InputError

    try:
        source = _inputs.read(path, args, data=getattr(args, "stdin_data", None) if path == "-" else None)
    except InputError as error:
        raise _InputError(str(error)) from None
    if source.is_manifest and not source.objects:
        if not source.file.text.strip() or _looks_like_corefile(source.file.text):
            raise _InputError(f"{source.name}: not a Kubernetes manifest but a Corefile: to lint it, leave out "
                              "--input-format configmap (or give --input-format corefile)")
        # Other YAML (a Helm values file named after coredns, say): nothing to lint, and said so.
        note(args, f"{source.name}: not a Kubernetes manifest (no object with a `kind`): nothing was linted", "warning")
    refused = 0
    if args.fix or args.diff:
        try:
            source = _fix_input(source, config, args)
        except InputError as error:
            print(f"corefile: error: {error}", file=sys.stderr)
            refused = 1
    result = lint_input(source, config)
    if source.is_manifest and source.objects and not result.corefiles:
        for label in source.kube_dns:
            note(args, f"{source.name}: ConfigMap {label} has no Corefile key: it is kube-dns's configuration, which "
                       f"CoreDNS does not read; translate it with `corefile migrate kube-dns {source.name}`", "warning")
        if not source.kube_dns:
            note(args, f"{source.name}: no ConfigMap with a Corefile key (nothing was linted)", "warning")
    if source.is_manifest:
        excerpts = Source(source.file.text, source.name)
    else:  # findings are in CoreDNS's reading of the bytes (UTF-8, invalid bytes as U+FFFD)
        excerpts = Source(decode_utf8(source.file.data)[0], source.documents[0].filename)
    extra = {finding: origin.as_fields() for finding, origin in result.origins.items()}
    return result.findings, excerpts, extra, refused


def _fix_input(source, config, args: argparse.Namespace):
    """Apply fixes to every Corefile of the input (and the ConfigMap keys it imports); write them
    back (the file, standard output for ``-``, or a diff). Returns the input as it now reads."""
    import attrs

    from corefile.cli.commands import _inputs
    from corefile.lint.configmap import lint_document
    from corefile.lint.fixes import fix_files
    from corefile.sources.encoding import CRLF, crlf_lines
    from corefile.sources.inputs import read_data

    texts = {part: part.text for part in source.parts}
    crlf = not source.is_manifest and source.file.newline == CRLF
    for document in source.documents:
        editable = {path: part for path, part in document.imports.items() if part is not document.main}
        if document.main is not None:
            editable[document.filename] = document.main

        def lint(current, document=document, editable=editable):
            found = lint_document(document, config, {editable[path]: text for path, text in current.items()})
            if crlf:  # lines a fix writes end as the file's lines do
                found = [finding if finding.fix is None else attrs.evolve(finding, fix=attrs.evolve(
                    finding.fix, edits=tuple(attrs.evolve(edit, replacement=crlf_lines(edit.replacement))
                                             for edit in finding.fix.edits))) for finding in found]
            return found

        result = fix_files({path: texts[part] for path, part in editable.items()}, lint=lint, unsafe=args.unsafe_fixes)
        if not result.applied and not args.unsafe_fixes:
            waiting = sum(1 for finding in result.remaining if finding.fix is not None and not finding.fix.safe)
            if waiting:
                one = waiting == 1
                note(args, f"{source.name}: no safe fix to apply; {waiting} {'fix needs' if one else 'fixes need'} "
                           f"--unsafe-fixes ({'it changes' if one else 'they change'} what CoreDNS does; "
                           f"see {'it' if one else 'them'} with --diff --unsafe-fixes)")
        for path, text in result.texts.items():
            texts[editable[path]] = text
        if args.show_fixes:
            for finding in result.applied:
                span = document.locate(finding.span) or finding.span
                print(f"fixed {source.name}:{span.start.line}:{span.start.column}: "
                      f"{finding.code} {finding.fix.description}", file=sys.stderr)
    data = source.rewrite(texts, newlines="keep")
    if data == source.file.data:
        return source
    if args.diff:
        args.fixes_pending = True
        sys.stdout.writelines(_inputs.diff(source, data, "fixed"))
        return source
    _inputs.write(source, data)
    return read_data(data, path=source.path, name=source.documents[0].filename if not source.is_manifest else source.name,
                     input_format="configmap" if source.is_manifest else "corefile", mounts=_inputs.mounts_of(args))


def _looks_like_corefile(text: str) -> bool:
    """Whether text read as a manifest is really a Corefile: CoreDNS's reader accepts it and finds
    a plugin in it."""
    from corefile.catalogue import PLUGINS
    from corefile.expansion.loader import load_text

    expansion = load_text(text).expansion
    return expansion.accepted and any(line.name.text in PLUGINS for block in expansion.blocks for line in block.directives)


def _is_helm_candidate(path: str) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in HELM_PATTERNS)


def _holds_servers(path: str) -> bool:
    """Whether a values file found in a folder walk is the CoreDNS chart's (a top-level ``servers:``)."""
    from corefile.sources.files import MissingInput, read_input
    from corefile.sources.helm import looks_like_values

    try:
        return looks_like_values(read_input(path).decode("utf-8", "replace"))
    except MissingInput:
        return True  # let the reading report why it cannot be read


def _render(args: argparse.Namespace, findings, sources, extra=None, unreadable: int = 0) -> str:
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
    if output_format == "full":
        return FORMATS[output_format](findings, line_of, color, extra=extra, unsafe_fixes=args.unsafe_fixes,
                                      quiet=args.quiet, unreadable=unreadable)
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
    from corefile.lint.rules import UnknownRule, matching, unknown_rule_message

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
                    raise UsageError(f"{unknown_rule_message(part)} (see `corefile rules`)") from None
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
            changes["coredns_version"] = Version.parse_target(args.coredns_version)
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
