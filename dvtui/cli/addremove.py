"""``dvtui add ID field=value…`` and ``dvtui remove ID``: records of any kind created and
removed, one commit each."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from dvtui.cli.command import EXIT_OK, Command, Options
from dvtui.cli.output import assignments_argument, parse_assignments
from dvtui.core.ids import RecordId
from dvtui.i18n import N_, t

if TYPE_CHECKING:
    from dvtui.storage import Store


class AddOptions(Options):
    id: str
    assignments: list[str]


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cli.arg.id"))
    assignments_argument(p, required=False)


def cmd_add(store: Store, args: AddOptions, today: date) -> int:
    """``dvtui add ID field=value …``: validate, write, commit (``Action: create``)."""
    from dvtui.services.create import add_record

    result = add_record(store, RecordId.parse(args.id), parse_assignments(args.assignments))
    print(t("cli.add.done", id=str(result.record.id), sha=result.sha[:8]))
    return EXIT_OK


class RemoveOptions(Options):
    id: str


def remove_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cli.arg.id"))


def cmd_remove(store: Store, args: RemoveOptions, today: date) -> int:
    """``dvtui remove ID``: one commit (``Action: delete``), refused while others name it."""
    result = store.delete(RecordId.parse(args.id))
    print(t("cli.remove.done", id=str(result.record.id), sha=result.sha[:8]))
    return EXIT_OK


COMMANDS = (  # each command keeps its own options type; main.py sees them as Registered
    Command("add", N_("cli.cmd.add"), AddOptions, add_arguments, cmd_add),
    Command("remove", N_("cli.cmd.remove"), RemoveOptions, remove_arguments, cmd_remove),
)
