"""Catalogue entry for ``view`` (plugins.md §3)."""

from __future__ import annotations

from corefile.catalogue.model import Option, Plugin
from corefile.catalogue.plugins._common import many, req, v

VIEW = Plugin(
    "view",
    summary="Route a query to this server block only if expressions hold (split DNS).",
    syntax="view NAME { expr EXPRESSION }",
    since=v("1.10.0"),
    repeat="once",
    arguments=(req("NAME"),),
    block="options",
    # Expressions are compiled by expr-lang at startup; they are not judged statically.
    options=[Option("expr", (many("EXPRESSION"),))],
)

PLUGINS: tuple[Plugin, ...] = (VIEW,)

__all__ = ["PLUGINS"]
