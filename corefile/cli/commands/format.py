"""``corefile format``: rewrite Corefiles in the canonical layout (or check / show the difference).

Any input works: a Corefile (its encoding, BOM and line endings kept), a manifest whose
ConfigMaps hold Corefiles (only those block scalars change; every other byte stays), or ``-``.
An input that cannot be rewritten faithfully (bytes that do not decode, a Corefile in a folded
or quoted YAML scalar, an anchor) is refused with exit status 2 and left untouched.
"""

from __future__ import annotations

import sys

from corefile.cli.commands._args import add_input_arguments
from corefile.cli.status import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError


def add_arguments(parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="Corefiles, manifests or folders; - for standard input")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would be reformatted")
    parser.add_argument("--diff", action="store_true", help="change nothing; print a unified diff of the changes")
    parser.add_argument("--indent", type=int, default=4, metavar="N", help="spaces per nesting level (default 4)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name standard input in messages")
    add_input_arguments(parser)


def run(args) -> int:
    from corefile.cli.commands import _inputs
    from corefile.core.errors import CorefileError
    from corefile.sources.errors import InputError
    from corefile.syntax.formatter import format_text

    if args.indent < 1 or args.indent > 16:
        raise UsageError("--indent must be between 1 and 16")
    changed = 0
    failed = False
    for path in _inputs.input_paths(args.paths or ["-"], args):
        try:
            source = _inputs.read(path, args)
        except InputError as error:
            print(f"corefile: error: {error}", file=sys.stderr)
            failed = True
            continue
        formatted = {}
        for part in source.corefiles:
            try:
                formatted[part] = format_text(part.text, indent=args.indent, filename=source.name)
            except CorefileError as error:
                print(_inputs.describe(error, part), file=sys.stderr)
                failed = True
        if len(formatted) < len(source.corefiles):
            continue
        try:
            data = source.rewrite(formatted, newlines="first")
        except InputError as error:
            print(f"corefile: error: {error}", file=sys.stderr)
            failed = True
            continue
        if data == source.file.data:
            if not (args.check or args.diff):
                _inputs.echo(source)
            continue
        changed += 1
        if args.diff:
            sys.stdout.writelines(_inputs.diff(source, data, "formatted"))
        elif args.check:
            print(f"would reformat {source.name}", file=sys.stderr)
        else:
            _inputs.write(source, data)
            if source.path is not None:
                print(f"reformatted {source.name}", file=sys.stderr)
    if failed:
        return EXIT_USAGE
    if (args.check or args.diff) and changed:
        return EXIT_FINDINGS
    return EXIT_OK
