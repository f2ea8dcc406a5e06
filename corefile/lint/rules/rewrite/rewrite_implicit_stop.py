from __future__ import annotations

import re

from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules.rewrite._common import read_rule

_NAME_FIELDS = ("name", "ttl", "rcode", "cname")


class RewriteImplicitStop(Rule):
    """## What it does
    Reports a `rewrite` rule that never runs for some queries because an earlier `rewrite` in
    the block, which does not say `stop` or `continue`, can match the same queries.

    ## Why is this bad?
    Rewrite rules run in file order and the default mode is `stop`: the first rule that
    matches ends rewriting. `rewrite edns0 local set 0xffee {client_ip}` matches every query, so
    a `rewrite name ...` written after it never applies; two name rules whose patterns overlap
    apply only the first (coredns/coredns#936). Saying `continue` or `stop` explicitly on the
    earlier rule makes the intent visible and silences this rule.

    ## Example
    ```
    . {
        rewrite edns0 local set 0xffee {client_ip}
        rewrite name suffix .lan .example.org answer auto
        forward . 8.8.8.8
    }
    ```

    ## Use instead
    ```
    . {
        rewrite continue edns0 local set 0xffee {client_ip}
        rewrite name suffix .lan .example.org answer auto
        forward . 8.8.8.8
    }
    ```

    ## Fix safety
    No automatic fix: `continue` changes which rules apply.
    """

    code = "RW003"
    name = "rewrite-implicit-stop"
    severity = Severity.INFO
    summary = "a rewrite rule hidden by an earlier rule that stops by default"
    bad = (
        Example(". {\n    rewrite edns0 local set 0xffee {client_ip}\n    rewrite name suffix .lan .example.org answer auto\n"
                "    forward . 8.8.8.8\n}\n", expect=((3, 5),)),
        Example(". {\n    rewrite name suffix .example.org .example.net answer auto\n"
                "    rewrite name exact www.example.org web.example.net\n    forward . 8.8.8.8\n}\n", expect=((3, 5),)),
    )
    good = (
        Example(". {\n    rewrite continue edns0 local set 0xffee {client_ip}\n    rewrite name suffix .lan .example.org answer auto\n"
                "    forward . 8.8.8.8\n}\n"),
        Example(". {\n    rewrite name a.example.org b.example.org\n    rewrite name c.example.org d.example.org\n"
                "    forward . 8.8.8.8\n}\n"),
    )

    def check(self, context):
        for view in context.blocks:
            rules = [rule for rule in map(read_rule, view.named("rewrite")) if rule is not None]
            for index, rule in enumerate(rules):
                for earlier in rules[:index]:
                    if earlier.mode is not None:
                        continue
                    if _overlap(earlier, rule):
                        yield Report(
                            rule.line.name,
                            "an earlier rewrite can match the same queries and stops rewriting (the default mode): "
                            "this rule does not run for them",
                            related=(Related(earlier.line.name.span, "this rule stops first (no `continue`)"),),
                            help="write `rewrite continue ...` on the earlier rule, or `stop` to confirm",
                        )
                        break


def _overlap(a, b) -> bool:
    ka, kb = a.field.text.lower(), b.field.text.lower()
    if ka == "edns0" or kb == "edns0":
        return True
    if ka in ("type", "class") and kb == ka:
        return a.pattern == b.pattern
    if ka in ("type", "class") or kb in ("type", "class"):
        return True
    if ka in _NAME_FIELDS and kb in _NAME_FIELDS:
        return _names_overlap(a.match_type, _norm(a.pattern), b.match_type, _norm(b.pattern))
    return False


def _norm(name: str) -> str:
    return name.lower()


def _names_overlap(ta: str, a: str, tb: str, b: str) -> bool:
    if ta == "exact" and tb == "exact":
        return a.rstrip(".") == b.rstrip(".")
    if tb == "exact":
        ta, a, tb, b = tb, b, ta, a
    if ta == "exact":
        return _matches(tb, b, a)
    if ta == tb == "suffix":
        return a.rstrip(".").endswith(b.rstrip(".")) or b.rstrip(".").endswith(a.rstrip("."))
    if ta == tb == "prefix":
        return a.startswith(b) or b.startswith(a)
    return True  # regex or substring against another pattern: assume they can meet


def _matches(kind: str, pattern: str, name: str) -> bool:
    fq = name if name.endswith(".") else name + "."
    if kind == "suffix":
        return fq.endswith(pattern if pattern.endswith(".") else pattern + ".") or name.rstrip(".").endswith(pattern.rstrip("."))
    if kind == "prefix":
        return name.startswith(pattern)
    if kind == "substring":
        return pattern.rstrip(".") in name
    try:
        return re.search(pattern, fq) is not None
    except re.error:
        return True
