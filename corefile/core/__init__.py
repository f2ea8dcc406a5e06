"""The ground floor: vocabulary every layer shares (positions and spans, errors, CoreDNS versions).

Nothing here imports any other part of the package.
"""
