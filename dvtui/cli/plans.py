"""The yearly cycle on the command line: ``dvtui migrate`` (and next year's plan)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from dvtui.cli.command import EXIT_OK, Command, Options, no_arguments
from dvtui.i18n import N_, t

if TYPE_CHECKING:
    from dvtui.storage import Store


def cmd_migrate(store: Store, args: Options, today: date) -> int:
    """``dvtui migrate``: one commit per layout step the repo still needs."""
    from dvtui.services.migrate import migrate, needs_migration

    if not needs_migration(store):
        print(t("notice.migrate_current", format=store.format))
        return EXIT_OK
    for step in migrate(store):
        print(step.notice())
    return EXIT_OK


COMMANDS = (  # each command keeps its own options type; main.py sees them as Registered
    Command("migrate", N_("cli.cmd.migrate"), Options, no_arguments, cmd_migrate, migrates=False),
)
