"""``corefile migrate``: move a Corefile between CoreDNS versions, or translate a kube-dns ConfigMap.

Three modes share the command (standard library only here; the engine is imported in ``run``):

* ``corefile migrate --from X --to Y PATH|-``: the migrated Corefile on standard output
  (``--in-place`` rewrites PATH), notices on standard error as ``path:line:col: severity:
  message`` (or everything as one JSON object with ``--output-format json``). Downward when
  ``--down`` is given or when Y is older than X.
* ``corefile migrate --is-default [--to X] PATH|-``: exit 0 if the file is the default
  Kubernetes Corefile of CoreDNS X (of any release when no version is given), 1 if not.
* ``corefile migrate kube-dns CONFIGMAP|- [--coredns-version X]``: the Corefile that replaces
  a kube-dns ConfigMap (YAML or JSON manifest).

Exit status: 0 done, 1 "not the default" for ``--is-default``, 2 for usage or input errors
(unknown versions, a migration the tables cannot do, unreadable text or JSON).
"""

from __future__ import annotations

import argparse
import json
import sys

from corefile.cli.commands._args import add_input_arguments
from corefile.cli.status import EXIT_OK, EXIT_USAGE, UsageError

KUBE_DNS = "kube-dns"

USAGE = """\
corefile migrate --from X [--to Y] [--down] [--deprecations] [--in-place] PATH|-
       corefile migrate --is-default [--to X] PATH|-
       corefile migrate kube-dns CONFIGMAP|- [--coredns-version X] [--cluster-domain D]"""

