"""The follow-up, report, log, review and audit commands of the command line.

Kept apart from ``cli.py`` (which registers them) so that the base commands stay small.
Everything printed goes through ``inert()``: record text never drives the terminal.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dvtui.core.changes import describe
from dvtui.core.ids import KIND_DEPTH, RecordId
from dvtui.core.problems import DataError, one_line
from dvtui.core.text import format_date, inert, parse_date
from dvtui.i18n import current_language, t, translator

EXIT_OK, EXIT_ERROR = 0, 1
CREATE_COLLAPSE = 5  # a commit creating more records than this prints as one line

Progress = Callable[[int, int, str], None]


def add_log_options(p: argparse.ArgumentParser) -> None:
    """``dvtui log`` filters."""
    p.add_argument("--author", help=t("cli.opt.author"))
    p.add_argument("--since", help=t("cli.opt.since"))
    p.add_argument("--until", help=t("cli.opt.until"))
    p.add_argument("--kind", choices=tuple(KIND_DEPTH), help=t("cli.opt.kind"))


def add_parsers(add: Callable[..., argparse.ArgumentParser]) -> None:
    """Register status, overdue, report, review and audit."""
    p = add("status")
    p.add_argument("--period", help=t("cli.opt.period"))
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help=t("cli.opt.as_of"))
    p = add("overdue")
    p.add_argument("--period", help=t("cli.opt.period"))
    p.add_argument(
        "--format", choices=("table", "csv", "xlsx", "docx", "pdf"), help=t("cli.opt.list_format")
    )
    p.add_argument("-o", "--output", help=t("cli.opt.output"))
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help=t("cli.opt.as_of"))
    p.add_argument("--by", metavar="DATE", help=t("cli.opt.by"))
    p = add("report")
    p.add_argument("period", help=t("cli.arg.period"))
    p.add_argument(
        "--format",
        choices=("md", "docx", "xlsx", "pdf"),
        default=None,
        help=t("cli.opt.report_format"),
    )
    p.add_argument("-o", "--output", help=t("cli.opt.output"))
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help=t("cli.opt.report_as_of"))
    p = add("review")
    p.add_argument("--sign", action="store_true", help=t("cli.opt.sign"))
    p.add_argument("--comment", help=t("cli.opt.comment"))
    p.add_argument("--upto", default="HEAD", help=t("cli.opt.upto"))
    p = add("summary")
    p.add_argument("period", help=t("cli.arg.period"))
    p.add_argument("assignments", nargs="*", metavar="field=value")
    p = add("audit")
    p.add_argument("--since", help=t("cli.opt.audit_since"))


# --- output helpers --------------------------------------------------------------------------


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["status=submitted", "figures.dialogues=3"]`` → ``{"status": "submitted", …}``."""
    assignments: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise DataError("err.assignment", text=item)
        assignments[name.strip()] = value
    return assignments


def print_table(headers: list[str], rows: list[list[str]], title: str = "") -> None:
    """A plain Rich table on stdout; cells are made inert and never parsed as markup."""
    from dvtui.cli.plaintable import plain_table

    # Piped into a file or another program, lines are not wrapped at 80 columns.
    width = None if sys.stdout.isatty() else 1000
    cells = [[inert(c) for c in row] for row in rows]
    columns = shutil.get_terminal_size().columns if width is None else width
    fast = plain_table(headers, cells, title=inert(title), width=columns)
    if fast is not None:  # thousands of rows: the same characters, without Rich's layout
        sys.stdout.write(fast)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        *headers,
        box=None,
        pad_edge=False,
        highlight=False,
        show_edge=False,
        title=inert(title) or None,
        title_justify="left",
    )
    for row in cells:
        table.add_row(*row)
    Console(markup=False, emoji=False, highlight=False, soft_wrap=False, width=width).print(table)


