from __future__ import annotations

import re

from corefile.analysis.addresses import parse_cidr
from corefile.catalogue import PLUGINS
from corefile.catalogue import types as value_types
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule

_CIDR_LIKE = re.compile(r"[0-9A-Fa-f.:]+/\d+")


class InvalidCidr(Rule):
    """## What it does
    Reports CIDRs in server keys and in plugin arguments that take zones or networks: IPv6
    spellings CoreDNS refuses (`::1/128`, `0::/0`), CIDRs that do not parse (`10.0.0.0/33`,
    `10.0.0/24`) and CIDRs with host bits set (`10.0.0.1/24`).

    ## Why is this bad?
    CoreDNS refuses the IPv6 spellings at startup (`invalid CIDR`). A key that does not parse
    becomes an ordinary zone name nobody queries; a plugin argument that does not parse is
    silently dropped (`kubernetes cluster.local 10.0.0.0/33` serves no reverse zone). Host bits
    are ignored, which usually hides a typo.

    ## Example
    ```
    . {
        kubernetes cluster.local 10.0.0.0/33
    }
    ```

    ## Use instead
    ```
    . {
        kubernetes cluster.local 10.0.0.0/24
    }
    ```

    ## Fix safety
    No automatic fix.
    """

    code = "ZN003"
    name = "invalid-cidr"
    severity = Severity.ERROR
    summary = "a CIDR CoreDNS refuses, drops, or reads differently"
    bad = (
        Example("::1/128 {\n}\n", expect=((1, 1),)),
        Example("10.0.0.0/33 {\n}\n", expect=((1, 1),)),
        Example(". {\n    kubernetes cluster.local 10.0.0.0/33\n}\n", expect=((2, 30),)),
        Example("10.0.0.1/24 {\n}\n", expect=((1, 1),)),
    )
    good = (Example("10.0.0.0/24 2001:db8::/32 {\n}\n"), Example(". {\n    kubernetes cluster.local 10.0.0.0/16\n}\n"))

    def check(self, context):
        for view in context.blocks:
            for key in view.keys:
                if key.error is not None and str(key.error).startswith("invalid CIDR"):
                    yield Report(key.token, f"CoreDNS refuses the key `{key.text}`: {key.error}",
                                 help="write IPv6 networks with a leading non-zero group, e.g. 2001:db8::/32")
                    continue
                if key.address is None:
                    continue
                yield from _judge(key.token, key.address.host, where="key")
            for line in view.directives:
                if not _takes_zones(line.name.text):
                    continue
                for token in line.arguments:
                    if "/" in token.text and not token.unknown_env:
                        yield from _judge(token, token.text, where="argument")


def _judge(token, text: str, *, where: str):
    if not _CIDR_LIKE.fullmatch(text):
        return
    network, host_bits = parse_cidr(text)
    if network is None:
        outcome = ("served as an ordinary zone name" if where == "key" else "silently dropped")
        yield Report(token, f"`{text}` is not a valid CIDR; CoreDNS leaves it {outcome}",
                     severity=Severity.WARNING)
    elif host_bits:
        yield Report(token, f"`{text}` has host bits set; CoreDNS reads it as {network}",
                     severity=Severity.WARNING, help=f"write {network}")


def _takes_zones(name: str) -> bool:
    plugin = PLUGINS.get(name)
    if plugin is None or plugin.arguments is None:
        return False
    return any(arg.type is value_types.ZONE for arg in plugin.arguments)
