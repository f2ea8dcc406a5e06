"""Run the real command line in a child process, as a new user would from a shell."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

ENTRY = {
    "corefile-lint": "import sys; from corefile.cli.main import lint_main; sys.exit(lint_main())",
    "corefile": "import sys; from corefile.cli.main import main; sys.exit(main())",
}


def run_cli(program: str, *args: str, cwd=None, input: bytes | None = None, close: tuple[int, ...] = (),
            stdin=None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``program`` (``corefile-lint`` or ``corefile``) with ``args`` and capture its output.

    ``close`` lists file descriptors the child closes before it starts: ``close=(0,)`` is the
    shell's ``<&-``, ``close=(1,)`` its ``>&-``.
    """

    def close_fds() -> None:
        for fd in close:
            os.close(fd)

    return subprocess.run(
        [sys.executable, "-c", ENTRY[program], *args],
        cwd=cwd,
        input=input,
        stdin=stdin if input is None else None,
        capture_output=True,
        preexec_fn=close_fds if close else None,
        env={**os.environ, "COREFILE_NO_CACHE": "1", **(env or {})},
        timeout=120,
    )


@pytest.fixture
def cli():
    return run_cli
