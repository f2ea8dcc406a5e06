"""Lint the Corefile the CoreDNS Helm chart renders from a values file, with every finding
pointing at the values line it came from (the rendering is :mod:`corefile.sources.helm`)."""

from __future__ import annotations

import attrs

from corefile.core.positions import Span
from corefile.expansion.imports import FileAccess
from corefile.expansion.loader import Loaded, load_text
from corefile.lint.config import Config
from corefile.lint.configmap import Mounts, relocate_finding
from corefile.lint.findings import Finding
from corefile.sources.helm import HelmCorefile, HelmOrigin, render_values


@attrs.frozen(eq=False)
class HelmValues:
    """A rendered values file, ready to load and lint like a ConfigMap's Corefile."""

    rendered: HelmCorefile

    @property
    def label(self) -> str:
        return self.rendered.label

    @property
    def files(self) -> dict[str, str]:
        return self.rendered.files

    def load(self, config: Config | None = None, access: FileAccess | None = None) -> Loaded:
        """The rendered Corefile read and expanded as CoreDNS reads it in the pod."""
        from corefile.lint.linter import access_for, environment_for

        config = config or Config()
        own = self.rendered.own_name
        return load_text(
            self.rendered.text,
            filename=own,
            environment=environment_for(config),
            access=access or access_for(own, config, self.files),
            coredns_path=self.rendered.coredns_path,
        )

    def move(self, span: Span) -> Span | None:
        return self.rendered.move(span)

    def relocate(self, finding: Finding) -> tuple[Finding, HelmOrigin | None]:
        """The finding pointing at the values file, and the value it came from."""
        origin = self.rendered.origin(finding.span)
        if origin is None:
            return finding, None  # a local file read through --import-map
        moved = relocate_finding(finding, self.rendered.move, f"values {origin.path}")
        # Advice about the Corefile's text is no use to someone who writes values: say which value to set.
        hint = self.rendered.hint(finding.span)
        if hint is not None:
            moved = attrs.evolve(moved, help=hint)
        return moved, origin

    def lint(self, config: Config | None = None) -> list[tuple[Finding, HelmOrigin | None]]:
        from corefile.lint.linter import lint_loaded

        return [self.relocate(finding) for finding in lint_loaded(self.load(config), config)]


@attrs.frozen
class HelmResult:
    """Findings of a values file (pointing at its lines) and the value each one came from."""

    findings: list[Finding]
    origins: dict[Finding, HelmOrigin]
    corefile: HelmCorefile


def helm_values(text: str, filename: str, mounts: Mounts = Mounts()) -> HelmValues:
    """Render the values ``text`` (raises :class:`~corefile.sources.helm.HelmValuesError`)."""
    return HelmValues(render_values(text, filename, mounts.configmap))


def lint_values(text: str, filename: str, config: Config | None = None, mounts: Mounts = Mounts()) -> HelmResult:
    """Render the chart's Corefile from the values ``text``, lint it, point findings at the values."""
    values = helm_values(text, filename, mounts)
    findings: list[Finding] = []
    origins: dict[Finding, HelmOrigin] = {}
    for finding, origin in values.lint(config):
        findings.append(finding)
        if origin is not None:
            origins[finding] = origin
    findings = list(dict.fromkeys(findings))
    findings.sort(key=lambda finding: finding.sort_key)
    return HelmResult(findings, origins, values.rendered)
