"""What changes for DNS between two configurations: the comparison of their effective servers.

Both sides are compared as CoreDNS runs them, never as text:

* **Servers** are matched by what they serve, each zone with its transport and port
  (``dns://example.org.:53``, keys normalised as CoreDNS does), not by their place in the file.
  Zones served by one block before and by two blocks after give two entries, each compared with
  the old block; a block whose zones stay but whose port or transport changes is ``moved``.
* **Plugins** of a matched pair are compared in execution order (plugin.cfg order, whatever the
  file order): occurrences are paired by identical text first, then by their zone (forwarders),
  then in order; what is left was added or removed. Arguments and block options are compared
  after placeholders and imports are expanded. File order changes that do not change execution
  order are only a note.
* **Upstreams** of ``forward``, ``grpc`` and ``proxy`` are compared per zone (``8.8.8.8`` and
  ``dns://8.8.8.8:53`` are one upstream).
* **Shadowed zones**: queries for a zone that an answering plugin keeps from a later plugin
  configured for it (no ``fallthrough``, no ``next``), as pairs (zone, plugin that answers).
* **Listeners**: the DNS sockets (transport, ``bind`` address, port) and the HTTP side listeners
  (health, ready, prometheus, pprof).
* **Findings** of both sides are compared by rule and a location-independent identity (the
  server, the plugin occurrence and the word they are about), so that a moved comment or a
  reordered file does not make a finding appear to change; new errors come first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import attrs

from corefile.analysis.chain import FORWARDERS, Chain, Link, chains, overlap, under
from corefile.analysis.context import BlockView, Context, Settings
from corefile.analysis.forwarding import listen_hosts, parse_target
from corefile.core.positions import Span
from corefile.expansion.loader import Loaded
from corefile.lint.findings import Finding, Severity

#: Plugins whose block lines act in the order they are written (rules, answers, filters).
ORDER_SENSITIVE_BLOCKS = frozenset({"acl", "template", "rewrite", "view", "firewall", "policy"})
_INVALID = "invalid"

#: An address CoreDNS serves: (transport, zone, port), or ("invalid", key text, "").
Address = tuple[str, str, str]


def address_text(address: Address) -> str:
    transport, zone, port = address
    if transport == _INVALID:
        return f"(invalid key {zone})"
    return f"{transport}://{zone}:{port}" if port else f"{transport}://{zone}"


# --- The two sides ------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Side:
    """One configuration to compare: what was read, its findings, and how to show positions.

    ``findings`` point at the user's file (a manifest or values line for embedded Corefiles);
    ``identities`` holds, for each finding, what it is about regardless of where it sits;
    ``locate`` moves a span of the loaded Corefile to the user's file.
    """

    label: str
    kind: str  #: "corefile", "configmap" or "helm".
    loaded: Loaded
    context: Context
    findings: tuple[Finding, ...]
    identities: tuple[tuple, ...]
    locate: Callable[[Span], Span] = attrs.field(default=lambda span: span)
    extra: dict = attrs.field(factory=dict)  #: Per shown finding, extra JSON fields (ConfigMap, values path).

    @property
    def chains(self) -> tuple[Chain, ...]:
        return chains(self.context)

    @property
    def starts(self) -> bool:
        """CoreDNS (the target version) starts with this configuration: no error-level finding."""
        return not any(finding.severity is Severity.ERROR for finding in self.findings)


def make_side(label: str, kind: str, loaded: Loaded, settings: Settings, raw_findings: Sequence[Finding],
              relocate: Callable[[Finding], tuple[Finding, dict] | None] | None = None,
              locate: Callable[[Span], Span | None] | None = None) -> Side:
    """A side from a loaded Corefile and its findings (in Corefile coordinates).

    ``relocate`` moves a finding to the user's file (None drops it); ``locate`` does the same
    for any span.
    """
    context = Context(loaded, settings)
    identities = finding_identities(context, raw_findings)
    shown: list[Finding] = []
    kept: list[tuple] = []
    extra: dict = {}
    for finding, identity in zip(raw_findings, identities):
        fields: dict = {}
        if relocate is not None:
            moved = relocate(finding)
            if moved is None:
                continue
            finding, fields = moved
        shown.append(finding)
        kept.append(identity)
        if fields:
            extra[finding] = fields
    where = (lambda span: locate(span) or span) if locate is not None else (lambda span: span)
    return Side(label, kind, loaded, context, tuple(shown), tuple(kept), where, extra)


# --- The report --------------------------------------------------------------------------------


@attrs.frozen
class PluginRef:
    """One plugin occurrence: its name, its normalised text and where it is written."""

    name: str
    text: str  #: Name, arguments and block as CoreDNS reads them (placeholders and imports expanded).
    location: str  #: ``file:line`` in the user's file.

    def as_json(self) -> dict:
        return {"plugin": self.name, "text": self.text, "location": self.location}


@attrs.frozen
class OptionChange:
    """A block option added (``old`` None), removed (``new`` None) or changed."""

    option: str
    old: str | None
    new: str | None

    @property
    def change(self) -> str:
        return "added" if self.old is None else "removed" if self.new is None else "changed"

    def as_json(self) -> dict:
        return {"option": self.option, "change": self.change, "old": self.old, "new": self.new}


@attrs.frozen
class PluginChange:
    """A plugin on both sides whose arguments or options differ."""

    old: PluginRef
    new: PluginRef
    old_arguments: tuple[str, ...]
    new_arguments: tuple[str, ...]
    options: tuple[OptionChange, ...] = ()
    options_reordered: bool = False

    @property
    def name(self) -> str:
        return self.new.name

    @property
    def arguments_changed(self) -> bool:
        return self.old_arguments != self.new_arguments

    def as_json(self) -> dict:
        return {
            "plugin": self.name,
            "old": self.old.as_json(),
            "new": self.new.as_json(),
            "arguments": {"old": list(self.old_arguments), "new": list(self.new_arguments)} if self.arguments_changed else None,
            "options": [option.as_json() for option in self.options],
            "options_reordered": self.options_reordered,
        }


@attrs.frozen
class UpstreamChange:
    """Where queries for one zone are forwarded, before and after."""

    zone: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    added: tuple[str, ...]
    dropped: tuple[str, ...]

    def as_json(self) -> dict:
        return {"zone": self.zone, "old": list(self.old), "new": list(self.new),
                "added": list(self.added), "dropped": list(self.dropped)}


@attrs.frozen
class Shadow:
    """Queries for ``zone`` are answered by ``by`` and never reach the later plugins ``hides``."""

    zone: str
    by: str
    hides: tuple[str, ...]

    def as_json(self) -> dict:
        return {"zone": self.zone, "by": self.by, "hides": list(self.hides)}


@attrs.frozen
class Routing:
    """For an added (removed) server: which server answered (answers) its zone's queries."""

    zone: str
    server: str

    def as_json(self) -> dict:
        return {"zone": self.zone, "server": self.server}


