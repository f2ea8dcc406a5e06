"""Command line: ``corefile-lint`` and ``corefile`` (lint, tokens, rules, ...).

Start-up matters (pre-commit runs this on every commit), so this module and the command
modules' argument definitions use only the standard library; each command imports the engine
inside its ``run`` function, once the arguments are parsed.
"""

from __future__ import annotations

import importlib
import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # argparse is imported only when arguments are parsed (a cache hit never does)
    import argparse
    from collections.abc import Sequence

from corefile.__about__ import __version__
from corefile.cli.status import EXIT_OK, EXIT_USAGE, UsageError
from corefile.sources.errors import InputError
from corefile.sources.files import MissingInput, discover, input_patterns

#: Sub-command name -> (module under corefile.cli.commands, one-line help). Each module defines
#: ``add_arguments(parser)`` and ``run(args) -> int``.
COMMANDS = {
    "lint": ("lint", "report problems in Corefiles"),
    "tokens": ("tokens", "print what CoreDNS's reader makes of a file (JSON)"),
    "rules": ("rules", "list the rules, or explain one"),
    "plugins": ("plugins", "the plugin reference: syntax, options, repeatability, versions"),
    "format": ("format", "rewrite Corefiles in one canonical layout, keeping every comment"),
    "explain": ("explain", "show what CoreDNS does with a query, block by block, in execution order"),
    "migrate": ("migrate", "move Corefiles between CoreDNS versions, or translate a kube-dns ConfigMap"),
    "lsp": ("lsp", "run the language server for editors (LSP over stdio; needs the `lsp` extra)"),
    "diff": ("diff", "what changes for DNS between two Corefiles, manifests, Helm values or git revisions"),
}


def _lint_with_cache(argv: list[str], parse) -> int:
    """Lint, answering from the report cache when nothing the report depends on has changed.

    The lookup happens before the arguments are even parsed: a cache hit costs no more than
    reading a few files.
    """
    from corefile.cli import result_cache

    cached = result_cache.answer(argv)
    if cached is not None:
        sys.stdout.write(cached["stdout"])
        return int(cached["status"])
    args = parse(argv)
    args.command = "lint"
    tee = result_cache.Tee(sys.stdout)
    sys.stdout = tee
    try:
        status = _run(args)
    finally:
        sys.stdout = tee.stream
    if status != EXIT_USAGE and args.paths:
        ignore_files: list[str] = []
        patterns = input_patterns(getattr(args, "input_format", None))
        inputs = discover(args.paths, patterns, respect_gitignore=not args.no_respect_gitignore,
                          ignore_files=ignore_files, notes=False)
        searched = [path for path in args.paths if os.path.isdir(path)]
        extra = [path for path in [getattr(args, "config", None), *getattr(args, "plugins", [])] if path and os.path.isfile(path)]
        extra += ignore_files  # a changed .gitignore changes what a walk takes
        result_cache.store(argv, inputs, searched, extra, "".join(tee.parts), status)
    return status


def _command(name: str):
    return importlib.import_module(f"corefile.cli.commands.{COMMANDS[name][0]}")


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="corefile", description="Read, check, format and migrate CoreDNS Corefiles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_module, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".")
        _command(name).add_arguments(sub)
    return parser


def _guarded(command):
    """Run ``command`` with closed standard streams replaced by stand-ins that refuse clearly."""
    from corefile.cli import streams

    streams.guard()
    try:
        return command()
    except UsageError as error:  # e.g. standard output closed, met outside a command's own handling
        print(f"corefile: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """``corefile``: the umbrella command."""
    return _guarded(lambda: _main(argv))


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["lint"]:
        return _lint_with_cache(argv[1:], lambda rest: build_parser().parse_args(["lint", *rest]))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return _run(args)


def lint_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="corefile-lint", description="Report problems in CoreDNS Corefiles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _command("lint").add_arguments(parser)
    return parser


def lint_main(argv: Sequence[str] | None = None) -> int:
    """``corefile-lint``: the same as ``corefile lint``."""
    return _guarded(lambda: _lint_main(argv))


def _lint_main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:  # answered without building the argument parser
        print(f"corefile-lint {__version__}")
        return EXIT_OK
    return _lint_with_cache(argv, lambda rest: lint_parser().parse_args(rest))


def _run(args: argparse.Namespace) -> int:
    try:
        return _command(args.command).run(args)
    except (UsageError, MissingInput, InputError) as error:
        print(f"corefile: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
