"""Rules about the cache plugin."""
