"""Derived facts — lateness, counts, rates, targets — computed from records, never stored."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from typing import Literal

from dvtui.core.changes import Lookup, record_name
from dvtui.core.dataset import Dataset
from dvtui.core.ids import BadId, RecordId
from dvtui.core.labels import RECORD_KIND, label
from dvtui.core.problems import DataError
from dvtui.core.recordclass import frozen
from dvtui.core.records import (
    Model,
    Period,
    Plan,
    Record,
    Regulation,
    Report,
    Review,
    Summary,
    Task,
    Unit,
)
from dvtui.core.settings import Settings
from dvtui.i18n import N_, t

Timeliness = Literal["on-time", "late", "pending", "overdue"]


def last_on_time_day(period: Period, settings: Settings) -> date:
    """The last day a report counts as on time ("trước ngày 15/5": 15/5 or 14/5, a setting)."""
    return period.due if settings.deadline_inclusive else period.due - timedelta(days=1)


def report_as_of(report: Report, day: date) -> Report:
    """The report as it stood on ``day``: not yet received if it came later, not yet
    reviewed if the review came later (a report "as of 16/05" ignores what 20/05 brought)."""
    if report.submitted_on is not None and report.submitted_on > day:
        return replace(report, status="missing", submitted_on=None, reviewed_on=None)
    if report.reviewed_on is not None and report.reviewed_on > day:
        return replace(report, status="submitted", reviewed_on=None)
    return report


def timeliness(report: Report, period: Period, today: date, settings: Settings) -> Timeliness:
    """on-time / late for a received report; pending / overdue for a missing one."""
    last = last_on_time_day(period, settings)
    if report.submitted_on is not None:
        return "on-time" if report.submitted_on <= last else "late"
    return "overdue" if today > last else "pending"


def days_late(report: Report, period: Period, today: date, settings: Settings) -> int:
    """Days past the last on-time day: until submission, or until today if still missing."""
    end = report.submitted_on or today
    return max(0, (end - last_on_time_day(period, settings)).days)


def days_left(period: Period, today: date, settings: Settings) -> int:
    """Days until the deadline (negative once it has passed)."""
    return (last_on_time_day(period, settings) - today).days


@frozen
class PeriodSummary:
    """Who has reported for one period, as of ``today``."""

    period: Period
    total: int
    on_time: int
    late: int
    missing: int
    overdue: int
    returned: int
    approved: int
    missing_units: tuple[str, ...]

    @property
    def submitted(self) -> int:
        """Reports received, on time or late."""
        return self.on_time + self.late

    def rate(self, part: int) -> float:
        """``part`` as a percentage of all expected reports."""
        return 100.0 * part / self.total if self.total else 0.0


# --- which plan is shown ------------------------------------------------------------------


def plan_in_view(data: Dataset, settings: Settings, wanted: str | None = None) -> Plan | None:
    """The plan the screens and commands show: ``wanted`` (``--plan``, the UI's choice; it
    must exist), else ``default_plan`` of dvtui.toml, else the newest. None: no plan yet."""
    plans = data.plans()
    if wanted:
        found = next((p for p in plans if p.id.name == wanted), None)
        if found is None:
            raise DataError("err.not_found", id=f"plans/{wanted}")
        return found
    chosen = next((p for p in plans if p.id.name == settings.default_plan), None)
    return chosen or (plans[0] if plans else None)


def plan_periods(data: Dataset, plan: Plan) -> list[Period]:
    """The periods of ``plan``, by deadline."""
    return sorted((p for p in data.of(Period) if p.plan == plan.id.name), key=_by_due)


def current_period(data: Dataset, plan: Plan, today: date) -> Period | None:
    """The period being worked on: the first whose deadline is not more than 30 days past
    (else the last one); None when the plan has no period yet."""
    periods = plan_periods(data, plan)
    upcoming = [p for p in periods if (p.due - today).days >= -30]
    chosen = upcoming or periods[-1:]
    return chosen[0] if chosen else None


def _by_due(period: Period) -> tuple[date, str]:
    return period.due, period.id.name


# --- who must report: the one rule -----------------------------------------------------------


def expected_in(unit: Unit, period: Period) -> bool:
    """Whether ``unit`` must report for ``period``: a unit assigned work (an agency, a commune,
    a ward, the township — not a partner), not retired on or before the period's deadline.

    The one rule behind every count of expected reports: the dashboard, ``status``, the
    consolidated report, the đôn đốc list and its letter, and the reports a roll-over makes.
    """
    return unit.is_assignee and (unit.retired_on is None or unit.retired_on > period.due)


def expected_units(data: Dataset, period: Period) -> list[Unit]:
    """The units that must report for ``period``, in the usual unit order."""
    return [u for u in data.assignees() if expected_in(u, period)]


def expected_reports(data: Dataset, period: Period) -> list[Report]:
    """One report per unit that must report for ``period``, in unit order: its record, or an
    empty (missing) report where none was saved yet (not stored: nothing to commit)."""
    have = {r.unit: r for r in data.reports(period=period.id.name)}
    return [
        have.get(u.id.name) or Report(id=RecordId("reports", (period.id.name, u.id.name)))
        for u in expected_units(data, period)
    ]


def report_tasks(data: Dataset, period: Period) -> list[Task]:
    """The tasks a report of ``period`` answers, in code order: its plan's, without the group
    headings (II.2 when it has II.2.1 and II.2.2)."""
    tasks = [task for task in data.of(Task) if task.plan == period.plan]
    parents = {task.parent for task in tasks if task.parent}
    return sorted((x for x in tasks if x.id.name not in parents), key=lambda x: x.sort_key)


def plan_units(data: Dataset, plan: Plan) -> list[Unit]:
    """The units a plan's yearly targets count: those expected in any of its periods (every
    assignee not retired before the plan's year while it has no period yet)."""
    periods = [p for p in data.of(Period) if p.plan == plan.id.name]
    if not periods:
        start = date(plan.year, 1, 1)
        return [u for u in data.assignees() if u.retired_on is None or u.retired_on > start]
    return [u for u in data.assignees() if any(expected_in(u, p) for p in periods)]


