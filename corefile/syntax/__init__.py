"""Text to tree and back: the CoreDNS-faithful lexer, the one Lark grammar boundary, the lossless
attrs nodes, the printer and the formatter.

Data flow: ``lexer`` (characters to tokens and line runs) -> ``_parser`` (the only module that
touches Lark) -> ``nodes`` (frozen tree) -> ``printer`` (concatenation back to the exact text).
"""
