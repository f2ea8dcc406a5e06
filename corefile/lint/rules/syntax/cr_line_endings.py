from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class CrLineEndings(Rule):
    """## What it does
    Reports a file that ends its lines with a bare carriage return (old Mac style), or carriage
    returns inside words.

    ## Why is this bad?
    CoreDNS drops carriage returns outside quotes without treating them as line breaks: a file
    with bare-CR line endings is one long line (`. {⏎whoami⏎}` reads as `.`, `{`, `whoami}`),
    which CoreDNS refuses or misreads. CRLF endings are fine.

    ## Example
    A file saved with CR-only line endings.

    ## Use instead
    Save the file with LF (or CRLF) line endings.

    ## Fix safety
    No automatic fix.
    """

    code = "SY009"
    name = "cr-line-endings"
    severity = Severity.WARNING
    summary = "carriage returns that are not part of CRLF line endings"
    bad = (Example(". {\r    whoami\r}\r", expect=((1, 4),)),)
    good = (Example(". {\r\n    whoami\r\n}\r\n"),)

    def check(self, context):
        source = context.loaded.source
        text = source.text
        index = text.find("\r")
        while index != -1:
            if not text.startswith("\r\n", index) and not (index + 1 < len(text) and text[index + 1] == "\r"):
                yield Report(
                    source.span(index, index + 1),
                    "a carriage return not followed by a line feed: CoreDNS ignores it instead of "
                    "starting a new line",
                )
                return
            index = text.find("\r", index + 1)
