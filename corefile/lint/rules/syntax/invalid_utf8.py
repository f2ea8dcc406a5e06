from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Rule


class InvalidUtf8(Rule):
    """## What it does
    Reports bytes that are not valid UTF-8.

    ## Why is this bad?
    CoreDNS reads each invalid byte as U+FFFD (the replacement character), so a zone or an
    argument holding one is not the name that was meant.

    ## Example
    A Corefile saved in Latin-1 with an accented zone name.

    ## Use instead
    Save the file as UTF-8.

    ## Fix safety
    No fix.
    """

    code = "SY011"
    name = "invalid-utf8"
    severity = Severity.WARNING
    summary = "bytes that are not UTF-8 (CoreDNS reads each as U+FFFD)"

    def check(self, context):
        source = context.loaded.source
        if not source.invalid_bytes:
            return
        data_offsets = source.invalid_bytes
        # Each invalid byte became one U+FFFD; find them in the text in order.
        index = -1
        for byte_offset in data_offsets:
            index = source.text.find("\ufffd", index + 1)
            if index == -1:
                break
            yield Report(
                source.span(index, index + 1),
                f"byte {byte_offset} is not valid UTF-8; CoreDNS reads it as U+FFFD",
            )
