"""Command line: ``corefile-lint`` and ``corefile`` (lint, tokens, rules, ...).

Start-up matters (pre-commit runs this on every commit), so this module and the command
modules' argument definitions use only the standard library; each command imports the engine
inside its ``run`` function, once the arguments are parsed.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from corefile.__about__ import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

#: Sub-command name -> (module under corefile.commands, one-line help). Each module defines
#: ``add_arguments(parser)`` and ``run(args) -> int``.
COMMANDS = {
    "lint": ("lint", "report problems in Corefiles"),
    "tokens": ("tokens", "print what CoreDNS's reader makes of a file (JSON)"),
    "rules": ("rules", "list the rules, or explain one"),
    "format": ("format", "rewrite Corefiles in one canonical layout, keeping every comment"),
}


class UsageError(Exception):
    """Bad arguments, configuration or input: exit status 2."""


def _lint_with_cache(args: argparse.Namespace) -> int:
    """Answer from the report cache when nothing that could change the report has changed."""
    from corefile import result_cache

    key = None
    if args.paths:
        try:
            inputs = _command("lint")._inputs(args.paths)
        except UsageError:
            inputs = []
        key = result_cache.key_for(args, inputs)
    if key is not None:
        cached = result_cache.lookup(key)
        if cached is not None:
            sys.stdout.write(cached["stdout"])
            return int(cached["status"])
    tee = result_cache.Tee(sys.stdout)
    sys.stdout = tee
    try:
        status = _command("lint").run(args)
    finally:
        sys.stdout = tee.stream
    if key is not None:
        result_cache.store(key, "".join(tee.parts), status)
    return status


def _command(name: str):
    return importlib.import_module(f"corefile.commands.{COMMANDS[name][0]}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corefile", description="Read, check, format and migrate CoreDNS Corefiles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
        _command(name).add_arguments(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``corefile``: the umbrella command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return _run(args)


def lint_main(argv: Sequence[str] | None = None) -> int:
    """``corefile-lint``: the same as ``corefile lint``."""
    parser = argparse.ArgumentParser(prog="corefile-lint", description="Report problems in CoreDNS Corefiles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _command("lint").add_arguments(parser)
    args = parser.parse_args(argv)
    args.command = "lint"
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "lint":
            return _lint_with_cache(args)
        return _command(args.command).run(args)
    except UsageError as error:
        print(f"corefile: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
