"""``corefile diff``: what changes for DNS between two configurations, not for text.

- :mod:`corefile.diff.inputs` reads each side: a Corefile, a ConfigMap manifest, Helm values,
  or any of them at a git revision (``HEAD~1:deploy/coredns.yaml``), imports expanded.
- :mod:`corefile.diff.model` compares the effective servers: matched by zone, transport and
  port; plugin chains in execution order; upstreams, shadowed zones, listeners, findings.
- :mod:`corefile.diff.render` prints the report as text, markdown or JSON.

It sits above the linter and the sources (it lints both sides) and below the command line.
"""

from __future__ import annotations


def diff_paths(old: str, new: str, config=None, **options):
    """Compare two inputs (paths or ``REVISION:PATH``) and return the :class:`~corefile.diff.model.DiffReport`."""
    from corefile.diff.inputs import read_side
    from corefile.diff.model import compare
    from corefile.lint.config import Config

    config = config or Config()
    return compare(read_side(old, config, **options), read_side(new, config, **options))


__all__ = ["diff_paths"]
