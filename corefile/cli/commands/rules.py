"""``corefile rules [RULE]``: the rule table, or one rule's documentation."""

from __future__ import annotations

import json
import sys

from corefile.cli.status import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("rule", nargs="?", metavar="RULE", help="a rule name or code")
    parser.add_argument("--output-format", choices=("text", "json"), default="text")


def run(args) -> int:
    from corefile.lint.rule_docs import rule_page
    from corefile.lint.rules import UnknownRule, all_rules, get

    if args.rule:
        try:
            rule = get(args.rule)
        except UnknownRule:
            raise UsageError(f"no rule named {args.rule!r}; `corefile rules` lists them") from None
        sys.stdout.write(rule_page(rule))
        return 0
    rules = all_rules()
    if args.output_format == "json":
        rows = [
            {"code": r.code, "name": r.name, "severity": str(r.severity), "summary": r.summary,
             "fix": r.fix or None, "default": r.default_enabled}
            for r in rules
        ]
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for rule in rules:
        flag = "" if rule.default_enabled else " (off by default)"
        sys.stdout.write(f"{rule.code}  {rule.name:<26} {str(rule.severity):<8} {rule.summary}{flag}\n")
    return 0
