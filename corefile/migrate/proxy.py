"""``proxy`` options as ``forward`` options: every one forward supports is kept, the rest are
dropped with the reason (shared by ``corefile migrate`` and lint's unsafe ``proxy`` fix).

forward's options are in the plugin reference (shared/reference/plugins.md, forward): it has
``except``, ``max_fails``, ``policy random|round_robin|sequential``, ``health_check DURATION``
and ``force_tcp``, but no ``fail_timeout``, ``spray``, ``least_conn`` policy, HTTP health
check or gRPC transport.

corefile-migration (kubeadm) drops ``max_fails`` and turns ``policy least_conn`` into
``force_tcp``; we differ on purpose: forward supports ``max_fails``, and ``force_tcp`` changes
the transport, which has nothing to do with choosing an upstream.
"""

from __future__ import annotations

import attrs

from corefile.migrate.model import Option

#: proxy policies forward has under the same (or, for ``first``, another) name.
_POLICIES = {"random": "random", "round_robin": "round_robin", "sequential": "sequential", "first": "sequential"}


@attrs.frozen
class Translated:
    """One proxy option for forward: the option forward gets (None: dropped) and, when
    something could not be carried over, what and why (``lost``)."""

    option: Option | None
    lost: str = ""


def translate(option: Option) -> Translated:
    """The forward equivalent of one proxy option."""
    name, args = option.name, option.args
    written = " ".join((name, *args))
    if name == "except" and not args:
        # forward refuses an `except` without names (Wrong argument count) where proxy took it;
        # it excluded nothing, so dropping it keeps the meaning. corefile-migration keeps it,
        # and its own expected output is then refused by CoreDNS.
        return Translated(None)
    if name in ("except", "max_fails"):
        return Translated(option)
    if name == "policy":
        policy = _POLICIES.get(args[0]) if len(args) == 1 else None
        if policy is not None:
            return Translated(Option("policy", (policy,)))
        return Translated(None, f"`{written}` dropped: forward's policies are random, round_robin and sequential "
                                "(it uses random)")
    if name == "fail_timeout":
        return Translated(None, f"`{written}` dropped: forward has no fail_timeout; a failed upstream is "
                                "health-checked until it answers")
    if name == "spray":
        return Translated(None, "`spray` dropped: forward already picks a random upstream when all are down")
    if name == "health_check":
        durations = [arg for arg in args[1:] if arg[:1].isdigit()]
        if durations:
            return Translated(Option("health_check", (durations[0],)),
                              f"`{written}`: forward checks upstreams with DNS queries, not HTTP {args[0]}; "
                              f"the interval {durations[0]} is kept")
        return Translated(None, f"`{written}` dropped: forward checks upstreams with DNS queries, not HTTP "
                                f"{args[0] if args else ''}".rstrip())
    if name == "protocol":
        if (len(args) >= 2 and args[0] == "force_tcp") or args == ("dns", "force_tcp"):
            return Translated(Option("force_tcp"))
        if args == ("dns",):
            return Translated(None)  # plain DNS is what forward speaks anyway: nothing is lost
        return Translated(None, f"`{written}` dropped: forward speaks DNS, DNS over TLS (tls://) and DoH "
                                "(https://), not this protocol; the grpc plugin forwards over gRPC")
    return Translated(option)  # not a proxy option the tables know: carried over as written
