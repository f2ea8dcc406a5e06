"""Catalogue entry for ``clouddns`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import (
    FILE,
    ZONE,
    ZONES,
    any_number,
    check_colon_fields,
    fallthrough,
    legacy_upstream,
    req,
    v,
)
from corefile.core.versions import Version


def _check_clouddns(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from check_colon_fields(
        "clouddns", occurrence.arguments, 3, "ZONE:PROJECT_ID:HOSTED_ZONE_NAME", "invalid zone", "conflict zone"
    )


CLOUDDNS = Plugin(
    "clouddns",
    summary="Serve zones from Google Cloud DNS.",
    syntax="clouddns ZONE:PROJECT_ID:HOSTED_ZONE_NAME... [{ credentials FILE; fallthrough [ZONES...] }]",
    since=v("1.6.3"),
    repeat="multi",
    arguments=(any_number("ZONE:PROJECT_ID:HOSTED_ZONE_NAME"),),  # unsure: zero arguments not documented; lenient
    block="options",
    options=[
        Option("credentials", (req("FILE", FILE),)),
        fallthrough(),
        legacy_upstream(),
    ],
    check=_check_clouddns,
)

PLUGINS: tuple[Plugin, ...] = (CLOUDDNS,)

__all__ = ["PLUGINS"]
