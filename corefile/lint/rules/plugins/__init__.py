"""Rules checking each plugin line against the catalogue: unknown, removed and deprecated plugins
and options, arguments and option values, duplicates and conflicts.
"""
