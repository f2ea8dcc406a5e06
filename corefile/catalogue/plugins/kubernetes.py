"""Catalogue entry for ``kubernetes`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, option_lines, problem
from corefile.catalogue.model import Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import (
    FILE,
    NO_ARGS,
    TTL_0_3600,
    ZONES,
    any_number,
    fallthrough,
    legacy_transfer_to,
    legacy_upstream,
    many,
    opt,
    req,
    v,
)
from corefile.catalogue.types import DURATION, NON_NEGATIVE_INT, number, one_of
from corefile.versions import Version

_REVERSE_SUFFIXES = ("in-addr.arpa", "in-addr.arpa.", "ip6.arpa", "ip6.arpa.")


def _is_reverse_zone(text: str) -> bool:
    lowered = text.lower()
    return "/" in lowered or any(lowered == suffix or lowered.endswith("." + suffix) for suffix in _REVERSE_SUFFIXES)


def _normalise_zone(text: str) -> str:
    return text.lower().rstrip(".") + "."


def _check_kubernetes(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    zones = occurrence.arguments
    if zones and all(known(zone) for zone in zones) and all(_is_reverse_zone(zone.value) for zone in zones):
        yield problem(
            "invalid-arguments",
            zones[0],
            "kubernetes needs at least one non-reverse zone (e.g. cluster.local) besides reverse zones",
        )
    block = occurrence.block
    for line in option_lines(block, "endpoint"):
        if len(line.arguments) > 1 and version >= v("1.3.1"):
            yield problem(
                "deprecated-option",
                line.arguments[1],
                "kubernetes 'endpoint' with several URLs is deprecated: only the first URL is used",
            )
    for line in option_lines(block, "ignore"):
        # A bare `ignore` is accepted and does nothing.
        for word in line.arguments[:1]:
            if known(word) and word.value != "empty_service":
                yield problem("invalid-option-value", word, f"unable to parse ignore value '{word.value}'; expected empty_service")
    if option_lines(block, "namespaces") and option_lines(block, "namespace_labels") and version >= v("1.5.0"):
        yield problem(
            "invalid-arguments",
            option_lines(block, "namespace_labels")[0].name,
            "kubernetes options namespaces and namespace_labels cannot both be set",
        )
    if option_lines(block, "zonal") and option_lines(block, "noendpoints") and version >= v("1.14.7"):
        yield problem(
            "invalid-arguments",
            option_lines(block, "zonal")[0].name,
            "kubernetes option zonal requires the endpoint cache; remove noendpoints",
        )
    if zones and all(known(zone) for zone in zones) and version >= v("1.12.2"):
        own = {_normalise_zone(zone.value) for zone in zones}
        for line in option_lines(block, "multicluster"):
            for word in line.arguments:
                if known(word) and not _is_reverse_zone(word.value) and _normalise_zone(word.value) not in own:
                    yield problem(
                        "invalid-option-value",
                        word,
                        f"kubernetes is not authoritative for the multicluster zone {word.value}; add it to the kubernetes zones",
                    )


KUBERNETES = Plugin(
    "kubernetes",
    summary="Kubernetes DNS-based service discovery.",
    syntax="kubernetes [ZONES...] [{ endpoint URL; kubeconfig FILE [CONTEXT]; namespaces ...; pods MODE; ttl SECONDS; fallthrough [ZONES...]; ... }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "err"),),
    arguments=ZONES,
    block="options",
    options=[
        Option("endpoint", (many("URL"),), notes="only the first URL is used (several deprecated since 1.3.1)"),
        Option("tls", (req("CERT", FILE), req("KEY", FILE), req("CACERT", FILE))),
        Option("kubeconfig", (req("KUBECONFIG", FILE), opt("CONTEXT")), since=v("1.2.3")),
        Option("apiserver_qps", (req("QPS", number(0)),), since=v("1.14.0")),
        Option("apiserver_burst", (req("BURST", NON_NEGATIVE_INT),), since=v("1.14.0")),
        Option("apiserver_max_inflight", (req("MAX", NON_NEGATIVE_INT),), since=v("1.14.0")),
        # unsure: whether an empty `namespaces` line is refused; accepted here
        Option("namespaces", (any_number("NAMESPACE"),)),
        Option("namespace_labels", (many("EXPRESSION"),), since=v("1.5.0")),
        # unsure: plugins.md dates `labels` to 1.5.0, the migration tool lists it for 1.1.4; lenient
        Option("labels", (many("EXPRESSION"),)),
        Option("pods", (req("MODE", one_of("disabled", "insecure", "verified")),)),
        Option("endpoint_pod_names", NO_ARGS),
        Option("ttl", (req("SECONDS", TTL_0_3600),)),
        Option("noendpoints", NO_ARGS, since=v("1.0.6")),
        fallthrough(),
        Option("ignore", (opt("empty_service"),), since=v("1.1.3"), shape="[empty_service]"),
        Option("multicluster", ZONES, since=v("1.12.2"), notes="zones must be among the kubernetes zones"),
        Option("zonal", NO_ARGS, since=v("1.14.7")),
        Option("startup_timeout", (req("DURATION", DURATION),), since=v("1.12.3")),
        Option(
            "resyncperiod",
            (req("DURATION", DURATION),),
            deprecated=v("1.5.0"),
            removed=v("1.7.0"),
            notes="ignored from 1.6.0",
        ),
        legacy_upstream(removed=v("1.7.0")),
        legacy_transfer_to(),
    ],
    check=_check_kubernetes,
    notes=(
        "namespaces and namespace_labels exclude each other; zonal (1.14.7) excludes noendpoints.",
        "At least one zone must be a forward (non-reverse) zone.",
    ),
)

PLUGINS: tuple[Plugin, ...] = (KUBERNETES,)

__all__ = ["PLUGINS"]
