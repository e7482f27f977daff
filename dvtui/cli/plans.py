"""The yearly cycle on the command line: ``dvtui migrate`` (and next year's plan).

Registered by :mod:`dvtui.cli.main` like the other command groups.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from dvtui.i18n import t

EXIT_OK = 0


def add_parsers(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Register ``migrate``."""
    add("migrate")


def cmd_migrate(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui migrate``: one commit per layout step the repo still needs."""
    from dvtui.services.migrate import migrate, needs_migration

    if not needs_migration(store):
        print(t("notice.migrate_current", format=store.format))
        return EXIT_OK
    for step in migrate(store):
        print(step.notice())
    return EXIT_OK


COMMANDS: dict[str, Callable[[Any, Any, date], int]] = {
    "migrate": cmd_migrate,
}
