"""Where Corefiles come from besides a Corefile on disk: files that hold or describe one.

- :mod:`corefile.sources.helm` renders the Corefile of the CoreDNS Helm chart from a values
  file and points findings at the values' own lines.

Nothing here is imported when the CLI starts; PyYAML is imported only when YAML is read.
"""
