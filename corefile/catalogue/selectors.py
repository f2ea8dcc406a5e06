"""Kubernetes label selectors as kubernetes' `labels`/`namespace_labels` options compile them.

CoreDNS joins the option's words with spaces and hands the text to apimachinery's
``ParseToLabelSelector``: comma-separated requirements ``key``, ``!key``, ``key=value``,
``key==value``, ``key!=value``, ``key in (a,b)``, ``key notin (a,b)``; keys are qualified names
(``[prefix/]name``), values label values. ``>`` and ``<`` parse but cannot be turned into a
LabelSelector, so they are refused too.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
_PREFIX_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_TOKEN = re.compile(r"\s*(!=|==|=|!|\(|\)|,|>|<|[^\s!=(),<>]+)")
_OPERATORS = ("=", "==", "!=", "in", "notin", ">", "<")


def _key_error(key: str) -> str | None:
    prefix, slash, name = key.rpartition("/")
    if slash:
        if not prefix or len(prefix) > 253 or not all(_PREFIX_LABEL.fullmatch(label) for label in prefix.split(".")):
            return f"invalid label key {key!r}: the prefix must be a DNS subdomain"
    if not name or len(name) > 63 or not _NAME.fullmatch(name):
        return f"invalid label key {key!r}: a name of at most 63 characters, alphanumeric at both ends"
    return None


def _value_error(value: str) -> str | None:
    if value and (len(value) > 63 or not _NAME.fullmatch(value)):
        return f"invalid label value {value!r}: at most 63 characters, alphanumeric at both ends"
    return None


def label_selector_error(text: str) -> str | None:
    """Why apimachinery refuses ``text`` as a label selector, or None when it compiles."""
    tokens = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            break  # only trailing white space is left
        tokens.append(match.group(1))
        position = match.end()
    index = 0

    def peek() -> str | None:
        return tokens[index] if index < len(tokens) else None

    while True:
        negated = peek() == "!"
        if negated:
            index += 1
        key = peek()
        if key is None or key in ("!", "=", "==", "!=", "(", ")", ",", ">", "<"):
            return f"found {key or 'end of text'!r}, expected a key"
        index += 1
        error = _key_error(key)
        if error:
            return error
        operator = peek()
        if negated or operator in (None, ","):
            if negated and operator not in (None, ","):
                return f"found {operator!r}, expected ',' or end of text after !{key}"
        elif operator in ("in", "notin"):
            index += 1
            if peek() != "(":
                return f"found {peek() or 'end of text'!r}, expected '(' after {operator}"
            index += 1
            values = []
            expecting_value = True
            while True:
                token = peek()
                if token is None:
                    return "found end of text, expected ')'"
                index += 1
                if token == ")":
                    break
                if token == ",":
                    expecting_value = True
                    continue
                if not expecting_value or token in ("!", "=", "==", "!=", "(", ">", "<"):
                    return f"found {token!r}, expected ',' or ')'"
                values.append(token)
                expecting_value = False
            if not values:
                return f"for '{operator}', the set of values can't be empty"
            for value in values:
                error = _value_error(value)
                if error:
                    return error
        elif operator in _OPERATORS:
            index += 1
            value = peek()
            if value in (None, ","):
                value = ""
            elif value in ("!", "=", "==", "!=", "(", ")", ">", "<"):
                return f"found {value!r}, expected a value after {operator}"
            else:
                index += 1
            if operator in (">", "<"):
                return f"'{operator}' is not supported in label selectors"
            error = _value_error(value)
            if error:
                return error
        else:
            return f"found {operator!r}, expected an operator (=, ==, !=, in, notin) or ','"
        following = peek()
        if following is None:
            return None
        if following != ",":
            return f"found {following!r}, expected ','"
        index += 1


__all__ = ["label_selector_error"]
