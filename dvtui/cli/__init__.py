"""The command line, one module per command group.

May import every layer below it (the UI, services, reports, storage, core); Textual only
when the UI is started. The console script is :func:`dvtui.cli.quick.main`, which answers
``dvtui list KIND`` from the row cache when it holds, before anything else is imported, and
hands every other command to :func:`dvtui.cli.main.main`.
"""
