from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules.rewrite._common import read_rule


class RewriteMissingAnswer(Rule):
    """## What it does
    Reports a `rewrite name prefix|suffix|substring|regex FROM TO` rule with no answer rewrite
    (`answer auto`, `answer name ...`, `answer value ...`).

    ## Why is this bad?
    CoreDNS rewrites the question, resolves the new name and restores the original question in
    the response, but the answer records keep the rewritten owner name: a client that asked
    for `db.example.com` gets `db.svc.cluster.local. A 10.0.0.5`. Stub resolvers (glibc,
    musl, Go) drop records whose name does not match the question, so the lookup fails although
    `dig` shows an answer (coredns/coredns#1313, #2202, k3d-io/k3d#816).

    ## Example
    ```
    . {
        rewrite name suffix .example.com .svc.cluster.local
        kubernetes cluster.local
    }
    ```

    ## Use instead
    ```
    . {
        rewrite name suffix .example.com .svc.cluster.local answer auto
        kubernetes cluster.local
    }
    ```
    (`answer auto` needs CoreDNS 1.10; before, write `answer name` with the reverse mapping).

    ## Fix safety
    No automatic fix.
    """

    code = "RW001"
    name = "rewrite-missing-answer"
    severity = Severity.WARNING
    summary = "a non-exact name rewrite without an answer rewrite: clients reject the answers"
    bad = (
        Example(". {\n    rewrite name suffix .example.com .svc.cluster.local\n    forward . 8.8.8.8\n}\n", expect=((2, 13),)),
        Example(". {\n    rewrite stop {\n        name regex (.*)\\.lan {1}.example.org\n    }\n    forward . 8.8.8.8\n}\n",
                expect=((3, 9),)),
    )
    good = (
        Example(". {\n    rewrite name suffix .example.com .svc.cluster.local answer auto\n    forward . 8.8.8.8\n}\n"),
        Example(". {\n    rewrite stop {\n        name regex (.*)\\.lan {1}.example.org\n"
                "        answer name (.*)\\.example\\.org {1}.lan\n    }\n    forward . 8.8.8.8\n}\n"),
        Example(". {\n    rewrite name example.com example.org\n    forward . 8.8.8.8\n}\n"),
    )

    def check(self, context):
        for view in context.blocks:
            for line in view.named("rewrite"):
                rule = read_rule(line)
                if rule is None or rule.field.text.lower() != "name" or rule.match_type == "exact":
                    continue
                if len(rule.rest) > 1:  # TO and at least one answer rule
                    continue
                yield Report(
                    rule.field,
                    f"this {rule.match_type} name rewrite has no answer rewrite: answers keep the rewritten name "
                    "and clients that check it against their question drop them",
                    help="add `answer auto` (CoreDNS 1.10+) or `answer name TO-PATTERN FROM`",
                )
