"""``corefile tokens PATH``: CoreDNS's reader's view of a file, as JSON.

PATH may be ``-`` (standard input) or a manifest: a ConfigMap's Corefile is read with its keys
as the files it imports. A manifest holding several Corefiles prints a JSON list of
``{"configmap", "key", "tokens"}`` objects, one per Corefile.
"""

from __future__ import annotations

import json
import sys

from corefile.cli.commands._args import add_input_arguments, key_value


def add_arguments(parser) -> None:
    parser.add_argument("path", metavar="PATH", help="a Corefile or manifest; - for standard input")
    parser.add_argument("--env", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                        help="a value for an environment placeholder (unset ones read as empty, as in CoreDNS)")
    parser.add_argument("--import-map", action="append", default=[], type=key_value, metavar="TARGET=LOCAL")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name standard input (and base its imports there)")
    add_input_arguments(parser)


def run(args) -> int:
    from corefile.cli.commands import _inputs
    from corefile.expansion.environment import Environment
    from corefile.expansion.loader import load_document
    from corefile.expansion.tokens_view import token_view

    source = _inputs.read_one(args.path, args)
    views = []
    for document in source.documents:
        loaded = load_document(document, environment=Environment(dict(args.env)), import_map=dict(args.import_map),
                               unresolved_is_missing=True)
        views.append((document, token_view(loaded)))
    if source.is_manifest and len(views) != 1:
        output = [{"configmap": document.main.configmap.label if document.main else None,
                   "key": document.main.key if document.main else None, "tokens": view} for document, view in views]
    else:
        output = views[0][1]
    json.dump(output, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
