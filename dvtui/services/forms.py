"""Excel forms instead of re-typing: one form per unit still to report, read back as its report.

``write_forms`` makes the forms of a period (:mod:`dvtui.services.form_xlsx` lays them out);
``read_import`` reads one filled form into the report it means and what that changes;
``save_import`` commits it — the report and, attached to it, the form file itself (one
commit per file). Every refusal names the file, the sheet, the cell and the reason, and
commits nothing for that file.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dvtui.core.changes import Change, diff, field_label
from dvtui.core.facts import expected_reports, report_tasks
from dvtui.core.ids import RecordId
from dvtui.core.issuer import coordinator
from dvtui.core.problems import DataError, message
from dvtui.core.records import Figures, Period, Plan, Report, Unit
from dvtui.core.schema import from_table, to_table
from dvtui.i18n import language, t
from dvtui.services.attach import Incoming, read_incoming, with_attached
from dvtui.storage.store import SaveResult, Store

__all__ = ["Imported", "read_import", "save_import", "units_to_report", "write_forms"]

TO_REPORT = ("missing", "returned")  # a report still owed (a returned one is sent again)
_DIGITS = re.compile(r"[0-9]+")  # ASCII only: int() refuses "²", which str.isdigit() accepts
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")  # 1.234: a thousands dot, as Vietnamese write
_INT_DIGITS = 19  # more digits always leave 64 bits (and int() refuses thousands of them)


def repo_identity(store: Store) -> str:
    """What a form says of the data repo it belongs to: its first commit."""
    found = store.git.root_commit()
    if found is None:
        raise DataError("err.git.empty")
    return found


def _period(store: Store, slug: str) -> Period:
    period = store.data.period(slug)
    if period is None:
        raise DataError("err.not_found", id=f"periods/{slug}")
    return period


def units_to_report(store: Store, period: Period) -> list[tuple[Unit, Report]]:
    """The units that still owe ``period``'s report (missing or returned), in unit order."""
    data = store.data
    out = []
    for report in expected_reports(data, period):
        unit = data.unit(report.unit)
        if unit is not None and report.status in TO_REPORT:
            out.append((unit, report))
    return out


def write_forms(store: Store, period_slug: str, folder: Path) -> list[Path]:
    """One form per unit still to report for the period, into ``folder``; the paths written.

    A form already in the folder is replaced: it is dvtui's own output, made again.
    """
    from dvtui.services.form_xlsx import FormSpec, FormTask, write_form

    period = _period(store, period_slug)
    data = store.data
    plan = data.get(RecordId("plans", (period.plan,)))
    assert isinstance(plan, Plan)  # a period's plan exists: references are checked on load
    tasks = report_tasks(data, period)
    repo = repo_identity(store)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with language("vi"):  # the form goes to a unit: an official document
        labels = [
            (f.name, field_label(f"figures.{f.name}", data)) for f in dataclasses.fields(Figures)
        ]
        for unit, report in units_to_report(store, period):
            spec = FormSpec(
                repo=repo,
                plan=period.plan,
                period=period.id.name,
                unit=unit.id.name,
                unit_name=unit.name,
                period_name=period.name,
                due=period.due,
                title=plan.title,
                figures=tuple(
                    (name, label, getattr(report.figures, name)) for name, label in labels
                ),
                tasks=tuple(
                    FormTask(x.id.name, x.code, x.title, report.narrative.get(x.id.name, ""))
                    for x in tasks
                ),
                send_to=coordinator(store.settings, plan.issuer),
                document_number=report.document_number or "",
            )
            path = folder / f"{period.id.name}-{unit.id.name}.xlsx"
            write_form(spec, path)
            written.append(path)
    return written


@dataclass(frozen=True)
class Imported:
    """A filled form read and checked: the report it makes and how that differs from now."""

    path: Path
    form: Incoming  # the file's bytes, attached to the report when it is saved
    report: Report
    create: bool  # no report record yet (the unit never reported before)
    changes: list[Change]  # every field the import changes
    overwritten: list[Change]  # the changes that replace a value already saved
    base: Report | None = None  # the report as it was read: the import is merged against it

    @property
    def unit(self) -> str:
        return self.report.unit


