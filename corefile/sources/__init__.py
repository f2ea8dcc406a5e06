"""Where input comes from: Kubernetes manifests (YAML/JSON) with every string's position in the
original bytes, so findings point at the manifest's own lines and edits can be written back, and
the values of the CoreDNS Helm chart (``helm``), rendered into the Corefile the chart writes with
the values line behind every character.

PyYAML is imported only when YAML is read.
"""
