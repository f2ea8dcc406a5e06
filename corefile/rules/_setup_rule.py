"""The rules backed by the plugin catalogue's setup checks share this one mechanism."""

from __future__ import annotations

from corefile.findings import Report
from corefile.rules._base import Rule
from corefile.rules._common import setup_problems, target_token


class SetupRule(Rule):
    """Reports the catalogue problems whose ``rule`` is this rule's name."""

    def check(self, context):
        for _view, problem in setup_problems(context):
            if problem.rule != self.name:
                continue
            help_text = f"did you mean `{problem.suggestion}`?" if problem.suggestion else None
            yield Report(target_token(problem.target), problem.message, help=help_text)
