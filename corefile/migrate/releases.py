"""The CoreDNS releases the migration tables know, in order, with their plugin rules.

Each row below says what *changes* on entering that release; a release's full plugin
table is the previous one with those changes applied. This reads like corefile-migration's
per-version table (its ``versions.go``, newest release it knows: 1.14.2) while keeping
every difference between neighbouring releases in one visible place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

import attrs

import corefile.migrate.rules as r
import corefile.migrate.transforms as transforms
from corefile.core.versions import Version
from corefile.migrate.workspace import Workspace

__all__ = ["RELEASES", "Release", "SUPPORTED_VERSIONS", "index_of", "release"]

CorefileTransform = Callable[[Workspace], None]


@attrs.frozen
class Release:
    """One CoreDNS release as the migration tables describe it."""

    version: Version
    #: Docker image digest of the official image (64 hex digits, no ``sha256:``).
    docker_sha: str
    #: Plugin rules at this release; None for 1.1.3, which is only ever a starting point.
    plugins: Mapping[str, r.PluginRule] | None
    #: Kubernetes releases that shipped this CoreDNS as their default.
    k8s_releases: tuple[str, ...] = ()
    #: That default Corefile as a template (``*`` = one token, ``***`` = the rest).
    default_conf: str | None = None
    pre_process: CorefileTransform | None = None
    post_process: CorefileTransform | None = None


# ------------------------------------------------------------ default Corefile templates

_D1 = """
.:53 {
    errors
    health
    kubernetes * *** {
        pods insecure
        upstream
        fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    proxy . *
    cache 30
    reload
}
"""

# D1 plus loop and loadbalance.
_D2 = """
.:53 {
    errors
    health
    kubernetes * *** {
        pods insecure
        upstream
        fallthrough in-addr.arpa ip6.arpa
    }
    prometheus :9153
    proxy . *
    cache 30
    loop
    reload
    loadbalance
}
"""

# D2 with forward instead of proxy, and a kubernetes ttl.
_D3 = """
.:53 {
    errors
    health
    kubernetes * *** {
        pods insecure
        upstream
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    prometheus :9153
    forward . *
    cache 30
    loop
    reload
    loadbalance
}
"""

# D3 with ready, without kubernetes upstream.
_D4 = """
.:53 {
    errors
    health
    ready
    kubernetes * *** {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    prometheus :9153
    forward . *
    cache 30
    loop
    reload
    loadbalance
}
"""

# D4 with health lameduck.
_D5 = """
.:53 {
    errors
    health {
        lameduck 5s
    }
    ready
    kubernetes * *** {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    prometheus :9153
    forward . *
    cache 30
    loop
    reload
    loadbalance
}
"""

# D5 with forward max_concurrent.
_D6 = """
.:53 {
    errors
    health {
        lameduck 5s
    }
    ready
    kubernetes * *** {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    prometheus :9153
    forward . * {
        max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
"""

# ------------------------------------------------------------------------ the chain

# The first plugin table (1.1.4). loop, ready, k8s_external and transfer come later.
_FIRST_TABLE: dict[str, r.PluginRule] = {
    "errors": r.ERRORS_V1,
    "log": r.LOG_V1,
    "health": r.HEALTH_V1,
    "autopath": r.NO_OPTIONS,
    "kubernetes": r.KUBERNETES_V1,
    "prometheus": r.NO_OPTIONS,
    "proxy": r.PROXY_V1,
    "forward": r.FORWARD_V1,
    "cache": r.CACHE_V1,
    "reload": r.NO_OPTIONS,
    "loadbalance": r.NO_OPTIONS,
    "hosts": r.HOSTS_V1,
    "rewrite": r.REWRITE_V1,
}

_REMOVE = None  # a change value meaning "no longer in the table"

#: (version, docker digest, changes on entering it, extra Release fields)
_ROWS: tuple[tuple[str, str, dict[str, r.PluginRule | None], dict[str, object]], ...] = (
    ("1.1.3", "a5dd18e048983c7401e15648b55c3ef950601a86dd22370ef5dfc3e72a108aaa", {},
     {"k8s_releases": ("1.11",), "default_conf": _D1}),
    ("1.1.4", "463c7021141dd3bfd4a75812f4b735ef6aadc0253a128f15ffe16422abe56e50", _FIRST_TABLE, {}),
    ("1.2.0", "ae69a32f8cc29a3e2af9628b6473f24d3e977950a2cb62ce8911478a61215471",
     {"forward": r.FORWARD_V2, "proxy": r.PROXY_V2}, {}),
    ("1.2.1", "fb129c6a7c8912bc6d9cc4505e1f9007c5565ceb1aa6369750e60cc79771a244",
     {"loop": r.LOOP_NEW_DEFAULT}, {}),
    ("1.2.2", "3e2be1cec87aca0b74b7668bbe8c02964a95a402e45ceb51b2252629d608d03a",
     {"loop": r.LOOP}, {"k8s_releases": ("1.12",), "default_conf": _D2}),
    ("1.2.3", "12f3cab301c826978fac736fd40aca21ac023102fd7f4aa6b4341ae9ba89e90e",
     {"kubernetes": r.KUBERNETES_V2, "rewrite": r.REWRITE_V2}, {}),
    ("1.2.4", "a0d40ad961a714c699ee7b61b77441d165f6252f9fb84ac625d04a8d8554c0ec", {}, {}),
    ("1.2.5", "33c8da20b887ae12433ec5c40bfddefbbfa233d5ce11fb067122e68af30291d6", {}, {}),
    ("1.2.6", "81936728011c0df9404cb70b95c17bbc8af922ec9a70d0561a5d01fefa6ffa51",
     {"errors": r.ERRORS_V2}, {"k8s_releases": ("1.13",), "default_conf": _D2}),
    ("1.3.0", "e030773c7fee285435ed7fc7623532ee54c4c1c4911fb24d95cd0170a8a768bc",
     {"k8s_external": r.K8S_EXTERNAL_V1}, {}),
    ("1.3.1", "02382353821b12c21b062c59184e227e001079bb13ebd01f9d3270ba0fcbf1e4",
     {"kubernetes": r.KUBERNETES_V3}, {"k8s_releases": ("1.14", "1.15"), "default_conf": _D3}),
    ("1.4.0", "70a92e9f6fc604f9b629ca331b6135287244a86612f550941193ec7e12759417",
     {"kubernetes": r.KUBERNETES_V4, "proxy": r.PROXY_DEPRECATED},
     {"post_process": transforms.split_stub_forwards}),
    ("1.5.0", "e83beb5e43f8513fa735e77ffc5859640baea30a882a11cc75c4c3244a737d3c",
     {"kubernetes": r.KUBERNETES_V5, "proxy": r.PROXY_REMOVED, "ready": r.READY_NEW_DEFAULT},
     {"post_process": transforms.split_stub_forwards}),
    ("1.5.1", "451817637035535ae1fc8639753b453fa4b781d0dea557d5da5cb3c131e62ef5",
     {"proxy": _REMOVE, "ready": r.READY}, {}),
    ("1.5.2", "586d15ec14911ee680ac9c5af20ff24b9d1412fbbf0e05862ee1f5c37baa65b2", {}, {}),
    ("1.6.0", "263d03f2b889a75a0b91e035c2a14d45d7c1559c53444c5f7abf3a76014b779d",
     {"kubernetes": r.KUBERNETES_V6}, {}),
    ("1.6.1", "9ae3b6fcac4ee821362277de6bd8fd2236fa7d3e19af2ef0406d80b595620a7a", {}, {}),
    ("1.6.2", "12eb885b8685b1b13a04ecf5c23bc809c2e57917252fd7b0be9e9c00644e8ee5", {},
     {"k8s_releases": ("1.16",), "default_conf": _D4}),
    ("1.6.3", "cfa7236dab4e3860881fdf755880ff8361e42f6cba2e3775ae48e2d46d22f7ba", {}, {}),
    ("1.6.4", "493ee88e1a92abebac67cbd4b5658b4730e0f33512461442d8d9214ea6734a9b", {}, {}),
    ("1.6.5", "7ec975f167d815311a7136c32e70735f0d00b73781365df1befd46ed35bd4fe7",
     {"health": r.HEALTH_ADD_LAMEDUCK}, {"k8s_releases": ("1.17",), "default_conf": _D5}),
    ("1.6.6", "41bee6992c2ed0f4628fcef75751048927bcd6b1cee89c79f6acb63ca5474d5a",
     {"health": r.HEALTH_V1, "cache": r.CACHE_V2}, {}),
    ("1.6.7", "2c8d61c46f484d881db43b34d13ca47a269336e576c81cf007ca740fa9ec0800", {},
     {"k8s_releases": ("1.18",), "default_conf": _D5}),
    # 1.6.8 is not in the tables.
    ("1.6.9", "40ee1b708e20e3a6b8e04ccd8b6b3dd8fd25343eab27c37154946f232649ae21",
     {"forward": r.FORWARD_V3}, {}),
    # corefile-migration drops cache back to its first generation here (until 1.9.4),
    # which makes `serve_stale` "unsupported" in 1.7.0-1.9.3 although CoreDNS kept it.
    # We treat that as a slip in its table and keep CACHE_V2.
    ("1.7.0", "73ca82b4ce829766d4f1f10947c3a338888f876fbed0540dc849c89ff256e90c",
     {"kubernetes": r.KUBERNETES_V7, "forward": r.FORWARD_ADD_MAX_CONCURRENT},
     {"k8s_releases": ("1.19", "1.20"), "default_conf": _D6}),
    ("1.7.1", "4a6e0769130686518325b21b0c1d0688b54e7c79244d48e1b15634e98e40c6ef",
     {"forward": r.FORWARD_V3}, {}),
    # 1.8.1 was never released as an image and 1.8.2 is not a valid version.
    ("1.8.0", "cc8fb77bc2a0541949d1d9320a641b82fd392b0d3d8145469ca4709ae769980e",
     {"kubernetes": r.KUBERNETES_V8_REMOVE_TRANSFER, "transfer": r.TRANSFER_V1},
     {"k8s_releases": ("1.21",), "pre_process": transforms.move_kubernetes_transfer}),
    ("1.8.3", "642ff9910da6ea9a8624b0234eef52af9ca75ecbec474c5507cb096bdfbae4e5",
     {"kubernetes": r.KUBERNETES_V8}, {}),
    ("1.8.4", "6e5a02c21641597998b4be7cb5eb1e7b02c0d8d23cce4dd09f4682d463798890", {}, {}),
    ("1.8.5", "43a9f52f5dce39bf1816afe6141724cc2d08811e466dd46e6628c925e2419bdc", {}, {}),
    ("1.8.6", "5b6ec0d6de9baaf3e92d0f66cd96a25b9edbce8716f5f15dcd1a616b3abd590e", {}, {}),
    ("1.8.7", "58508c172b14716350dc5185baefd78265a703514281d309d1d54aa1b721ad68", {}, {}),
    ("1.9.0", "0f101fabf4b63883d4529435f75b1e8816dcc8915e8fa7d28aa6e50a15e9ea6a", {}, {}),
    ("1.9.1", "d5a7db9ab4cb3efc22a08707385c54c328db3df32841d6c4a8ae78f102f1f49a", {}, {}),
    ("1.9.2", "27340bfb3d563684973da8222bfed30c8b38e211d39e6dc2e632d0beef4cdca0", {}, {}),
    ("1.9.3", "8e352a029d304ca7431c6507b56800636c321cb52289686a581ab70aaa8a2e2a",
     {"errors": r.ERRORS_V3}, {}),
    ("1.9.4", "b82e294de6be763f73ae71266c8f5466e7e03c69f3a1de96efd570284d35bb18",
     {"cache": r.CACHE_V3}, {}),
    ("1.10.0", "017727efcfeb7d053af68e51436ce8e65edbc6ca573720afb4f79c8594036955", {}, {}),
    ("1.10.1", "a0ead06651cf580044aeb0a0feba63591858fb2e43ade8c9dea45a6a89ae7e5e",
     {"cache": r.CACHE_V4}, {}),
    ("1.11.0", "cc3ebb05fbdba439d2d69813f162aa204b027098c8244fb3156e6e7c0f31c548",
     {"k8s_external": r.K8S_EXTERNAL_V2, "rewrite": r.REWRITE_V3}, {}),
    ("1.11.1", "1eeb4c7316bacb1d4c8ead65571cd92dd21e27359f0d4917f1a5822a73b75db1", {}, {}),
    # 1.11.2 is not in the tables.
    ("1.11.3", "9caabbf6238b189a65d0d6e6ac138de60d6a1c419e5a341fbbb7c78382559c6e", {}, {}),
    ("1.11.4", "4190b960ea90e017631e3e1a38eea28e98e057ab60d57d47b3db6e5cf77436f7",
     {"forward": r.FORWARD_V4}, {}),
    ("1.12.0", "40384aa1f5ea6bfdc77997d243aec73da05f27aed0c5e9d65bfa98933c519d97",
     {"forward": r.FORWARD_V5}, {}),
    ("1.12.1", "e8c262566636e6bc340ece6473b0eed193cad045384401529721ddbe6463d31c", {}, {}),
    ("1.12.2", "af8c8d35a5d184b386c4a6d1a012c8b218d40d1376474c7d071bb6c07201f47d", {}, {}),
    ("1.12.3", "1391544c978029fcddc65068f6ad67f396e55585b664ecccd7fefba029b9b706", {}, {}),
    ("1.12.4", "986f04c2e15e147d00bdd51e8c51bcef3644b13ff806be7d2ff1b261d6dfbae1", {}, {}),
    ("1.13.0", "da282c1983a1a330240e6e84eaec9b6120b0de0e7e29e92c44a6acd25f9e0238", {}, {}),
    ("1.13.1", "9b9128672209474da07c91439bf15ed704ae05ad918dd6454e5b6ae14e35fee6", {}, {}),
    ("1.13.2", "94caebb89dcfb9d2c4be45bfda34410a3e1092458fbbbc0284365c9e4c9a7818", {}, {}),
    ("1.14.0", "4fbdd8fb53c5d1748aeb98f0799798fb073bb11128c13e8415aa254ad1ae0203", {}, {}),
    ("1.14.1", "82b57287b29beb757c740dbbe68f2d4723da94715b563fffad5c13438b71b14a", {}, {}),
    ("1.14.2", "fd5079792b93909db3adefa91e41c3995455013394f0197c7346786ae19079fc", {}, {}),
)


def _build() -> tuple[Release, ...]:
    releases: list[Release] = []
    table: dict[str, r.PluginRule] | None = None
    for text, sha, changes, extra in _ROWS:
        if text != "1.1.3":  # 1.1.3 has no table of its own
            table = dict(table or {})
            for name, rule in changes.items():
                if rule is _REMOVE:
                    table.pop(name, None)
                else:
                    table[name] = rule
        plugins = MappingProxyType(dict(table)) if table is not None else None
        releases.append(Release(Version.parse(text), sha, plugins, **extra))  # type: ignore[arg-type]
    return tuple(releases)


#: Every release the tables know, oldest first.
RELEASES: tuple[Release, ...] = _build()
#: Their versions, oldest first.
SUPPORTED_VERSIONS: tuple[Version, ...] = tuple(rel.version for rel in RELEASES)
_BY_VERSION = {rel.version: rel for rel in RELEASES}
_INDEX = {rel.version: i for i, rel in enumerate(RELEASES)}


def release(version: Version) -> Release | None:
    """The release entry for exactly ``version``, or None if the tables do not know it."""
    return _BY_VERSION.get(version)


def index_of(version: Version) -> int | None:
    """Position of ``version`` in the chain, or None."""
    return _INDEX.get(version)
