"""One module per sub-command; each is imported only when that command runs."""