def summarize_period(
    data: Dataset, period: Period, today: date, settings: Settings
) -> PeriodSummary:
    """Count a period's expected reports (:func:`expected_reports`) by status and timeliness."""
    counts = {"on-time": 0, "late": 0, "pending": 0, "overdue": 0}
    returned = approved = 0
    missing_units: list[str] = []
    reports = [report_as_of(r, today) for r in expected_reports(data, period)]
    for report in reports:
        counts[timeliness(report, period, today, settings)] += 1
        returned += report.status == "returned"
        approved += report.status == "approved"
        if report.submitted_on is None:
            missing_units.append(report.unit)
    return PeriodSummary(
        period=period,
        total=len(reports),
        on_time=counts["on-time"],
        late=counts["late"],
        missing=counts["pending"] + counts["overdue"],
        overdue=counts["overdue"],
        returned=returned,
        approved=approved,
        missing_units=tuple(missing_units),
    )


def task_overdue(task: Task, today: date) -> bool:
    """A task with a due date that is past and not done."""
    return task.due is not None and task.status != "done" and today > task.due


@frozen
class TargetProgress:
    """One target of the plan against today's figure."""

    key: str  # message key of the target's label
    achieved: int
    total: int
    target_percent: int

    @property
    def percent(self) -> float:
        """How many units reach it, in percent."""
        return 100.0 * self.achieved / self.total if self.total else 0.0

    @property
    def met(self) -> bool:
        """Whether the target is reached."""
        return self.total > 0 and self.percent >= self.target_percent


def regulation_as_of(unit: Unit, day: date | None = None) -> Regulation | None:
    """The unit's coordination regulation with Ủy ban MTTQ if it was signed by ``day`` (any
    signed one when ``day`` is None): a report as of 25/05 does not count one signed 01/06."""
    regulation = unit.coordination_regulation
    if regulation is None or regulation.signed_on is None:
        return None
    return regulation if day is None or regulation.signed_on <= day else None


def models_as_of(models: list[Model], day: date | None = None) -> list[Model]:
    """The models and persons that existed on ``day``: started by then, or with no start date
    recorded (all of them when ``day`` is None)."""
    if day is None:
        return models
    return [m for m in models if m.started_on is None or m.started_on <= day]


def targets(data: Dataset, plan: Plan, day: date | None = None) -> list[TargetProgress]:
    """The plan's targets as of ``day`` (today's records when None): coordination regulations,
    models and exemplary persons per unit (of the units the plan counts, :func:`plan_units`)."""
    units = plan_units(data, plan)
    with_regulation = sum(1 for u in units if regulation_as_of(u, day) is not None)
    models = models_as_of(data.models(year=plan.year), day)
    need_models = plan.targets.models_per_unit
    need_persons = plan.targets.exemplary_persons_per_unit

    counts: Counter[tuple[str, str]] = Counter((m.unit, m.kind) for m in models)  # once

    def has(unit: Unit, kind: str, need: int) -> bool:
        return counts[(unit.id.name, kind)] >= need

    return [
        TargetProgress(
            N_("target.regulation"),
            with_regulation,
            len(units),
            plan.targets.coordination_regulation_percent,
        ),
        TargetProgress(
            N_("target.models"), sum(has(u, "model", need_models) for u in units), len(units), 100
        ),
        TargetProgress(
            N_("target.persons"),
            sum(has(u, "exemplary-person", need_persons) for u in units),
            len(units),
            100,
        ),
    ]


def title_of(record: Record, names: Lookup) -> str:
    """How a person names a record: ``Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang``."""
    if isinstance(record, Report):
        period = record_name("periods", record.period, names)
        return f"{period} · {record_name('units', record.unit, names)}"
    if isinstance(record, Task):
        return f"{record.code} {record.title}"
    if isinstance(record, Summary):
        return t("title.summary", period=record_name("periods", record.period, names))
    if isinstance(record, Review):
        return t("title.review", reviewer=record.reviewer)
    name = getattr(record, "name", None) or getattr(record, "title", None)
    return str(name) if name else str(record.id)


def address_title(address: str, names: Lookup) -> str:
    """The record at ``address`` (``reports/2023-h1/ubnd-xa-quai-cang``) as a person names it.

    A record no longer there (deleted, renamed) is named by its kind and address.
    """
    try:
        rid = RecordId.parse(address)
    except BadId:
        return address
    record = names.get(rid)
    if record is None:
        return f"{label(RECORD_KIND, rid.kind)} {'/'.join(rid.parts)}"
    return title_of(record, names)
