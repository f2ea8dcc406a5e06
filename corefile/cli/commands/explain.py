"""``corefile explain PATH``: what CoreDNS does with a query, server block by server block."""

from __future__ import annotations

import os
import sys

from corefile.cli.commands._args import key_value
from corefile.cli.status import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar="PATH")
    parser.add_argument("--coredns-version", metavar="X.Y.Z", help="the CoreDNS release whose plugin order to use (default: newest known)")
    parser.add_argument("--env", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                        help="a value for an environment placeholder (unset ones read as empty, as in CoreDNS)")
    parser.add_argument("--import-map", action="append", default=[], type=key_value, metavar="TARGET=LOCAL")
    parser.add_argument("--plugins", action="append", default=[], metavar="NAMES",
                        help="external plugins compiled into your build (comma-separated)")


def run(args) -> int:
    from corefile.analysis.chain import chains, render
    from corefile.analysis.context import Context, Settings
    from corefile.core.versions import LATEST, Version
    from corefile.expansion.environment import Environment
    from corefile.expansion.loader import load

    if not os.path.isfile(args.path):
        raise UsageError(f"{args.path}: no such file")
    version = LATEST
    if args.coredns_version:
        try:
            version = Version.parse(args.coredns_version)
        except ValueError as error:
            raise UsageError(f"--coredns-version: {error}") from None
    extras = frozenset(name.strip() for item in args.plugins for name in item.split(",") if name.strip())
    loaded = load(args.path, environment=Environment(dict(args.env)), import_map=dict(args.import_map),
                  unresolved_is_missing=True)
    if loaded.expansion.error is not None:
        print(f"corefile: CoreDNS would refuse {args.path}: {loaded.expansion.error}", file=sys.stderr)
    context = Context(loaded, Settings(coredns_version=version, extra_plugins=extras))
    sys.stdout.write(f"# {args.path} as CoreDNS {version} runs it\n\n")
    sys.stdout.write(render(chains(context)))
    return 0 if loaded.expansion.error is None else 1
