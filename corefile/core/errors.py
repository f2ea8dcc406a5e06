"""The exceptions the library raises. Each carries a position and renders with the source line and a caret."""

from __future__ import annotations

from corefile.core.positions import Source, Span


class CorefileError(Exception):
    """Any problem reading a Corefile: carries file, line, column and end, and a plain-words message.

    ``code`` names the lint rule that reports the same problem (for example ``unbalanced-braces``),
    so that the linter can turn the exception into a finding without parsing the message.
    """

    def __init__(
        self,
        message: str,
        *,
        span: Span | None = None,
        source: Source | None = None,
        code: str = "syntax-error",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.span = span
        self.source = source
        self.code = code

    @property
    def file(self) -> str | None:
        return self.span.file if self.span else None

    @property
    def line(self) -> int:
        return self.span.start.line if self.span else 0

    @property
    def column(self) -> int:
        return self.span.start.column if self.span else 0

    @property
    def end_line(self) -> int:
        return self.span.end.line if self.span else 0

    @property
    def end_column(self) -> int:
        return self.span.end.column if self.span else 0

    def __str__(self) -> str:
        if self.span is None:
            return self.message
        head = f"{self.span}: {self.message}"
        if self.source is None:
            return head
        text = self.source.line_text(self.line)
        width = 1
        if self.end_line == self.line:
            width = max(1, self.end_column - self.column)
        caret = " " * (self.column - 1) + "^" * width
        return f"{head}\n  {text}\n  {caret}"


class CorefileSyntaxError(CorefileError, ValueError):
    """CoreDNS's reader would refuse this text."""


class ImportProblem(CorefileError):
    """An ``import`` that cannot be resolved as CoreDNS would (missing file, bad glob, limits, cycles)."""
