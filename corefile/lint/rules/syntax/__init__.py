"""Rules reporting what CoreDNS's reader refuses or reads differently: braces, imports,
placeholders, encodings, line endings and comments.
"""
