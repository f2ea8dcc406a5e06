"""From one file to what CoreDNS really reads: environment placeholders, imports (sandboxed to
the import roots), snippets, and the loaded view of effective server blocks.
"""
