"""dvtui: the follow-up of a yearly "dân vận" plan, its records in a git data repo.

May import nothing at import time; its packages import each other in layers (cli > tui >
services | reports > storage > git > core > i18n), checked by import-linter (pyproject.toml).
"""

__version__ = "0.2.0"
