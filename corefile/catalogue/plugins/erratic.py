"""Catalogue entry for ``erratic`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import NO_ARGS, opt
from corefile.catalogue.types import DURATION, NON_NEGATIVE_INT

_AMOUNT = NON_NEGATIVE_INT

ERRATIC = Plugin(
    "erratic",
    summary="Testing plugin: fixed answers, with optional drops, truncation and delays.",
    syntax="erratic [{ drop [AMOUNT]; truncate [AMOUNT]; delay [AMOUNT [DURATION]]; large }]",
    repeat="last",
    # Setup never looks at the directive line: CoreDNS's own tests use `erratic . { ... }`.
    arguments=None,
    block="options",
    options=[
        Option("drop", (opt("AMOUNT", _AMOUNT),)),
        Option("truncate", (opt("AMOUNT", _AMOUNT),)),
        Option("delay", (opt("AMOUNT", _AMOUNT), opt("DURATION", DURATION))),
        Option("large", NO_ARGS),
    ],
)

PLUGINS: tuple[Plugin, ...] = (ERRATIC,)

__all__ = ["PLUGINS"]
