"""Rows of the record lists, shared by ``dvtui list`` and the UI's tables.

A row is plain text cells in the current language plus the folded text a filter searches.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dvtui.core.changes import value_text
from dvtui.core.dataset import Dataset
from dvtui.core.facts import (
    days_late,
    expected_reports,
    last_on_time_day,
    plan_units,
    timeliness,
)
from dvtui.core.labels import (
    MODEL_KIND,
    PERIOD_KIND,
    REPORT_STATUS,
    TASK_STATUS,
    UNIT_KIND,
    label,
    timeliness_text,
)
from dvtui.core.problems import DataError
from dvtui.core.records import (
    REPORT_STATUSES,
    TASK_STATUSES,
    Model,
    Period,
    Plan,
    Record,
    Report,
    Review,
    Summary,
    Task,
    Unit,
)
from dvtui.core.schema import to_table
from dvtui.core.settings import Settings
from dvtui.core.text import fold, format_date, inert
from dvtui.i18n import N_, t
from dvtui.reports.cells import COLUMNS, Cell, PastDue, cell_text


@dataclass(frozen=True)
class Row:
    """One line of a list: the record, its cells, and the folded text filters match."""

    record: Record
    cells: list[str]
    haystack: str

    def matches(self, query: str) -> bool:
        """Every word of the (folded) query occurs in the row."""
        return all(word in self.haystack for word in fold(query).split())


# The statuses `--status` can filter on, per kind.
STATUSES: dict[str, tuple[str, ...]] = {"reports": REPORT_STATUSES, "tasks": TASK_STATUSES}


def report_timeliness_text(report: Report, period: Period, today: date, settings: Settings) -> str:
    """``Đúng hạn`` / ``Muộn 3 ngày`` / ``Quá hạn 5 ngày`` / ``Còn hạn``."""
    state = timeliness(report, period, today, settings)
    return timeliness_text(state, days_late(report, period, today, settings))


def _report_timeliness(report: Report, period: Period, settings: Settings) -> Cell:
    if report.submitted_on is not None:  # received: fixed, whatever the day
        return report_timeliness_text(report, period, report.submitted_on, settings)
    last = last_on_time_day(period, settings)
    pending = t("timeliness.pending", days=0)
    return PastDue(last, pending, "", N_("timeliness.overdue"))


def _task_status(task: Task) -> Cell:
    status = t(TASK_STATUS[task.status])
    if task.due is None or task.status == "done":
        return status
    return PastDue(task.due, status, status + " · ", N_("ui.overdue"))


def record_cells(record: Record, data: Dataset, settings: Settings) -> list[Cell]:
    """The cells of a record's row in the current language, the day-dependent ones as
    :class:`PastDue` (see :func:`cell_text`)."""

    def unit_name(slug: str | None) -> str:
        unit = data.unit(slug) if slug else None
        return unit.name if unit else (slug or "")

    if isinstance(record, Plan):
        return [str(record.id), str(record.year), record.title]
    if isinstance(record, Unit):
        return [
            record.id.name,
            record.name,
            t(UNIT_KIND[record.kind]),
            record.gso_code or "",
        ]
    if isinstance(record, Task):
        return [
            record.code,
            record.title,
            unit_name(record.lead_unit),
            _task_status(record),
            format_date(record.due),
        ]
    if isinstance(record, Period):
        return [record.id.name, record.name, format_date(record.due)]
    if isinstance(record, Report):
        period = data.period(record.period)
        assert period is not None  # references are checked at load
        return [
            period.name,
            unit_name(record.unit),
            t(REPORT_STATUS[record.status]),
            format_date(record.submitted_on),
            _report_timeliness(record, period, settings),
        ]
    if isinstance(record, Model):
        return [
            str(record.year),
            t(MODEL_KIND[record.kind]),
            record.name,
            unit_name(record.unit),
            value_text("sector", record.sector, data),
        ]
    if isinstance(record, Summary):
        period = data.period(record.period)
        number = f"{record.number or ''}/{record.symbol}"
        return [period.name if period else record.period, number, format_date(record.issued_on)]
    if isinstance(record, Review):
        commits = "" if record.commits is None else str(record.commits)
        return [
            record.id.name,
            record.reviewer,
            format_date(record.signed_on),
            record.upto[:8],
            commits,
        ]
    raise TypeError(record)


def make_row(
    record: Record, data: Dataset, settings: Settings, today: date, *, searchable: bool = True
) -> Row:
    """The row of one record (cells made inert: no control characters reach a terminal).

    ``searchable=False``: no folded search text (a list printed once is never filtered).
    """
    cells = [cell_text(c, today) for c in record_cells(record, data, settings)]
    haystack = fold(" ".join([str(record.id), *cells])) if searchable else ""
    return Row(record, cells, haystack)


def list_rows(
    data: Dataset,
    settings: Settings,
    kind: str,
    *,
    today: date,
    status: str | None = None,
    unit: str | None = None,
    period: str | None = None,
    search: str | None = None,
    searchable: bool = True,
    plan: Plan | None = None,
) -> tuple[list[str], list[Row]]:
    """Column keys and the filtered rows of one kind (``searchable``: see ``make_row``).

    ``plan``: only the records of that plan (its tasks, periods, their reports and summaries,
    the models of its year); plans, units and reviews are never filtered by plan.
    """
    from dvtui.core.records import KINDS

    if status is not None:
        allowed = STATUSES.get(kind, ())
        if status not in allowed:
            raise DataError("err.enum", value=status, allowed=", ".join(allowed) or "—")
    rows = []
    for record in data.of(KINDS[kind]):
        if status and getattr(record, "status", None) != status:
            continue
        if unit and unit not in _units_of(record):
            continue
        if period and not (isinstance(record, Report) and record.period == period):
            continue
        if plan is not None and not in_plan(record, plan.id.name, plan.year, data):
            continue
        row = make_row(record, data, settings, today, searchable=searchable or bool(search))
        if search and not row.matches(search):
            continue
        rows.append(row)
    return COLUMNS[kind], rows


def listed_plan(
    data: Dataset,
    settings: Settings,
    kind: str,
    wanted: str | None = None,
    period: str | None = None,
) -> Plan | None:
    """The plan ``dvtui list KIND`` shows: ``wanted`` (``--plan``), else that of ``period``,
    else the one in view (the newest); none for the kinds that belong to no plan."""
    from dvtui.core.facts import plan_in_view

    if kind in ("plans", "units", "reviews"):
        return None
    found = data.period(period) if period else None
    return plan_in_view(data, settings, wanted or (found.plan if found else None))


def in_plan(record: Record, plan: str, year: int, data: Dataset) -> bool:
    """Whether ``record`` belongs to the plan ``plan`` of ``year`` (records of no plan always
    do); ``data`` holds at least the period a report or summary names."""
    if isinstance(record, (Task, Period)):
        return record.plan == plan
    if isinstance(record, (Report, Summary)):
        period = data.period(record.period)
        return period is not None and period.plan == plan
    if isinstance(record, Model):
        return record.year == year
    return True


def _units_of(record: Record) -> set[str]:
    if isinstance(record, Report):
        return {record.unit}
    if isinstance(record, Model):
        return {record.unit}
    if isinstance(record, Task):
        return {*record.assigned_units, *([record.lead_unit] if record.lead_unit else [])}
    if isinstance(record, Unit):
        return {record.id.name}
    return set()


# What json.dumps writes: tables, lists, texts, numbers, yes/no, nothing.
Json = dict[str, "Json"] | list["Json"] | str | int | float | bool | None


def records_json(data: Dataset, kind: str, rows: list[Row]) -> list[Json]:
    """Records as JSON-ready tables (ISO dates) with their ``id``."""
    return [_jsonable({"id": str(r.record.id), **to_table(r.record)}) for r in rows]


def _jsonable(value: object) -> Json:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float):  # bool is an int
        return value
    return str(value)  # no record holds another TOML value (a time of day): its text


def report_state_text(report: Report, period: Period, today: date, settings: Settings) -> str:
    """A report's state at a glance: reviewed status, or received/missing with timeliness."""
    if report.status in ("returned", "approved"):
        return t(REPORT_STATUS[report.status])
    state = timeliness(report, period, today, settings)
    if state == "pending":
        return t("status.report.missing")
    return timeliness_text(state, days_late(report, period, today, settings))


