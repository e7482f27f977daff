"""The command line, one module per command group; the console script is
:func:`dvtui.cli.quick.main`, which answers ``dvtui list KIND`` from the row cache when it
holds, before anything else is imported, and hands every other command to
:func:`dvtui.cli.main.main`.

May import every layer below the UI (services, reports, storage, core); never Textual at import.
"""
