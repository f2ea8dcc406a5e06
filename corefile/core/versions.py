"""CoreDNS release versions, as the linter's target and the catalogue's history use them."""

from __future__ import annotations

import re
from typing import NamedTuple

_VERSION_RE = re.compile(r"v?(\d+)\.(\d+)(?:\.(\d+))?")


class Version(NamedTuple):
    """A CoreDNS release number; tuples compare in release order."""

    major: int
    minor: int
    patch: int = 0

    @classmethod
    def parse(cls, text: str) -> Version:
        """Parse ``1.14.7`` (or ``v1.14.7``, or ``1.8`` meaning ``1.8.0``)."""
        match = _VERSION_RE.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a CoreDNS version: {text!r} (expected X.Y.Z, e.g. 1.14.7)")
        major, minor, patch = match.groups()
        return cls(int(major), int(minor), int(patch or 0))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


#: The newest CoreDNS release this project knows; the default lint target.
LATEST = Version(1, 14, 7)