EPILOG = """\
modes:
  Version migration (corefile-migration's Migrate/MigrateDown, keeping comments and layout):
    corefile migrate --from 1.3.1 --to 1.14.2 Corefile > Corefile.new
    corefile migrate --from 1.8.0 --to 1.6.2 --in-place Corefile     (downward: detected)
  Default check (exit 0: it is the default Kubernetes Corefile of that version, 1: it is not):
    corefile migrate --is-default --to 1.6.7 Corefile
  kube-dns ConfigMap to Corefile (kubeadm's translation, with forward instead of proxy):
    kubectl -n kube-system get configmap kube-dns -o yaml | corefile migrate kube-dns - --coredns-version 1.8.0

Notices go to standard error as PATH:LINE:COL: SEVERITY: MESSAGE (positions in the input).
Plugins the migration tables do not know are carried through unchanged, with a warning.
A file literally named "kube-dns" is given as ./kube-dns."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.usage = USAGE
    parser.epilog = EPILOG
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("inputs", nargs="*", metavar="PATH",
                        help="the Corefile (- for standard input); or 'kube-dns' followed by the ConfigMap manifest")
    versions = parser.add_argument_group("version migration")
    versions.add_argument("--from", dest="from_version", metavar="X.Y.Z", help="the CoreDNS version the Corefile is for")
    versions.add_argument("--to", dest="to_version", metavar="X.Y.Z",
                          help="the CoreDNS version to migrate to (default: the newest the tables know)")
    versions.add_argument("--down", action="store_true",
                          help="migrate down (MigrateDown: only removes what older releases lack); "
                               "implied when --to is older than --from")
    versions.add_argument("--deprecations", action="store_true",
                          help="also convert deprecated items as soon as they are deprecated "
                               "(default: only what is removed or ignored, as kubeadm does)")
    versions.add_argument("--in-place", action="store_true", help="rewrite PATH instead of printing the result")
    versions.add_argument("--is-default", action="store_true",
                          help="only check: exit 0 if PATH is the default Kubernetes Corefile of --to "
                               "(any release if no version is given), 1 if not")
    kube = parser.add_argument_group("kube-dns translation")
    kube.add_argument("--coredns-version", metavar="X.Y.Z",
                      help="the CoreDNS version the Corefile is for (default: the newest this tool knows)")
    kube.add_argument("--cluster-domain", default="cluster.local", metavar="DOMAIN",
                      help="the cluster's DNS domain (default cluster.local)")
    parser.add_argument("--output-format", choices=("text", "json"), default="text",
                        help="text: the Corefile on stdout, notices on stderr; json: one object "
                             "{corefile, notices} on stdout")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name standard input in notices")
    add_input_arguments(parser)


def _read(path: str) -> str:
    from corefile.sources.encoding import read_bytes
    from corefile.sources.files import read_input

    data = sys.stdin.buffer.read() if path == "-" else read_input(path)
    return read_bytes(data, path).text.lstrip("\ufeff")


def _display(path: str, args) -> str:
    return (args.stdin_filename or "-") if path == "-" else path


def _one_input(inputs: list[str], what: str) -> str:
    if len(inputs) != 1:
        raise UsageError(f"give exactly one {what} (- for standard input)")
    return inputs[0]


def run(args) -> int:
    inputs = list(args.inputs)
    if inputs and inputs[0] == KUBE_DNS:
        return _kube_dns(args, inputs[1:])
    if args.is_default:
        return _is_default(args, _one_input(inputs, "Corefile"))
    return _migrate(args, _one_input(inputs, "Corefile"))


def _print_notices(notices, name: str) -> None:
    for notice in notices:
        print(notice.format(name), file=sys.stderr)


def _json(corefile_text: str, notices, name: str, **extra) -> None:
    payload = {**extra, "corefile": corefile_text,
               "notices": [{"path": name, **notice.as_dict()} for notice in notices]}
    sys.stdout.write(json.dumps(payload, indent=2) + "\n")


def _located(notice, part):
    """A notice moved from the Corefile's line and column to the manifest's, for a ConfigMap key."""
    import attrs

    from corefile.core.positions import Source

    if part is None or part.scalar is None or notice.line is None:
        return notice
    starts = Source(part.text).line_starts
    if notice.line > len(starts):
        return notice
    offset = starts[notice.line - 1] + (notice.column or 1) - 1
    span = part.locate(offset, offset)
    return attrs.evolve(notice, line=span.start.line, column=span.start.column,
                        message=f"{notice.message} ({part.label})")


def _migrate(args, path: str) -> int:
    from corefile.cli.commands import _inputs
    from corefile.core.errors import CorefileError
    from corefile.core.versions import Version
    from corefile.migrate import SUPPORTED_VERSIONS, MigrationError
    from corefile.migrate.api import migrate_down_text, migrate_text
    from corefile.sources.errors import InputError

    if args.coredns_version:
        raise UsageError("--coredns-version is for 'migrate kube-dns'; use --from and --to")
    if not args.from_version:
        raise UsageError("--from is required: the CoreDNS version the Corefile was written for")
    if args.in_place and path == "-":
        raise UsageError("--in-place needs a file, not standard input")
    to_version = args.to_version or str(SUPPORTED_VERSIONS[-1])
    down = args.down
    if not down:
        try:
            down = Version.parse(to_version) < Version.parse(args.from_version)
        except ValueError:
            down = False  # unknown versions: the migration reports them
    elif args.deprecations:
        raise UsageError("--deprecations applies to upward migrations only")
    source = _inputs.read_one(path, args)
    name = source.name
    changes = {}
    notices = []
    for document in source.documents:
        part = document.main
        if part is None:
            continue  # a lone coredns-custom ConfigMap: no Corefile of the user's to migrate
        try:
            if down:
                outcome = migrate_down_text(part.text, args.from_version, to_version, filename=name)
            else:
                outcome = migrate_text(part.text, args.from_version, to_version, deprecations=args.deprecations,
                                       filename=name)
        except CorefileError as error:
            print(_inputs.describe(error, part), file=sys.stderr)
            return EXIT_USAGE
        except MigrationError as error:
            where = part.where() if source.is_manifest else name
            print(f"corefile: error: {where}: cannot migrate: {error}", file=sys.stderr)
            return EXIT_USAGE
        changes[part] = outcome.text
        notices.extend(_located(notice, part if source.is_manifest else None) for notice in outcome.notices)
    try:
        data = source.rewrite(changes, newlines="file")
    except InputError as error:
        print(f"corefile: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    changed = data != source.file.data
    if args.output_format == "json":
        extra = {"path": name, "from": args.from_version, "to": to_version, "direction": "down" if down else "up",
                 "changed": changed}
        if source.is_manifest:
            extra["manifest"] = _inputs.decoded(source, data)
            extra["corefiles"] = [{"configmap": part.configmap.label, "key": part.key, "corefile": text}
                                  for part, text in changes.items()]
            _json(next(iter(changes.values()), ""), notices, name, **extra)
        else:
            _json(changes[source.parts[0]], notices, name, **extra)
    else:
        _print_notices(notices, name)
    if args.in_place:
        if changed:
            _inputs.write(source, data)
            if args.output_format != "json":
                print(f"migrated {name}", file=sys.stderr)
    elif args.output_format != "json":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _is_default(args, path: str) -> int:
    from corefile.cli.commands import _inputs
    from corefile.core.errors import CorefileError
    from corefile.migrate import MigrationError, is_default_corefile
    from corefile.migrate.tree_model import model_from_tree
    from corefile.syntax.reader import parse

    version = args.to_version or args.from_version or args.coredns_version
    source = _inputs.read_one(path, args)
    answers = []
    for document in source.documents:
        if document.main is None:
            continue
        try:
            answer = is_default_corefile(model_from_tree(parse(document.main.text, filename=source.name)), version)
        except CorefileError as error:
            print(_inputs.describe(error, document.main), file=sys.stderr)
            return EXIT_USAGE
        except MigrationError as error:
            print(f"corefile: error: {error}", file=sys.stderr)
            return EXIT_USAGE
        answers.append((document, answer))
    if not answers:
        raise UsageError(f"{source.name}: no Corefile of its own (only coredns-custom keys)")
    what = f"CoreDNS {version}" if version else "any Kubernetes release"
    for document, answer in answers:
        label = f"{source.name} ({document.label})" if source.is_manifest else source.name
        if args.output_format == "json":
            fields = {"path": source.name, "version": version, "default": answer}
            if source.is_manifest:
                fields.update(configmap=document.main.configmap.label, key=document.main.key)
            sys.stdout.write(json.dumps(fields) + "\n")
        else:
            print(f"{label}: {'is' if answer else 'is not'} the default Corefile of {what}")
    return EXIT_OK if all(answer for _, answer in answers) else 1


def _kube_dns(args, inputs: list[str]) -> int:
    from corefile.core.versions import LATEST
    from corefile.migrate import MigrationError
    from corefile.migrate.api import kube_dns_text

    path = _one_input(inputs, "kube-dns ConfigMap manifest")
    if args.from_version or args.to_version or args.down or args.deprecations or args.is_default:
        raise UsageError("'migrate kube-dns' takes --coredns-version, not --from/--to/--down/--deprecations/--is-default")
    if args.in_place:
        raise UsageError("'migrate kube-dns' prints the Corefile; redirect it to a file")
    version = args.coredns_version or str(LATEST)
    name = _display(path, args)
    text = _read(path)
    try:
        corefile_text, notices = kube_dns_text(text, coredns_version=version, cluster_domain=args.cluster_domain)
    except MigrationError as error:
        where = name + (f":{error.manifest_line}:{error.manifest_column}" if getattr(error, "manifest_line", None) else "")
        print(f"{where}: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.output_format == "json":
        _json(corefile_text, notices, name, coredns_version=version)
    else:
        _print_notices(notices, name)
        sys.stdout.write(corefile_text)
    return EXIT_OK
