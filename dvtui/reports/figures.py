"""The consolidated report as numbers and names, computed once; the formats only render it.

``build_report`` reads a Dataset and returns a ``ConsolidatedReport`` as it stood on one day
(``as_of``): who was expected to report and who had, late, returned or not at all; the figures
summed over the accepted reports; the rates with their bases; the models and exemplary persons
by name; the units' narratives per task group; the office's own assessment (from
``summaries/<period>``). It holds values and message keys, never translated text: a renderer
translates with the language its document needs (an official document is always Vietnamese).

One source per figure: the unit reports' figures are summed from the accepted reports (a
returned report is shown apart and not summed); models and exemplary persons are counted from
the model records, where each is named; the coordination regulations from the unit records.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from dvtui.core.dataset import Dataset
from dvtui.core.facts import (
    Timeliness,
    days_late,
    expected_reports,
    expected_units,
    models_as_of,
    regulation_as_of,
    report_as_of,
    targets,
    timeliness,
)
from dvtui.core.ids import RecordId
from dvtui.core.labels import SECTOR
from dvtui.core.problems import DataError
from dvtui.core.records import (
    Figures,
    Model,
    ModelField,
    Period,
    Plan,
    Regulation,
    Report,
    Signature,
    Summary,
    Task,
    Unit,
)
from dvtui.core.settings import Settings
from dvtui.i18n import t
from dvtui.reports.common import Progress, no_progress, percent

FIGURE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Figures))
"""Every figure a unit's report can give, in the order the tables show them."""

FROM_MODEL_RECORDS: frozenset[str] = frozenset(
    {"models_registered", "models_recognised", "exemplary_persons"}
)
"""Counted from the model records (each one named), not summed from what reports say."""

REPORTED_FIGURES: tuple[str, ...] = tuple(f for f in FIGURE_FIELDS if f not in FROM_MODEL_RECORDS)
"""The figures summed from the units' reports."""


@dataclass(frozen=True)
class Rate:
    """``part`` of ``whole``, optionally against a target percentage."""

    part: int
    whole: int
    target: int | None = None

    @property
    def percent(self) -> float:
        """The share in percent (0 when there is no whole)."""
        return percent(self.part, self.whole)

    @property
    def met(self) -> bool:
        """Whether the target is reached (no target: always)."""
        return self.target is None or (self.whole > 0 and self.percent >= self.target)


@dataclass(frozen=True)
class FigureTotal:
    """One figure summed over the accepted reports; ``units`` = how many of them gave it."""

    field: str
    value: int
    units: int


@dataclass(frozen=True)
class SectorCount:
    """Models and exemplary persons of the plan's year in one field (lĩnh vực)."""

    sector: ModelField
    models: int
    persons: int


@dataclass(frozen=True)
class NarrativeEntry:
    """What one unit wrote about one task group."""

    unit: str  # the unit's name
    text: str


@dataclass(frozen=True)
class TaskSection:
    """One task group (II.1 … II.8, II.2.1 …) with the units' narratives on it."""

    task: Task
    number: str  # "2.1": the code without the section's roman numeral
    level: int  # 1 for II.x, 2 for II.x.y
    entries: tuple[NarrativeEntry, ...]
    reporting: tuple[str, ...]  # units that wrote on it or on one of its sub-tasks
    children: tuple[str, ...]  # the sub-tasks' numbers ("2.1", "2.2")


@dataclass(frozen=True)
class UnitRow:
    """One unit as of the report's day: its report's state, figures, regulation and models."""

    unit: Unit
    report: Report | None  # as it stood on the day (a later submission is not yet there)
    timeliness: Timeliness | None  # None: no report record for the period
    days_late: int
    regulation: Regulation | None  # signed ones only
    models: tuple[Model, ...]
    persons: tuple[Model, ...]

    @property
    def figures(self) -> Figures:
        """The unit's figures (empty when it did not report)."""
        if not self.received or self.report is None:
            return Figures()
        return self.report.figures

    @property
    def received(self) -> bool:
        """Whether the unit's report had arrived."""
        return self.report is not None and self.report.submitted_on is not None

    @property
    def returned(self) -> bool:
        """Sent back for more: shown apart, its figures not summed."""
        return self.report is not None and self.report.status == "returned"

    @property
    def counted(self) -> bool:
        """Whether its figures are in the sums: received and not sent back."""
        return self.received and not self.returned

    @property
    def has_regulation(self) -> bool:
        """A coordination regulation with Ủy ban MTTQ signed."""
        return self.regulation is not None