def unit_compliance_rows(
    data: Dataset, settings: Settings, today: date, plan: Plan
) -> tuple[list[str], list[Row]]:
    """One row per unit: for those the plan counts (``facts.plan_units``) each period's report,
    models, persons and regulation; then the others (partners, retired units), so that every
    unit can be opened and edited."""
    periods = [p for p in data.of(Period) if p.plan == plan.id.name]
    columns = [t("col.unit")]  # rows come grouped: agencies, the township, the communes
    columns += [label(PERIOD_KIND, p.kind) for p in periods]
    columns += [t("col.models"), t("col.persons"), t("col.regulation")]
    expected = {p.id.name: {r.unit: r for r in expected_reports(data, p)} for p in periods}
    models = data.models(year=plan.year)
    counted = plan_units(data, plan)
    rows = []
    for unit in counted:
        slug = unit.id.name
        cells = [unit.name]
        for period in periods:
            report = expected[period.id.name].get(slug)
            cells.append(report_state_text(report, period, today, settings) if report else "—")
        mine = [m for m in models if m.unit == slug]
        cells.append(str(sum(m.kind == "model" for m in mine)))
        cells.append(str(sum(m.kind == "exemplary-person" for m in mine)))
        regulation = unit.coordination_regulation
        cells.append(
            format_date(regulation.signed_on)
            if regulation and regulation.signed_on
            else t("ui.regulation_none")
        )
        cells = [inert(c) for c in cells]
        rows.append(Row(unit, cells, fold(" ".join([slug, *cells]))))
    names = {u.id for u in counted}
    for unit in data.of(Unit):
        if unit.id not in names:
            cells = [inert(c) for c in [unit.name, *["—"] * len(periods), "", "", _aside(unit)]]
            rows.append(Row(unit, cells, fold(" ".join([unit.id.name, *cells]))))
    return columns, rows


