"""``corefile rules [RULES]``: the rule table, one rule's documentation, or a family's table."""

from __future__ import annotations

import json
import sys

from corefile.cli.status import UsageError


def add_arguments(parser) -> None:
    parser.add_argument("rule", nargs="?", metavar="RULES",
                        help="a rule name or code (its documentation), or a family or prefix such as ZN (its table), as --select takes")
    parser.add_argument("--output-format", choices=("text", "json", "markdown"), default="text",
                        help="text for a terminal (default), json, or markdown (a rule's page as in docs/rules)")


def run(args) -> int:
    from corefile.lint.rule_docs import rule_page, rule_text
    from corefile.lint.rules import (
        UnknownRule,
        all_rules,
        get,
        matching,
        unknown_rule_message,
    )

    rules = all_rules()
    if args.rule:
        try:
            rule = get(args.rule)
        except UnknownRule:
            try:
                rules = tuple(matching(args.rule))
            except UnknownRule:
                raise UsageError(f"{unknown_rule_message(args.rule)} (`corefile rules` lists them)") from None
        else:
            if args.output_format == "json":
                json.dump(_row(rule) | {"documentation": rule_page(rule)}, sys.stdout, indent=2)
                sys.stdout.write("\n")
            else:
                sys.stdout.write(rule_page(rule) if args.output_format == "markdown" else rule_text(rule))
            return 0
    if args.output_format == "json":
        json.dump([_row(r) for r in rules], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    for rule in rules:
        flag = "" if rule.default_enabled else " (off by default)"
        sys.stdout.write(f"{rule.code}  {rule.name:<26} {str(rule.severity):<8} {rule.summary}{flag}\n")
    return 0


def _row(rule) -> dict:
    return {"code": rule.code, "name": rule.name, "severity": str(rule.severity), "summary": rule.summary,
            "fix": rule.fix or None, "default": rule.default_enabled}
