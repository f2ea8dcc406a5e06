"""Rules about server-block keys: zones, CIDRs, addresses and bind."""
