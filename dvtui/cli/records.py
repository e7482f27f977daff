"""The record commands: init, validate, list, show, set.

These are the hot ones (a script calls ``show`` and ``set`` in a loop): everything heavier
than the core is imported inside the handler that needs it.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from dvtui.cli.command import EXIT_ERROR, EXIT_OK, Command, Options, Setup, no_arguments
from dvtui.cli.output import assignments_argument, parse_assignments, print_saved, print_table
from dvtui.cli.showing import FORMATS
from dvtui.core.ids import KIND_DEPTH, RecordId
from dvtui.i18n import N_, t, tn

if TYPE_CHECKING:
    from dvtui.storage import Store


# --- init ------------------------------------------------------------------------------------


class InitOptions(Options):
    path: str
    practice: bool
    empty: bool
    issuer: str
    place: str


def init_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help=t("cli.arg.init_path"))
    p.add_argument("--practice", action="store_true", help=t("cli.opt.practice"))
    p.add_argument("--empty", action="store_true", help=t("cli.opt.empty"))
    p.add_argument("--issuer", default="", help=t("cli.opt.issuer"))
    p.add_argument("--place", default="", help=t("cli.opt.place"))


def cmd_init(args: InitOptions) -> int:
    """``dvtui init PATH``: a new data repo from the bundled records (``--empty``: none;
    ``--practice``: the practice repo ``make run`` opens)."""
    from dvtui.services.setup import init_data_repo

    if args.practice:
        from dvtui.services.practice import build_practice_repo

        sha = build_practice_repo(Path(args.path))
    else:
        sha = init_data_repo(
            Path(args.path), empty=args.empty, issuer=args.issuer, place=args.place
        )
    print(t("cli.init.done", path=args.path, sha=sha[:8]))
    if args.empty:
        print(t("cli.init.empty_next", path=args.path))
    return EXIT_OK


# --- validate --------------------------------------------------------------------------------


def cmd_validate(store: Store, args: Options, today: date) -> int:
    """``dvtui validate``: every problem as ``file: field: reason``."""
    data = store.load()
    for problem in data.problems:
        print(problem)
    if data.problems:
        valid = tn("cli.validate.valid", len(data))
        print(tn("cli.validate.problems", len(data.problems), valid=valid), file=sys.stderr)
        return EXIT_ERROR
    print(t("cli.validate.ok", valid=tn("cli.validate.valid", len(data))))
    return EXIT_OK


# --- list ------------------------------------------------------------------------------------


class ListOptions(Options):
    kind: str
    status: str | None
    unit: str | None
    period: str | None
    search: str | None
    plan: str | None
    format: Literal["table", "json"]


def list_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("kind", choices=tuple(KIND_DEPTH))
    p.add_argument("--status", help=t("cli.opt.status"))
    p.add_argument("--unit", help=t("cli.opt.unit"))
    p.add_argument("--period", help=t("cli.opt.period"))
    p.add_argument("--search", help=t("cli.opt.search"))
    p.add_argument("--plan", help=t("cli.opt.plan"))
    p.add_argument("--format", choices=("table", "json"), default="table")


def cmd_list(store: Store, args: ListOptions, today: date) -> int:
    """``dvtui list KIND``: a table for people or JSON for scripts."""
    from dvtui.reports.listing import list_rows, listed_plan
    from dvtui.storage.loader import paused_gc

    # Thousands of rows of new objects and no garbage: no cyclic GC walking them all.
    with paused_gc():
        filtered = args.status or args.unit or args.period or args.search or args.plan
        if args.format == "table" and not filtered and store.git_ready:
            from dvtui.cli.output import output_width
            from dvtui.reports.listcache import listed

            text = listed(store, args.kind, today, output_width())  # the row cache, if it holds
            if text is not None:
                sys.stdout.write(text)
                return EXIT_OK
        data = store.load()
        columns, rows = list_rows(
            data,
            store.settings,
            args.kind,
            today=today,
            status=args.status,
            unit=args.unit,
            period=args.period,
            search=args.search,
            searchable=False,  # printed once, never filtered again
            plan=listed_plan(data, store.settings, args.kind, args.plan, args.period),
        )
        if args.format == "json":
            from dvtui.reports.listing import records_json

            print(json.dumps(records_json(data, args.kind, rows), ensure_ascii=False, indent=2))
            return EXIT_OK
        print_table([t(c) for c in columns], [r.cells for r in rows], inert_cells=True)
    return EXIT_OK


# --- show ------------------------------------------------------------------------------------


class ShowOptions(Options):
    id: str
    format: Literal["text", "toml", "json"]


def show_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cli.arg.id"))
    p.add_argument("--format", choices=FORMATS, default="text")


def cmd_show(store: Store, args: ShowOptions, today: date) -> int:
    """``dvtui show ID``: a record's fields with their labels (see ``cli/showing.py``)."""
    from dvtui.cli.showing import show_record

    record = store.get(RecordId.parse(args.id))
    show_record(record, args.format, lambda: store.context(record))  # names, for their names
    return EXIT_OK


# --- set -------------------------------------------------------------------------------------


class SetOptions(Options):
    id: str
    assignments: list[str]


def set_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cli.arg.id"))
    assignments_argument(p, required=True)


def cmd_set(store: Store, args: SetOptions, today: date) -> int:
    """``dvtui set ID field=value …``: validate, write, commit."""
    from dvtui.reports.listcache import after_save, before_save

    rid = RecordId.parse(args.id)
    rows = before_save(store, rid.kind) if store.git_ready else None
    result = store.set_fields(rid, parse_assignments(args.assignments))
    after_save(store, result, rows)  # `dvtui list` stays quick after a set
    print_saved(result)
    return EXIT_OK


COMMANDS = (  # each command keeps its own options type; main.py sees them as Registered
    Setup("init", N_("cli.cmd.init"), InitOptions, init_arguments, cmd_init),
    Command("validate", N_("cli.cmd.validate"), Options, no_arguments, cmd_validate),
    Command("list", N_("cli.cmd.list"), ListOptions, list_arguments, cmd_list),
    Command("show", N_("cli.cmd.show"), ShowOptions, show_arguments, cmd_show),
    Command("set", N_("cli.cmd.set"), SetOptions, set_arguments, cmd_set),
)
