from __future__ import annotations

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class ForwardWithoutLoop(Rule):
    """## What it does
    Reports a server block that forwards queries (`forward`) without the `loop` plugin.
    Off by default: it is advice.

    ## Why is this bad?
    `loop` sends a probe query through the block at start-up and stops CoreDNS when the probe
    comes back, which turns a silent forwarding loop (every query bouncing until it times out,
    CPU and memory climbing) into a clear start-up failure. The Kubernetes default Corefile has
    carried it since CoreDNS 1.2.1. `loop` only probes the block's first zone, and only at
    start-up.

    ## Example
    ```
    . {
        forward . /etc/resolv.conf
    }
    ```

    ## Use instead
    ```
    . {
        forward . /etc/resolv.conf
        loop
    }
    ```

    ## Fix safety
    No automatic fix: adding `loop` makes CoreDNS refuse to run where it runs today with a loop.
    """

    code = "FW003"
    name = "forward-without-loop"
    severity = Severity.INFO
    summary = "a block forwards queries without the `loop` plugin"
    default_enabled = False
    bad = (Example(". {\n    forward . 8.8.8.8\n}\n", expect=((2, 5),)),)
    good = (Example(". {\n    forward . 8.8.8.8\n    loop\n}\n"),)

    def check(self, context):
        if not context.is_available("loop"):
            return
        for view in context.blocks:
            forwards = view.named("forward")
            if forwards and not view.has("loop"):
                yield Report(forwards[0].name, "this block forwards queries but has no `loop` to catch a forwarding loop at start-up",
                             help="add `loop` to the block")