def read_import(store: Store, path: Path, received: date, period: str | None = None) -> Imported:
    """Read one filled form into the report it means; DataError naming file, sheet, cell, reason.

    The form must come from this data repo (and ``period`` when given); every cell is checked
    (whole numbers ≥ 0, the report's rules, such as no more resolved than received).
    """
    from dvtui.services.form_xlsx import read_form

    # Read once, within the attachment limit: the bytes checked are the bytes attached.
    incoming = read_incoming([path], store.settings.attachment_limit_mb)[0]
    form = read_form(path, incoming.data)
    if form.repo != repo_identity(store):
        raise DataError("err.form.other_repo", file=str(path))
    if period is not None and form.period != period:
        raise DataError("err.form.other_period", file=str(path), found=form.period, wanted=period)
    if _period(store, form.period).plan != form.plan:
        raise DataError(
            "err.form.other_period", file=str(path), found=form.plan, wanted=form.period
        )
    rid = RecordId("reports", (form.period, form.unit))
    if store.data.unit(form.unit) is None:
        raise DataError("err.not_found", id=f"units/{form.unit}")
    old = store.data.get(rid)
    current = old if isinstance(old, Report) else Report(id=rid)
    table = to_table(current)
    table.pop("figures", None)
    table.pop("narrative", None)
    table.pop("document_number", None)
    where: dict[str, tuple[str, str]] = {}
    figures: dict[str, int] = {}
    narrative: dict[str, str] = {}
    for name, sheet, cell, value in form.cells:
        where[name] = (sheet, cell)
        if name.startswith("figures."):
            number = _whole(value, path, sheet, cell)
            if number is not None:
                figures[name.removeprefix("figures.")] = number
        elif name.startswith("narrative."):
            text = _text(value)
            if text:
                narrative[name.removeprefix("narrative.")] = text
        elif name == "document_number":
            text = _text(value)
            if text:
                table["document_number"] = text
    if figures:
        table["figures"] = figures
    if narrative:
        table["narrative"] = narrative
    table["status"] = "submitted"
    table["submitted_on"] = received
    new, issues = from_table(Report, table, id=rid)
    if issues:
        issue = issues[0]
        sheet, cell = where.get(issue.field, ("", ""))
        reason = message(issue.code, issue.args)
        raise DataError("err.form.cell", file=str(path), sheet=sheet, cell=cell, reason=reason)
    assert isinstance(new, Report)  # from_table(Report, …) gives a Report or issues
    changes = diff(to_table(current), to_table(new))
    overwritten = [c for c in changes if _replaces(c, current)]
    base = old if isinstance(old, Report) else None
    return Imported(path, incoming, new, old is None, changes, overwritten, base)


def _replaces(change: Change, current: Report) -> bool:
    """A change that replaces something saved (not a report's first figures or its status
    moving on from missing or returned)."""
    if change.old in (None, "", [], {}):
        return False
    if change.field == "status":
        return current.status not in TO_REPORT
    return not (change.field == "submitted_on" and current.status in TO_REPORT)


def _whole(value: Any, path: Path, sheet: str, cell: str) -> int | None:
    """A cell's whole number ≥ 0 (None when empty); DataError naming the cell otherwise."""
    if value is None:
        return None
    number: int | None = None
    reason = ""
    if isinstance(value, (bool, datetime, date)):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = "".join(value.split())
        if not text:
            return None
        if _THOUSANDS.fullmatch(text):
            text = text.replace(".", "")
        if _DIGITS.fullmatch(text):
            if len(text.lstrip("0")) > _INT_DIGITS:
                reason = t("err.int_range")
            else:
                number = int(text)
    if number is None or number < 0:
        reason = reason or t("err.form.not_whole", value=str(value)[:40])
        raise DataError("err.form.cell", file=str(path), sheet=sheet, cell=cell, reason=reason)
    return number


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def save_import(store: Store, imported: Imported, today: date) -> SaveResult:
    """Commit the imported report with the form file itself attached to it (the bytes that
    were read): one commit.

    Merged against the report as it was read (what the user was shown), not as the store
    last read it: a change saved meanwhile is kept, a field both changed is a
    :class:`~dvtui.storage.store.SaveConflict` and nothing is written.
    """
    form = [imported.form]
    report, with_files = with_attached(store, imported.report, form, today, again_ok=True)
    return store.save(report, create=imported.create, base=imported.base, with_files=with_files)
