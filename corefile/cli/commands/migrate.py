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


def _read(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        from corefile.sources.files import read_input

        data = read_input(path)
    return data.decode("utf-8", "replace")


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


def _migrate(args, path: str) -> int:
    from corefile.core.errors import CorefileError
    from corefile.core.versions import Version
    from corefile.migrate import SUPPORTED_VERSIONS, MigrationError
    from corefile.migrate.api import migrate_down_text, migrate_text

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
    name = _display(path, args)
    text = _read(path)
    try:
        if down:
            outcome = migrate_down_text(text, args.from_version, to_version, filename=name)
        else:
            outcome = migrate_text(text, args.from_version, to_version, deprecations=args.deprecations, filename=name)
    except CorefileError as error:
        print(f"{error}", file=sys.stderr)
        return EXIT_USAGE
    except MigrationError as error:
        print(f"corefile: error: {name}: cannot migrate: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.output_format == "json":
        _json(outcome.text, outcome.notices, name, path=name, **{"from": args.from_version, "to": to_version},
              direction="down" if down else "up", changed=outcome.text != text)
    else:
        _print_notices(outcome.notices, name)
    if args.in_place:
        if outcome.text != text:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(outcome.text)
            if args.output_format != "json":
                print(f"migrated {name}", file=sys.stderr)
    elif args.output_format != "json":
        sys.stdout.write(outcome.text)
    return EXIT_OK


def _is_default(args, path: str) -> int:
    from corefile.core.errors import CorefileError
    from corefile.migrate import MigrationError, is_default_corefile
    from corefile.migrate.tree_model import model_from_tree
    from corefile.syntax.reader import parse

    version = args.to_version or args.from_version or args.coredns_version
    name = _display(path, args)
    text = _read(path)
    try:
        answer = is_default_corefile(model_from_tree(parse(text, filename=name)), version)
    except CorefileError as error:
        print(f"{error}", file=sys.stderr)
        return EXIT_USAGE
    except MigrationError as error:
        print(f"corefile: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.output_format == "json":
        sys.stdout.write(json.dumps({"path": name, "version": version, "default": answer}) + "\n")
    else:
        what = f"CoreDNS {version}" if version else "any Kubernetes release"
        print(f"{name}: {'is' if answer else 'is not'} the default Corefile of {what}")
    return EXIT_OK if answer else 1


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
