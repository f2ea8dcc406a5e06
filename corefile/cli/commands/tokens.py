"""``corefile tokens PATH``: CoreDNS's reader's view of a file, as JSON."""

from __future__ import annotations

import json
import os
import sys

from corefile.cli.commands._args import key_value
from corefile.cli.status import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar="PATH")
    parser.add_argument("--env", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                        help="a value for an environment placeholder (unset ones read as empty, as in CoreDNS)")
    parser.add_argument("--import-map", action="append", default=[], type=key_value, metavar="TARGET=LOCAL")


def run(args) -> int:
    from corefile.expansion.environment import Environment
    from corefile.expansion.loader import load
    from corefile.expansion.tokens_view import token_view

    if not os.path.isfile(args.path):
        raise UsageError(f"{args.path}: no such file")
    loaded = load(
        args.path,
        environment=Environment(dict(args.env)),
        import_map=dict(args.import_map),
        unresolved_is_missing=True,
    )
    json.dump(token_view(loaded), sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
