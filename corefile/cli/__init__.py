"""The command line on top of everything: ``main`` dispatches to ``commands/``, each of which owns
its arguments and imports the engine only when it runs (start-up stays stdlib-only).
"""
