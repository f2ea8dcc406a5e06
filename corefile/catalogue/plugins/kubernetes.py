"""Catalogue entry for ``kubernetes`` (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from corefile.catalogue._protocol import DirectiveLike, ServerLike
from corefile.catalogue.check import known, option_lines, problem, warning
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
from corefile.catalogue.selectors import label_selector_error
from corefile.catalogue.types import DURATION, NON_NEGATIVE_INT, number, one_of
from corefile.core.versions import Version

#: dnsutil.IsReverse: only a name ending in one of these (with the leading dot) is reverse, so
#: the zone `in-addr.arpa.` itself counts as a forward zone.
_REVERSE_SUFFIXES = (".in-addr.arpa.", ".ip6.arpa.")


def _is_reverse_zone(zone: str) -> bool:
    return zone.endswith(_REVERSE_SUFFIXES)


def _normalise_zone(text: str) -> str:
    return text.lower().rstrip(".") + "."


def _check_kubernetes_zones(occurrences: Sequence[DirectiveLike], server: ServerLike, version: Version) -> Iterator[SetupProblem]:
    """At least one zone must be a forward zone (the primary zone); zones that do not normalise are
    dropped, and with no arguments the block's own zones are used."""
    for occurrence in occurrences[:1]:  # a second kubernetes is refused on its own
        words = occurrence.arguments
        if not all(known(word) for word in words):
            continue
        if words:
            zones = [zone for word in words for zone in (server.normalize_zone(word.value) or ())]
        else:
            zones = list(server.zones)
        if any(not _is_reverse_zone(zone) for zone in zones):
            continue
        target = words[0] if words else occurrence.name
        where = "its zones" if words else "the server block's zones"
        yield problem(
            "invalid-arguments",
            target,
            f"kubernetes: non-reverse zone name must be used ({where} are all reverse zones or invalid); add e.g. cluster.local",
        )


def _check_kubernetes(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    zones = occurrence.arguments
    block = occurrence.block
    for line in option_lines(block, "endpoint"):
        if len(line.arguments) > 1 and version >= v("1.3.1"):
            yield problem(
                "deprecated-option",
                line.arguments[1],
                "kubernetes 'endpoint' with several URLs is deprecated: only the first URL is used",
            )
    for line in option_lines(block, "ignore"):
        # A bare `ignore` is accepted and does nothing; only the first word is read.
        for word in line.arguments[:1]:
            if known(word) and word.value != "empty_service":
                yield problem("invalid-option-value", word, f"unable to parse ignore value '{word.value}'; expected empty_service")
        for word in line.arguments[1:2]:
            yield warning("invalid-arguments", word, f"kubernetes ignore reads only its first word; '{word.value}' and what follows are not read")
    for line in option_lines(block, "labels") + option_lines(block, "namespace_labels"):
        if line.arguments and all(known(word) for word in line.arguments):
            error = label_selector_error(" ".join(word.value for word in line.arguments))
            if error is not None:
                yield problem("invalid-option-value", line.arguments[0], f"kubernetes {line.name.value}: unable to parse label selector: {error}")
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
                if known(word) and "/" not in word.value and not _is_reverse_zone(_normalise_zone(word.value)) and _normalise_zone(word.value) not in own:
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
        Option("namespaces", (many("NAMESPACE"),)),
        Option("namespace_labels", (many("EXPRESSION"),), since=v("1.5.0")),
        # unsure: plugins.md dates `labels` to 1.5.0, the migration tool lists it for 1.1.4; lenient
        Option("labels", (many("EXPRESSION"),)),
        Option("pods", (req("MODE", one_of("disabled", "insecure", "verified")),)),
        Option("endpoint_pod_names", NO_ARGS),
        Option("ttl", (req("SECONDS", TTL_0_3600),)),
        Option("noendpoints", NO_ARGS, since=v("1.0.6")),
        fallthrough(),
        Option("ignore", None, since=v("1.1.3"), shape="[empty_service]"),
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
    check_server=_check_kubernetes_zones,
    notes=(
        "namespaces and namespace_labels exclude each other; zonal (1.14.7) excludes noendpoints.",
        "At least one zone must be a forward zone: only names under .in-addr.arpa. or .ip6.arpa. are reverse "
        "(so the zone in-addr.arpa itself is a forward zone); with no arguments the block's zones count.",
    ),
)

PLUGINS: tuple[Plugin, ...] = (KUBERNETES,)

__all__ = ["PLUGINS"]
