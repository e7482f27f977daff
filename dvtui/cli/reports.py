"""The follow-up commands: status, overdue (the đôn đốc list and letter), report, summary.

Everything printed goes through ``inert()``: record text never drives the terminal.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from dvtui.cli.command import EXIT_OK, Command, Options
from dvtui.cli.output import (
    assignments_argument,
    date_option,
    parse_assignments,
    print_saved,
    print_table,
    progress_bar,
)
from dvtui.core.labels import REPORT_STATUS, TASK_STATUS, label
from dvtui.core.problems import DataError
from dvtui.core.text import format_date, inert
from dvtui.i18n import N_, current_language, t, tn, translator

if TYPE_CHECKING:
    from dvtui.core.dataset import Dataset
    from dvtui.core.settings import Settings
    from dvtui.storage import Store


def _pct(part: int, whole: int) -> str:
    from dvtui.reports.common import percent_text

    return percent_text(part, whole)


# --- status ----------------------------------------------------------------------------------


class StatusOptions(Options):
    period: str | None
    as_of: str | None
    plan: str | None
    sync: bool


def status_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", help=t("cli.opt.period"))
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help=t("cli.opt.as_of"))
    p.add_argument("--plan", help=t("cli.opt.plan"))
    p.add_argument("--sync", action="store_true", help=t("cli.opt.sync_only"))


def cmd_status(store: Store, args: StatusOptions, today: date) -> int:
    """``dvtui status [--period P] [--sync]``: the sync state, then reports, tasks, targets."""
    from dvtui.cli.sync import print_sync_status
    from dvtui.reports.status import build_status

    print_sync_status(store)
    if args.sync:
        return EXIT_OK
    print()
    today = date_option(args.as_of, "--as-of") or today
    plans = build_status(store.load(), store.settings, today, args.period, args.plan)
    for plan_status in plans:
        plan = plan_status.plan
        print(
            inert(t("cli.status.plan", year=plan.year, title=plan.title, today=format_date(today)))
        )
        print()
        rows = []
        for ps in plan_status.periods:
            s = ps.summary
            rows.append(
                [
                    s.period.name,
                    format_date(s.period.due),
                    str(s.total),
                    f"{s.submitted} ({_pct(s.submitted, s.total)})",
                    f"{s.on_time} ({_pct(s.on_time, s.total)})",
                    f"{s.late} ({_pct(s.late, s.total)})",
                    f"{s.missing} ({_pct(s.missing, s.total)})",
                    f"{s.returned} ({_pct(s.returned, s.total)})",
                    f"{s.approved} ({_pct(s.approved, s.total)})",
                ]
            )
        print_table(
            [
                t(k)
                for k in (
                    N_("col.period"),
                    N_("col.due"),
                    N_("cli.status.col.total"),
                    N_("cli.status.col.received"),
                    N_("timeliness.on-time"),
                    N_("cli.status.col.late"),
                    REPORT_STATUS["missing"],
                    REPORT_STATUS["returned"],
                    REPORT_STATUS["approved"],
                )
            ],
            rows,
        )
        print()
        task_rows = [
            [
                tp.task.code,
                tp.task.title,
                tp.lead,
                label(TASK_STATUS, tp.task.status)
                + (" · " + t("ui.overdue") if tp.overdue else ""),
                format_date(tp.task.due),
                f"{tp.reported}/{tp.received}",
            ]
            for tp in plan_status.tasks
        ]
        print_table(
            [
                t("col.code"),
                t("col.title"),
                t("col.lead"),
                t("col.status"),
                t("col.due"),
                t("cli.status.col.task_reports"),
            ],
            task_rows,
        )
        print()
        print_table(
            [
                t("cli.status.col.target"),
                t("cli.status.col.achieved"),
                t("cli.status.col.rate"),
                t("cli.status.col.goal"),
                "",
            ],
            [
                [
                    t(tg.key),
                    f"{tg.achieved}/{tg.total}",
                    _pct(tg.achieved, tg.total),
                    f"{tg.target_percent}%",
                    t("cli.status.met") if tg.met else t("cli.status.unmet"),
                ]
                for tg in plan_status.targets
            ],
        )
        print()
    return EXIT_OK


# --- overdue ---------------------------------------------------------------------------------


class OverdueOptions(Options):
    period: str | None
    plan: str | None
    format: Literal["table", "csv", "xlsx", "docx", "pdf"] | None
    output: str | None
    as_of: str | None
    by: str | None


def overdue_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", help=t("cli.opt.period"))
    p.add_argument("--plan", help=t("cli.opt.plan"))
    p.add_argument(
        "--format", choices=("table", "csv", "xlsx", "docx", "pdf"), help=t("cli.opt.list_format")
    )
    p.add_argument("-o", "--output", help=t("cli.opt.output"))
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help=t("cli.opt.as_of"))
    p.add_argument("--by", metavar="DATE", help=t("cli.opt.by"))


def cmd_overdue(store: Store, args: OverdueOptions, today: date) -> int:
    """``dvtui overdue``: the đôn đốc list as a table, .csv or .xlsx, or the urging letter
    (.docx or .pdf, with its new deadline ``--by``), as of ``--as-of`` (default: today)."""
    from dvtui.core.facts import plan_in_view
    from dvtui.reports import export
    from dvtui.reports.followup import overdue_list

    output = Path(args.output) if args.output else None
    allowed = ("table", *export.LIST_FORMATS, *export.LETTER_FORMATS)
    fmt = args.format or (export.format_of(output, None, allowed[1:]) if output else "table")
    as_of = date_option(args.as_of, "--as-of") or today
    if fmt != "table" and fmt != "csv" and output is None:
        raise DataError("err.output_required", format=fmt)
    if fmt == "pdf":
        export.require_pdf()
    data = store.load()
    plan = None if args.period else plan_in_view(data, store.settings, args.plan)
    items = overdue_list(data, store.settings, as_of, args.period, plan)
    tr = translator(current_language())
    if fmt in export.LETTER_FORMATS:
        from dvtui.reports.letter import urging_letter

        by = date_option(args.by, "--by")
        if by is None:
            raise DataError("err.letter.by_required")
        assert output is not None
        letter = urging_letter(data, store.settings, items, today, by, as_of)
        with progress_bar(t("cli.overdue.building")) as progress:
            export.write_letter(letter, output, fmt, progress)
        print(tn("cli.overdue.letter", len(letter.units), path=args.output))
        return EXIT_OK
    if fmt == "csv" and output is None:
        sys.stdout.write(export.overdue_csv(items, tr, "\n").decode("utf-8-sig"))
        return EXIT_OK
    if output is not None and fmt in export.LIST_FORMATS:
        export.write_overdue(items, output, fmt, tr, as_of)
        print(t("cli.written", path=args.output))
        return EXIT_OK
    if not items:
        print(t("cli.overdue.none", date=format_date(as_of)))
        return EXIT_OK
    header, rows = export.overdue_table(items, tr)
    print_table(header, rows, title=tn("cli.overdue.title", len(items), date=format_date(as_of)))
    return EXIT_OK


# --- report ----------------------------------------------------------------------------------


class ReportOptions(Options):
    period: str | None
    plan: str | None
    format: Literal["md", "docx", "xlsx", "pdf"] | None
    output: str | None
    as_of: str | None


def report_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("period", nargs="?", help=t("cli.arg.report_period"))
    p.add_argument("--plan", help=t("cli.opt.plan"))
    p.add_argument(
        "--format",
        choices=("md", "docx", "xlsx", "pdf"),
        default=None,
        help=t("cli.opt.report_format"),
    )
    p.add_argument("-o", "--output", help=t("cli.opt.output"))
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help=t("cli.opt.report_as_of"))


def cmd_report(store: Store, args: ReportOptions, today: date) -> int:
    """``dvtui report [PERIOD] [--plan P] [--format md|docx|xlsx|pdf] [-o FILE] [--as-of DATE]``
    (no period: the current one of the plan in view)."""
    from dvtui.reports import export
    from dvtui.reports.figures import build_report

    output = Path(args.output) if args.output else None
    fmt = export.format_of(output, args.format, export.REPORT_FORMATS)
    if fmt != "md" and output is None:
        raise DataError("err.output_required", format=fmt)
    if fmt == "pdf":
        export.require_pdf()
    as_of = date_option(args.as_of, "--as-of")
    tr = translator(current_language())
    data = store.load()
    period = args.period or _current_period(data, store.settings, args.plan, as_of or today)
    with progress_bar(t("cli.report.building")) as progress:
        report = build_report(data, store.settings, period, today, progress, as_of)
        if output is None:
            from dvtui.reports.markdown import render_markdown

            sys.stdout.write(render_markdown(report, tr, progress))
            return EXIT_OK
        export.write_report(report, output, fmt, tr, progress)
    print(
        t("cli.report.done", path=args.output, received=report.received, expected=report.expected)
    )
    return EXIT_OK


def _current_period(data: Dataset, settings: Settings, plan_slug: str | None, today: date) -> str:
    """The period a report is made for when none is named: the plan's current one."""
    from dvtui.core.facts import current_period, plan_in_view

    plan = plan_in_view(data, settings, plan_slug)
    found = current_period(data, plan, today) if plan is not None else None
    if found is None:
        raise DataError("err.no_period", plan=plan.id.name if plan else "—")
    return found.id.name


# --- summary ---------------------------------------------------------------------------------


class SummaryOptions(Options):
    period: str
    assignments: list[str]


def summary_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("period", help=t("cli.arg.period"))
    assignments_argument(p, required=False)


def cmd_summary(store: Store, args: SummaryOptions, today: date) -> int:
    """``dvtui summary PERIOD field=value …``: write the office's text, creating the record."""
    from dvtui.services.summary import save_summary

    result = save_summary(store, args.period, parse_assignments(args.assignments))
    print_saved(result)
    return EXIT_OK


COMMANDS = (  # each command keeps its own options type; main.py sees them as Registered
    Command("status", N_("cli.cmd.status"), StatusOptions, status_arguments, cmd_status),
    Command("overdue", N_("cli.cmd.overdue"), OverdueOptions, overdue_arguments, cmd_overdue),
    Command("report", N_("cli.cmd.report"), ReportOptions, report_arguments, cmd_report),
    Command("summary", N_("cli.cmd.summary"), SummaryOptions, summary_arguments, cmd_summary),
)
