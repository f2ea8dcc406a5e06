from __future__ import annotations

from corefile.analysis.chain import ANSWERING, chains
from corefile.lint.findings import Edit, Fix, Related, Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.syntax.nodes import Directive

#: Plugins whose place in the chain changes what a reader expects: the ones that answer, and
#: the ones that change or short-cut queries before they are answered.
SIGNIFICANT = ANSWERING | {"cache", "rewrite", "autopath", "acl", "dns64", "chaos", "any", "local"}


class ExecutionOrder(Rule):
    """## What it does
    Reports a server block whose text lists plugins that answer or change queries (`hosts`,
    `file`, `template`, `kubernetes`, `forward`, `cache`, `rewrite`, ...) in an order other
    than the one CoreDNS runs them in. Off by default: the file works; it only reads wrong.

    ## Why is this bad?
    CoreDNS groups a block's directives by name and runs them in its compiled `plugin.cfg`
    order; the order of the lines is ignored. A `forward` written above `hosts`, or `cache`
    written last "so that it caches everything", suggests a behaviour CoreDNS does not have
    (coredns/coredns#3124, #5350, #7285). The message shows the real order.

    ## Example
    ```
    . {
        forward . 8.8.8.8
        hosts {
            fallthrough
        }
        cache
    }
    ```

    ## Use instead
    ```
    . {
        cache
        hosts {
            fallthrough
        }
        forward . 8.8.8.8
    }
    ```

    ## Fix safety
    Safe: the fix sorts the block's directives into plugin.cfg order of the target version,
    moving each with its comments; occurrences of the same plugin keep their order, so CoreDNS
    builds exactly the same chain. It is offered only when every directive of the block is
    written in the block itself (no `import`, no snippet) and every plugin's place is known.
    The only side effect: `reload` sees a changed file once.
    """

    code = "CH001"
    name = "execution-order"
    severity = Severity.INFO
    summary = "plugins written in another order than the one CoreDNS runs them in"
    fix = "safe"
    default_enabled = False
    bad = (
        Example(
            ". {\n    forward . 8.8.8.8\n    hosts {\n        fallthrough\n    }\n    cache\n}\n",
            expect=((3, 5),),
            fixed=". {\n    cache\n    hosts {\n        fallthrough\n    }\n    forward . 8.8.8.8\n}\n",
        ),
        Example(
            ". {\n    errors\n    # upstream\n    forward . /etc/resolv.conf  # resolvers\n    cache 30\n    loop\n}\n",
            expect=((5, 5),),
            fixed=". {\n    errors\n    cache 30\n    loop\n    # upstream\n    forward . /etc/resolv.conf  # resolvers\n}\n",
        ),
    )
    good = (
        Example(". {\n    errors\n    cache\n    hosts {\n        fallthrough\n    }\n    forward . 8.8.8.8\n    log\n}\n"),
        Example(". {\n    forward example.org 10.0.0.1\n    forward . 8.8.8.8\n}\n"),
    )

    def check(self, context):
        for chain in chains(context):
            significant = sorted((link for link in chain.links if link.name in SIGNIFICANT and link.known),
                                 key=lambda link: link.written)
            culprit = earlier = None
            for index, link in enumerate(significant):
                above = [other for other in significant[:index] if other.position > link.position]
                if above:
                    culprit, earlier = link, above[0]
                    break
            if culprit is None:
                continue
            order = " → ".join(dict.fromkeys(link.name for link in chain.links if link.name in SIGNIFICANT and link.known))
            yield Report(
                culprit.token,
                f"`{culprit.name}` runs before `{earlier.name}`, which is written above it: CoreDNS runs plugins "
                f"in plugin.cfg order ({order}), not in file order",
                related=(Related(earlier.token.span, f"`{earlier.name}` runs later"),),
                fix=_sort_fix(context, chain),
            )


def _sort_fix(context, chain):
    """Edits that sort the block's statements into chain order, or None when that is not safe."""
    if not chain.all_known:
        return None
    tree = context.loaded.tree
    if tree is None:
        return None
    first = chain.view.first_token
    if first.file or first.via:
        return None
    block = next((b for b in tree.server_blocks if b.keys and b.keys[0].offset == first.word.offset), None)
    if block is None or block.block is None or block.block.close is None:
        return None
    body = block.block.body
    lines = chain.view.directives
    if len(body) != len(lines) or not all(isinstance(statement, Directive) for statement in body):
        return None
    if any(line.name.file or line.name.via or statement.name.offset != line.name.word.offset
           for statement, line in zip(body, lines)):
        return None
    text = context.loaded.source.text
    starts = [_split(statement.name) for statement in body] + [_split(block.block.close)]
    segments = [text[starts[i] : starts[i + 1]] for i in range(len(body))]
    if not all(_starts_on_new_line(segment) for segment in segments):
        return None
    position = {link.line.name.word.offset: link.position for link in chain.links}
    keyed = sorted(range(len(body)), key=lambda i: (position[body[i].name.offset], i))
    if keyed == list(range(len(body))):
        return None
    replacement = "".join(segments[i] for i in keyed)
    return Fix(
        edits=(Edit(context.loaded.source.path, starts[0], starts[-1], replacement),),
        safe=True,
        description="sort the block's plugins into the order CoreDNS runs them",
    )


def _split(word) -> int:
    """Where the text that belongs to the statement starting with ``word`` begins.

    A comment on the previous statement's last line stays with that statement.
    """
    comments = word.comments
    if comments and not comments[0].own_line:
        if len(comments) > 1:
            return comments[1].offset - len(comments[1].prefix)
        return word.offset - len(word.prefix)
    if comments:
        return comments[0].offset - len(comments[0].prefix)
    return word.offset - len(word.prefix)


def _starts_on_new_line(segment: str) -> bool:
    stripped = segment.lstrip(" \t\r")
    return stripped.startswith("\n")
