"""``corefile tokens PATH``: CoreDNS's reader's view of a file, as JSON."""

from __future__ import annotations

import json
import os
import sys

from corefile.cli import UsageError
from corefile.environment import Environment
from corefile.loader import load
from corefile.tokens_view import token_view


def run_tokens(args) -> int:
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
