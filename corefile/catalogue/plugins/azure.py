"""Catalogue entry for ``azure`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import ZONE, any_number, check_colon_fields, fallthrough, req, v
from corefile.catalogue.types import one_of
from corefile.core.versions import Version


def _check_azure(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    yield from check_colon_fields(
        "azure", occurrence.arguments, 2, "RESOURCE_GROUP:ZONE", "invalid resource group/zone", "conflicting zone"
    )


AZURE = Plugin(
    "azure",
    summary="Serve zones from Azure DNS (public or private).",
    syntax="azure RESOURCE_GROUP:ZONE... [{ tenant/client/secret/subscription/environment VALUE; access public|private; fallthrough }]",
    since=v("1.6.2"),
    repeat="multi",
    arguments=(any_number("RESOURCE_GROUP:ZONE"),),  # unsure: zero arguments not documented; lenient
    block="options",
    options=[
        Option("tenant", (req("TENANT_ID"),)),
        Option("client", (req("CLIENT_ID"),)),
        Option("secret", (req("CLIENT_SECRET"),)),
        Option("subscription", (req("SUBSCRIPTION_ID"),)),
        # unsure: the accepted Azure cloud names come from go-autorest; not checked
        Option("environment", (req("ENVIRONMENT"),)),
        fallthrough(),
        Option("access", (req("ACCESS", one_of("public", "private")),), since=v("1.6.8")),
    ],
    check=_check_azure,
)

PLUGINS: tuple[Plugin, ...] = (AZURE,)

__all__ = ["PLUGINS"]
