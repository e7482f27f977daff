"""What the CLI and the UI do with a data repo: sync, history, audit, review, the yearly cycle.

May import ``dvtui.storage``, ``dvtui.git`` and ``dvtui.core``; never Textual or the CLI.
"""
