"""The CoreDNS plugin catalogue: every directive, its options and version history, and the
setup validation CoreDNS performs on them.

Public API::

    PLUGINS           name -> Plugin (built-in, removed and well-known external plugins)
    Plugin, Option, SetupProblem
    directive_order   (version) -> plugin.cfg names in execution order
    is_known          (name, version) -> compiled into that release's default build?
    check_directive   (occurrences, version, server) -> SetupProblems of one directive in one server block
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, ServerLike, WordLike
from corefile.catalogue.check import check_plugin
from corefile.catalogue.model import Arg, Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.order import directive_order, is_known
from corefile.catalogue.plugins import PLUGINS
from corefile.core.versions import LATEST, Version


def check_directive(
    occurrences: Sequence[DirectiveLike],
    version: Version = LATEST,
    server: ServerLike | None = None,
) -> Iterator[SetupProblem]:
    """Problems CoreDNS ``version``'s setup would raise for these occurrences of one directive.

    ``occurrences`` are all the lines of one directive name within one server block, in file
    order; ``server`` describes that block (checks that need its zones run only when given).
    Unknown, external and (at ``version``) absent directives yield nothing: other rules report
    those.  Unlike CoreDNS, which stops at the first error, every problem is reported.
    """
    if not occurrences:
        return
    plugin = PLUGINS.get(occurrences[0].name.value)
    if plugin is None or occurrences[0].name.is_placeholder:
        return
    yield from check_plugin(plugin, occurrences, version, server)


__all__ = [
    "PLUGINS",
    "Arg",
    "DirectiveLike",
    "Option",
    "Plugin",
    "RepeatSpan",
    "ServerLike",
    "SetupProblem",
    "WordLike",
    "check_directive",
    "directive_order",
    "is_known",
]
