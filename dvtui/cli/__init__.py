"""The command line, one module per command group; ``main`` is the console script.

May import every layer below the UI (services, reports, storage, core); never Textual at import.
"""

from dvtui.cli.main import main

__all__ = ["main"]
