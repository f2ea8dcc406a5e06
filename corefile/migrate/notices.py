"""Notices (what a migration step says about a plugin or option) and the migration error."""

from __future__ import annotations

import enum
from typing import Any

import attrs

from corefile.core.versions import Version

__all__ = ["MigrationError", "Notice", "Severity"]


class Severity(str, enum.Enum):
    """How a CoreDNS release treats a plugin or option, as corefile-migration grades it.

    The values are corefile-migration's own constants (kubeadm compares notices against
    the literal ``"newdefault"``), so they are safe to print or to match on as strings.
    """

    #: Still fully works, but is on its way out.
    DEPRECATED = "deprecated"
    #: Accepted and silently does nothing.
    IGNORED = "ignored"
    #: CoreDNS refuses to start while it is present.
    REMOVED = "removed"
    #: Now part of the default configuration; CoreDNS may misbehave without it.
    NEW_DEFAULT = "newdefault"
    #: Not known to the migration tables: carried through untouched and unchecked.
    UNSUPPORTED = "unsupported"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Notice:
    """One finding about one plugin (``option`` empty) or one option of a plugin, at one version.

    ``message`` has exactly the shape corefile-migration's ``Notice.ToString()`` prints,
    e.g. ``Plugin "proxy" is removed in 1.5.0. It is replaced by "forward".`` The refs
    point at the model elements concerned (for a new default: the server or plugin it is
    missing from), so a caller can show the right line.
    """

    severity: Severity = attrs.field(converter=Severity)
    plugin: str
    version: Version
    option: str = ""
    replacement: str = ""
    additional: str = ""
    server_ref: Any = attrs.field(default=None, eq=False, repr=False)
    plugin_ref: Any = attrs.field(default=None, eq=False, repr=False)
    option_ref: Any = attrs.field(default=None, eq=False, repr=False)

    @property
    def kind(self) -> str:
        """The severity as plain text (``"deprecated"``, ``"newdefault"``, ...)."""
        return self.severity.value

    @property
    def message(self) -> str:
        """The notice text, worded exactly as corefile-migration words it."""
        if self.option:
            subject = f'Option "{self.option}" in plugin "{self.plugin}" '
        else:
            subject = f'Plugin "{self.plugin}" '
        if self.severity is Severity.UNSUPPORTED:
            verb = f"is unsupported by this migration tool in {self.version}."
        elif self.severity is Severity.NEW_DEFAULT:
            verb = f"is added as a default in {self.version}."
        else:
            verb = f"is {self.severity.value} in {self.version}."
        text = subject + verb
        if self.replacement:
            text += f' It is replaced by "{self.replacement}".'
        if self.additional:
            text += " " + self.additional
        return text

    def __str__(self) -> str:
        return self.message


class MigrationError(ValueError):
    """A migration, or the kube-dns translation, cannot be done.

    For the kube-dns translation, ``key`` names the ConfigMap data key at fault and
    ``line``/``column`` (1-based) locate the problem inside that key's value.
    """

    def __init__(self, message: str, *, key: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.key = key
        self.line = line
        self.column = column
