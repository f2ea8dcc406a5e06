"""The plugin chain model: what CoreDNS does with a query, block by block.

CoreDNS groups a server block's directives by name and sets them up in ``plugin.cfg`` order, so
a query passes the plugins in that order whatever order the Corefile lists them in; several
occurrences of one plugin keep file order (corefile-syntax.md §8.2). For every effective server
block this module builds that chain, with for each link:

* its zones (the zone arguments it takes, else the block's zones);
* its role: does it answer queries in its zones (``answers``), answer only some kinds of query
  and pass the rest (``partial``), only pass queries on (``filter``), or register no handler at
  all (``none``: it configures the server or runs a side service);
* whether it falls through (``fallthrough [ZONES]``, forward's ``next RCODE...``) and for which
  zones;
* the HTTP side listener it opens, if any (health, ready, pprof, prometheus).

Rules ask :func:`chains` for the model of a file (computed once per run).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from corefile.analysis.addresses import AddressError, normalize_key
from corefile.catalogue import PLUGINS, directive_order
from corefile.catalogue.plugins import is_external
from corefile.core.versions import Version
from corefile.expansion.expand import Line, Token

if TYPE_CHECKING:
    from corefile.analysis.context import BlockView, Context

#: Plugins that answer queries in their zones (unless they fall through).
AUTHORITATIVE = frozenset(
    "kubernetes file auto secondary hosts template etcd route53 azure clouddns k8s_external nomad federation "
    "reverse".split()
)
#: Plugins that send queries in their zones upstream and answer with what comes back.
FORWARDERS = frozenset({"forward", "grpc", "proxy"})
#: Plugins that answer every query that reaches them.
TERMINAL = frozenset({"whoami", "erratic"})
#: Plugins that answer some queries (a class, a type, a probe, a filter) and pass the others on.
PARTIAL = {
    "chaos": "answers CH-class version/authors queries",
    "any": "answers ANY queries with a short HINFO",
    "local": "answers localhost and similar local names",
    "loop": "answers only its own start-up probe",
    "acl": "blocks or filters matching queries",
    "dns64": "synthesises AAAA answers",
}
#: Directives whose setup registers no handler in the query chain (plugins.md §1 end).
NO_HANDLER = frozenset(
    "root quic grpc_server https https3 timeouts multisocket reload bind debug ready health pprof "
    "proxyproto tls sign on startup shutdown".split()
)
#: HTTP side listeners and their default addresses (plugins.md §2.8).
LISTENERS = {"health": ":8080", "ready": ":8181", "pprof": "localhost:6053", "prometheus": "localhost:9153"}

#: What the common pass-through plugins do on the way.
FILTERS = {
    "errors": "logs errors of the plugins after it",
    "log": "logs queries",
    "prometheus": "records metrics",
    "cache": "answers from its cache, else passes the query on and caches the answer",
    "rewrite": "rewrites matching queries (and their answers), passes them on",
    "autopath": "completes search-path names, passes the rest on",
    "loadbalance": "shuffles the answers that come back",
    "dnssec": "signs the answers that come back",
    "metadata": "collects metadata for later plugins",
    "minimal": "trims the answers that come back",
    "header": "sets header flags",
    "dnstap": "logs queries and answers to dnstap",
    "trace": "traces queries",
    "cancel": "cancels queries that take too long",
    "bufsize": "limits the EDNS buffer size",
    "nsid": "adds the NSID option",
    "transfer": "answers zone transfers (AXFR/IXFR) for the zones it covers",
    "tsig": "checks TSIG signatures",
    "view": "selects this block for matching queries",
    "geoip": "looks up the client's location",
    "shed": "sheds load",
    "loop": "answers only its own start-up probe",
}

ANSWERING = AUTHORITATIVE | FORWARDERS | TERMINAL


@attrs.frozen
class Link:
    """One plugin occurrence in a block's chain."""

    name: str
    line: Line
    #: Index in plugin.cfg of the target version; None for external or unknown plugins.
    position: int | None
    written: int  #: Index of the occurrence in the block, in file order.
    zones: tuple[str, ...]
    role: str  #: "answers", "partial", "filter" or "none".
    #: Zones it passes queries on for when it has no answer; None when it never falls through;
    #: the link's own zones for a bare ``fallthrough``.
    fallthrough: tuple[str, ...] | None = None
    #: forward's ``next RCODE...``: the response codes it hands to the next plugin.
    next_rcodes: tuple[str, ...] = ()
    #: The address of the HTTP side listener it opens.
    listener: str | None = None
    #: forward/grpc: the zones it does not handle (``except``).
    excepted: tuple[str, ...] = ()

    @property
    def token(self) -> Token:
        return self.line.name

    @property
    def answers(self) -> bool:
        return self.role == "answers"

    @property
    def handler(self) -> bool:
        return self.role != "none"

    @property
    def known(self) -> bool:
        return self.position is not None

    def handles(self, name: str) -> bool:
        """The link takes queries for ``name`` (inside its zones, outside its exceptions)."""
        return any(under(name, zone) for zone in self.zones) and not any(under(name, e) for e in self.excepted)

    def falls_through_for(self, name: str) -> bool:
        if self.fallthrough is None:
            return False
        return any(under(name, zone) for zone in self.fallthrough)


