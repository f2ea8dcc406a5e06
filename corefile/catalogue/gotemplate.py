"""The parse step of Go's text/template, as the template plugin's setup runs it on each RR text.

Setup compiles every ``answer``/``additional``/``authority`` value with ``template.New(...).
Funcs({"parseInt": ...}).Parse(text)`` and refuses the file when that fails ("could not compile
template"). This module finds the same parse errors without running anything: unclosed actions,
unbalanced ``if``/``range``/``with``/``define``/``block`` and ``end``, a misplaced ``else``,
``break`` or ``continue``, unbalanced parentheses, unknown functions and undeclared variables.
"""

from __future__ import annotations

import re

#: Go's built-in template functions plus the one the template plugin adds.
FUNCTIONS = frozenset(
    "and call html index slice js len not or print printf println urlquery eq ge gt le lt ne parseInt".split()
)
_OPENERS = ("if", "range", "with", "define", "block")
_KEYWORDS = frozenset(("else", "end", "template", "break", "continue", *_OPENERS))
_CONSTANTS = frozenset(("true", "false", "nil"))
_TOKEN = re.compile(
    r"""\s+|"(?:\\.|[^"\\])*"|`[^`]*`|'(?:\\.|[^'\\])+'|:=|=|\||\(|\)|,|"""
    r"""\$[A-Za-z0-9_]*|(?:\.[A-Za-z_][A-Za-z0-9_]*)+|\.|[-+]?[0-9][0-9A-Za-z_.+-]*|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*"""
)


_COMMENT_CLOSE = re.compile(r"(\s-)?}}")


class _Scope:
    __slots__ = ("keyword", "variables")

    def __init__(self, keyword: str) -> None:
        self.keyword = keyword
        self.variables: set[str] = set()


def template_error(text: str) -> str | None:
    """Why Go's text/template parser refuses ``text``, or None when it parses."""
    scopes = [_Scope("")]
    scopes[0].variables.add("$")
    position = 0
    while True:
        start = text.find("{{", position)
        if start == -1:
            break
        inner_start = start + 2
        if text.startswith("-", inner_start) and inner_start + 1 < len(text) and text[inner_start + 1] in " \t\r\n":
            inner_start += 2  # a left trim marker
        comment = text.startswith("/*", inner_start)
        if comment:
            close = text.find("*/", inner_start + 2)
            if close == -1:
                return "unclosed comment"
            trimmed = _COMMENT_CLOSE.match(text, close + 2)
            if trimmed is None:
                return "comment ends before closing delimiter"
            position = trimmed.end()
            continue
        end, error = _find_close(text, inner_start)
        if error:
            return error
        body = text[inner_start:end]
        if body.endswith(" -") or body.endswith("\t-") or body.endswith("\n-"):
            body = body[:-2]  # a right trim marker
        error = _check_action(body, scopes)
        if error:
            return error
        position = end + 2
    if len(scopes) > 1:
        return f"unexpected EOF: {{{{{scopes[-1].keyword}}}}} has no {{{{end}}}}"
    return None


def _find_close(text: str, index: int) -> tuple[int, str | None]:
    """The index of the ``}}`` closing the action starting at ``index`` (strings may hold braces)."""
    while index < len(text):
        if text.startswith("}}", index):
            return index, None
        char = text[index]
        if char in "\"'`":
            closing = _string_end(text, index)
            if closing is None:
                return -1, "unterminated quoted string in action"
            index = closing
            continue
        index += 1
    return -1, "unclosed action"


def _string_end(text: str, index: int) -> int | None:
    quote = text[index]
    index += 1
    while index < len(text):
        char = text[index]
        if char == "\\" and quote != "`":
            index += 2
            continue
        if char == quote:
            return index + 1
        if char == "\n" and quote != "`":
            return None
        index += 1
    return None


def _tokens(body: str) -> tuple[list[str], str | None]:
    tokens = []
    index = 0
    while index < len(body):
        match = _TOKEN.match(body, index)
        if match is None or match.end() == index:
            return tokens, f"unexpected {body[index]!r} in action"
        if not match.group(0).isspace():
            tokens.append(match.group(0))
        index = match.end()
    return tokens, None


