"""Which directives a release compiles, and in which order they run (plugin.cfg).

The order is the chain order: CoreDNS sets plugins up, and queries pass through them, in
plugin.cfg order whatever order the Corefile lists them in.  Each release's list is the master
list of its era filtered by each directive's since/removed versions.
"""

from __future__ import annotations

from corefile.catalogue.plugins import compiled_in
from corefile.core.versions import Version

#: plugin.cfg of 1.14.7 (corefile-syntax.md §8.4) with removed directives at their last position.
_ORDER_SINCE_1_14_7 = (
    "root metadata geoip cancel proxyproto quic grpc_server https https3 timeouts multisocket "
    "reload nsid bufsize bind debug trace ready health pprof shed prometheus errors log dnstap "
    "local dns64 any chaos loadbalance tsig rewrite autopath acl cache header dnssec tls minimal "
    "template transfer hosts route53 azure clouddns k8s_external kubernetes file auto secondary "
    "etcd loop forward grpc erratic whoami on sign view nomad"
).split()

#: Releases up to 1.14.6: `tls` right after `cancel`, and `… tsig cache rewrite acl header dnssec
#: autopath minimal …` (corefile-syntax.md §8.4).  Removed directives sit where they last were:
#: reverse after autopath (1.1.x), federation between clouddns and k8s_external (1.6.x), proxy
#: right after forward (1.4.0), startup/shutdown last (1.0.6).
# unsure: only the 1.14.6 → 1.14.7 reorder is documented; earlier releases are assumed to share
# the 1.14.6 relative order, and proxyproto's slot before 1.14.7 (after tls) is inferred.
_ORDER_BEFORE_1_14_7 = (
    "root metadata geoip cancel tls proxyproto quic grpc_server https https3 timeouts multisocket "
    "reload nsid bufsize bind debug trace ready health pprof prometheus errors log dnstap "
    "local dns64 any chaos loadbalance tsig cache rewrite acl header dnssec autopath reverse minimal "
    "template transfer hosts route53 azure clouddns federation k8s_external kubernetes file auto "
    "secondary etcd loop forward proxy grpc erratic whoami on startup shutdown sign view nomad"
).split()

_REORDER_RELEASE = Version(1, 14, 7)


def directive_order(version: Version) -> tuple[str, ...]:
    """plugin.cfg names compiled into ``version``, in execution order."""
    master = _ORDER_SINCE_1_14_7 if version >= _REORDER_RELEASE else _ORDER_BEFORE_1_14_7
    return tuple(name for name in master if compiled_in(name, version))


def is_known(name: str, version: Version) -> bool:
    """True when ``name`` is a directive of ``version``'s default build (external plugins are not)."""
    return compiled_in(name, version)
