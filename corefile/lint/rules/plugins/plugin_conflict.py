from __future__ import annotations

from corefile.analysis.addresses import AddressError, normalize_key
from corefile.lint.findings import Related, Report, Severity
from corefile.lint.rules._base import Example, Rule

#: Authoritative plugins that serve zone files; the earliest in execution order answers.
ZONE_FILE_PLUGINS = ("file", "auto", "secondary")


class PluginConflict(Rule):
    """## What it does
    Reports plugins in one server block that cannot both do their job:
    `proxy` next to `forward`; a `forward` (or `grpc`) whose FROM zone equals, or lies under, the
    FROM zone of a `forward` that runs before it (CoreDNS chains several `forward`s in file
    order and the first that matches answers, unless its `next` option hands some answers on);
    `file`, `auto` and `secondary` serving the same zone.

    ## Why is this bad?
    CoreDNS starts, but only one of the plugins ever answers: the other line is dead and queries
    go where the text does not say. The usual case is a k3s/AKS `*.override` file that appends
    `forward example.internal 10.0.0.53` after the default `forward .`.

    ## Example
    ```
    . {
        forward . 8.8.8.8
        forward example.internal 10.0.0.53
    }
    ```

    ## Use instead
    ```
    . {
        forward example.internal 10.0.0.53
        forward . 8.8.8.8
    }
    ```
    or a separate `example.internal` server block.

    ## Fix safety
    No automatic fix.
    """

    code = "PL030"
    name = "plugin-conflict"
    severity = Severity.WARNING
    summary = "two plugins in one block where only one can ever answer"
    bad = (
        Example(". {\n    forward . 8.8.8.8\n    forward example.internal 10.0.0.53\n}\n", expect=((3, 5),)),
        Example(". {\n    forward . 8.8.8.8\n    forward . 1.1.1.1\n}\n", expect=((3, 5),)),
        Example("example.org {\n    file db.example.org\n    auto {\n        directory /zones\n    }\n}\n", expect=((3, 5),)),
        Example(". {\n    proxy . 8.8.8.8\n    forward . 1.1.1.1\n}\n", expect=((2, 5),), coredns_version="1.4.0"),
    )
    good = (
        Example(". {\n    forward example.internal 10.0.0.53\n    forward . 8.8.8.8\n}\n"),
        Example(". {\n    forward . 1.2.3.4 {\n        next NXDOMAIN\n    }\n    forward . 5.6.7.8\n}\n",
                title="`next` passes NXDOMAIN answers on to the following forward"),
    )

    def check(self, context):
        for view in context.blocks:
            if view.has("proxy") and view.has("forward"):
                proxy = view.named("proxy")[0]
                yield Report(
                    proxy.name,
                    "`proxy` and `forward` in one block: both forward queries and only one answers each",
                    related=(Related(view.named("forward")[0].name.span, "forward is here"),),
                )
            yield from _shadowed_forwards(context, view)
            yield from _zone_file_overlaps(context, view)


def _zones(tokens, view, version) -> set[str]:
    zones: set[str] = set()
    for token in tokens:
        try:
            zones.update(normalize_key(token.text, version=version).zones)
        except AddressError:
            continue
    return zones or set(view.zones)


def _under(zone: str, parent: str) -> bool:
    return parent == "." or zone == parent or zone.endswith("." + parent)


def _shadowed_forwards(context, view):
    earlier: list[tuple[str, set[str], object]] = []
    for line in view.directives:
        name = line.name.text
        if name not in ("forward", "grpc") or not line.arguments or line.arguments[0].unknown_env:
            continue
        try:
            zone = normalize_key(line.arguments[0].text, version=context.version).zones[0]
        except AddressError:
            continue
        excepted = set()
        passes_on = False
        for option in line.block or ():
            if option.name.text == "except":
                excepted |= _zones(option.arguments, view, context.version)
            elif option.name.text == "next":
                passes_on = True  # `next RCODE...` hands such answers to the following forward
        for parent, parent_excepted, parent_line in earlier:
            if _under(zone, parent) and not any(_under(zone, e) for e in parent_excepted):
                how = "the same zone as" if zone == parent else "under the zone of"
                yield Report(
                    line.name,
                    f"this `{name}` for {zone} is never used: it is {how} an earlier `forward` for {parent}, "
                    "which answers first",
                    related=(Related(parent_line.name.span, "this forward answers first"),),
                    help="put sub-zones before parents, or give the sub-zone its own server block",
                )
                break
        if name == "forward" and not passes_on:
            earlier.append((zone, excepted, line))
    # grpc runs after every forward, whatever the file order
    for line in view.named("grpc"):
        if not line.arguments:
            continue
        try:
            zone = normalize_key(line.arguments[0].text, version=context.version).zones[0]
        except AddressError:
            continue
        for parent, parent_excepted, parent_line in earlier:
            if parent_line.tokens[0].word.offset > line.tokens[0].word.offset and _under(zone, parent):
                yield Report(line.name, f"this `grpc` for {zone} is never used: `forward` runs before `grpc` and serves {parent}",
                             related=(Related(parent_line.name.span, "this forward answers first"),))
                break


def _zone_file_overlaps(context, view):
    served: dict[str, object] = {}
    ordered = sorted(
        (line for line in view.directives if line.name.text in ZONE_FILE_PLUGINS),
        key=lambda line: ZONE_FILE_PLUGINS.index(line.name.text),
    )
    for line in ordered:
        name = line.name.text
        arguments = line.arguments[1:] if name == "file" else line.arguments
        for zone in sorted(_zones(arguments, view, context.version)):
            other = served.get(zone)
            if other is not None and other.name.text != name:
                yield Report(
                    line.name,
                    f"`{name}` and `{other.name.text}` both serve {zone}; `{other.name.text}` runs first and answers",
                    related=(Related(other.name.span, "answers first"),),
                )
            served.setdefault(zone, line)