@dataclass(frozen=True)
class ConsolidatedReport:
    """The office's report for one period as of one day, ready to render."""

    plan: Plan
    period: Period
    summary: Summary | None
    as_of: date  # every figure and lateness is as of this day
    issued_on: date
    number: str | None
    symbol: str
    subject: str | None  # the summary's own trích yếu; None: the standard one
    totals: tuple[FigureTotal, ...]
    petitions: Rate  # resolved of received
    voter_recommendations: Rate
    regulation: Rate  # units with a coordination regulation, against the plan's target
    models: tuple[Model, ...]  # of the plan's year, from the model records
    tasks: tuple[TaskSection, ...]
    units: tuple[UnitRow, ...]
    signature: Signature | None
    recipients: tuple[str, ...]

    @property
    def expected(self) -> int:
        """Units expected to report."""
        return len(self.units)

    @property
    def received(self) -> int:
        """Reports received, on time or late (returned ones included)."""
        return sum(1 for r in self.units if r.received)

    @property
    def on_time(self) -> int:
        """Reports received on time."""
        return sum(1 for r in self.units if r.timeliness == "on-time")

    @property
    def late_units(self) -> tuple[UnitRow, ...]:
        """Reports received after the deadline."""
        return tuple(r for r in self.units if r.timeliness == "late")

    @property
    def late(self) -> int:
        """How many reports came late."""
        return len(self.late_units)

    @property
    def returned_units(self) -> tuple[UnitRow, ...]:
        """Reports sent back for more (not summed)."""
        return tuple(r for r in self.units if r.returned)

    @property
    def returned(self) -> int:
        """How many reports were sent back."""
        return len(self.returned_units)

    @property
    def approved(self) -> int:
        """Reports approved by the office."""
        return sum(1 for r in self.units if r.report is not None and r.report.status == "approved")

    @property
    def counted(self) -> int:
        """Reports whose figures are summed."""
        return sum(1 for r in self.units if r.counted)

    @property
    def missing_units(self) -> tuple[UnitRow, ...]:
        """Units whose report had not arrived."""
        return tuple(r for r in self.units if not r.received)

    @property
    def not_reported(self) -> tuple[str, ...]:
        """Names of the units whose report had not arrived."""
        return tuple(r.unit.name for r in self.missing_units)

    def total(self, field: str) -> int:
        """The summed value of one reported figure."""
        return next(f.value for f in self.totals if f.field == field)

    def of_kind(self, kind: str) -> tuple[Model, ...]:
        """The year's models (``model``) or exemplary persons (``exemplary-person``)."""
        return tuple(m for m in self.models if m.kind == kind)

    @property
    def sectors(self) -> tuple[SectorCount, ...]:
        """Models and persons per field, every field of the schema."""
        return tuple(
            SectorCount(
                s,
                sum(1 for m in self.of_kind("model") if m.sector == s),
                sum(1 for m in self.of_kind("exemplary-person") if m.sector == s),
            )
            for s in SECTOR  # every field of the schema, in its order
        )

    @property
    def models_total(self) -> int:
        """Models of the plan's year, every field."""
        return len(self.of_kind("model"))

    @property
    def persons_total(self) -> int:
        """Exemplary persons of the plan's year, every field."""
        return len(self.of_kind("exemplary-person"))

    @property
    def models_recognised(self) -> int:
        """Models with a recognition level recorded."""
        return sum(1 for m in self.of_kind("model") if m.recognition_level)

    def text(self, part: str) -> str:
        """One of the office's sections (``strengths`` … ``proposals``), or ""."""
        return str(getattr(self.summary, part, "") or "") if self.summary else ""


