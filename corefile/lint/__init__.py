"""The lint engine: configuration, the rule registry (``rules/``, grouped by family), findings,
suppressions and fixes, driven over a loaded Corefile.
"""
