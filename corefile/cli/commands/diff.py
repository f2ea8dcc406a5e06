"""``corefile diff OLD NEW``: what changes for DNS between two configurations.

Exit status: 0 when nothing behavioural changed, 1 when something did (``--exit-zero``: 0),
2 when an input cannot be read (a missing file, not a repository, an unknown revision, a bad
manifest).
"""

from __future__ import annotations

import argparse
import sys

from corefile.cli.commands._args import key_value
from corefile.cli.status import EXIT_FINDINGS, EXIT_OK, UsageError

OUTPUT_FORMATS = ("text", "markdown", "json")
INPUT_FORMATS = ("auto", "corefile", "configmap", "helm")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help="a Corefile, manifest or Helm values file, REVISION:PATH, or -")
    parser.add_argument("new", metavar="NEW", help="the same for the new side")
    parser.add_argument("--output-format", choices=OUTPUT_FORMATS, default="text",
                        help="text for a terminal, markdown for a pull-request comment, json (default text)")
    parser.add_argument("--output-file", metavar="FILE", help="write the report here instead of standard output")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when something changed")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                        help="how to read both sides (auto: decide by content)")
    parser.add_argument("--configmap", metavar="NAME", help="the ConfigMap to compare when a manifest holds several")
    parser.add_argument("--coredns-version", metavar="X.Y.Z", help="the CoreDNS release both sides run (default: newest known)")
    parser.add_argument("--plugins", action="append", default=[], metavar="NAMES|plugin.cfg",
                        help="external plugins compiled into your build, or the path of its plugin.cfg")
    parser.add_argument("--import-map", action="append", default=[], type=key_value, metavar="TARGET=LOCAL",
                        help="read imports under the target machine's folder TARGET from the local folder LOCAL")
    parser.add_argument("--env", action="append", default=[], type=key_value, metavar="KEY=VALUE",
                        help="a value for an environment placeholder {$KEY}")
    parser.add_argument("--use-environment", action="store_true", help="take placeholder values from this process's environment")
    parser.add_argument("--cluster-domain", metavar="DOMAIN", help="the Kubernetes cluster domain (default cluster.local)")
    parser.add_argument("--config", metavar="FILE", help="use this configuration file (default: the one that applies to NEW)")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--configmap-mount", default="/etc/coredns", metavar="DIR",
                        help="where the ConfigMap is mounted in the pod (default /etc/coredns)")
    parser.add_argument("--custom-mount", default="/etc/coredns/custom", metavar="DIR",
                        help="where the custom ConfigMap is mounted (default /etc/coredns/custom)")
    parser.add_argument("--custom-configmap", default="coredns-custom", metavar="NAME",
                        help="the name of the custom ConfigMap whose keys are imported (default coredns-custom)")
    parser.set_defaults(select=None, extend_select=[], ignore=[], profile=None, fail_level=None)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from corefile.cli.commands._inputs import mounts_of
    from corefile.cli.commands.lint import _base_config, _config_for
    from corefile.diff.inputs import InputError, read_side
    from corefile.diff.model import compare
    from corefile.diff.render import RENDERERS

    if args.old == "-" and args.new == "-":
        raise UsageError("only one side can be standard input")
    # One configuration for both sides: they must be judged against the same CoreDNS.
    anchor = args.new.partition(":")[2] if ":" in args.new and not Path(args.new).exists() else args.new
    config = _config_for(anchor if anchor != "-" else "-", args, _base_config(args))
    stdin = None
    if "-" in (args.old, args.new):
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise UsageError("-: standard input is closed")
        stdin = stream.read()
    options = {"input_format": args.input_format, "mounts": mounts_of(args), "configmap": args.configmap, "stdin": stdin}
    try:
        old = read_side(args.old, config, **options)
        new = read_side(args.new, config, **options)
    except InputError as error:
        raise UsageError(str(error)) from None
    report = compare(old, new)
    output = RENDERERS[args.output_format](report)
    if args.output_file:
        try:
            Path(args.output_file).write_text(output, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"{args.output_file}: {error.strerror}") from None
    else:
        sys.stdout.write(output)
    if report.changed and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_OK
