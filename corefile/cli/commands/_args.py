"""Argument helpers shared by the commands (standard library only: imported at start-up)."""

from __future__ import annotations

import argparse

OUTPUT_FORMATS = ("full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab")
INPUT_FORMATS = ("auto", "corefile", "configmap", "helm")


def key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key, value


def add_lint_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="Corefiles or folders to lint; - for standard input")
    parser.add_argument("--select", action="append", default=None, metavar="RULES",
                        help="rules to run (names, codes, family prefixes such as ZN, or ALL); replaces the default set")
    parser.add_argument("--extend-select", action="append", default=[], metavar="RULES", help="rules to run in addition")
    parser.add_argument("--ignore", action="append", default=[], metavar="RULES", help="rules not to run")
    parser.add_argument("--coredns-version", metavar="X.Y.Z", help="the CoreDNS release to check against (default: newest known)")
    parser.add_argument("--plugins", action="append", default=[], metavar="NAMES|plugin.cfg",
                        help="external plugins compiled into your build, or the path of its plugin.cfg")
    parser.add_argument("--import-map", action="append", default=[], type=key_value, metavar="TARGET=LOCAL",
                        help="read imports under the target machine's folder TARGET from the local folder LOCAL")
    parser.add_argument("--env", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                        help="a value for an environment placeholder {$KEY}")
    parser.add_argument("--use-environment", action="store_true",
                        help="take placeholder values from this process's environment (off by default: no secrets leak)")
    parser.add_argument("--cluster-domain", metavar="DOMAIN", help="the Kubernetes cluster domain (default cluster.local)")
    parser.add_argument("--profile", choices=("auto", "kubernetes", "standalone"), help="turn the Kubernetes rules on, off or automatic")
    parser.add_argument("--config", metavar="FILE", help="use this configuration file")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--output-format", choices=OUTPUT_FORMATS, default=None, help="how to print findings (default full)")
    parser.add_argument("--output-file", metavar="FILE", help="write the report here instead of standard output")
    parser.add_argument("--statistics", action="store_true",
                        help="print only how many findings each rule produced (a JSON array with --output-format json)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="print the findings and nothing else: no summary, no notes or warnings on standard error")
    parser.add_argument("--fail-level", choices=("error", "warning", "info"), help="lowest severity that fails (default warning)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are reported")
    parser.add_argument("--stdin-filename", metavar="NAME", help="name standard input in the report (and base its imports there)")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                        help="colour the full and concise formats (auto: a terminal and NO_COLOR unset; FORCE_COLOR forces)")
    parser.add_argument("--no-cache", action="store_true", help="do not answer from (or fill) the report cache")
    parser.add_argument("--no-respect-gitignore", action="store_true",
                        help="walk folders into what .gitignore files ignore (paths given by name are always read)")
    fixes = parser.add_argument_group("Fixes")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes to the files (comments are kept), then report what is left")
    fixes.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply fixes that change behaviour")
    fixes.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing them; exit 1 if there are any")
    fixes.add_argument("--show-fixes", action="store_true", help="list the fixes that were applied")
    add_input_arguments(parser)


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """How an input is read: a Corefile, or a manifest whose ConfigMaps hold Corefiles (every command)."""
    kubernetes = parser.add_argument_group("Kubernetes ConfigMaps")
    kubernetes.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                            help="read Corefiles, YAML/JSON manifests holding ConfigMaps with a Corefile key, or "
                                 "values files of the CoreDNS Helm chart (auto: decide by content; folders also "
                                 "yield the values*.yaml files that hold `servers:`)")
    kubernetes.add_argument("--configmap-mount", default="/etc/coredns", metavar="DIR",
                            help="where the Corefile's ConfigMap is mounted in the pod: its keys are import targets there "
                                 "(default /etc/coredns)")
    kubernetes.add_argument("--custom-mount", default="/etc/coredns/custom", metavar="DIR",
                            help="where the custom ConfigMap is mounted (default /etc/coredns/custom)")
    kubernetes.add_argument("--custom-configmap", default="coredns-custom", metavar="NAME",
                            help="the name of the custom ConfigMap whose keys are imported (default coredns-custom)")
