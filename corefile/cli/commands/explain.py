"""``corefile explain PATH``: what CoreDNS does with a query, server block by server block.

PATH may be ``-`` (standard input) or a manifest: each ConfigMap's Corefile is explained, with
its keys (and ``coredns-custom``'s) as the files it imports.
"""

from __future__ import annotations

import sys

from corefile.cli.commands._args import add_input_arguments, key_value
from corefile.cli.status import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar="PATH", help="a Corefile or manifest; - for standard input")
    parser.add_argument("--coredns-version", metavar="X.Y.Z", help="the CoreDNS release whose plugin order to use (default: newest known)")
    parser.add_argument("--env", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                        help="a value for an environment placeholder (unset ones read as empty, as in CoreDNS)")
    parser.add_argument("--import-map", action="append", default=[], type=key_value, metavar="TARGET=LOCAL")
    parser.add_argument("--plugins", action="append", default=[], metavar="NAMES",
                        help="external plugins compiled into your build (comma-separated)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name standard input (and base its imports there)")
    add_input_arguments(parser)


def run(args) -> int:
    from corefile.analysis.chain import chains, render
    from corefile.analysis.context import Context, Settings
    from corefile.cli.commands import _inputs
    from corefile.core.versions import LATEST, Version
    from corefile.expansion.environment import Environment
    from corefile.expansion.loader import load_document

    version = LATEST
    if args.coredns_version:
        try:
            version = Version.parse(args.coredns_version)
        except ValueError as error:
            raise UsageError(f"--coredns-version: {error}") from None
    extras = frozenset(name.strip() for item in args.plugins for name in item.split(",") if name.strip())
    source = _inputs.read_one(args.path, args)
    status = 0
    for index, document in enumerate(source.documents):
        loaded = load_document(document, environment=Environment(dict(args.env)), import_map=dict(args.import_map),
                               unresolved_is_missing=True)
        what = f"{source.name} ({document.label})" if source.is_manifest else source.name
        if loaded.expansion.error is not None:
            print(f"corefile: CoreDNS would refuse {what}: {loaded.expansion.error}", file=sys.stderr)
            status = 1
        context = Context(loaded, Settings(coredns_version=version, extra_plugins=extras))
        if index:
            sys.stdout.write("\n")
        sys.stdout.write(f"# {what} as CoreDNS {version} runs it\n\n")
        sys.stdout.write(render(chains(context)))
    return status
