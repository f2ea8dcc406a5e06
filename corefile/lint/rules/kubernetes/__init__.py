"""Rules about the kubernetes plugin and cluster-domain consistency."""
