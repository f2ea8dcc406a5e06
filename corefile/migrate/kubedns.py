"""Translating a kube-dns ConfigMap into a Corefile, as kubeadm did when switching to CoreDNS.

kubeadm (Kubernetes 1.10 to 1.20) read ``kube-system/kube-dns`` and rendered its three
JSON-valued keys into the CoreDNS ConfigMap it created:

* ``stubDomains`` (``{"domain": ["ip[:port]", ...]}``): one server block per domain;
* ``upstreamNameservers`` (``["ip[:port]", ...]``): the main block's forwarders,
  instead of ``/etc/resolv.conf``;
* ``federations`` (``{"name": "domain"}``): a ``federation`` plugin in the main block.

We do the same for any CoreDNS version the tables know, always with ``forward`` (never
``proxy``) and with that version's default Corefile as the main block.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from corefile.core.versions import Version
from corefile.migrate.defaults import default_corefile_template
from corefile.migrate.model import Corefile, Option, Plugin, Server
from corefile.migrate.notices import MigrationError
from corefile.migrate.planner import VersionLike, coerce_version
from corefile.migrate.text import render_corefile

__all__ = ["KubeDnsNotice", "KubeDnsTranslation", "kube_dns_to_corefile"]

STUB_DOMAINS = "stubDomains"
UPSTREAM_NAMESERVERS = "upstreamNameservers"
FEDERATIONS = "federations"

#: CoreDNS removed the federation plugin in this release.
FEDERATION_REMOVED_IN = Version(1, 7, 0)
#: The loop plugin's first release.
LOOP_SINCE = Version(1, 2, 1)
#: From this release forward accepts hostnames as upstreams (resolved once at startup).
FORWARD_HOSTNAMES_SINCE = Version(1, 14, 4)

_RESOLV_CONF = "/etc/resolv.conf"
_DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")


@attrs.frozen
class KubeDnsNotice:
    """Something the translation could not carry over as is, tied to a ConfigMap data key."""

    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


@attrs.frozen
class KubeDnsTranslation:
    """The translated Corefile, as text and as the plain model, with what was left out."""

    corefile_text: str
    corefile: Corefile
    notices: tuple[KubeDnsNotice, ...]


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of ``index`` in ``text``."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _error(message: str, key: str, text: str, needle: Any = None) -> MigrationError:
    """An error about ``key``, located at ``needle``'s JSON spelling in ``text`` if found."""
    line = column = None
    if needle is not None:
        index = text.find(json.dumps(needle))
        if index >= 0:
            line, column = _position(text, index)
    where = f" (line {line}, column {column})" if line is not None else ""
    return MigrationError(f"kube-dns ConfigMap key {key!r}{where}: {message}", key=key, line=line, column=column)


def _load(data: Mapping[str, str], key: str) -> Any:
    text = data.get(key)
    if text is None or not text.strip():
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MigrationError(
            f"kube-dns ConfigMap key {key!r} (line {exc.lineno}, column {exc.colno}): invalid JSON: {exc.msg}",
            key=key, line=exc.lineno, column=exc.colno,
        ) from None


def _is_dns_name(host: str) -> bool:
    # kubeadm accepted RFC 1123 subdomains here (and then dropped them, see below).
    return len(host) <= 253 and all(_DNS_LABEL.fullmatch(label) for label in host.split("."))


