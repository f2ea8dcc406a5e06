from __future__ import annotations

import re

from corefile.lint.findings import Report, Severity
from corefile.lint.rules._base import Example, Rule
from corefile.lint.rules._common import setup_problems, target_token

_JINJA = re.compile(r"\{\{|\}\}|\{%(?![A-Za-z_][A-Za-z0-9_]*%\})|(?<![{A-Za-z0-9_])%\}")
_PILLAR = re.compile(r"__PILLAR__[A-Z0-9_]*__")
#: node-local-dns (node-cache) fills these two in itself at start-up: not unrendered.
_PILLAR_RUNTIME = ("__PILLAR__CLUSTER__DNS__", "__PILLAR__UPSTREAM__SERVERS__")
_SHELL = re.compile(r"(?<![{\\])\$\{[A-Za-z_][A-Za-z0-9_]*\}|(?<![{\\\w)\]])\$[A-Z_][A-Z0-9_]{2,}\b")
_ANGLE = re.compile(r"<[A-Za-z][A-Za-z0-9_ .-]*>")
#: Placeholder words of well-known templates (coredns/deployment's deploy.sh, kubespray, kops).
PLACEHOLDER_WORDS = frozenset(
    "CLUSTER_DOMAIN REVERSE_CIDRS UPSTREAMNAMESERVER STUBDOMAINS FEDERATIONS DNS_DOMAIN dns_domain "
    "DNS_SERVER_IP CLUSTER_DNS_IP UPSTREAM_DNS UPSTREAM_SERVERS".split()
)
#: Where ``{{ }}`` is CoreDNS's own syntax (Go templates of the template plugin).
_TEMPLATE_OPTIONS = ("answer", "additional", "authority")
#: Lines whose words are regular expressions (``$`` anchors, not variables).
_REGEX_LINES = ("rewrite", "match", "template")


def node_cache_placeholder(text: str) -> str | None:
    """The node-cache run-time placeholder ``text`` holds, if any."""
    pillar = _PILLAR.search(text)
    return pillar.group(0) if pillar and pillar.group(0) in _PILLAR_RUNTIME else None


def _node_cache_report(token, placeholder: str) -> Report:
    return Report(
        token,
        f"`{placeholder}` is a NodeLocal DNSCache placeholder: node-cache fills it in before reading the file, "
        "stock CoreDNS refuses it",
        severity=Severity.INFO,
        help="run this Corefile with node-cache, or put the address in for stock CoreDNS",
    )


def looks_unrendered(text: str, *, regex: bool = False) -> str | None:
    """Why ``text`` looks like a placeholder a template engine should have replaced, or None."""
    if _JINJA.search(text):
        return "a `{{ }}`/`{% %}` template expression"
    pillar = _PILLAR.search(text)
    if pillar and pillar.group(0) not in _PILLAR_RUNTIME:
        return f"a `{pillar.group(0)}` placeholder"
    if text in PLACEHOLDER_WORDS:
        return f"the placeholder word `{text}`"
    if not regex:
        shell = _SHELL.search(text)
        if shell:
            return f"a shell-style `{shell.group(0)}` (CoreDNS reads environment variables as `{{$NAME}}`, and keeps this text as is)"
        if _ANGLE.fullmatch(text):
            return f"the placeholder `{text}`"
    return None


