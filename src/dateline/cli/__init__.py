"""The `dateline` command line: one module per command group."""
