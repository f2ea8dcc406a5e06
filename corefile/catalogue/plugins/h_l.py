"""Catalogue entries header … loop (plugins.md §3)."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import (
    check_option_line,
    known,
    option_lines,
    problem,
    unknown_option,
)
from corefile.catalogue.model import Option, Plugin, RepeatSpan, SetupProblem
from corefile.catalogue.plugins._common import (
    FILE,
    NO_ARGS,
    ZONE,
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
from corefile.catalogue.types import (
    CIDR,
    DURATION,
    HOST_PORT,
    NON_NEGATIVE_INT,
    duration,
    integer,
    number,
    one_of,
)
from corefile.core.versions import Version

# --------------------------------------------------------------------------------------------
# header

_HEADER_FLAGS = ("aa", "ra", "rd")
_SELECTORS_SINCE = v("1.9.4")
_SELECTORLESS_REMOVED = v("1.12.4")


def _check_header(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    for line in occurrence.block or ():
        if not known(line.name):
            continue
        first = line.name.value.lower()
        words = list(line.arguments)
        if first in ("query", "response"):
            if version < _SELECTORS_SINCE:
                yield problem(
                    "unknown-option",
                    line.name,
                    f"header selector '{first}' is not available in CoreDNS {version} (added in {_SELECTORS_SINCE}); write 'set|clear FLAGS...'",
                )
                continue
            if not words:
                yield problem("missing-argument", line.name, "header rule has no flag action; expected set or clear")
                continue
            action, flags = words[0], words[1:]
        elif first in ("set", "clear"):
            if version >= _SELECTORLESS_REMOVED:
                yield problem(
                    "removed-option",
                    line.name,
                    f"header rules without a selector were removed in CoreDNS {_SELECTORLESS_REMOVED}; write 'response {first} ...'",
                    suggestion=f"response {first}",
                )
                continue
            if version >= _SELECTORS_SINCE:
                yield problem(
                    "deprecated-option",
                    line.name,
                    f"header rules without a selector are deprecated since CoreDNS {_SELECTORS_SINCE}; write 'response {first} ...'",
                    suggestion=f"response {first}",
                )
            action, flags = line.name, words
        else:
            selectors = "query or response" if version >= _SELECTORS_SINCE else "set or clear"
            yield problem("unknown-option", line.name, f"invalid header selector '{line.name.value}'; expected {selectors}")
            continue
        if known(action) and action.value.lower() not in ("set", "clear"):
            yield problem("invalid-option-value", action, f"unknown header flag action '{action.value}'; expected set or clear")
            continue
        if not flags:
            yield problem("missing-argument", action, "header rule needs at least one flag (aa, ra, rd)")
        for flag in flags:
            if known(flag) and flag.value.lower() not in _HEADER_FLAGS:
                yield problem("invalid-option-value", flag, f"unknown/unsupported header flag '{flag.value}'; expected aa, ra or rd")


HEADER = Plugin(
    "header",
    summary="Force DNS header flags on queries and/or responses.",
    syntax="header { query|response set|clear FLAG... }",
    since=v("1.8.5"),
    repeat="first",
    arguments=NO_ARGS,  # unsure: arguments on the line are not documented; CoreDNS reads rules from the block only
    block="custom",
    check=_check_header,
    notes=(
        "FLAG is aa, ra or rd; the query selector exists since 1.9.4.",
        "Selector-less rules (`set ra`) were deprecated in 1.9.4 and removed in 1.12.4.",
    ),
)

# --------------------------------------------------------------------------------------------
# health

HEALTH = Plugin(
    "health",
    summary="HTTP liveness endpoint /health (process-wide).",
    syntax="health [ADDRESS] [{ lameduck DURATION }]",
    repeat="last",
    arguments=(opt("ADDRESS", HOST_PORT),),
    block="options",
    options=[Option("lameduck", (req("DURATION", DURATION),), since=v("1.0.5"))],
)

# --------------------------------------------------------------------------------------------
# hosts


def _check_hosts(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    # Lines CoreDNS does not recognise as options are inline host entries until the first
    # `fallthrough`; after it they are unknown properties.
    after_fallthrough = False
    for line in occurrence.block or ():
        if not known(line.name):
            continue
        option = HOSTS.options.get(line.name.value)
        if option is not None and option.exists_at(version):
            yield from check_option_line(HOSTS, line, version)
            after_fallthrough = after_fallthrough or option.name == "fallthrough"
        elif after_fallthrough:
            # Inline entries are only read before `fallthrough`; after it any other line is refused.
            yield unknown_option(HOSTS, line, version)
        # else: an inline entry (malformed ones are dropped silently by CoreDNS)
    unsupported = option_lines(occurrence.block, "fallthrough_unsupported")
    if unsupported and version >= v("1.14.7") and not option_lines(occurrence.block, "fallthrough"):
        yield problem(
            "missing-argument",
            unsupported[0].name,
            "hosts option 'fallthrough_unsupported' requires fallthrough in the same hosts block",
            suggestion="fallthrough",
        )


HOSTS = Plugin(
    "hosts",
    summary="Serve A/AAAA/PTR records from a hosts file and inline entries.",
    syntax="hosts [FILE [ZONES...]] [{ INLINE ENTRIES; ttl SECONDS; no_reverse; reload DURATION; fallthrough [ZONES...]; fallthrough_unsupported }]",
    repeat="once",
    repeat_history=(RepeatSpan(None, v("1.0.6"), "multi"),),  # unsure: ErrOnce came in 1.1.0; earlier behaviour unknown
    arguments=(opt("FILE", FILE), any_number("ZONES", ZONE)),
    block="custom",
    options=[
        Option("ttl", (req("SECONDS", integer(1, 65535)),), since=v("1.4.0")),
        Option("no_reverse", NO_ARGS, since=v("1.4.0")),
        Option("reload", (req("DURATION", duration(minimum=0)),), since=v("1.4.0"), notes="0 disables"),
        fallthrough(),
        Option("fallthrough_unsupported", NO_ARGS, since=v("1.14.7"), notes="requires fallthrough"),
    ],
    check=_check_hosts,
    notes=(
        "Unrecognised lines before `fallthrough` are inline hosts entries (IP NAME...); after it they are errors.",
        "fallthrough_unsupported requires fallthrough.",
    ),
)

# --------------------------------------------------------------------------------------------
# https, https3

HTTPS = Plugin(
    "https",
    summary="Tune the DNS-over-HTTPS listener of an https:// block.",
    syntax="https [{ max_connections N }]",
    since=v("1.14.0"),
    repeat="first",
    arguments=NO_ARGS,
    block="options",
    options=[Option("max_connections", (req("N", NON_NEGATIVE_INT),), once=True)],
)

HTTPS3 = Plugin(
    "https3",
    summary="Tune the DNS-over-HTTP/3 listener of an https3:// block.",
    syntax="https3 [{ max_streams N; max_connections N }]",
    since=v("1.14.0"),
    repeat="first",
    arguments=NO_ARGS,
    block="options",
    options=[
        Option("max_streams", (req("N", NON_NEGATIVE_INT),), once=True),
        Option("max_connections", (req("N", NON_NEGATIVE_INT),), since=v("1.14.7"), once=True),
    ],
)

# --------------------------------------------------------------------------------------------
# k8s_external

_TTL_0_3600 = integer(0, 3600)

K8S_EXTERNAL = Plugin(
    "k8s_external",
    summary="Answer for Kubernetes external/LoadBalancer IPs under an external zone.",
    syntax="k8s_external [ZONES...] [{ apex APEX; ttl SECONDS; headless; fallthrough [ZONES...] }]",
    since=v("1.3.0"),
    repeat="last",
    arguments=ZONES,
    block="options",
    options=[
        Option("apex", (req("APEX"),)),
        Option("ttl", (req("SECONDS", _TTL_0_3600),)),
        Option("headless", NO_ARGS, since=v("1.9.4")),
        fallthrough(since=v("1.11.0")),
    ],
    notes=("Requires the kubernetes directive in the same server block (startup error otherwise).",),
)

# --------------------------------------------------------------------------------------------
# kubernetes

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
        Option("ttl", (req("SECONDS", _TTL_0_3600),)),
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

# --------------------------------------------------------------------------------------------
# loadbalance

_WEIGHTED_SINCE = v("1.10.1")


def _check_loadbalance(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    policy = words[0].value if words and known(words[0]) else None
    weighted = policy == "weighted" and version >= _WEIGHTED_SINCE
    if policy is not None and policy not in ("round_robin", "weighted"):
        yield problem("invalid-arguments", words[0], f"unknown loadbalance policy '{policy}'; expected round_robin or weighted FILE")
        return
    if policy == "weighted" and not weighted:
        yield problem("invalid-arguments", words[0], f"loadbalance policy 'weighted' is not available in CoreDNS {version} (added in {_WEIGHTED_SINCE})")
        return
    if weighted:
        if len(words) < 2:
            yield problem("missing-argument", words[0], "loadbalance weighted needs a weight FILE")
        elif len(words) > 2:
            yield problem("invalid-arguments", words[2], "loadbalance weighted takes one FILE; unexpected argument(s)")
    elif len(words) > 1:
        yield problem("invalid-arguments", words[1], "loadbalance round_robin takes no further arguments")
    # The block is read by the parser of the chosen policy: weighted knows only reload, round_robin only prefer.
    allowed = {"reload"} if weighted else {"prefer"}
    for line in occurrence.block or ():
        if not known(line.name):
            continue
        if line.name.value in LOADBALANCE.options and line.name.value not in allowed:
            mode = "weighted" if weighted else "round_robin"
            yield problem(
                "unknown-option",
                line.name,
                f"loadbalance option '{line.name.value}' is not accepted in {mode} mode (only {', '.join(sorted(allowed))})",
            )
        else:
            yield from check_option_line(LOADBALANCE, line, version)


LOADBALANCE = Plugin(
    "loadbalance",
    summary="Shuffle A/AAAA/MX answers; optional weighted selection and subnet preference.",
    syntax="loadbalance [round_robin | weighted WEIGHTFILE] [{ reload DURATION | prefer CIDR... }]",
    repeat="last",
    arguments=None,
    block="custom",
    options=[
        Option("reload", (req("DURATION", duration(minimum=0)),), since=_WEIGHTED_SINCE, notes="weighted mode only"),
        Option("prefer", (many("CIDR", CIDR),), since=v("1.12.4"), notes="round_robin mode only"),
    ],
    check=_check_loadbalance,
)

# --------------------------------------------------------------------------------------------
# local

LOCAL = Plugin(
    "local",
    summary="Answer localhost and loopback reverse names locally.",
    syntax="local [{ localhost_prefix on|off }]",
    since=v("1.8.1"),
    repeat="last",
    arguments=NO_ARGS,
    block="options",
    options=[Option("localhost_prefix", (req("on|off", one_of("on", "off")),), since=v("1.14.5"))],
)

# --------------------------------------------------------------------------------------------
# log

LOG = Plugin(
    "log",
    summary="Log queries to standard output.",
    syntax="log [NAMES...] [FORMAT] [{ class all|success|denial|error... }]",
    repeat="multi",
    arguments=(any_number("NAMES FORMAT"),),
    block="options",
    options=[
        # unsure: whether class names are case-sensitive; accepted in any case
        Option("class", (many("CLASS", one_of("all", "success", "denial", "error", case_sensitive=False)),)),
    ],
    notes=("A single argument is always a NAME, never a format: write `log . {combined}`.",),
)

# --------------------------------------------------------------------------------------------
# loop

LOOP = Plugin(
    "loop",
    summary="Detect forwarding loops at startup and stop the process.",
    syntax="loop",
    since=v("1.2.1"),
    repeat="once",
    arguments=NO_ARGS,
    block="ignored",  # unsure: reaction to a block is not documented; lenient
)

PLUGINS: tuple[Plugin, ...] = (
    HEADER,
    HEALTH,
    HOSTS,
    HTTPS,
    HTTPS3,
    K8S_EXTERNAL,
    KUBERNETES,
    LOADBALANCE,
    LOCAL,
    LOG,
    LOOP,
)

__all__ = ["PLUGINS"]
