"""Directives that CoreDNS no longer compiles (plugins.md §4), checked only for older targets."""

from __future__ import annotations

from collections.abc import Iterator

from corefile.catalogue._protocol import DirectiveLike
from corefile.catalogue.check import known, problem
from corefile.catalogue.model import Option, Plugin, SetupProblem
from corefile.catalogue.plugins._common import (
    NO_ARGS,
    ZONE,
    ZONES,
    fallthrough,
    many,
    opt,
    req,
    v,
)
from corefile.catalogue.types import CIDR, DURATION, NON_NEGATIVE_INT, one_of
from corefile.core.versions import Version

# --------------------------------------------------------------------------------------------
# proxy


def _check_proxy(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = occurrence.arguments
    if len(words) < 2:
        yield problem(
            "missing-argument",
            words[-1] if words else occurrence.name,
            "proxy needs FROM and at least one TO, e.g. proxy . 8.8.8.8",
        )
    elif len(words) - 1 > 15:
        yield problem("invalid-arguments", words[16], f"proxy: more than 15 TOs configured ({len(words) - 1})")


def _check_protocol(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    words = line.arguments
    if not words:
        yield problem("missing-argument", line.name, "proxy option 'protocol' needs dns [force_tcp] or grpc [...]")
        return
    kind = words[0]
    if not known(kind):
        return
    if kind.value == "https_google":
        if version >= v("1.2.0"):
            yield problem("removed-option", kind, "proxy 'protocol https_google' was removed in CoreDNS 1.2.0", suggestion="forward")
        elif version >= v("1.1.3"):
            yield problem("deprecated-option", kind, "proxy 'protocol https_google' is ignored since CoreDNS 1.1.3")
    elif kind.value == "dns":
        for word in words[1:]:
            if known(word) and word.value != "force_tcp":
                yield problem("invalid-option-value", word, "only force_tcp is allowed as parameter to dns")
    elif kind.value == "grpc":
        if len(words) > 4:
            yield problem("invalid-option-value", words[4], "proxy protocol grpc takes at most insecure or KEY CERT [CACERT]")
    else:
        yield problem("invalid-option-value", kind, f"unknown proxy protocol '{kind.value}'; expected dns or grpc")


PROXY = Plugin(
    "proxy",
    summary="Proxy queries to upstream resolvers (predecessor of forward).",
    syntax="proxy FROM TO... [{ policy ...; fail_timeout DURATION; max_fails N; health_check PATH:PORT [DURATION]; except ...; spray; protocol ... }]",
    deprecated=v("1.4.0"),
    removed=v("1.5.0"),
    replacement="forward",
    repeat="multi",
    arguments=None,
    block="options",
    options=[
        Option("policy", (req("POLICY", one_of("random", "least_conn", "round_robin", "sequential", "first")),)),
        Option("fail_timeout", (req("DURATION", DURATION),)),
        Option("max_fails", (req("INTEGER", NON_NEGATIVE_INT),)),
        Option("health_check", (req("PATH:PORT"), opt("DURATION", DURATION))),
        Option("except", (many("IGNORED_NAMES", ZONE),)),
        Option("spray", NO_ARGS),
        Option("protocol", None, check=_check_protocol, shape="dns [force_tcp] | grpc [insecure | CACERT | KEY CERT [CACERT]]"),
    ],
    check=_check_proxy,
    notes=("Moved to the external coredns/proxy repository in 1.5.0; use forward (or grpc for protocol grpc).",),
)

# --------------------------------------------------------------------------------------------
# federation


def _check_federation(occurrence: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    lines = [line for line in occurrence.block or () if line.name.value != "upstream"]
    if not lines:
        yield problem("missing-argument", occurrence.name, "federation needs at least one 'NAME DOMAIN' line in its block")
    for line in lines:
        if len(line.arguments) != 1:
            target = line.arguments[1] if len(line.arguments) > 1 else line.name
            rule = "missing-argument" if not line.arguments else "invalid-arguments"
            yield problem(rule, target, f"need two arguments for federation (NAME DOMAIN), got {1 + len(line.arguments)}")
    for line in occurrence.block or ():
        if line.name.value == "upstream" and version >= v("1.4.0"):
            yield problem("deprecated-option", line.name, "federation option 'upstream' is ignored since CoreDNS 1.4.0; remove it")


FEDERATION = Plugin(
    "federation",
    summary="Kubernetes federation v1 names (removed with no replacement).",
    syntax="federation [ZONES...] { NAME DOMAIN... }",
    deprecated=v("1.6.3"),  # unsure: moved to an external repository around 1.6.x while still compiled
    removed=v("1.7.0"),
    repeat="first",
    arguments=ZONES,
    block="custom",
    check=_check_federation,
)

# --------------------------------------------------------------------------------------------
# reverse


def _check_reverse_hostname(line: DirectiveLike, version: Version) -> Iterator[SetupProblem]:
    if len(line.arguments) != 1:
        rule = "missing-argument" if not line.arguments else "invalid-option-value"
        yield problem(rule, line.arguments[1] if line.arguments else line.name, "reverse option 'hostname' takes one TEMPLATE")
        return
    word = line.arguments[0]
    if known(word) and "{ip}" not in word.value:
        yield problem("invalid-option-value", word, "reverse hostname template must contain {ip}")


REVERSE = Plugin(
    "reverse",
    summary="Synthesise PTR and A/AAAA records for address ranges.",
    syntax="reverse NETWORK... [{ hostname TEMPLATE; ttl SECONDS; fallthrough; wildcard }]",
    deprecated=v("1.1.3"),
    removed=v("1.2.0"),
    replacement="template (regex-based PTR/A synthesis)",
    repeat="multi",
    arguments=(many("NETWORK", CIDR),),
    block="options",
    options=[
        Option("hostname", None, check=_check_reverse_hostname, shape="TEMPLATE"),
        Option("ttl", (req("SECONDS", NON_NEGATIVE_INT),)),
        fallthrough(),
        Option("wildcard", NO_ARGS),
    ],
)

# --------------------------------------------------------------------------------------------
# startup, shutdown

STARTUP = Plugin(
    "startup",
    summary="Run a command at first startup.",
    syntax="startup COMMAND [ARGS...] [&]",
    deprecated=v("1.0.6"),
    removed=v("1.1.1"),
    replacement="on startup",
    repeat="multi",
    arguments=(many("COMMAND"),),
    block="ignored",
)

SHUTDOWN = Plugin(
    "shutdown",
    summary="Run a command at final shutdown.",
    syntax="shutdown COMMAND [ARGS...] [&]",
    deprecated=v("1.0.6"),
    removed=v("1.1.1"),
    replacement="on shutdown",
    repeat="multi",
    arguments=(many("COMMAND"),),
    block="ignored",
)

PLUGINS: tuple[Plugin, ...] = (PROXY, FEDERATION, REVERSE, STARTUP, SHUTDOWN)

__all__ = ["PLUGINS"]
