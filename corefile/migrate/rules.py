"""The rule model and the catalogue of plugin rule "generations".

A release's table maps each plugin the migration tables know at that release to a
``PluginRule``: which options it knows, the status of the plugin and of each option at
that release, and what a migration does about it. Plugins absent from the table are
unknown ("unsupported") there: a migration leaves them alone.

The generations below are corefile-migration's (its ``plugins`` map), with its names
kept in the comments so the two can be compared side by side. Where we deliberately
differ from it, a comment says so and why.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from types import MappingProxyType

import attrs

from corefile.migrate.model import Option, Plugin, Server
from corefile.migrate.notices import Severity
from corefile.migrate.proxy import translate

__all__ = ["OptionRule", "PluginRule"]

#: Rewrites an option on the way up; returning None deletes it.
OptionAction = Callable[[Option], "Option | None"]
#: Rewrites a plugin (after its options were processed); None deletes it.
PluginAction = Callable[[Plugin], "Plugin | None"]
#: Builds a new-default option for a plugin lacking it; None declines.
OptionAdder = Callable[[Plugin], "Option | None"]
#: Builds a new-default plugin for a server block lacking it; None declines.
PluginAdder = Callable[[Server], "Plugin | None"]

_DEP, _IGN, _REM, _NEW = Severity.DEPRECATED, Severity.IGNORED, Severity.REMOVED, Severity.NEW_DEFAULT


@attrs.frozen
class OptionRule:
    """What a release says about one option of a plugin."""

    status: Severity | None = None
    action: OptionAction | None = None
    add: OptionAdder | None = None
    #: What the action could not carry over, and why ("" when nothing was lost).
    lost: Callable[[Option], str] | None = None


@attrs.frozen
class PluginRule:
    """What a release says about one plugin."""

    options: Mapping[str, OptionRule] = attrs.field(factory=dict, converter=MappingProxyType)
    #: Extra option matchers tried when no named option matches (hosts' inline entries).
    matchers: tuple[tuple[Callable[[str], bool], OptionRule], ...] = ()
    status: Severity | None = None
    replaced_by: str = ""
    action: PluginAction | None = None
    add: PluginAdder | None = None
    down_action: PluginAction | None = None

    def match_option(self, name: str) -> OptionRule | None:
        """The rule for an option called ``name``, or None when the option is unknown."""
        rule = self.options.get(name)
        if rule is not None:
            return rule
        return next((r for matches, r in self.matchers if matches(name)), None)


_KNOWN = OptionRule()


def _known(*names: str, **special: OptionRule) -> dict[str, OptionRule]:
    """An option table: plain known options, plus options that carry a status or action."""
    table = {name: _KNOWN for name in names}
    table.update(special)
    return table


# --------------------------------------------------------------------------- actions


def _drop(_: object) -> None:
    return None


def _keep_first_arg(option: Option) -> Option:
    # kubernetes `endpoint a b c`: CoreDNS 1.4.0+ uses only the first URL.
    return Option(option.name, option.args[:1])


def _drop_https_google(option: Option) -> Option | None:
    # proxy `protocol https_google` stopped working in 1.1.x; other protocols survive.
    return None if option.args[:1] == ("https_google",) else option


def _proxy_option_to_forward(option: Option) -> Option | None:
    # We differ from corefile-migration here (see corefile.migrate.proxy): every option
    # forward supports is kept (max_fails, policies it has), least_conn is not force_tcp.
    return translate(option).option


def _proxy_option_lost(option: Option) -> str:
    return translate(option).lost


def _rename_to_forward(plugin: Plugin) -> Plugin:
    return attrs.evolve(plugin, name="forward")


def _add_loop(server: Server) -> Plugin | None:
    # loop guards forwarders against forwarding to themselves; only blocks that forward.
    if server.plugin("forward") or server.plugin("proxy"):
        return Plugin("loop")
    return None


def _add_ready(server: Server) -> Plugin | None:
    # ready reports readiness of plugins such as kubernetes; only blocks serving kubernetes.
    return Plugin("ready") if server.plugin("kubernetes") else None


def _add_lameduck(_: Plugin) -> Option:
    return Option("lameduck", ("5s",))


def _add_max_concurrent(_: Plugin) -> Option:
    return Option("max_concurrent", ("1000",))


def _is_ip_address(name: str) -> bool:
    # hosts accepts inline `IP NAME...` lines, whose first token is the option name.
    # corefile-migration matches those with unanchored regexes that miss short IPv6
    # addresses such as fd00::5; we ask the ipaddress module instead.
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------ plugin generations
# Names in comments are corefile-migration's generation labels.

# Plugins whose option lines the tables know nothing about: any option is unsupported.
NO_OPTIONS = PluginRule()

ERRORS_V1 = PluginRule()
ERRORS_V2 = PluginRule(_known("consolidate"))
ERRORS_V3 = PluginRule(_known("consolidate", "stacktrace"))

LOG_V1 = PluginRule(_known("class"))

HEALTH_V1 = PluginRule(_known("lameduck"))
# "v1 add lameduck" (1.6.5): `lameduck 5s` becomes a default health option.
HEALTH_ADD_LAMEDUCK = PluginRule(_known(lameduck=OptionRule(_NEW, add=_add_lameduck)))

# loop at 1.2.1 and ready at 1.5.0 become new defaults; a downgrade through that
# version takes them out again.
LOOP = NO_OPTIONS
LOOP_NEW_DEFAULT = PluginRule(status=_NEW, add=_add_loop, down_action=_drop)
READY = NO_OPTIONS
READY_NEW_DEFAULT = PluginRule(status=_NEW, add=_add_ready, down_action=_drop)

_K8S_V1_OPTIONS = (
    "resyncperiod", "endpoint", "tls", "namespaces", "labels", "pods", "endpoint_pod_names",
    "upstream", "ttl", "noendpoints", "transfer", "fallthrough", "ignore",
)
KUBERNETES_V1 = PluginRule(_known(*_K8S_V1_OPTIONS))
KUBERNETES_V2 = PluginRule(_known(*_K8S_V1_OPTIONS, "kubeconfig"))
KUBERNETES_V3 = PluginRule(_known(
    *_K8S_V1_OPTIONS, "kubeconfig",
    endpoint=OptionRule(_DEP, _keep_first_arg),
))
KUBERNETES_V4 = PluginRule(_known(
    *_K8S_V1_OPTIONS, "kubeconfig",
    endpoint=OptionRule(_IGN, _keep_first_arg),
    upstream=OptionRule(_DEP, _drop),
))
KUBERNETES_V5 = PluginRule(_known(
    *_K8S_V1_OPTIONS, "kubeconfig",
    endpoint=OptionRule(_IGN, _keep_first_arg),
    upstream=OptionRule(_IGN, _drop),
    resyncperiod=OptionRule(_DEP, _drop),
))
KUBERNETES_V6 = PluginRule(_known(
    *_K8S_V1_OPTIONS, "kubeconfig",
    endpoint=OptionRule(_IGN, _keep_first_arg),
    upstream=OptionRule(_IGN, _drop),
    resyncperiod=OptionRule(_IGN, _drop),
))
KUBERNETES_V7 = PluginRule(_known(
    *_K8S_V1_OPTIONS, "kubeconfig",
    endpoint=OptionRule(_IGN, _keep_first_arg),
    upstream=OptionRule(_REM, _drop),
    resyncperiod=OptionRule(_REM, _drop),
))
_K8S_V8_OPTIONS = (
    "tls", "kubeconfig", "namespaces", "labels", "pods", "endpoint_pod_names", "ttl",
    "noendpoints", "fallthrough", "ignore",
)
# "v8 remove transfer option" (1.8.0): the option moves to the transfer plugin (see
# transforms.move_kubernetes_transfer); upstream and resyncperiod are no longer listed.
KUBERNETES_V8_REMOVE_TRANSFER = PluginRule(_known(
    *_K8S_V8_OPTIONS,
    endpoint=OptionRule(_IGN, _keep_first_arg),
    transfer=OptionRule(_REM, _drop),
))
KUBERNETES_V8 = PluginRule(_known(*_K8S_V8_OPTIONS, endpoint=OptionRule(_IGN, _keep_first_arg)))

K8S_EXTERNAL_V1 = PluginRule(_known("apex", "ttl"))
K8S_EXTERNAL_V2 = PluginRule(_known("apex", "ttl", "fallthrough"))

_FORWARD_V1_OPTIONS = (
    "except", "force_tcp", "expire", "max_fails", "tls", "tls_servername", "policy", "health_check",
)
FORWARD_V1 = PluginRule(_known(*_FORWARD_V1_OPTIONS))
FORWARD_V2 = PluginRule(_known(*_FORWARD_V1_OPTIONS, "prefer_udp"))
FORWARD_V3 = PluginRule(_known(*_FORWARD_V1_OPTIONS, "prefer_udp", "max_concurrent"))
# "v3 add max_concurrent" (1.7.0): every forward gets `max_concurrent 1000`.
FORWARD_ADD_MAX_CONCURRENT = PluginRule(_known(
    *_FORWARD_V1_OPTIONS, "prefer_udp",
    max_concurrent=OptionRule(_NEW, add=_add_max_concurrent),
))
FORWARD_V4 = PluginRule(_known(*_FORWARD_V1_OPTIONS, "prefer_udp", "max_concurrent", "next", "fail_fast"))
FORWARD_V5 = PluginRule(_known(
    *_FORWARD_V1_OPTIONS, "prefer_udp", "max_concurrent", "next", "failfast_all_unhealthy_upstreams",
))

CACHE_V1 = PluginRule(_known("success", "denial", "prefetch"))
CACHE_V2 = PluginRule(_known("success", "denial", "prefetch", "serve_stale"))
CACHE_V3 = PluginRule(_known("success", "denial", "prefetch", "serve_stale", "disable", "servfail"))
CACHE_V4 = PluginRule(_known("success", "denial", "prefetch", "serve_stale", "disable", "servfail", "keepttl"))

HOSTS_V1 = PluginRule(
    _known("ttl", "no_reverse", "reload", "fallthrough"),
    matchers=((_is_ip_address, _KNOWN),),
)

# corefile-migration keys rewrite's answer rule as the two-word "answer name", which can
# never equal a one-token option name, so every `answer ...` line is reported as
# unsupported. We key it as "answer", which is what that entry evidently meant.
_REWRITE_V1_OPTIONS = ("type", "class", "name", "answer", "edns0")
REWRITE_V1 = PluginRule(_known(*_REWRITE_V1_OPTIONS))
REWRITE_V2 = PluginRule(_known(*_REWRITE_V1_OPTIONS, "ttl"))
REWRITE_V3 = PluginRule(_known(*_REWRITE_V1_OPTIONS, "ttl", "cname_target"))

_PROXY_OPTIONS = ("policy", "fail_timeout", "max_fails", "health_check", "except", "spray")
# proxy v1 (1.1.4): `protocol` is ignored; v2 (1.2.0): removed. Either way the
# https_google form is what CoreDNS dropped, so only that form is deleted.
PROXY_V1 = PluginRule(_known(*_PROXY_OPTIONS, protocol=OptionRule(_IGN, _drop_https_google)))
PROXY_V2 = PluginRule(_known(*_PROXY_OPTIONS, protocol=OptionRule(_REM, _drop_https_google)))
# The proxy → forward conversion. The option rules carry no status, so they run whenever
# the plugin itself is converted; options not listed here are carried over verbatim.
_TO_FORWARD = OptionRule(action=_proxy_option_to_forward, lost=_proxy_option_lost)
_PROXY_TO_FORWARD_OPTIONS = _known(
    "max_fails",
    **{"except": _TO_FORWARD},
    policy=_TO_FORWARD,
    fail_timeout=_TO_FORWARD,
    health_check=_TO_FORWARD,
    spray=_TO_FORWARD,
    protocol=_TO_FORWARD,
)
# "deprecation" (1.4.0): converted only when deprecations are requested.
PROXY_DEPRECATED = PluginRule(_PROXY_TO_FORWARD_OPTIONS, status=_DEP, replaced_by="forward",
                              action=_rename_to_forward)
# "removal" (1.5.0): always converted.
PROXY_REMOVED = PluginRule(_PROXY_TO_FORWARD_OPTIONS, status=_REM, replaced_by="forward",
                           action=_rename_to_forward)

TRANSFER_V1 = PluginRule(_known("to"))