def _split_host_port(entry: str) -> tuple[str, str | None] | None:
    """``host`` and ``port`` of ``ip``, ``ip:port``, ``[v6]:port`` or ``name[:port]``; None if malformed."""
    try:
        ipaddress.ip_address(entry)
        return entry, None
    except ValueError:
        pass
    match = re.fullmatch(r"\[([^\]]+)\]:(\d+)|([^:\[\]]+):(\d+)|([^:\[\]]+)", entry)
    if match is None:
        return None
    host = match.group(1) or match.group(3) or match.group(5)
    port = match.group(2) or match.group(4)
    if port is not None and not 1 <= int(port) <= 65535:
        return None
    return host, port


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class _Translator:
    def __init__(self, data: Mapping[str, str], version: Version) -> None:
        self.data = data
        self.version = version
        self.notices: list[KubeDnsNotice] = []

    def nameservers(self, key: str, entries: Any, where: str) -> list[str]:
        """The usable ``forward`` targets among ``entries`` (kept as written)."""
        text = self.data[key]
        if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
            raise _error(f"{where} must be a list of nameserver strings", key, text, entries)
        usable: list[str] = []
        for entry in entries:
            parsed = _split_host_port(entry.strip())
            if parsed is None or not (_is_ip(parsed[0]) or _is_dns_name(parsed[0])):
                raise _error(f"invalid nameserver {entry!r}: expected IP[:PORT] or [IPv6]:PORT", key, text, entry)
            host = parsed[0]
            if _is_ip(host):
                usable.append(entry.strip())
            elif self.version >= FORWARD_HOSTNAMES_SINCE:
                # unsure: forward resolves hostnames once at startup since 1.14.4; we
                # trust that for kube-dns upstreams as well, and say so.
                usable.append(entry.strip())
                self.notices.append(KubeDnsNotice(key, (
                    f"{where} contains the hostname {host!r}; CoreDNS {self.version} resolves it once at "
                    "startup, so later address changes need a restart."
                )))
            else:
                # kubeadm (from Kubernetes 1.15) omitted hostnames, which forward refused.
                self.notices.append(KubeDnsNotice(key, (
                    f"{where} contains the hostname {host!r}, which forward in CoreDNS {self.version} does "
                    "not accept; it was left out. Use its IP address instead."
                )))
        return usable

    def upstreams(self) -> list[str]:
        entries = _load(self.data, UPSTREAM_NAMESERVERS)
        if entries is None:
            return [_RESOLV_CONF]
        usable = self.nameservers(UPSTREAM_NAMESERVERS, entries, "upstreamNameservers")
        if usable:
            return usable
        if entries:
            # kubeadm rendered `forward . ` with no target here, which CoreDNS rejects.
            self.notices.append(KubeDnsNotice(UPSTREAM_NAMESERVERS, (
                f"no usable upstream nameserver is left; the main block forwards to {_RESOLV_CONF} instead."
            )))
        return [_RESOLV_CONF]

    def stub_blocks(self) -> list[Server]:
        stubs = _load(self.data, STUB_DOMAINS)
        if stubs is None:
            return []
        text = self.data[STUB_DOMAINS]
        if not isinstance(stubs, dict):
            raise _error("must be a JSON object mapping each domain to a list of nameservers", STUB_DOMAINS, text)
        blocks: list[Server] = []
        # In the ConfigMap's own order (kubeadm's came out in random Go map order).
        for domain, entries in stubs.items():
            usable = self.nameservers(STUB_DOMAINS, entries, f"stub domain {domain!r}")
            if not usable:
                self.notices.append(KubeDnsNotice(STUB_DOMAINS, (
                    f"stub domain {domain!r} has no usable nameserver; no server block was written for it."
                )))
                continue
            # Body order as kubeadm wrote it. unsure: kubeadm never added max_concurrent
            # to stub forwards (even for 1.7.0+, where the main block's default has it);
            # we follow kubeadm.
            # loop only exists from CoreDNS 1.2.1 (kubeadm's 1.11 stubs had none either).
            loop = (Plugin("loop"),) if self.version >= LOOP_SINCE else ()
            blocks.append(Server((f"{domain}:53",), (
                Plugin("errors"),
                Plugin("cache", ("30",)),
                *loop,
                Plugin("forward", (".", *usable)),
            )))
        return blocks

    def federation(self, cluster_domain: str) -> Plugin | None:
        feds = _load(self.data, FEDERATIONS)
        if not feds:
            return None
        text = self.data[FEDERATIONS]
        if not isinstance(feds, dict) or not all(isinstance(v, str) for v in feds.values()):
            raise _error("must be a JSON object mapping each federation name to its domain", FEDERATIONS, text)
        if self.version >= FEDERATION_REMOVED_IN:
            listed = ", ".join(f"{name} ({domain})" for name, domain in feds.items())
            self.notices.append(KubeDnsNotice(FEDERATIONS, (
                f"not translated: CoreDNS {FEDERATION_REMOVED_IN} removed the federation plugin, and "
                f"Kubernetes Federation v1 has no replacement in CoreDNS. Left out: {listed}. To keep "
                "resolving those names, either target a CoreDNS version before 1.7.0, or send queries for "
                "each federation domain to the DNS servers that host it with a stub block "
                "(DOMAIN:53 { forward . IP }) and have clients use the federation domain names directly."
            )))
            return None
        return Plugin("federation", (cluster_domain,), tuple(Option(n, (d,)) for n, d in feds.items()))


def _main_block(template: Server, cluster_domain: str, upstreams: list[str],
                federation: Plugin | None) -> Server:
    """Fill the default template's wildcards; proxy becomes forward."""
    plugins: list[Plugin] = []
    for plugin in template.plugins:
        if plugin.name == "kubernetes":
            plugins.append(attrs.evolve(plugin, args=(cluster_domain, "in-addr.arpa", "ip6.arpa")))
            if federation is not None:
                plugins.append(federation)  # kubeadm put it right after kubernetes
        elif plugin.name in ("forward", "proxy"):
            plugins.append(attrs.evolve(plugin, name="forward", args=(".", *upstreams)))
        else:
            plugins.append(plugin)
    return Server(template.keys, tuple(plugins))


def kube_dns_to_corefile(
    configmap_data: Mapping[str, str],
    *,
    coredns_version: VersionLike,
    cluster_domain: str = "cluster.local",
) -> KubeDnsTranslation:
    """Translate a kube-dns ConfigMap's ``data`` into a Corefile for ``coredns_version``.

    The main block is that version's default Kubernetes Corefile (see
    ``default_corefile_template``) for ``cluster_domain``, forwarding to the upstream
    nameservers if any are given; each stub domain gets its own ``DOMAIN:53`` block with
    errors, cache 30, loop and forward. Federations become a ``federation`` plugin
    before CoreDNS 1.7.0 and a notice from then on.

    Raises ``MigrationError`` (with ``key``, and ``line``/``column`` inside that key's
    value where known) for JSON that does not parse or does not have the expected shape.
    """
    version = coerce_version(coredns_version, f"not a CoreDNS version: {coredns_version!r}")
    (template,) = default_corefile_template(version).servers
    translator = _Translator(configmap_data, version)
    upstreams = translator.upstreams()
    stubs = translator.stub_blocks()
    federation = translator.federation(cluster_domain)
    corefile = Corefile((_main_block(template, cluster_domain, upstreams, federation), *stubs))
    return KubeDnsTranslation(render_corefile(corefile), corefile, tuple(translator.notices))
