"""Standard streams that may be closed (``corefile-lint <&-``, ``... >&-``).

Python sets ``sys.stdin``/``sys.stdout``/``sys.stderr`` to None when the file descriptor is
closed at start-up. Commands then fail on first use with an AttributeError; here each missing
stream is replaced by a stand-in that raises a :class:`~corefile.cli.status.UsageError` naming
the stream (exit status 2), and a missing standard error swallows what is written to it, since
there is nowhere to say anything. Standard library only: this runs before every command.
"""

from __future__ import annotations

import io
import sys

from corefile.cli.status import UsageError


class ClosedStream(io.TextIOBase):
    """A standard stream whose file descriptor was closed before the program started."""

    def __init__(self, name: str, silent: bool = False) -> None:
        super().__init__()
        self.stream_name = name
        self.silent = silent

    @property
    def buffer(self) -> ClosedStream:  # code that wants bytes gets the same refusal
        return self

    def _refuse(self):
        raise UsageError(f"standard {self.stream_name} is closed")

    def read(self, size: int | None = -1):
        self._refuse()

    def readline(self, size: int | None = -1):
        self._refuse()

    def write(self, text) -> int:
        if self.silent:
            return len(text)
        self._refuse()

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def isatty(self) -> bool:
        return False

    def flush(self) -> None:
        pass

    def readable(self) -> bool:
        return self.stream_name == "input"

    def writable(self) -> bool:
        return self.stream_name != "input"


def guard() -> None:
    """Put a stand-in in place of every standard stream that is closed."""
    if sys.stdin is None:
        sys.stdin = ClosedStream("input")
    if sys.stdout is None:
        sys.stdout = ClosedStream("output")
    if sys.stderr is None:
        sys.stderr = ClosedStream("error", silent=True)


def is_closed(stream) -> bool:
    return isinstance(stream, ClosedStream)
