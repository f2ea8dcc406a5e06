"""Exit statuses and the usage error every command shares (standard library only)."""

#: Nothing at or above the fail level was found.
EXIT_OK = 0
#: Findings at or above the fail level.
EXIT_FINDINGS = 1
#: Bad arguments, configuration or input.
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad arguments, configuration or input: exit status 2."""
