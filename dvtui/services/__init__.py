"""What the CLI and the UI do with a data repo: sync, history, audit, review, set-up.

May import ``dvtui.storage``, ``dvtui.git`` and ``dvtui.core``; never Textual or the CLI.
"""
