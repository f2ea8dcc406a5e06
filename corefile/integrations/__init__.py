"""Where users run the linter: Kubernetes ConfigMaps, CI report formats, pre-commit.

- :mod:`corefile.integrations.manifests` reads YAML/JSON manifests keeping every string's
  position in the file (:mod:`corefile.integrations.scalars` maps each character back).
- :mod:`corefile.integrations.configmap` lints the Corefile of each ConfigMap, with the other
  keys (and a ``coredns-custom`` ConfigMap's keys) as import targets, and points findings at
  the manifest's own lines.
- :mod:`corefile.integrations.formats` renders findings as JSON lines, SARIF 2.1.0, GitHub
  workflow commands, JUnit XML and GitLab Code Quality.

Nothing here is imported when the CLI starts; PyYAML is imported only when YAML is read.
"""
