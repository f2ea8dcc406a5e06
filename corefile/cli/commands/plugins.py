"""``corefile plugins [NAME]``: the plugin reference, from the same catalogue the linter checks with."""

from __future__ import annotations

import sys

from corefile.cli.status import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("plugin", nargs="?", metavar="NAME", help="one plugin (default: the whole reference)")


def run(args) -> int:
    from corefile.catalogue.reference import render_plugin, render_plugin_reference

    if args.plugin is None:
        sys.stdout.write(render_plugin_reference())
        return 0
    page = render_plugin(args.plugin)
    if page is None:
        raise UsageError(f"no plugin named {args.plugin!r}; `corefile plugins` lists them all")
    sys.stdout.write(page if page.endswith("\n") else page + "\n")
    return 0
