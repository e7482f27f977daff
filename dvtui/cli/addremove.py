"""``dvtui add ID field=value…`` and ``dvtui remove ID``: records of any kind created and
removed, one commit each. Registered by :mod:`dvtui.cli.main`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from dvtui.core.ids import RecordId
from dvtui.i18n import t

EXIT_OK = 0


def add_parsers(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Register ``add`` and ``remove``."""
    p = add("add")
    p.add_argument("id", help=t("cli.arg.id"))
    p.add_argument("assignments", nargs="*", metavar="field=value")
    p = add("remove")
    p.add_argument("id", help=t("cli.arg.id"))


def cmd_add(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui add ID field=value …``: validate, write, commit (``Action: create``)."""
    from dvtui.cli.reports import parse_assignments
    from dvtui.services.create import add_record

    result = add_record(store, RecordId.parse(args.id), parse_assignments(args.assignments))
    print(t("cli.add.done", id=str(result.record.id), sha=result.sha[:8]))
    return EXIT_OK


def cmd_remove(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui remove ID``: one commit (``Action: delete``), refused while others name it."""
    result = store.delete(RecordId.parse(args.id))
    print(t("cli.remove.done", id=str(result.record.id), sha=result.sha[:8]))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Any, Any, date], int]] = {"add": cmd_add, "remove": cmd_remove}
