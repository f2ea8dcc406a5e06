from __future__ import annotations

from corefile.analysis.forwarding import parse_target
from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule


class ResolvConfLoopRisk(Rule):
    """## What it does
    Points at `forward` upstreams read from a resolv.conf-style file (`forward .
    /etc/resolv.conf`), whose contents the Corefile does not show.

    ## Why is this bad?
    CoreDNS forwards to the `nameserver` lines of that file as it finds it at start-up. On hosts
    running systemd-resolved (`nameserver 127.0.0.53`), dnsmasq or a kind/minikube node, the
    file names a loopback address; and in a Kubernetes pod with `dnsPolicy: Default` the kubelet
    copies the node's file into the pod, where `127.0.0.53` is the pod itself. Every query then
    comes back to CoreDNS: with `loop` it exits (`Loop ... detected`, CrashLoopBackOff), without
    it queries time out (coredns/coredns#2087, kubernetes/kubeadm#1162). An empty file makes
    CoreDNS refuse to start (`no nameservers found`).

    This is advice (info): the file is usually fine. Check it on the machine that runs CoreDNS,
    or point kubelet's `resolvConf` at `/run/systemd/resolve/resolv.conf`.

    ## Example
    ```
    . {
        forward . /etc/resolv.conf
    }
    ```

    ## Use instead
    ```
    . {
        forward . 10.0.0.2 10.0.0.3
    }
    ```
    or keep the file and make sure it lists no loopback address.

    ## Fix safety
    No automatic fix.
    """

    code = "FW002"
    name = "resolv-conf-loop-risk"
    severity = Severity.INFO
    summary = "forward upstreams read from a resolv.conf file, which loops if it names a loopback address"
    bad = (Example(". {\n    forward . /etc/resolv.conf\n}\n", expect=((2, 15),)),)
    good = (Example(". {\n    forward . 8.8.8.8\n}\n"),)

    def check(self, context):
        for view in context.blocks:
            for line in view.named("forward") + view.named("proxy"):
                for token in line.arguments[1:]:
                    if token.unknown_env:
                        continue
                    target = parse_target(token.text)
                    if target is not None and target.transport == "file":
                        yield Report(
                            token,
                            f"upstreams come from {token.text} at start-up; if it lists a loopback address "
                            "(127.0.0.53 of systemd-resolved, 127.0.0.1 of dnsmasq), queries loop back into CoreDNS",
                            help="check the file on the machine (or node) that runs CoreDNS, or list upstream IPs",
                        )
