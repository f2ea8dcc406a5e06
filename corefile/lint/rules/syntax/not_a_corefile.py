from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule

#: How much of the file the judgement reads: enough to tell, cheap on a large binary.
SAMPLE = 8192
#: Below this many characters a file is judged by NUL bytes only (CoreDNS's fuzz inputs are short
#: and odd, and it accepts some of them).
MIN_SAMPLE = 64
#: Share of control characters and bytes that are not UTF-8 above which a file is not text.
MAX_NOISE = 0.3
_TEXT_CONTROLS = frozenset("\t\n\r\x0b\x0c")


def _is_noise(char: str) -> bool:
    return char == "\ufffd" or char == "\x7f" or (char < " " and char not in _TEXT_CONTROLS)


def diagnose(text: str, invalid_bytes: int) -> tuple[int, str] | None:
    """Why ``text`` is not a Corefile at all (the offset to point at, and the reason), or None.

    The signs: a NUL character (no text file holds one; UTF-16 holds one in every other place
    for ASCII), or, in a file of some size, more than :data:`MAX_NOISE` of its characters being
    control characters or bytes that are not UTF-8.
    """
    sample = text[:SAMPLE]
    nul = sample.find("\x00")
    if nul != -1:
        zeros = [index for index, char in enumerate(sample) if char == "\x00"]
        same_parity = max(sum(1 for i in zeros if i % 2 == 0), sum(1 for i in zeros if i % 2 == 1))
        if len(zeros) >= len(sample) // 4 and same_parity >= 0.9 * len(zeros):
            bom = " with a byte order mark" if sample.startswith("\ufffd\ufffd") else ""
            return nul, (f"this file looks like UTF-16 text{bom}; CoreDNS reads only UTF-8, and would see a "
                         "NUL byte beside every letter: save it as UTF-8")
        return nul, "this is not a Corefile: it holds NUL bytes (a binary file?)"
    if len(sample) < MIN_SAMPLE:
        return None
    noise = [index for index, char in enumerate(sample) if _is_noise(char)]
    if len(noise) > MAX_NOISE * len(sample):
        share = round(100 * len(noise) / len(sample))
        kind = "bytes that are not UTF-8 or control characters" if invalid_bytes else "control characters"
        return noise[0], f"this is not a Corefile: {share}% of its first characters are {kind}"
    return None


class NotACorefile(Rule):
    """## What it does
    Reports, once, a file that is not a Corefile at all: a binary (it holds NUL bytes), UTF-16
    text (with or without a byte order mark), or a file whose characters are mostly control
    characters or bytes that are not UTF-8. No other rule runs on such a file: a thousand
    findings about a binary tell nothing more.

    ## Why is this bad?
    CoreDNS reads a Corefile as UTF-8 text. Given anything else it reads garbage words: it
    refuses to start on most such files (`Unknown directive`), and serves nonsense zones from
    the rest. Usually the wrong file was given, or an editor saved the Corefile as UTF-16.

    The judgement reads the first 8 KB: a NUL byte decides; otherwise, in a file of 64
    characters or more, more than 30% of control characters and bytes that are not UTF-8 do.
    Severity: error when CoreDNS would refuse the file (its reader or an unknown directive),
    warning otherwise.

    ## Example
    A Corefile saved by an editor as UTF-16.

    ## Use instead
    Save it as UTF-8, or lint the right file.

    ## Fix safety
    No fix.
    """

    code = "SY015"
    name = "not-a-corefile"
    severity = Severity.ERROR
    summary = "a binary or UTF-16 file, not a Corefile (reported once; nothing else is checked)"
    #: When this rule reports, it is the only finding of the file.
    gate = True
    bad = (
        Example("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\n", expect=((1, 8),)),
        Example("".join(f"{char}\x00" for char in ". {\n    whoami\n}\n"), expect=((1, 2),),
                title="UTF-16 (little-endian) without a byte order mark"),
        Example("\x01\x02\x03\x04 \x05\x06\x07\x08" * 10 + "\n", expect=((1, 1),)),
    )
    good = (
        Example(". {\n    whoami\n}\n"),
        Example("\u00e9.example {\n    whoami\n}\n", title="UTF-8 text beyond ASCII"),
    )

    def check(self, context):
        source = context.loaded.source
        found = diagnose(source.text, len(source.invalid_bytes))
        if found is None:
            return
        offset, reason = found
        severity = Severity.ERROR if _refused(context) else Severity.WARNING
        yield Report(source.span(offset, offset + 1), f"{reason}; nothing else is checked", severity=severity,
                     help="lint the Corefile itself, saved as UTF-8")


def _refused(context) -> bool:
    """CoreDNS would not start on the file: its reader refuses it, or a directive is unknown."""
    if not context.loaded.expansion.accepted:
        return True
    return any(not context.is_available(line.name.text) for _view, line in context.all_lines())
