"""Reading and writing the plain model as Corefile text.

This is not the project's real parser (that is the lossless syntax tree): it exists so
that default-Corefile templates can be written as text, so that ``is_default_corefile``
accepts text, and so that the kube-dns translation can print its result. It follows the
token rules of the Caddy v1 lexer that CoreDNS and corefile-migration use, but reads
braces properly, so ``health { lameduck 5s }`` on one line works (corefile-migration
mis-reads that form).
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from corefile.migrate.model import Corefile, Option, Plugin, Server

__all__ = ["CorefileTextError", "parse_corefile", "render_corefile"]


class CorefileTextError(ValueError):
    """The text cannot be read into the three-level plain model."""


@attrs.frozen
class _Token:
    text: str
    line: int
    quoted: bool

    @property
    def is_open(self) -> bool:
        return self.text == "{" and not self.quoted

    @property
    def is_close(self) -> bool:
        return self.text == "}" and not self.quoted


def _tokens(text: str) -> Iterator[_Token]:
    """Split Corefile text into tokens: whitespace separates, ``#`` comments, ``"`` groups."""
    line = 1
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            line += 1
            i += 1
        elif char.isspace():
            i += 1
        elif char == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif char == '"':
            start_line = line
            i += 1
            chunk: list[str] = []
            while True:
                if i >= n:
                    raise CorefileTextError(f"line {start_line}: unterminated quoted string")
                if text[i] == "\\" and i + 1 < n and text[i + 1] == '"':
                    chunk.append('"')
                    i += 2
                    continue
                if text[i] == '"':
                    i += 1
                    break
                if text[i] == "\n":
                    line += 1
                chunk.append(text[i])
                i += 1
            yield _Token("".join(chunk), start_line, quoted=True)
        else:
            start = i
            # As in the Caddy lexer, '#' ends a bare token and starts a comment.
            while i < n and not text[i].isspace() and text[i] not in '#"':
                i += 1
            yield _Token(text[start:i], line, quoted=False)


def parse_corefile(text: str) -> Corefile:
    """Read Corefile text into the plain model (comments and layout are dropped).

    Raises ``CorefileTextError`` for unbalanced braces or for blocks nested deeper than
    plugin options, which the plain model cannot hold.
    """
    return _Parser(list(_tokens(text))).corefile()


class _Parser:
    """Recursive descent over the token list: servers, then plugins, then options."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0

    def _peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _head_line(self) -> tuple[_Token, tuple[str, ...], bool]:
        """Consume a head token, the rest of its line, and an opening brace if one follows."""
        head = self.tokens[self.pos]
        if head.is_open or head.is_close:
            raise CorefileTextError(f"line {head.line}: unexpected {head.text!r}")
        self.pos += 1
        args: list[str] = []
        while (tok := self._peek()) is not None and tok.line == head.line and not (tok.is_open or tok.is_close):
            args.append(tok.text)
            self.pos += 1
        tok = self._peek()
        opens = tok is not None and tok.is_open
        if opens:
            self.pos += 1
        return head, tuple(args), opens

    def _block_items(self, owner: _Token) -> Iterator[None]:
        """Yield once per item inside a block, consuming the closing brace at the end."""
        while True:
            tok = self._peek()
            if tok is None:
                raise CorefileTextError(f"line {owner.line}: block of {owner.text!r} is never closed")
            if tok.is_close:
                self.pos += 1
                return
            yield None

    def corefile(self) -> Corefile:
        servers: list[Server] = []
        while self._peek() is not None:
            head, keys, opens = self._head_line()
            plugins = [self._plugin() for _ in self._block_items(head)] if opens else []
            servers.append(Server((head.text, *keys), plugins))
        return Corefile(servers)

    def _plugin(self) -> Plugin:
        head, args, opens = self._head_line()
        options = [self._option() for _ in self._block_items(head)] if opens else []
        return Plugin(head.text, args, options)

    def _option(self) -> Option:
        head, args, opens = self._head_line()
        if opens:
            raise CorefileTextError(f"line {head.line}: blocks nested inside plugin options are not supported")
        return Option(head.text, args)


def _quote(token: str) -> str:
    """Quote a token only when it would not survive as a bare token."""
    if token and not any(c.isspace() or c in '"#' for c in token) and token not in ("{", "}"):
        return token
    return '"' + token.replace('"', '\\"') + '"'


def _line(name: str, args: tuple[str, ...]) -> str:
    # Names are never quoted (as corefile-migration does); arguments are, when needed.
    return " ".join([name, *(_quote(a) for a in args)])


def render_corefile(corefile: Corefile, indent: str = "    ") -> str:
    """Print the model as tidy Corefile text: one blank line between server blocks."""
    blocks: list[str] = []
    for server in corefile.servers:
        lines = [" ".join(_quote(k) for k in server.keys) + " {"]
        for plugin in server.plugins:
            if plugin.options:
                lines.append(indent + _line(plugin.name, plugin.args) + " {")
                lines.extend(indent * 2 + _line(o.name, o.args) for o in plugin.options)
                lines.append(indent + "}")
            else:
                lines.append(indent + _line(plugin.name, plugin.args))
        lines.append("}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
