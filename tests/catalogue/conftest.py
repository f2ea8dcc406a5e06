"""Fixtures for the catalogue tests."""

from __future__ import annotations

import pytest

from .fake_reader import parse_directives


@pytest.fixture
def parse():
    """Parse the body of one server block into DirectiveLike objects."""
    return parse_directives