def build_report(
    data: Dataset,
    settings: Settings,
    period_slug: str,
    today: date,
    progress: Progress = no_progress,
    as_of: date | None = None,
) -> ConsolidatedReport:
    """The report of ``period_slug`` as of ``as_of`` (default: the document's date, else
    ``today``); DataError if the period or its plan does not exist."""
    period = data.period(period_slug)
    if period is None:
        raise DataError("err.not_found", id=f"periods/{period_slug}")
    plan = next((p for p in data.plans() if p.id.name == period.plan), None)
    if plan is None:
        raise DataError("err.not_found", id=f"plans/{period.plan}")
    found = data.get(RecordId("summaries", (period_slug,)))
    summary = found if isinstance(found, Summary) else None
    issued_on = (summary.issued_on if summary else None) or today
    day = as_of or issued_on
    units = expected_units(data, period)  # the one rule of who must report (core.facts)
    reports = {r.unit: report_as_of(r, day) for r in expected_reports(data, period)}
    models = tuple(models_as_of(data.models(year=plan.year), day))
    steps = len(units) + 2
    rows: list[UnitRow] = []
    for i, unit in enumerate(units):
        progress(i, steps, unit.name)
        report = reports.get(unit.id.name)
        mine = [m for m in models if m.unit == unit.id.name]
        rows.append(
            UnitRow(
                unit=unit,
                report=report,
                timeliness=timeliness(report, period, day, settings) if report else None,
                days_late=days_late(report, period, day, settings) if report else 0,
                regulation=regulation_as_of(unit, day),
                models=tuple(m for m in mine if m.kind == "model"),
                persons=tuple(m for m in mine if m.kind == "exemplary-person"),
            )
        )
    progress(len(units), steps, t("report.step.tasks"))
    counted = [r for r in rows if r.counted]
    totals = tuple(_total(field, counted) for field in REPORTED_FIGURES)

    def tot(field: str) -> int:
        return next(f.value for f in totals if f.field == field)

    regulation_target = targets(data, plan, day)[0]
    sections = _task_sections(data, plan, counted)
    progress(steps, steps, t("report.step.done"))
    return ConsolidatedReport(
        plan=plan,
        period=period,
        summary=summary,
        as_of=day,
        issued_on=issued_on,
        number=summary.number if summary else None,
        symbol=summary.symbol if summary else "BC-UBND",
        subject=summary.subject if summary and summary.subject else None,
        totals=totals,
        petitions=Rate(tot("petitions_resolved"), tot("petitions_received")),
        voter_recommendations=Rate(
            tot("voter_recommendations_resolved"), tot("voter_recommendations_received")
        ),
        regulation=Rate(
            regulation_target.achieved, regulation_target.total, regulation_target.target_percent
        ),
        models=models,
        tasks=sections,
        units=tuple(rows),
        signature=(summary.signature if summary and summary.signature else None) or plan.signature,
        recipients=(
            tuple(summary.recipients) if summary and summary.recipients else report_recipients(plan)
        ),
    )


def report_recipients(plan: Plan) -> tuple[str, ...]:
    """Where the plan sends its reports (``report_to``, plan III.2), then the plan's own
    recipients — the office's archive line (``Lưu: …``) last."""
    names = list(dict.fromkeys([*plan.report_to, *plan.recipients]))
    archive = [n for n in names if n.startswith("Lưu")]
    return tuple([n for n in names if n not in archive] + archive)


def _total(field: str, rows: list[UnitRow]) -> FigureTotal:
    values = [getattr(r.figures, field) for r in rows]
    given = [v for v in values if v is not None]
    return FigureTotal(field, sum(given), len(given))


def _task_sections(data: Dataset, plan: Plan, counted: list[UnitRow]) -> tuple[TaskSection, ...]:
    tasks = [task for task in data.of(Task) if task.plan == plan.id.name]
    out = []
    for task in tasks:
        children = [c for c in tasks if c.code.startswith(task.code + ".")]
        entries = tuple(
            NarrativeEntry(row.unit.name, text.strip())
            for row in counted
            if row.report is not None
            and (text := row.report.narrative.get(task.id.name, "")).strip()
        )
        covered = {task.id.name, *(c.id.name for c in children)}
        reporting = tuple(
            row.unit.name
            for row in counted
            if row.report is not None
            and any(row.report.narrative.get(k, "").strip() for k in covered)
        )
        out.append(
            TaskSection(
                task,
                _number(task),
                _number(task).count(".") + 1,
                entries,
                reporting,
                tuple(_number(c) for c in children),
            )
        )
    return tuple(out)


def _number(task: Task) -> str:
    return task.code.split(".", 1)[1] if "." in task.code else task.code