@attrs.frozen
class Chain:
    """The chain of one effective server block, in execution order."""

    view: BlockView
    links: tuple[Link, ...]

    @property
    def handlers(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.handler)

    @property
    def listeners(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.listener is not None)

    @property
    def zones(self) -> tuple[str, ...]:
        return self.view.zones

    @property
    def all_known(self) -> bool:
        """Every directive is a plugin whose place in the chain we know."""
        return all(link.known for link in self.links)

    def after(self, link: Link) -> tuple[Link, ...]:
        """Links that run after ``link`` (a later plugin, or a later occurrence of a separate handler)."""
        index = self.links.index(link)
        return tuple(other for other in self.links[index + 1 :] if other.name != link.name or _separate(link.name))

    def named(self, name: str) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.name == name)


def _separate(name: str) -> bool:
    """Occurrences of this plugin are separate handlers (not one handler with merged zones)."""
    return name in ("forward", "route53", "azure", "clouddns")


def under(name: str, zone: str) -> bool:
    """``name`` equals ``zone`` or lies below it (both fully qualified, case-insensitive)."""
    name, zone = name.lower(), zone.lower()
    return zone == "." or name == zone or name.endswith("." + zone)


def overlap(a: str, b: str) -> bool:
    return under(a, b) or under(b, a)


def zones_of(tokens: Iterable[Token], version: Version) -> tuple[str, ...]:
    """Normalised zones of zone arguments (unparseable and unknown placeholders skipped)."""
    zones: list[str] = []
    for token in tokens:
        if token.unknown_env:
            continue
        try:
            zones.extend(normalize_key(token.text, version=version).zones)
        except AddressError:
            continue
    return tuple(dict.fromkeys(zones))


def _zone_arguments(line: Line) -> list[Token] | None:
    """The arguments of ``line`` that name zones; None when the plugin takes none."""
    name, args = line.name.text, list(line.arguments)
    if name in ("kubernetes", "auto", "secondary", "etcd", "k8s_external", "acl", "dnssec", "transfer", "tsig",
                "metadata", "nomad", "federation", "rrl", "redis", "docker", "k8s_gateway"):
        return args
    if name in ("file", "sign", "hosts"):
        return args[1:]
    if name == "template":
        return args[2:]
    if name == "cache":
        return args[1:] if args and args[0].text.isdigit() else args
    if name in FORWARDERS or name in ("fanout", "alternate", "dnsredir"):
        if name == "alternate":
            return [a for a in args if a.text == "."][:1] or None
        return args[:1]
    if name == "autopath":
        return args[:-1]
    if name in ("route53", "clouddns"):
        return [attrs.evolve(a, text=a.text.split(":", 1)[0]) for a in args if ":" in a.text]
    if name == "azure":
        return [attrs.evolve(a, text=a.text.split(":", 1)[1]) for a in args if ":" in a.text]
    if name == "reverse":
        return args
    return None


def _options(line: Line, option: str) -> list[Line]:
    return [sub for sub in line.block or () if sub.name.text == option]


def _option_arguments(line: Line, option: Line) -> list[Token]:
    """An option's arguments as the plugin reads them.

    A ``}`` on the option's own line (``hosts FILE { fallthrough }``) is read as one more
    argument by CoreDNS's ``RemainingArgs``: ``fallthrough }`` falls through for the zone ``}``.
    """
    arguments = list(option.arguments)
    last = option.tokens[-1] if option.tokens else option.name
    tokens = line.tokens
    for index, token in enumerate(tokens):
        if token.word is last.word and token.file == last.file:
            if index + 1 < len(tokens):
                following = tokens[index + 1]
                if following.word.value == "}" and following.file == last.file and following.word.line == last.word.line:
                    arguments.append(following)
            break
    return arguments


def _role(name: str, line: Line) -> str:
    if name in NO_HANDLER:
        return "none"
    if name in ANSWERING:
        return "answers"
    if name in PARTIAL:
        return "partial"
    if name not in PLUGINS or is_external(name):
        return "answers"  # an unknown plugin may answer: assume it does (fewer false alarms)
    return "filter"


