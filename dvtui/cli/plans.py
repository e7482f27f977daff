"""The yearly cycle on the command line: ``dvtui plan new 2024 --from 2023``, ``dvtui migrate``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Literal

from dvtui.cli.command import EXIT_OK, Command, Options, no_arguments
from dvtui.i18n import N_, t

if TYPE_CHECKING:
    from dvtui.storage import Store


class PlanOptions(Options):
    action: Literal["new"]
    year: int
    source: str | None


def plan_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=("new",), help=t("cli.arg.plan_action"))
    p.add_argument("year", type=int, help=t("cli.arg.plan_year"))
    p.add_argument("--from", dest="source", help=t("cli.opt.plan_from"))


def cmd_plan(store: Store, args: PlanOptions, today: date) -> int:
    """``dvtui plan new YEAR [--from YEAR]``: next year's plan in one commit."""
    from dvtui.core.text import format_date
    from dvtui.services.rollover import roll_over

    source = args.source or _latest_before(store, args.year)
    made = roll_over(store, source, args.year)
    periods = ", ".join(f"{p.id.name} ({format_date(p.due)})" for p in made.periods)
    print(
        t(
            "cli.plan.done",
            year=args.year,
            source=source,
            sha=made.sha[:8],
            tasks=len(made.tasks),
            periods=periods or "—",
            reports=len(made.reports),
        )
    )
    print(t("cli.plan.next", year=args.year))
    return EXIT_OK


def _latest_before(store: Store, year: int) -> str:
    """The newest plan older than ``year`` (what ``--from`` means when it is left out)."""
    from dvtui.core.problems import DataError

    older = [p for p in store.load().plans() if p.year < year]
    if not older:
        raise DataError("err.rollover.no_source", year=year)
    return str(older[0].id.name)


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
    Command("plan", N_("cli.cmd.plan"), PlanOptions, plan_arguments, cmd_plan),
    Command("migrate", N_("cli.cmd.migrate"), Options, no_arguments, cmd_migrate, migrates=False),
)
