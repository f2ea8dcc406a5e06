"""Environment placeholders ``{$NAME}`` and ``{%NAME%}``, expanded exactly as CoreDNS does.

Values come only from what the caller gives (``--env KEY=VALUE``) unless the process environment
is explicitly allowed: lint output in CI must never echo secrets it was not handed.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from corefile.core.errors import CorefileError

#: Expansion restarts from the beginning after every replacement (so values are re-scanned);
#: a variable that contains itself makes CoreDNS loop forever. We stop here instead.
MAX_REPLACEMENTS = 1000


class EnvironmentLoop(CorefileError):
    """A placeholder whose value keeps producing placeholders: CoreDNS would hang reading it."""


@attrs.frozen
class Environment:
    """The variables placeholders may use. Unset and empty behave the same in CoreDNS."""

    values: Mapping[str, str] = attrs.field(factory=dict)
    use_process_environment: bool = False

    def lookup(self, name: str) -> str | None:
        """The value of ``name``, or None when it was not given (CoreDNS then reads "")."""
        if name in self.values:
            return self.values[name]
        if self.use_process_environment:
            return os.environ.get(name)
        return None

    def expand(self, text: str) -> tuple[str, bool]:
        """Expand ``text``; also tell whether a variable that was not given took part."""
        if "{" not in text:
            return text, False
        unknown = False
        count = 0
        for start, end in (("{%", "%}"), ("{$", "}")):
            index = text.find(start)
            while index != -1:
                end_index = text.find(end, index)
                if end_index == -1:
                    break
                if end_index <= index + len(start):
                    break  # an empty name stops this form for the whole token
                reference = text[index : end_index + len(end)]
                name = reference[len(start) : -len(end)]
                value = self.lookup(name)
                if value is None:
                    unknown = True
                    value = ""
                text = text.replace(reference, value)
                count += 1
                if count > MAX_REPLACEMENTS:
                    raise EnvironmentLoop(
                        f"environment placeholder {reference} keeps expanding into more placeholders; "
                        "CoreDNS would hang reading this file",
                        code="environment-loop",
                    )
                index = text.find(start)
        return text, unknown
