"""The rules backed by the plugin catalogue's setup checks share this one mechanism."""

from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Rule
from corefile.lint.rules._common import setup_problems, target_token
from corefile.lint.rules.plugins._option_fixes import option_fix


class SetupRule(Rule):
    """Reports the catalogue problems whose ``rule`` is this rule's name."""

    def check(self, context):
        for view, problem in setup_problems(context):
            if problem.rule != self.name:
                continue
            help_text = None
            if problem.suggestion and self.name in ("unknown-option", "invalid-arguments", "invalid-option-value"):
                help_text = f"did you mean `{problem.suggestion}`?"
            token = target_token(problem.target)
            fix = option_fix(context, view, token) if self.name in ("removed-option", "deprecated-option") else None
            severity = Severity.parse(problem.severity) if problem.severity is not None else None
            yield Report(token, problem.message, severity=severity, help=help_text, fix=fix)
