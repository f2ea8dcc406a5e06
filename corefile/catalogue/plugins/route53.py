"""Catalogue entry for ``route53`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import (
    FILE,
    ZONE,
    any_number,
    check_colon_fields,
    fallthrough,
    legacy_upstream,
    opt,
    req,
    v,
)
from corefile.catalogue.types import duration
from corefile.core.versions import Version


def _check_route53(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from check_colon_fields("route53", occurrence.arguments, 2, "ZONE:HOSTED_ZONE_ID", "invalid zone", "conflict zone")


ROUTE53 = Plugin(
    "route53",
    summary="Serve zones from AWS Route 53.",
    syntax="route53 [ZONE:HOSTED_ZONE_ID...] [{ aws_access_key KEY SECRET; aws_endpoint URL; credentials PROFILE [FILE]; fallthrough; refresh DURATION }]",
    since=v("1.0.5"),
    repeat="multi",
    arguments=(any_number("ZONE:HOSTED_ZONE_ID"),),
    block="options",
    options=[
        Option(
            "aws_access_key",
            (req("AWS_ACCESS_KEY_ID"), req("AWS_SECRET_ACCESS_KEY")),
            # unsure: the release that started warning is not recorded; 1.6.2 chosen (a warning only)
            deprecated=v("1.6.2"),
            replacement="credentials PROFILE [FILE] or the AWS environment variables",
            notes="storing keys in the Corefile is deprecated",
        ),
        Option("aws_endpoint", (req("ENDPOINT"),), since=v("1.8.7")),
        Option("credentials", (req("PROFILE"), opt("FILENAME", FILE)), since=v("1.2.3")),
        fallthrough(),
        Option("refresh", (req("DURATION", duration(minimum=0, exclusive_minimum=True, int_means_seconds=True)),), since=v("1.6.2")),
        legacy_upstream(),
    ],
    check=_check_route53,
)

PLUGINS: tuple[Plugin, ...] = (ROUTE53,)

__all__ = ["PLUGINS"]
