"""``corefile lsp``: the language server, over standard input and output.

pygls is imported only here, once the command runs, so that the other commands start without it.
"""

from __future__ import annotations

from corefile.cli.status import UsageError

LSP_EXTRA = "pip install 'corefile[lsp]'"


def add_arguments(parser) -> None:
    parser.add_argument(
        "--stdio", action="store_true",
        help="talk LSP on standard input and output (the default, and the only transport; "
             "accepted because editors often pass it)",
    )


def run(args) -> int:
    try:
        import lsprotocol  # noqa: F401
        import pygls  # noqa: F401
    except ImportError:
        raise UsageError(f"the language server needs pygls, which is not installed: {LSP_EXTRA}") from None
    from corefile.lsp.server import serve

    serve()
    return 0