@attrs.frozen
class ServerDiff:
    """One server, matched across both sides by the zones it serves."""

    status: str  #: "added", "removed", "moved", "changed" or "unchanged".
    old_keys: tuple[str, ...]
    new_keys: tuple[str, ...]
    old_addresses: tuple[Address, ...]
    new_addresses: tuple[Address, ...]
    old_chain: tuple[str, ...] | None
    new_chain: tuple[str, ...] | None
    added: tuple[PluginRef, ...] = ()
    removed: tuple[PluginRef, ...] = ()
    changed: tuple[PluginChange, ...] = ()
    reordered: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    upstreams: tuple[UpstreamChange, ...] = ()
    shadowed: tuple[Shadow, ...] = ()
    unshadowed: tuple[Shadow, ...] = ()
    routing: tuple[Routing, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return " ".join(self.new_keys or self.old_keys)

    @property
    def behavioural(self) -> bool:
        return self.status != "unchanged"

    def as_json(self) -> dict:
        return {
            "status": self.status,
            "server": self.label,
            "old_keys": list(self.old_keys),
            "new_keys": list(self.new_keys),
            "old_addresses": [address_text(a) for a in self.old_addresses],
            "new_addresses": [address_text(a) for a in self.new_addresses],
            "old_chain": list(self.old_chain) if self.old_chain is not None else None,
            "new_chain": list(self.new_chain) if self.new_chain is not None else None,
            "plugins": {
                "added": [ref.as_json() for ref in self.added],
                "removed": [ref.as_json() for ref in self.removed],
                "changed": [change.as_json() for change in self.changed],
                "reordered": {"old": list(self.reordered[0]), "new": list(self.reordered[1])} if self.reordered else None,
            },
            "upstreams": [change.as_json() for change in self.upstreams],
            "shadowed": [shadow.as_json() for shadow in self.shadowed],
            "unshadowed": [shadow.as_json() for shadow in self.unshadowed],
            "routing": [route.as_json() for route in self.routing],
            "notes": list(self.notes),
        }


@attrs.frozen
class ListenerChange:
    """A socket CoreDNS opens, added or removed: ``dns://:53``, ``http://:8080 (health)``."""

    change: str  #: "added" or "removed".
    kind: str  #: "dns" (a server socket) or "http" (a side listener of health, ready, prometheus, pprof).
    address: str
    owners: tuple[str, ...]  #: The plugins (http) or servers (dns) that open it.

    def as_json(self) -> dict:
        return {"change": self.change, "kind": self.kind, "address": self.address, "owners": list(self.owners)}


@attrs.frozen
class DiffReport:
    """Everything that changes for DNS between ``old`` and ``new``."""

    old: Side
    new: Side
    version: str
    servers: tuple[ServerDiff, ...]
    listeners: tuple[ListenerChange, ...]
    appeared: tuple[Finding, ...]  #: New findings, errors first.
    disappeared: tuple[Finding, ...]
    notes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        """Something CoreDNS does differently (or a finding that comes or goes)."""
        return bool(any(server.behavioural for server in self.servers) or self.listeners
                    or self.appeared or self.disappeared)

    def counts(self) -> dict[str, int]:
        statuses = Counter(server.status for server in self.servers)
        return {
            "servers_added": statuses["added"],
            "servers_removed": statuses["removed"],
            "servers_changed": statuses["changed"] + statuses["moved"],
            "servers_unchanged": statuses["unchanged"],
            "listeners_changed": len(self.listeners),
            "findings_appeared": len(self.appeared),
            "findings_disappeared": len(self.disappeared),
            "errors_appeared": sum(1 for f in self.appeared if f.severity is Severity.ERROR),
            "errors_disappeared": sum(1 for f in self.disappeared if f.severity is Severity.ERROR),
        }

    def as_json(self) -> dict:
        from corefile.report.output import finding_json

        def side(s: Side) -> dict:
            return {"label": s.label, "kind": s.kind, "servers": len(s.chains), "starts": s.starts,
                    "errors": sum(1 for f in s.findings if f.severity is Severity.ERROR)}

        return {
            "old": side(self.old),
            "new": side(self.new),
            "coredns_version": self.version,
            "changed": self.changed,
            "summary": self.counts(),
            "servers": [server.as_json() for server in self.servers],
            "listeners": [change.as_json() for change in self.listeners],
            "findings": {
                "appeared": [finding_json(f, self.new.extra.get(f)) for f in self.appeared],
                "disappeared": [finding_json(f, self.old.extra.get(f)) for f in self.disappeared],
            },
            "notes": list(self.notes),
        }


# --- Comparing ---------------------------------------------------------------------------------


def compare(old: Side, new: Side) -> DiffReport:
    """The behavioural difference between two sides (loaded with the same settings)."""
    old_chains, new_chains = old.chains, new.chains
    old_served = _served(old_chains)
    new_served = _served(new_chains)
    groups: dict[tuple[int | None, int | None], list[Address]] = {}
    for address in dict.fromkeys([*old_served, *new_served]):
        groups.setdefault((old_served.get(address), new_served.get(address)), []).append(address)
    _pair_moved(groups, old_chains, new_chains)

    servers: list[tuple[tuple, ServerDiff]] = []
    for (old_index, new_index), addresses in groups.items():
        old_chain = old_chains[old_index] if old_index is not None else None
        new_chain = new_chains[new_index] if new_index is not None else None
        diff = _server_diff(old, new, old_chain, new_chain, addresses, old_served, new_served)
        order = (new_index if new_index is not None else len(new_chains), old_index if old_index is not None else -1)
        servers.append((order, diff))
    servers.sort(key=lambda item: item[0])

    appeared, disappeared = _finding_changes(old, new)
    notes = []
    if not any(diff.behavioural for _, diff in servers):
        if old.loaded.source.text == new.loaded.source.text:
            notes.append("the two configurations are identical")
        else:
            notes.append("the configurations differ only in layout, comments or file order")
    return DiffReport(
        old, new, str(new.context.version), tuple(diff for _, diff in servers),
        _listener_changes(old, new), appeared, disappeared, tuple(notes),
    )


def _addresses(view: BlockView) -> list[Address]:
    found: list[Address] = []
    for key in view.keys:
        if key.address is None:
            found.append((_INVALID, key.text, ""))
            continue
        found.extend((key.address.transport, zone, key.address.port) for zone in key.address.zones)
    return found


def _served(chain_list: Sequence[Chain]) -> dict[Address, int]:
    """Which block serves each address (the first one: CoreDNS refuses duplicates anyway)."""
    served: dict[Address, int] = {}
    for index, chain in enumerate(chain_list):
        for address in _addresses(chain.view):
            served.setdefault(address, index)
    return served


def _pair_moved(groups: dict, old_chains: Sequence[Chain], new_chains: Sequence[Chain]) -> None:
    """Pair a block found only on the old side with one found only on the new side when they
    serve the same zones (a port or transport change): compare them instead of remove + add."""
    old_only = {key[0]: key for key in groups if key[1] is None}
    new_only = {key[1]: key for key in groups if key[0] is None}
    by_zones: dict[frozenset, list[int]] = {}
    for new_index in new_only:
        by_zones.setdefault(_zone_set(groups[new_only[new_index]]), []).append(new_index)
    for old_index, old_key in old_only.items():
        candidates = by_zones.get(_zone_set(groups[old_key]))
        if not candidates:
            continue
        new_index = candidates.pop(0)
        new_key = new_only[new_index]
        groups[(old_index, new_index)] = groups.pop(old_key) + groups.pop(new_key)


def _zone_set(addresses: Iterable[Address]) -> frozenset:
    return frozenset(zone for transport, zone, _port in addresses if transport != _INVALID)


def _server_diff(old: Side, new: Side, old_chain: Chain | None, new_chain: Chain | None,
                 addresses: list[Address], old_served: dict, new_served: dict) -> ServerDiff:
    old_addresses = tuple(a for a in addresses if a in old_served and old_chain is not None)
    new_addresses = tuple(a for a in addresses if a in new_served and new_chain is not None)
    zones = sorted(_zone_set(addresses))  # the zones this entry is about (a block may serve more)
    old_keys = tuple(old_chain.view.block.key_texts) if old_chain is not None else ()
    new_keys = tuple(new_chain.view.block.key_texts) if new_chain is not None else ()
    old_order = _chain_names(old_chain) if old_chain is not None else None
    new_order = _chain_names(new_chain) if new_chain is not None else None
    if old_chain is None or new_chain is None:
        present, side = (new_chain, new) if new_chain is not None else (old_chain, old)
        refs = tuple(_ref(side, link) for link in present.links)
        ups = _upstream_changes({} if old_chain is None else _upstreams(old_chain, zones),
                                {} if new_chain is None else _upstreams(new_chain, zones))
        shadows = tuple(_shadows(present, zones).values())
        routes = _routing(addresses, old_served if new_chain is not None else new_served,
                          old.chains if new_chain is not None else new.chains)
        if new_chain is not None:
            return ServerDiff("added", old_keys, new_keys, (), new_addresses, None, new_order, added=refs,
                              upstreams=ups, shadowed=shadows, routing=routes)
        return ServerDiff("removed", old_keys, new_keys, old_addresses, (), old_order, None, removed=refs,
                          upstreams=ups, unshadowed=shadows, routing=routes)

    pairs, added_links, removed_links = _pair_links(old_chain.links, new_chain.links)
    changes = tuple(change for change in (_plugin_change(old, new, o, n) for o, n in pairs) if change is not None)
    notes: list[str] = []
    reordered = _reordered(pairs, old_chain, new_chain)
    if reordered is None and _file_order_changed(pairs):
        notes.append("the file order of plugins changed, but CoreDNS runs them in plugin.cfg order: "
                     "execution order is unchanged")
    ups = _upstream_changes(_upstreams(old_chain, zones), _upstreams(new_chain, zones))
    notes.extend(_forwarding_kept(old_chain, new_chain, zones, ups))
    old_shadows, new_shadows = _shadows(old_chain, zones), _shadows(new_chain, zones)
    shadowed = tuple(shadow for key, shadow in new_shadows.items() if key not in old_shadows)
    unshadowed = tuple(shadow for key, shadow in old_shadows.items() if key not in new_shadows)
    for change in changes:
        if not (change.options or change.options_reordered or change.arguments_changed):
            notes.append(f"the options of `{change.name}` were reordered; their order does not matter to it")
    moved = set(old_addresses) != set(new_addresses)
    differs = bool(added_links or removed_links or reordered or ups or shadowed or unshadowed
                   or any(c.options or c.options_reordered or c.arguments_changed for c in changes))
    status = "moved" if moved else "changed" if differs else "unchanged"
    return ServerDiff(
        status, old_keys, new_keys, old_addresses, new_addresses, old_order, new_order,
        added=tuple(_ref(new, link) for link in added_links),
        removed=tuple(_ref(old, link) for link in removed_links),
        changed=tuple(c for c in changes if c.options or c.options_reordered or c.arguments_changed),
        reordered=reordered, upstreams=ups, shadowed=shadowed, unshadowed=unshadowed, notes=tuple(notes),
    )


def _chain_names(chain: Chain) -> tuple[str, ...]:
    """The plugins a query passes, in execution order."""
    labels = _labels(chain)
    return tuple(labels[id(link)] for link in chain.handlers)


def _labels(chain: Chain) -> dict[int, str]:
    """By link id: the plugin's name, with its first argument when the block holds it more than once."""
    counts = Counter(link.name for link in chain.links)
    return {id(link): f"{link.name} {link.line.arguments[0].text}"
            if counts[link.name] > 1 and link.line.arguments else link.name for link in chain.links}


def _ref(side: Side, link: Link) -> PluginRef:
    span = side.locate(link.token.span)
    return PluginRef(link.name, line_text(link.line), f"{span.file or '-'}:{span.start.line}")


def _word(text: str) -> str:
    if text == "" or any(char in text for char in ' \t\n"{}#;'):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def line_text(line) -> str:
    """A directive or option line as one normalised line: name, arguments, ``{ option; ... }``."""
    parts = [line.name.text, *(_word(token.text) for token in line.arguments)]
    if line.block:
        parts.append("{ " + "; ".join(line_text(sub) for sub in line.block) + " }")
    return " ".join(parts)


def _pairing_key(link: Link) -> str | None:
    """What identifies an occurrence among several of one plugin: a forwarder's zone."""
    if link.name in FORWARDERS and link.line.arguments:
        return link.zones[0] if link.zones else link.line.arguments[0].text
    return None


def _pair_links(old_links: Sequence[Link], new_links: Sequence[Link]):
    """(pairs, added, removed): occurrences matched by identical text, then by key, then in order."""
    pairs: list[tuple[Link, Link]] = []
    added: list[Link] = []
    removed: list[Link] = []
    old_by_name: dict[str, list[Link]] = {}
    new_by_name: dict[str, list[Link]] = {}
    for link in old_links:
        old_by_name.setdefault(link.name, []).append(link)
    for link in new_links:
        new_by_name.setdefault(link.name, []).append(link)
    for name in dict.fromkeys([*old_by_name, *new_by_name]):
        olds, news = old_by_name.get(name, []), new_by_name.get(name, [])
        for identify in (lambda link: line_text(link.line), _pairing_key):
            waiting: dict[object, list[Link]] = {}
            for link in reversed(news):  # reversed, so that pop() takes the first
                key = identify(link)
                if key is not None:
                    waiting.setdefault(key, []).append(link)
            taken: set[int] = set()
            unmatched = []
            for link in olds:
                key = identify(link)
                candidates = waiting.get(key) if key is not None else None
                if candidates:
                    partner = candidates.pop()
                    pairs.append((link, partner))
                    taken.add(id(partner))
                else:
                    unmatched.append(link)
            olds = unmatched
            news = [link for link in news if id(link) not in taken]
        pairs.extend(zip(olds, news))  # what is left pairs up in order
        removed.extend(olds[len(news):])
        added.extend(news[len(olds):])
    order = {id(link): index for index, link in enumerate(new_links)}
    pairs.sort(key=lambda pair: order[id(pair[1])])
    return pairs, added, removed


def _plugin_change(old: Side, new: Side, o: Link, n: Link) -> PluginChange | None:
    """How two paired occurrences differ (None when they act the same); a change with no
    argument or option difference is a reorder of options that does not matter."""
    same_text = line_text(o.line) == line_text(n.line)
    if same_text and o.fallthrough == n.fallthrough:
        return None
    old_args = tuple(token.text for token in o.line.arguments)
    new_args = tuple(token.text for token in n.line.arguments)
    options, reordered = _option_changes(o.name, o.line.block or (), n.line.block or ())
    if o.fallthrough != n.fallthrough and not any(option.option == "fallthrough" for option in options):
        # Same words, other effect: `hosts FILE { fallthrough }` falls through only for the zone `}`.
        options += (OptionChange("fallthrough (as CoreDNS reads it)", _fallthrough_text(o), _fallthrough_text(n)),)
    return PluginChange(_ref(old, o), _ref(new, n), old_args, new_args, options, reordered)


def _fallthrough_text(link: Link) -> str | None:
    return None if link.fallthrough is None else " ".join(["fallthrough", *link.fallthrough])


def _option_changes(plugin: str, old_block: Sequence, new_block: Sequence) -> tuple[tuple[OptionChange, ...], bool]:
    """The option changes of two blocks, and whether their order changed in a way that matters."""
    old_texts = [line_text(line) for line in old_block]
    new_texts = [line_text(line) for line in new_block]
    if Counter(old_texts) == Counter(new_texts):
        if old_texts == new_texts:
            return (), False
        if plugin in ORDER_SENSITIVE_BLOCKS:
            return (), True
        # Only lines of one option name keep an order that matters (several answers, entries).
        names = {line.name.text for line in old_block}
        same_order = all([t for t, l in zip(old_texts, old_block) if l.name.text == name]
                         == [t for t, l in zip(new_texts, new_block) if l.name.text == name] for name in names)
        return (), not same_order
    remaining_old = list(zip(old_texts, old_block))
    remaining_new = list(zip(new_texts, new_block))
    for text, line in list(remaining_old):
        match = next((item for item in remaining_new if item[0] == text), None)
        if match is not None:
            remaining_old.remove((text, line))
            remaining_new.remove(match)
    changes: list[OptionChange] = []
    for text, line in list(remaining_old):
        name = line.name.text
        olds = [item for item in remaining_old if item[1].name.text == name]
        news = [item for item in remaining_new if item[1].name.text == name]
        if len(olds) == 1 and len(news) == 1:
            changes.append(OptionChange(name, text, news[0][0]))
            remaining_old.remove(olds[0])
            remaining_new.remove(news[0])
    changes.extend(OptionChange(line.name.text, text, None) for text, line in remaining_old)
    changes.extend(OptionChange(line.name.text, None, text) for text, line in remaining_new)
    return tuple(changes), False


def _reordered(pairs, old_chain: Chain, new_chain: Chain):
    """The execution order of the plugins on both sides, when it changed (handlers only)."""
    handlers = [(o, n) for o, n in pairs if o.handler and n.handler]
    old_index = {id(link): index for index, link in enumerate(old_chain.links)}
    new_index = {id(link): index for index, link in enumerate(new_chain.links)}
    by_old = sorted(handlers, key=lambda pair: old_index[id(pair[0])])
    by_new = sorted(handlers, key=lambda pair: new_index[id(pair[1])])
    if [id(p[1]) for p in by_old] == [id(p[1]) for p in by_new]:
        return None
    old_labels, new_labels = _labels(old_chain), _labels(new_chain)
    return (tuple(old_labels[id(o)] for o, _ in by_old), tuple(new_labels[id(n)] for _, n in by_new))


def _file_order_changed(pairs) -> bool:
    by_old = sorted(pairs, key=lambda pair: pair[0].written)
    by_new = sorted(pairs, key=lambda pair: pair[1].written)
    return [id(p[1]) for p in by_old] != [id(p[1]) for p in by_new]


def _forwarded_zones(link: Link, chain: Chain) -> list[str]:
    """The zones a forwarder sends upstream: its FROM zone narrowed to each zone of the block
    (``forward .`` in an ``example.org`` block forwards example.org)."""
    zone = link.zones[0] if link.zones else link.line.arguments[0].text
    found = []
    for block_zone in dict.fromkeys(chain.zones) or (zone,):
        narrowed = block_zone if under(block_zone, zone) else zone if under(zone, block_zone) else None
        if narrowed is not None and narrowed not in found:
            found.append(narrowed)
    return found


def _upstreams(chain: Chain, zones: Iterable[str]) -> dict[str, list[tuple[tuple, str]]]:
    """Per forwarded zone within ``zones``, its upstreams in chain order: (identity, text as written)."""
    zones = list(zones)
    found: dict[str, list[tuple[tuple, str]]] = {}
    for link in chain.links:
        if link.name not in FORWARDERS or not link.line.arguments:
            continue
        for zone in _forwarded_zones(link, chain):
            if zones and not any(under(zone, wanted) for wanted in zones):
                continue
            targets = found.setdefault(zone, [])
            for token in link.line.arguments[1:]:
                target = parse_target(token.text, link.name)
                identity = (target.transport, target.host.lower(), target.port) if target is not None else (token.text,)
                if all(identity != existing for existing, _ in targets):
                    targets.append((identity, token.text))
    return found


def _upstream_changes(old: dict, new: dict) -> tuple[UpstreamChange, ...]:
    changes = []
    for zone in dict.fromkeys([*old, *new]):
        before, after = old.get(zone, []), new.get(zone, [])
        before_ids, after_ids = {i for i, _ in before}, {i for i, _ in after}
        added = tuple(text for identity, text in after if identity not in before_ids)
        dropped = tuple(text for identity, text in before if identity not in after_ids)
        if added or dropped:
            changes.append(UpstreamChange(zone, tuple(t for _, t in before), tuple(t for _, t in after), added, dropped))
    return tuple(changes)


def _forwarding_kept(old_chain: Chain, new_chain: Chain, zones: Sequence[str],
                     changes: Sequence[UpstreamChange]) -> list[str]:
    """Notes for zones whose upstreams stay while the plugin that forwards them changes (proxy -> forward)."""
    changed = {change.zone for change in changes}
    notes = []
    old_by, new_by = _forwarder_names(old_chain, zones), _forwarder_names(new_chain, zones)
    upstreams = _upstreams(new_chain, zones)
    for zone, names in new_by.items():
        if zone in changed or zone not in old_by or old_by[zone] == names:
            continue
        targets = " ".join(text for _, text in upstreams.get(zone, []))
        notes.append(f"queries for {zone} still go to {targets}, now through {'/'.join(names)} "
                     f"instead of {'/'.join(old_by[zone])}")
    return notes


def _forwarder_names(chain: Chain, zones: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for link in chain.links:
        if link.name in FORWARDERS and link.line.arguments:
            for zone in _forwarded_zones(link, chain):
                if not zones or any(under(zone, wanted) for wanted in zones):
                    found.setdefault(zone, []).append(link.name)
    return found


def _shadows(chain: Chain, zones: Sequence[str] = ()) -> dict[tuple[str, str], Shadow]:
    """(zone, plugin that answers) -> Shadow, for queries that never reach a later plugin
    configured for them (only zones under ``zones``, when given).

    Only the first plugin that walls a zone off counts: the ones after it never see those
    queries either. Earlier plugins are indexed by zone, so a block of thousands of forwards
    costs what its zones' parents cost, not every pair of plugins.
    """
    block_zones = [zone for zone in chain.zones if not zones or any(under(zone, wanted) for wanted in zones)]
    labels = _labels(chain)
    hidden: dict[tuple[str, str], list[str]] = {}
    at_zone: dict[str, list[tuple[int, Link]]] = {}  # zone -> earlier links configured for exactly it
    below: dict[str, list[tuple[str, int, Link]]] = {}  # zone -> earlier links configured for zones under it
    answering = [link for link in chain.links if link.answers]
    for index, later in enumerate(answering):
        candidates: list[tuple[int, Link, str]] = []
        for theirs in later.zones:
            for parent in _suffixes(theirs):
                candidates.extend((order, earlier, theirs) for order, earlier in at_zone.get(parent, ()))
            candidates.extend((order, earlier, ours) for ours, order, earlier in below.get(theirs.lower(), ()))
        walled: set[str] = set()
        for _order, earlier, meeting in sorted(candidates, key=lambda item: item[0]):
            if earlier.name == later.name and earlier.name not in FORWARDERS:
                continue  # occurrences of one plugin form one handler
            if earlier.next_rcodes:
                continue  # `next` hands some answers on: not a wall
            for region in _narrowed(meeting, block_zones):
                if region in walled or not earlier.handles(region) or earlier.falls_through_for(region):
                    continue
                if any(under(region, excepted) for excepted in later.excepted):
                    continue
                walled.add(region)
                names = hidden.setdefault((region, labels[id(earlier)]), [])
                if labels[id(later)] not in names:
                    names.append(labels[id(later)])
        for ours in later.zones:
            at_zone.setdefault(ours.lower(), []).append((index, later))
            for parent in _suffixes(ours)[1:]:
                below.setdefault(parent, []).append((ours, index, later))
    return {key: Shadow(key[0], key[1], tuple(names)) for key, names in hidden.items()}


def _suffixes(zone: str) -> list[str]:
    """The zone and each of its parents up to the root: ``a.b.`` -> ``a.b.``, ``b.``, ``.``."""
    zone = zone.lower()
    if zone == ".":
        return ["."]
    labels = zone.rstrip(".").split(".")
    return [".".join(labels[start:]) + "." for start in range(len(labels))] + ["."]


def _narrowed(region: str, block_zones: Sequence[str]) -> list[str]:
    """``region`` narrowed to each zone of the block it meets (the block serves nothing else)."""
    found = []
    for zone in block_zones:
        if overlap(region, zone):
            specific = region if under(region, zone) else zone
            if specific not in found:
                found.append(specific)
    return found


def _routing(addresses: Sequence[Address], served: dict[Address, int], chain_list: Sequence[Chain]) -> tuple[Routing, ...]:
    """For each zone of an added (removed) server, the other side's server that covers it."""
    routes = []
    for transport, zone, port in addresses:
        if transport == _INVALID:
            continue
        covering = [(other_zone, index) for (t, other_zone, p), index in served.items()
                    if t == transport and p == port and under(zone, other_zone)]
        if not covering:
            continue
        other_zone, index = max(covering, key=lambda item: len(item[0]))
        routes.append(Routing(zone, " ".join(chain_list[index].view.block.key_texts)))
    return tuple(routes)


def _listeners(side: Side) -> dict[tuple[str, str], dict[str, None]]:
    """(kind, address) -> the servers (dns) or plugins (http) that open it, in order."""
    found: dict[tuple[str, str], dict[str, None]] = {}
    for chain in side.chains:
        hosts = listen_hosts(chain.view) or ("",)
        label = " ".join(chain.view.block.key_texts)
        for key in chain.view.keys:
            if key.address is None:
                continue
            for host in hosts:
                shown = f"[{host}]" if ":" in host else host
                found.setdefault(("dns", f"{key.address.transport}://{shown}:{key.address.port}"), {})[label] = None
        for link in chain.listeners:
            found.setdefault(("http", f"http://{link.listener}"), {})[link.name] = None
    return found


def _listener_changes(old: Side, new: Side) -> tuple[ListenerChange, ...]:
    before, after = _listeners(old), _listeners(new)
    changes = [ListenerChange("removed", kind, address, tuple(owners))
               for (kind, address), owners in before.items() if (kind, address) not in after]
    changes += [ListenerChange("added", kind, address, tuple(owners))
                for (kind, address), owners in after.items() if (kind, address) not in before]
    return tuple(changes)


# --- Findings ----------------------------------------------------------------------------------


def finding_identities(context: Context, findings: Sequence[Finding]) -> list[tuple]:
    """What each finding is about, independent of where it sits: (rule, server, plugin, word, n).

    The server is named by the addresses it serves, the plugin by its name and zone (or its
    place among occurrences of that name), the word by its text; ``n`` counts findings that
    would otherwise be alike. Findings not at a word use the text they cover.
    """
    index: dict[tuple[str | None, int], tuple[str, str, str]] = {}
    for chain in chains(context):
        # The server by its zones only: a finding stays the same finding when the port changes.
        server = " ".join(sorted({zone for _transport, zone, _port in _addresses(chain.view)}))
        for token in chain.view.block.keys:
            index.setdefault((token.span.file, token.span.start.offset), (server, "(key)", token.text))
        seen: Counter = Counter()
        link_of = {id(link.line): link for link in chain.links}
        for line in chain.view.directives:
            name = line.name.text
            key = _pairing_key(link_of[id(line)])
            seen[name] += 1
            # Forwarders are named by their zone only: a finding about an upstream stays the same
            # finding when `proxy` becomes `forward`.
            plugin = f"forwarding {key}" if key is not None else f"{name}#{seen[name]}"
            for token in line.tokens:
                index.setdefault((token.span.file, token.span.start.offset), (server, plugin, token.text))
    text = context.loaded.source.text
    own = context.loaded.source.path
    identities: list[tuple] = []
    counts: Counter = Counter()
    for finding in findings:
        where = index.get((finding.span.file, finding.span.start.offset))
        if where is None:
            covered = text[finding.span.start.offset:finding.span.end.offset] if finding.span.file == own else ""
            where = ("", "", " ".join(covered.split())[:120])
        base = (finding.rule, *where)
        counts[base] += 1
        identities.append((*base, counts[base]))
    return identities


def _finding_changes(old: Side, new: Side) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    old_ids = Counter(old.identities)
    new_ids = Counter(new.identities)
    appeared = [f for f, identity in zip(new.findings, new.identities) if identity not in old_ids]
    disappeared = [f for f, identity in zip(old.findings, old.identities) if identity not in new_ids]

    def order(finding: Finding):
        return (-int(finding.severity), finding.sort_key)

    return tuple(sorted(appeared, key=order)), tuple(sorted(disappeared, key=order))
