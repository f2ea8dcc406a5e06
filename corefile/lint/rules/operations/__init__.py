"""Rules about running CoreDNS: health, readiness, reload, listeners."""
