"""Command line: ``corefile-lint`` and ``corefile`` (lint, tokens, rules, ...).

Start-up matters (pre-commit runs this on every commit), so this module imports only the
standard library at load time; the engine is imported once arguments are parsed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from corefile.__about__ import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
OUTPUT_FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "junit")


class UsageError(Exception):
    """Bad arguments, configuration or input: exit status 2."""


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def _add_lint_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="Corefiles or folders to lint; - for standard input")
    parser.add_argument("--select", action="append", default=None, metavar="RULES",
                        help="rules to run (names, codes, family prefixes such as ZN, or ALL); replaces the default set")
    parser.add_argument("--extend-select", action="append", default=[], metavar="RULES", help="rules to run in addition")
    parser.add_argument("--ignore", action="append", default=[], metavar="RULES", help="rules not to run")
    parser.add_argument("--coredns-version", metavar="X.Y.Z", help="the CoreDNS release to check against (default: newest known)")
    parser.add_argument("--plugins", action="append", default=[], metavar="NAMES|plugin.cfg",
                        help="external plugins compiled into your build, or the path of its plugin.cfg")
    parser.add_argument("--import-map", action="append", default=[], type=_key_value, metavar="TARGET=LOCAL",
                        help="read imports under the target machine's folder TARGET from the local folder LOCAL")
    parser.add_argument("--env", action="append", default=[], type=_key_value, metavar="KEY=VALUE",
                        help="a value for an environment placeholder {$KEY}")
    parser.add_argument("--use-environment", action="store_true",
                        help="take placeholder values from this process's environment (off by default: no secrets leak)")
    parser.add_argument("--cluster-domain", metavar="DOMAIN", help="the Kubernetes cluster domain (default cluster.local)")
    parser.add_argument("--profile", choices=("auto", "kubernetes", "standalone"), help="turn the Kubernetes rules on, off or automatic")
    parser.add_argument("--config", metavar="FILE", help="use this configuration file")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--output-format", choices=OUTPUT_FORMATS, default=None, help="how to print findings (default full)")
    parser.add_argument("--output-file", metavar="FILE", help="write the report here instead of standard output")
    parser.add_argument("--statistics", action="store_true", help="print how many findings each rule produced")
    parser.add_argument("--fail-level", choices=("error", "warning", "info"), help="lowest severity that fails (default warning)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are reported")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name standard input in the report (and base its imports there)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour the full and concise formats")


def build_parser(prog: str = "corefile") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Read, check, format and migrate CoreDNS Corefiles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    lint = commands.add_parser("lint", help="report problems in Corefiles")
    _add_lint_arguments(lint)
    tokens = commands.add_parser("tokens", help="print what CoreDNS's reader makes of a file (JSON)")
    tokens.add_argument("path", metavar="PATH")
    tokens.add_argument("--env", action="append", default=[], type=_key_value, metavar="KEY=VALUE")
    tokens.add_argument("--import-map", action="append", default=[], type=_key_value, metavar="TARGET=LOCAL")
    rules = commands.add_parser("rules", help="list the rules, or explain one")
    rules.add_argument("rule", nargs="?", metavar="RULE")
    rules.add_argument("--output-format", choices=("text", "json"), default="text")
    return parser


def lint_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="corefile-lint", description="Report problems in CoreDNS Corefiles.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_lint_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``corefile``: the umbrella command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    return _dispatch(args)


def lint_main(argv: Sequence[str] | None = None) -> int:
    """``corefile-lint``: the same as ``corefile lint``."""
    args = lint_parser().parse_args(argv)
    args.command = "lint"
    return _dispatch(args)


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "lint":
            from corefile.commands.lint import run_lint

            return run_lint(args)
        if args.command == "tokens":
            from corefile.commands.tokens import run_tokens

            return run_tokens(args)
        if args.command == "rules":
            from corefile.commands.rules import run_rules

            return run_rules(args)
    except UsageError as error:
        print(f"corefile: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    raise AssertionError(f"unhandled command {args.command}")
