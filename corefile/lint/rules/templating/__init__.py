"""Rules about template placeholders that were never rendered (Helm, Jinja, NodeLocal DNSCache)."""
