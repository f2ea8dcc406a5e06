"""The rule contract: metadata first, documentation in the docstring, examples the tests run."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

import attrs

from corefile.lint.findings import Report, Severity

if TYPE_CHECKING:
    from corefile.analysis.context import Context
    from corefile.lint.suppressions import Suppression

FAMILIES = {
    "SY": "syntax",
    "ZN": "servers and zones",
    "PL": "plugin validity and versions",
    "FW": "forwarding and loops",
    "CH": "plugin chain and fallthrough",
    "K8": "Kubernetes",
    "OP": "operations",
    "RW": "rewrite",
    "CA": "cache",
    "TP": "templating",
    "LN": "suppressions",
}


@attrs.frozen
class Example:
    """A Corefile for a rule's documentation and tests.

    ``expect`` lists the (line, column) of every finding this rule must report on it (empty for
    a clean example); ``fixed`` is the text after applying the rule's fixes, when it has any.
    """

    corefile: str
    expect: tuple[tuple[int, int], ...] = ()
    fixed: str | None = None
    coredns_version: str | None = None
    files: tuple[tuple[str, str], ...] = ()  #: Other files next to the Corefile (for imports).
    title: str = ""


class Rule:
    """Base class. Subclasses set the metadata below and implement :meth:`check`.

    The class docstring is the rule's documentation page, in these sections:
    ``What it does``, ``Why is this bad?``, ``Example``, ``Use instead``, ``Fix safety``.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    summary: ClassVar[str]
    #: "safe", "unsafe", or "" when the rule offers no fix.
    fix: ClassVar[str] = ""
    #: Off unless selected (opinionated advice rather than breakage), or tied to a profile.
    default_enabled: ClassVar[bool] = True
    profile: ClassVar[str | None] = None
    bad: ClassVar[tuple[Example, ...]] = ()
    good: ClassVar[tuple[Example, ...]] = ()

    #: A rule about the suppression comments themselves: the driver runs it once the other
    #: rules' findings have been suppressed, through :meth:`check_suppressions`.
    judges_suppressions: ClassVar[bool] = False

    def check(self, context: Context) -> Iterable[Report]:
        raise NotImplementedError

    def check_suppressions(self, context: Context, suppressions: Sequence[Suppression]) -> Iterable[Report]:
        """For rules with ``judges_suppressions``: reports about the file's suppression comments."""
        return ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            return  # an abstract helper base, such as the catalogue-backed SetupRule
        family = cls.code[:2]
        if family not in FAMILIES or len(cls.code) != 5 or not cls.code[2:].isdigit():
            raise TypeError(f"{cls.__name__}: rule code {cls.code!r} must be a family from FAMILIES + 3 digits")
        if cls.name != cls.name.lower() or " " in cls.name or "_" in cls.name:
            raise TypeError(f"{cls.__name__}: rule name {cls.name!r} must be kebab-case")