class UnrenderedTemplate(Rule):
    """## What it does
    Reports text a template engine should have replaced before CoreDNS read the file: Helm/Go or
    Jinja expressions (`{{ .Values.domain }}`, `{{ dns_domain }}`, `{% if %}`) outside the
    `template` plugin's answers, kube-dns/node-local-dns `__PILLAR__...__` variables,
    shell-style `$VAR`/`${VAR}` (CoreDNS's own syntax is `{$VAR}`), and the placeholder words of
    well-known manifests (`CLUSTER_DOMAIN`, `REVERSE_CIDRS`, `UPSTREAMNAMESERVER`,
    `<upstream-ip>`).

    `__PILLAR__CLUSTER__DNS__` and `__PILLAR__UPSTREAM__SERVERS__` are different: NodeLocal
    DNSCache's `node-cache` replaces them itself, just before its built-in CoreDNS reads the
    file, so a node-cache Corefile holds them on purpose. Stock CoreDNS refuses them (they are
    neither addresses nor files). They are reported at **info**: below the default
    `--fail-level` (warning), so node-cache users' pipelines pass, while the finding still tells
    anyone running the file with stock CoreDNS what it needs. Raise it with
    `severity = { unrendered-template = "error" }` when the file is meant for stock CoreDNS.

    ## Why is this bad?
    CoreDNS takes the text literally. Where the text cannot be a zone, an address or a plugin
    name, it refuses to start (error); elsewhere it starts and serves the literal text:
    `kubernetes {{ .ClusterDomain }}` serves zones named `{{.`, and the cluster's names go
    unanswered (warning). Rendering steps that fail silently (an `envsubst` without the
    variable, a Helm value left unset) are the usual cause (rancher/rke2#10067,
    openshift/microshift#563).

    ## Example
    ```
    .:53 {
        kubernetes CLUSTER_DOMAIN in-addr.arpa ip6.arpa
        forward . ${UPSTREAM}
    }
    ```

    ## Use instead
    ```
    .:53 {
        kubernetes cluster.local in-addr.arpa ip6.arpa
        forward . {$UPSTREAM}
    }
    ```

    ## Fix safety
    No automatic fix: render the template.
    """

    code = "TP001"
    name = "unrendered-template"
    severity = Severity.WARNING
    summary = "a template placeholder left in the Corefile (`{{ }}`, `__PILLAR__`, `$VAR`, `CLUSTER_DOMAIN`)"
    bad = (
        Example(".:53 {\n    kubernetes CLUSTER_DOMAIN in-addr.arpa ip6.arpa\n    forward . ${UPSTREAM}\n}\n",
                expect=((2, 16), (3, 15))),
        Example("__PILLAR__DNS__DOMAIN__:53 {\n    forward . __PILLAR__CLUSTER__DNS__\n}\n", expect=((1, 1), (2, 15))),
        Example(".:53 {\n    kubernetes {{ .Values.clusterDomain }}\n}\n", expect=((2, 16),)),
        Example("cluster.local:53 {\n    forward . __PILLAR__CLUSTER__DNS__\n}\n", expect=((2, 15),),
                title="node-cache fills these in: reported at info"),
    )
    good = (
        Example(".:53 {\n    template IN A example.org {\n        answer \"{{ .Name }} 60 IN A 10.0.0.1\"\n    }\n"
                "    rewrite name regex (.*)\\.svc\\.$ {1}.svc.cluster.local.\n    forward . {$UPSTREAM}\n}\n"),
    )

    def check(self, context):
        refused = {id(target_token(problem.target).word) for _, problem in setup_problems(context)
                   if problem.rule != "deprecated-option"}
        for view in context.blocks:
            for key in view.keys:
                placeholder = node_cache_placeholder(key.token.word.value)
                if placeholder:
                    yield _node_cache_report(key.token, placeholder)
                    continue
                reason = looks_unrendered(key.token.word.value)
                if reason:
                    severity = Severity.ERROR if key.error is not None else Severity.WARNING
                    yield Report(key.token, f"the key `{key.text}` holds {reason}: CoreDNS reads it literally",
                                 severity=severity, help="render the template before CoreDNS reads the file")
            for line in view.directives:
                yield from _line(context, line, refused, template=line.name.text == "template", regex=False, top=True)


def _line(context, line, refused, *, template, regex, top=False):
    name = line.name.text
    if template and name in _TEMPLATE_OPTIONS:
        return
    regex = regex or name in _REGEX_LINES
    for position, token in enumerate((line.name, *line.arguments)):
        placeholder = node_cache_placeholder(token.word.value)
        if placeholder:
            yield _node_cache_report(token, placeholder)
            break  # one report per line
        reason = looks_unrendered(token.word.value, regex=regex)
        if reason is None:
            continue
        if top and position == 0 and not context.is_available(token.text):
            severity = Severity.ERROR
        else:
            severity = Severity.ERROR if id(token.word) in refused else Severity.WARNING
        yield Report(token, f"`{token.word.value}` is {reason}: CoreDNS reads it literally", severity=severity,
                     help="render the template before CoreDNS reads the file")
        break  # one report per line
    for sub in line.block or ():
        yield from _line(context, sub, refused, template=template, regex=regex)
