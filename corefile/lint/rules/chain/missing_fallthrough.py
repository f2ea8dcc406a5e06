from __future__ import annotations

from corefile.analysis.chain import chains, overlap, under
from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule

#: Plugins that answer a whole zone by intent (NXDOMAIN is a real answer): reported only when a
#: later plugin's whole zone lies inside theirs (or the reverse tree is taken whole).
_AUTHORITATIVE = ("kubernetes", "file", "secondary", "etcd", "route53", "azure", "clouddns", "k8s_external", "nomad")
#: Plugins that usually overlay a few names on a larger zone: reported whenever a later plugin's
#: zone overlaps theirs.
_OVERLAYS = ("hosts", "template")
_REVERSE_TREES = ("in-addr.arpa.", "ip6.arpa.")
_MISS = {
    "hosts": "SERVFAIL",
    "template": "SERVFAIL",
    "kubernetes": "NXDOMAIN",
    "file": "NXDOMAIN",
    "secondary": "NXDOMAIN",
}


class MissingFallthrough(Rule):
    """## What it does
    Reports a plugin that answers a zone and does not `fallthrough`, when a plugin that runs
    after it (in plugin.cfg order, whatever the file order) is configured for names of that
    zone: `hosts` in a `.` block that also forwards, `template ... { match ... }` over a
    forwarded zone, `kubernetes ... in-addr.arpa` before `forward .`, or a `forward
    cluster.local` after `kubernetes cluster.local`.

    ## Why is this bad?
    CoreDNS starts, but those queries never reach the later plugin: `hosts` answers SERVFAIL
    for every name it does not list, `template` SERVFAIL for names its regexes do not match,
    `kubernetes` and `file` NXDOMAIN. The Corefile reads as "look in hosts, then ask upstream";
    CoreDNS does "look in hosts, then fail" (coredns/coredns#7942, #2564, k3s-io/k3s#5312).

    ## Example
    ```
    . {
        hosts /etc/hosts
        forward . 8.8.8.8
    }
    ```

    ## Use instead
    ```
    . {
        hosts /etc/hosts {
            fallthrough
        }
        forward . 8.8.8.8
    }
    ```

    ## Fix safety
    No automatic fix: `fallthrough` changes which answers clients get, and you may want it only
    for some zones (`fallthrough in-addr.arpa ip6.arpa`).
    """

    code = "CH002"
    name = "missing-fallthrough"
    severity = Severity.WARNING
    summary = "a plugin without `fallthrough` keeps queries from a later plugin configured for them"
    bad = (
        Example(". {\n    hosts /etc/hosts\n    forward . 8.8.8.8\n}\n", expect=((2, 5),)),
        Example(". {\n    forward . 8.8.8.8\n    hosts {\n        10.0.0.1 db.lan\n    }\n}\n", expect=((3, 5),),
                title="file order does not matter"),
        Example(". {\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . 8.8.8.8\n}\n", expect=((2, 5),)),
        Example(". {\n    template IN A example.org {\n        match ^www\\.\n        answer \"{{ .Name }} 60 IN A 10.0.0.1\"\n    }\n"
                "    forward . 8.8.8.8\n}\n", expect=((2, 5),)),
    )
    good = (
        Example(". {\n    hosts /etc/hosts {\n        fallthrough\n    }\n    forward . 8.8.8.8\n}\n"),
        Example(". {\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n        fallthrough in-addr.arpa ip6.arpa\n    }\n"
                "    forward . 8.8.8.8\n}\n"),
        Example(". {\n    kubernetes cluster.local\n    forward . 8.8.8.8\n}\n"),
        Example("example.org {\n    file db.example.org\n    forward . 8.8.8.8\n}\n"),
    )

    def check(self, context):
        for chain in chains(context):
            if not chain.all_known:
                continue  # an external plugin's place in the chain is unknown
            for link in chain.links:
                if link.name not in _AUTHORITATIVE + _OVERLAYS or link.fallthrough is not None:
                    continue
                plugin = context.plugin(link.name)
                option = plugin.options.get("fallthrough") if plugin else None
                if option is None or not option.exists_at(context.version):
                    continue
                if link.name == "template" and not any(sub.name.text == "match" for sub in link.line.block or ()):
                    continue
                found = _shadowed(chain, link)
                if found is None:
                    continue
                later, region, ours = found
                miss = _MISS.get(link.name, "an error or NXDOMAIN")
                what = "names it has no answer for" if link.name != "template" else "names its regexes do not match"
                yield Report(
                    link.token,
                    f"`{link.name}` answers for {ours} and does not fall through: {what} get {miss}, "
                    f"so queries for {region} never reach `{later.name}`, which runs after it",
                    related=(Related(later.token.span, f"`{later.name}` is configured for {region} too"),),
                    help=f"add `fallthrough` (or `fallthrough {region}`) to `{link.name}` if the later plugin should answer them",
                )


def _shadowed(chain, link):
    block_zones = chain.zones
    for later in chain.after(link):
        if not later.answers or later.name == link.name:
            continue
        for theirs in later.zones:
            for ours in link.zones:
                region = None
                if under(theirs, ours):
                    region = theirs
                elif link.name in _OVERLAYS and under(ours, theirs):
                    region = ours
                elif ours in _REVERSE_TREES and under(ours, theirs):
                    region = ours
                if region is None or any(under(region, e) for e in later.excepted):
                    continue
                if not any(overlap(region, zone) for zone in block_zones):
                    continue
                return later, region, ours
    return None