def build_chain(view: BlockView, version: Version, available=lambda name: True) -> Chain:
    order = {name: index for index, name in enumerate(directive_order(version))}
    block_zones = view.zones
    links = []
    for written, line in enumerate(view.directives):
        name = line.name.text
        position = order.get(name) if available(name) else None
        zone_args = _zone_arguments(line)
        zones = zones_of(zone_args, version) if zone_args else ()
        if not zones:
            zones = tuple(dict.fromkeys(block_zones))
        fallthrough = None
        falls = _options(line, "fallthrough")
        if falls:
            given = [token for option in falls for token in _option_arguments(line, option)]
            fallthrough = zones_of(given, version) if given else zones
        next_rcodes = tuple(token.text.upper() for option in _options(line, "next") for token in option.arguments)
        excepted = zones_of([token for option in _options(line, "except") for token in option.arguments], version)
        listener = None
        if name in LISTENERS:
            listener = line.arguments[0].text if line.arguments else LISTENERS[name]
        links.append(Link(name, line, position, written, zones, _role(name, line), fallthrough, next_rcodes,
                          listener, excepted if name in FORWARDERS else ()))
    links.sort(key=lambda link: (link.position if link.position is not None else len(order), link.written))
    return Chain(view, tuple(links))


def chains(context: Context) -> tuple[Chain, ...]:
    """The chain of every effective server block of the file (computed once per run)."""
    cached = context.cache.get("chains")
    if cached is None:
        cached = tuple(build_chain(view, context.version, context.is_available) for view in context.blocks)
        context.cache["chains"] = cached
    return cached


def describe(link: Link) -> str:
    """What the link does with a query, in a few words."""
    zones = " ".join(link.zones)
    if link.role == "none":
        if link.listener is not None:
            return f"HTTP listener on {link.listener}"
        return "server setting, not in the query chain"
    if link.role == "answers":
        if link.name in FORWARDERS:
            targets = " ".join(token.text for token in link.line.arguments[1:])
            text = f"forwards queries for {zones} to {targets}"
            if link.excepted:
                text += f" (except {' '.join(link.excepted)})"
            if link.next_rcodes:
                text += f"; passes {'/'.join(link.next_rcodes)} answers on"
            return text
        if link.name in TERMINAL:
            return "answers every query that reaches it"
        if not link.known:
            return f"external plugin (its place in the chain depends on your build); zones {zones}"
        text = f"answers for {zones}"
        if link.fallthrough is not None:
            text += f"; falls through for {' '.join(link.fallthrough)}"
        else:
            text += "; does not fall through"
        return text
    if link.role == "partial":
        return PARTIAL[link.name] + ", passes the rest on"
    what = FILTERS.get(link.name, "passes every query on")
    if link.name in ("cache", "rewrite", "autopath", "dnssec", "metadata") or link.name not in FILTERS:
        what += f" (zones {zones})"
    if link.listener is not None:
        what += f"; HTTP listener on {link.listener}"
    return what


def render(chain_list: Sequence[Chain]) -> str:
    """The text ``corefile explain`` prints."""
    out: list[str] = []
    for number, chain in enumerate(chain_list, 1):
        view = chain.view
        keys = " ".join(view.block.key_texts)
        first = view.first_token
        out.append(f"Server block {number}: {keys}  ({_where(first)})")
        zones = ", ".join(view.zones) or "(none)"
        ports = sorted({key.address.port for key in view.keys if key.address is not None})
        out.append(f"  zones: {zones}" + (f"  port: {', '.join(ports)}" if ports else ""))
        handlers = chain.handlers
        if handlers:
            out.append("  A query passes these plugins in this order (plugin.cfg order, not file order):")
            width = max(len(link.name) for link in handlers)
            for index, link in enumerate(handlers, 1):
                out.append(f"  {index:>3}. {link.name:<{width}}  {describe(link)}  [{_where(link.token)}]")
            last = handlers[-1]
            if not (last.role == "answers" and last.fallthrough is None and not last.next_rcodes):
                out.append("       (a query nobody answers ends in SERVFAIL: no next plugin found)")
        else:
            out.append("  No plugin handles queries: CoreDNS answers REFUSED (or SERVFAIL) for this block.")
        others = [link for link in chain.links if not link.handler]
        if others:
            out.append("  Outside the query chain:")
            for link in others:
                out.append(f"       {link.name}: {describe(link)}  [{_where(link.token)}]")
        out.append("")
    return "\n".join(out)


def _where(token: Token) -> str:
    word = token.word
    where = f"line {word.line}"
    if token.file:
        where = f"{token.file}:{word.line}"
    return where
