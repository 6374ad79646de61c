"""cli: the `searchapp` command (a click group; one module per command)."""
from searchapp.cli.main import main

__all__ = ["main"]
