"""Facts several rules and commands share, computed from the loaded view: server addresses and
zones, the plugin chain in execution order, forwarding and Kubernetes facts.
"""
