"""When the Kubernetes rules apply: the ``kubernetes`` profile, or (profile ``auto``) blocks using kubernetes."""

from __future__ import annotations

from corefile.analysis.context import BlockView, Context


def applies(context: Context, view: BlockView) -> bool:
    """The Kubernetes rules check ``view``.

    ``kubernetes`` profile: every block; ``standalone``: none; ``auto``: blocks that use the
    kubernetes plugin.
    """
    profile = context.settings.profile
    if profile == "kubernetes":
        return True
    if profile == "standalone":
        return False
    return view.has("kubernetes")


def applies_to_file(context: Context) -> bool:
    """The Kubernetes rules check file-wide settings (health, ready): some block qualifies."""
    return any(applies(context, view) for view in context.blocks)
