"""``corefile format``: rewrite Corefiles in the canonical layout (or check / show the difference)."""

from __future__ import annotations

import difflib
import sys

from corefile.cli.status import EXIT_OK, UsageError


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="Corefiles or folders; - for standard input")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would be reformatted")
    parser.add_argument("--diff", action="store_true", help="change nothing; print a unified diff of the changes")
    parser.add_argument("--indent", type=int, default=4, metavar="N", help="spaces per nesting level (default 4)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name standard input in messages")


def run(args) -> int:
    from corefile.core.errors import CorefileError
    from corefile.sources.files import discover, read_input
    from corefile.syntax.formatter import format_text

    if args.indent < 1 or args.indent > 16:
        raise UsageError("--indent must be between 1 and 16")
    paths = args.paths or ["-"]
    changed = 0
    failed = False
    for path in discover(paths):
        name = args.stdin_filename or "-" if path == "-" else path
        data = sys.stdin.buffer.read() if path == "-" else read_input(path)
        text = data.decode("utf-8", "replace")
        try:
            formatted = format_text(data, indent=args.indent, filename=name)
        except CorefileError as error:
            print(f"{error}", file=sys.stderr)
            failed = True
            continue
        if formatted == text:
            if path == "-" and not (args.check or args.diff):
                sys.stdout.write(formatted)
            continue
        changed += 1
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(
                text.splitlines(keepends=True), formatted.splitlines(keepends=True), f"{name}", f"{name} (formatted)"))
        elif args.check:
            print(f"would reformat {name}", file=sys.stderr)
        elif path == "-":
            sys.stdout.write(formatted)
        else:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(formatted)
            print(f"reformatted {name}", file=sys.stderr)
    if failed:
        return 2
    if (args.check or args.diff) and changed:
        return 1
    return EXIT_OK