def _aside(unit: Unit) -> str:
    """Why a unit has no row of figures: retired (since when), or a partner of its kind."""
    if unit.retired_on is not None:
        return t("ui.unit_retired", date=format_date(unit.retired_on))
    return t(UNIT_KIND[unit.kind])


def period_report_rows(
    data: Dataset, settings: Settings, today: date, period: Period
) -> tuple[list[str], list[Row]]:
    """The reports of one period, one row per unit, in unit order: every unit that must report
    (an empty report where none is saved yet) and any other unit with a saved report."""
    columns = [t("col.unit"), t("col.status"), t("col.submitted_on"), t("col.timeliness")]
    columns.append(t("col.document"))
    rows = []
    by_unit = {r.unit: r for r in data.reports(period=period.id.name)}
    by_unit |= {r.unit: r for r in expected_reports(data, period)}
    for unit in data.of(Unit):
        report = by_unit.get(unit.id.name)
        if report is None:
            continue
        cells = [
            unit.name,
            t(REPORT_STATUS[report.status]),
            format_date(report.submitted_on),
            report_timeliness_text(report, period, today, settings),
            report.document_number or "",
        ]
        cells = [inert(c) for c in cells]
        rows.append(Row(report, cells, fold(" ".join([unit.id.name, *cells]))))
    return columns, rows


def overdue_rows(
    data: Dataset, settings: Settings, today: date, plan: Plan | None = None
) -> tuple[list[str], list[Row]]:
    """The đôn đốc list of ``plan`` (of every plan when None): one row per late, overdue or
    returned report, most urgent first."""
    from dvtui.i18n import current_language, translator
    from dvtui.reports.followup import contact_text, overdue_list, owes_text, state_text

    tr = translator(current_language())

    columns = [t("col.period"), t("col.unit"), t("col.state"), t("col.owes"), t("col.contact")]
    rows = []
    for item in overdue_list(data, settings, today, plan=plan):
        cells = [
            label(PERIOD_KIND, item.period.kind),
            item.unit.name,
            state_text(item, tr),
            owes_text(item, tr),
            contact_text(item.contact),
        ]
        cells = [inert(c) for c in cells]
        rows.append(Row(item.report, cells, fold(" ".join([item.unit.id.name, *cells]))))
    return columns, rows
