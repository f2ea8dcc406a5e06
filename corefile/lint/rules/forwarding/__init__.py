"""Rules about forwarding: loops, loopback upstreams, concurrency limits."""
