"""Rules about the rewrite plugin."""
