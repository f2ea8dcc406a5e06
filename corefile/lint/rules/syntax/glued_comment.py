from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class GluedComment(Rule):
    """## What it does
    Reports a `#` in the middle of a word, such as `log#debug` or `8.8.8.8#dns.google`.

    ## Why is this bad?
    CoreDNS cuts the word at the `#` and ignores only the rest of *that word*: the words after
    it on the same line are still read. `forward . 8.8.8.8#primary 1.1.1.1` forwards to both
    servers, and `log#x y` gives `log` the argument `y`.

    ## Example
    ```
    . {
        forward . 8.8.8.8#primary 1.1.1.1
    }
    ```

    ## Use instead
    ```
    . {
        forward . 8.8.8.8 1.1.1.1 # primary first
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "SY008"
    name = "glued-comment"
    severity = Severity.WARNING
    summary = "a `#` inside a word cuts only that word, not the rest of the line"
    bad = (Example(". {\n    forward . 8.8.8.8#primary 1.1.1.1\n}\n", expect=((2, 22),)),)
    good = (Example(". {\n    forward . 8.8.8.8 1.1.1.1 # primary first\n}\n"),)

    def check(self, context):
        for word in _words_with_glued_comments(context):
            yield Report(
                word.glued.span,
                f"`{word.glued.text}` is cut from `{word.value}{word.glued.text}`; words after it on "
                "the line are still read",
                help="put a space before `#` to comment out the rest of the line",
            )


def _words_with_glued_comments(context):
    seen = set()
    for _view, line in context.all_lines():
        for token in line.tokens:
            word = token.word
            if word.glued is not None and id(word) not in seen:
                seen.add(id(word))
                yield word
    for view in context.blocks:
        for token in view.block.keys:
            if token.word.glued is not None and id(token.word) not in seen:
                seen.add(id(token.word))
                yield token.word
