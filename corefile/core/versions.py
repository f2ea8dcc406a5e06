"""CoreDNS release versions, as the linter's target and the catalogue's history use them."""

from __future__ import annotations

import re
from typing import NamedTuple

_VERSION_RE = re.compile(r"v?(\d+)\.(\d+)(?:\.(\d+))?")
#: A release as vendors and images name it: ``v1.11.3``, ``1.11.3-eks.1``, ``1.11.3-eksbuild.1``,
#: ``1.11.3+k3s1``; the suffix names the vendor's build of that CoreDNS release.
_RELEASE_RE = re.compile(r"[vV]?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+_][0-9A-Za-z][0-9A-Za-z.+_-]*)?")


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

    @classmethod
    def parse_target(cls, text: str) -> Version:
        """A release to check against: ``1.11.3``, ``v1.11.3`` or a vendor build such as
        ``1.11.3-eks.1``, read as the CoreDNS release it names. A release newer than
        :data:`LATEST` is refused, naming it: nothing is known of what it accepts."""
        match = _RELEASE_RE.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a CoreDNS version: {text!r} (expected X.Y.Z, e.g. {LATEST})")
        major, minor, patch = match.groups()
        version = cls(int(major), int(minor), int(patch or 0))
        if version > LATEST:
            raise ValueError(f"CoreDNS {version} is newer than the newest release this project knows, {LATEST}: "
                             f"give {LATEST} or an older release (or update corefile)")
        return version

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


#: The newest CoreDNS release this project knows; the default lint target.
LATEST = Version(1, 14, 7)