def _check_action(body: str, scopes: list[_Scope]) -> str | None:
    tokens, error = _tokens(body)
    if error:
        return error
    if not tokens:
        return "missing value for command"
    first = tokens[0]
    rest = tokens[1:]
    if first == "end":
        if rest:
            return "unexpected token after end"
        if len(scopes) == 1:
            return "unexpected {{end}}"
        scopes.pop()
        return None
    if first == "else":
        if len(scopes) == 1 or scopes[-1].keyword not in ("if", "range", "with"):
            return "unexpected {{else}}"
        if rest and rest[0] in ("if", "with"):
            rest = rest[1:]
        elif rest:
            return "unexpected token after else"
        if not rest:
            return None
        return _check_pipeline(rest, scopes, declare=True)
    if first in ("break", "continue"):
        if rest:
            return f"unexpected token after {first}"
        if not any(scope.keyword == "range" for scope in scopes):
            return f"{{{{{first}}}}} outside {{{{range}}}}"
        return None
    if first in ("define", "template", "block"):
        if not rest or not (rest[0].startswith('"') or rest[0].startswith("`")):
            return f"{first} needs a quoted template name"
        if first == "define":
            if len(rest) > 1:
                return "unexpected token after define name"
            scopes.append(_Scope("define"))
            scopes[-1].variables.add("$")
            return None
        if len(rest) > 1:
            error = _check_pipeline(rest[1:], scopes, declare=False)
            if error:
                return error
        if first == "block":
            scopes.append(_Scope("block"))
        return None
    if first in ("if", "range", "with"):
        if not rest:
            return f"missing value for {first}"
        scope = _Scope(first)
        error = _check_pipeline(rest, scopes + [scope], declare=True, loop=first == "range")
        scopes.append(scope)
        return error
    return _check_pipeline(tokens, scopes, declare=True)


def _check_pipeline(tokens: list[str], scopes: list[_Scope], *, declare: bool, loop: bool = False) -> str | None:
    # Declarations: `$x := ...`, `$x = ...`, `range $i, $e := ...`.
    if declare:
        for operator_index, token in enumerate(tokens):
            if token in (":=", "="):
                names = [word for word in tokens[:operator_index] if word != ","]
                if not names or not all(name.startswith("$") and len(name) > 1 for name in names):
                    return "bad variable declaration"
                if len(names) > (2 if loop else 1):
                    return "too many declarations"
                value = tokens[operator_index + 1 :]
                if not value:
                    return "missing value for command"
                error = _check_commands(value, scopes)
                if error:
                    return error
                if token == "=":
                    for name in names:
                        if not _declared(name, scopes):
                            return f"undefined variable: {name}"
                else:
                    scopes[-1].variables.update(names)
                return None
    return _check_commands(tokens, scopes)


def _declared(name: str, scopes: list[_Scope]) -> bool:
    base = name.split(".", 1)[0]
    return any(base in scope.variables for scope in scopes)


def _check_commands(tokens: list[str], scopes: list[_Scope]) -> str | None:
    depth = 0
    expect_operand = True
    for token in tokens:
        if token == "(":
            depth += 1
            expect_operand = True
            continue
        if token == ")":
            depth -= 1
            if depth < 0:
                return "unexpected right paren"
            expect_operand = False
            continue
        if token == "|":
            if expect_operand:
                return "missing value for command"
            expect_operand = True
            continue
        if token in (":=", "=", ","):
            return f"unexpected {token!r} in command"
        if token in _KEYWORDS:
            return f"unexpected keyword {token} in command"
        if token.startswith("$"):
            if not _declared(token, scopes):
                return f"undefined variable: {token.split('.', 1)[0]}"
        elif token[0].isalpha() or token[0] == "_":
            name = token.split(".", 1)[0]
            if name not in FUNCTIONS and name not in _CONSTANTS:
                return f'function "{name}" not defined'
        expect_operand = False
    if depth != 0:
        return "unclosed left paren"
    if expect_operand:
        return "missing value for command"
    return None


__all__ = ["FUNCTIONS", "template_error"]
