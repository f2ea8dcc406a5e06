"""``corefile lsp``: a Language Server Protocol server for Corefiles and the manifests that hold one.

Needs the ``lsp`` extra (pygls). The modules split the work by job: :mod:`~corefile.lsp.analysis`
(one analysis per document version, from the same engine and configuration discovery as the CLI),
:mod:`~corefile.lsp.diagnostics`, :mod:`~corefile.lsp.actions`, :mod:`~corefile.lsp.formatting`,
:mod:`~corefile.lsp.hover`, :mod:`~corefile.lsp.completion`, :mod:`~corefile.lsp.symbols`, and
:mod:`~corefile.lsp.server`, which wires them to the protocol.
"""
