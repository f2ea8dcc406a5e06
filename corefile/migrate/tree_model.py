"""The planner's plain model built from the lossless tree, with the tree nodes as refs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from corefile.migrate.model import Corefile, Option, Plugin, Server
from corefile.syntax.nodes import (
    Corefile as Tree,
)
from corefile.syntax.nodes import (
    Directive,
    ServerBlock,
    Word,
    first_word,
)

# --------------------------------------------------------------------- tree -> model


def model_from_tree(tree: Tree) -> Corefile:
    """The planner's plain model of a syntax tree; every element's ``ref`` is its tree node.

    Server blocks become ``Server`` (ref: the ``ServerBlock``), their directives ``Plugin``
    (ref: the ``Directive``) and the directives inside a plugin's block ``Option`` (ref:
    the option's ``Directive``). Snippets, ``import`` lines and anything nested deeper than
    option lines are not part of the model: a migration carries them through untouched
    (``migrate_text`` says so in a notice). Values are what CoreDNS reads (quotes removed).
    """
    servers = []
    for item in tree.items:
        if not isinstance(item, ServerBlock):
            continue
        plugins = []
        for statement in item.body:
            if not isinstance(statement, Directive):
                continue
            options = []
            block = statement.block
            if block is not None:
                for inner in block.body:
                    if isinstance(inner, Directive):
                        options.append(Option(inner.name.value, word_values(inner.arguments), ref=inner))
            plugins.append(Plugin(statement.name.value, word_values(statement.arguments), tuple(options), ref=statement))
        servers.append(Server(word_values(item.keys), tuple(plugins), ref=item))
    return Corefile(tuple(servers))


def word_values(words: Iterable[Word]) -> tuple[str, ...]:
    return tuple(word.value for word in words)


def strip_refs(corefile: Corefile) -> Corefile:
    return Corefile(tuple(
        Server(s.keys, tuple(Plugin(p.name, p.args, tuple(Option(o.name, o.args) for o in p.options)) for p in s.plugins))
        for s in corefile.servers
    ))


# ------------------------------------------------------------------ replaying a plan


def node_key(ref: Any) -> tuple[str, int]:
    """Identify a ref: tree nodes by their position (so a re-parse of the same text matches), others by identity."""
    if isinstance(ref, (ServerBlock, Directive)):
        return ("node", first_word(ref).offset)
    return ("id", id(ref))