@contextmanager
def progress_bar(label: str) -> Iterator[Progress]:
    """A Rich progress bar on stderr (nothing when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(file=sys.stderr, markup=False, highlight=False)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[what]}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(inert(label), total=None, what="")

        def update(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, what=inert(what))

        yield update


def _date_arg(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise DataError("err.date_option", option=option, value=text) from None


def _pct(part: int, whole: int) -> str:
    from dvtui.reports.common import percent_text

    return percent_text(part, whole)


# --- status ------------------------------------------------------------------------------------


def cmd_status(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui status [--period P]``: reports per period, tasks, targets."""
    from dvtui.reports.status import build_status

    today = _date_arg(args.as_of, "--as-of") or today
    plans = build_status(store.load(), store.settings, today, args.period)
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
                    "col.period",
                    "col.due",
                    "cli.status.col.total",
                    "cli.status.col.received",
                    "timeliness.on-time",
                    "cli.status.col.late",
                    "status.report.missing",
                    "status.report.returned",
                    "status.report.approved",
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
                t(f"status.task.{tp.task.status}")
                + (f" · {t('ui.overdue')}" if tp.overdue else ""),
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


# --- overdue -----------------------------------------------------------------------------------


def cmd_overdue(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui overdue``: the đôn đốc list as a table, .csv or .xlsx, or the urging letter
    (.docx or .pdf, with its new deadline ``--by``), as of ``--as-of`` (default: today)."""
    from dvtui.reports import export
    from dvtui.reports.followup import overdue_list

    output = Path(args.output) if args.output else None
    allowed = ("table", *export.LIST_FORMATS, *export.LETTER_FORMATS)
    fmt = args.format or (export.format_of(output, None, allowed[1:]) if output else "table")
    as_of = _date_arg(args.as_of, "--as-of") or today
    if fmt != "table" and fmt != "csv" and output is None:
        raise DataError("err.output_required", format=fmt)
    if fmt == "pdf":
        export.require_pdf()
    data = store.load()
    items = overdue_list(data, store.settings, as_of, args.period)
    tr = translator(current_language())
    if fmt in export.LETTER_FORMATS:
        from dvtui.reports.letter import urging_letter

        by = _date_arg(args.by, "--by")
        if by is None:
            raise DataError("err.letter.by_required")
        assert output is not None
        letter = urging_letter(data, items, today, by, as_of)
        with progress_bar(t("cli.overdue.building")) as progress:
            export.write_letter(letter, output, fmt, progress)
        print(t("cli.overdue.letter", path=args.output, n=len(letter.units)))
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
    print_table(header, rows, title=t("cli.overdue.title", date=format_date(as_of), n=len(items)))
    return EXIT_OK


# --- report ------------------------------------------------------------------------------------


def cmd_report(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui report PERIOD [--format md|docx|xlsx|pdf] [-o FILE] [--as-of DATE]``."""
    from dvtui.reports import export
    from dvtui.reports.figures import build_report

    output = Path(args.output) if args.output else None
    fmt = export.format_of(output, args.format, export.REPORT_FORMATS)
    if fmt != "md" and output is None:
        raise DataError("err.output_required", format=fmt)
    if fmt == "pdf":
        export.require_pdf()
    as_of = _date_arg(args.as_of, "--as-of")
    tr = translator(current_language())
    data = store.load()
    with progress_bar(t("cli.report.building")) as progress:
        report = build_report(data, store.settings, args.period, today, progress, as_of)
        if output is None:
            from dvtui.reports.markdown import render_markdown

            sys.stdout.write(render_markdown(report, tr, progress))
            return EXIT_OK
        export.write_report(report, output, fmt, tr, progress)
    print(
        t("cli.report.done", path=args.output, received=report.received, expected=report.expected)
    )
    return EXIT_OK


# --- log ---------------------------------------------------------------------------------------


def cmd_log(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui log [ID] [--author A] [--since D] [--until D] [--kind K] [-n N]``."""
    from dvtui.core.facts import title_of
    from dvtui.services.history import change_log

    rid = RecordId.parse(args.id) if args.id is not None else None  # "" is refused
    entries = change_log(
        store,
        author=args.author,
        since=_date_arg(args.since, "--since"),
        until=_date_arg(args.until, "--until"),
        kind=args.kind,
        record=rid,
        limit=args.limit,
    )
    if rid is not None:
        if not entries and not (args.author or args.since or args.until):
            raise DataError("err.not_found", id=str(rid))
        for entry in entries:
            print(
                inert(
                    f"{entry.when:%d/%m/%Y %H:%M}  {entry.author} <{entry.email}>  {entry.sha[:8]}"
                )
            )
            print(inert(f"  {entry.subject}"))
            for change in entry.records:
                for c in change.changes:
                    print(inert(f"    - {describe(c)}"))
        return EXIT_OK
    data = store.load()

    def title(record: str) -> str:
        try:
            found = data.get(RecordId.parse(record))
        except Exception:  # a path that is not a record (dvtui.toml …): any name at all
            return str(one_line(record))  # a newline in it shows as \n, never as a second line
        return f"{record} ({title_of(found, data)})" if found is not None else record

    for entry in entries:
        head = f"{entry.when:%d/%m/%Y %H:%M}  {entry.author}  {entry.sha[:8]}"
        creates = [r for r in entry.records if r.action == "create"]
        if entry.is_merge or not entry.records or len(creates) > CREATE_COLLAPSE:
            extra = f" ({t('cli.log.n_records', n=len(entry.records))})" if entry.records else ""
            print(inert(f"{head}  {entry.subject}{extra}"))
            continue
        for change in entry.records:
            if change.action == "update":
                what = "; ".join(describe(c) for c in change.changes) or t("action.update")
            else:
                what = t(f"action.{change.action}")
            print(inert(f"{head}  {title(change.record)}: {what}"))
    return EXIT_OK


# --- review ------------------------------------------------------------------------------------


def cmd_review(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui review [--sign [--comment C] [--upto REV]]``."""
    from dvtui.services.review import review_state, sign_off

    if args.sign:
        from dvtui.core.records import Review

        result = sign_off(store, comment=args.comment, upto=args.upto, now=datetime.now())
        record = result.record
        assert isinstance(record, Review)
        print(t("cli.review.signed", n=record.commits, upto=record.upto[:8], sha=result.sha[:8]))
        return EXIT_OK
    state = review_state(store)
    if state.last is not None:
        last = state.last
        print(
            inert(
                t(
                    "cli.review.last",
                    who=last.reviewer,
                    date=format_date(last.signed_on),
                    upto=last.upto[:8],
                )
            )
        )
    else:
        print(t("cli.review.never"))
    if state.clean:
        print(t("cli.review.clean"))
        return EXIT_OK
    print(t("cli.review.pending", n=len(state.pending)))
    for entry in state.pending:
        print()
        print(
            inert(f"{entry.when:%d/%m/%Y %H:%M}  {entry.author} <{entry.email}>  {entry.sha[:8]}")
        )
        print(inert(f"  {entry.subject}"))
        for change in entry.records[: CREATE_COLLAPSE * 4]:
            if change.action == "update":
                for c in change.changes:
                    print(inert(f"    {change.record} · {describe(c)}"))
            else:
                print(inert(f"    {change.record} · {t(f'action.{change.action}')}"))
    print()
    print(t("cli.review.hint"))
    return EXIT_OK


# --- audit -------------------------------------------------------------------------------------


def cmd_audit(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui audit [--since REV]``: exit 0 when clean, 1 with the findings."""
    from dvtui.services.audit import audit

    with progress_bar(t("cli.audit.running")) as progress:
        result = audit(store, args.since, progress)
    for f in result.findings:
        print(
            inert(
                f"{f.sha[:8]}  {f.when:%d/%m/%Y %H:%M}  {f.author}  "
                f"[{t(f'audit.kind.{f.kind}')}]  {f.subject}"
            )
        )
        print(inert(f"    {one_line(f.detail)}"))  # a file name's newline stays on this line
    print(result.summary())
    return EXIT_OK if result.clean else EXIT_ERROR


def cmd_summary(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui summary PERIOD field=value …``: write the district's text, creating the record."""
    from dvtui.services.summary import save_summary

    result = save_summary(store, args.period, parse_assignments(args.assignments))
    print(t("cli.set.done", sha=result.sha[:8], n=len(result.changes)))
    return EXIT_OK


COMMANDS: dict[str, Callable[[Any, Any, date], int]] = {
    "status": cmd_status,
    "overdue": cmd_overdue,
    "report": cmd_report,
    "review": cmd_review,
    "audit": cmd_audit,
    "summary": cmd_summary,
}
