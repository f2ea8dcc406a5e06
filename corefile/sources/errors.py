"""What can go wrong reading an input or writing an edit back into it (standard library only)."""

from __future__ import annotations


class InputError(ValueError):
    """An input that cannot be read or written as asked: the command says why and exits 2."""


class WriteBackRefused(InputError):
    """An edited Corefile cannot be written back into its container without changing other bytes
    or meaning (a folded, plain or single-quoted scalar, an anchor or alias); nothing is written."""
