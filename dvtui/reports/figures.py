"""The consolidated report as numbers and texts, computed once; the formats only render it.

``build_report`` reads a Dataset and returns a ``ConsolidatedReport``: the opening that
cites the plan, how many units reported and when, the figures summed across units, the
rates against the plan's targets, the units' narratives per task group, the district's
own assessment (from ``summaries/<period>``) and a row per unit for the appendix.
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
    targets,
    timeliness,
)
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import (
    MODEL_FIELDS,
    Figures,
    Period,
    Plan,
    Report,
    Signature,
    Summary,
    Task,
    Unit,
)
from dvtui.core.settings import Settings
from dvtui.i18n import t
from dvtui.reports.common import (
    Progress,
    lower_first,
    no_progress,
    percent,
    period_phrase,
    plan_citation,
)

FIGURE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Figures))
"""Every figure a unit's report can give, in the order the tables show them."""

KEY_FIGURES: tuple[str, ...] = (
    "conferences",
    "conference_attendees",
    "citizen_receptions",
    "dialogues",
    "petitions_received",
    "petitions_resolved",
    "models_registered",
    "exemplary_persons",
)
"""The figures that fit a portrait page: the appendix table of the .md and .docx report."""

DEFAULT_RECIPIENTS: tuple[str, ...] = (
    "Sở Nội vụ tỉnh Điện Biên",
    "TT Huyện ủy",
    "TT HĐND huyện",
    "LĐ UBND huyện",
    "Ban Dân vận Huyện ủy",
    "Lưu: VT, NV",
)


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
    """One figure summed over the received reports; ``units`` = how many reports gave it."""

    field: str
    value: int
    units: int

    @property
    def label(self) -> str:
        """The figure's label in the current language."""
        return t(f"field.figures.{self.field}")


@dataclass(frozen=True)
class SectorCount:
    """Models and exemplary persons of the plan's year in one field (lĩnh vực)."""

    sector: str
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


@dataclass(frozen=True)
class UnitRow:
    """One unit in the appendix: its report's state and figures."""

    unit: Unit
    report: Report | None
    timeliness: Timeliness | None  # None: no report record for the period
    days_late: int
    has_regulation: bool
    models: int
    persons: int

    @property
    def figures(self) -> Figures:
        """The unit's figures (empty when it did not report)."""
        if self.report is None or self.report.status == "missing":
            return Figures()
        return self.report.figures

    @property
    def received(self) -> bool:
        """Whether the unit's report has arrived."""
        return self.report is not None and self.report.submitted_on is not None


@dataclass(frozen=True)
class ConsolidatedReport:
    """The district's report for one period, ready to render."""

    plan: Plan
    period: Period
    summary: Summary | None
    issued_on: date
    number: str | None
    symbol: str
    subject: str
    opening: str
    expected: int
    on_time: int
    late: int
    returned: int
    approved: int
    not_reported: tuple[str, ...]  # names of the units that have not reported
    totals: tuple[FigureTotal, ...]
    petitions: Rate  # resolved of received
    petitions_in_competence: Rate  # resolved of those within competence
    voter_recommendations: Rate
    regulation: Rate  # units with a coordination regulation, against the plan's target
    sectors: tuple[SectorCount, ...]
    tasks: tuple[TaskSection, ...]
    units: tuple[UnitRow, ...]
    signature: Signature | None
    recipients: tuple[str, ...]

    @property
    def received(self) -> int:
        """Reports received, on time or late."""
        return self.on_time + self.late

    def total(self, field: str) -> int:
        """The summed value of one figure."""
        return next(f.value for f in self.totals if f.field == field)

    @property
    def models_total(self) -> int:
        """Models of the plan's year, every field."""
        return sum(s.models for s in self.sectors)

    @property
    def persons_total(self) -> int:
        """Exemplary persons of the plan's year, every field."""
        return sum(s.persons for s in self.sectors)

    def text(self, part: str) -> str:
        """One of the district's sections (``strengths`` … ``proposals``), or ""."""
        return str(getattr(self.summary, part, "") or "") if self.summary else ""


def build_report(
    data: Dataset,
    settings: Settings,
    period_slug: str,
    today: date,
    progress: Progress = no_progress,
) -> ConsolidatedReport:
    """Compute the consolidated report of ``period_slug``; DataError if it does not exist."""
    period = data.period(period_slug)
    if period is None:
        raise DataError("err.not_found", id=f"periods/{period_slug}")
    plan = next((p for p in data.plans() if p.id.name == period.plan), None)
    if plan is None:
        raise DataError("err.not_found", id=f"plans/{period.plan}")
    found = data.get(RecordId("summaries", (period_slug,)))
    summary = found if isinstance(found, Summary) else None
    units = expected_units(data, period)  # the one rule of who must report (core.facts)
    reports = {r.unit: r for r in expected_reports(data, period)}
    models = data.models(year=plan.year)
    steps = len(units) + 2
    rows: list[UnitRow] = []
    for i, unit in enumerate(units):
        progress(i, steps, unit.name)
        report = reports.get(unit.id.name)
        regulation = unit.coordination_regulation
        rows.append(
            UnitRow(
                unit=unit,
                report=report,
                timeliness=timeliness(report, period, today, settings) if report else None,
                days_late=days_late(report, period, today, settings) if report else 0,
                has_regulation=regulation is not None and regulation.signed_on is not None,
                models=sum(1 for m in models if m.unit == unit.id.name and m.kind == "model"),
                persons=sum(
                    1 for m in models if m.unit == unit.id.name and m.kind == "exemplary-person"
                ),
            )
        )
    progress(len(units), steps, t("report.step.tasks"))
    received = [r for r in rows if r.received]
    totals = tuple(_total(field, received) for field in FIGURE_FIELDS)

    def tot(field: str) -> int:
        return next(f.value for f in totals if f.field == field)

    regulation_target = targets(data, plan)[0]
    sections = _task_sections(data, plan, received)
    progress(steps, steps, t("report.step.done"))
    subject = (summary.subject if summary and summary.subject else None) or t(
        "doc.report.subject", span=period_phrase(period, plan), place=plan.place
    )
    return ConsolidatedReport(
        plan=plan,
        period=period,
        summary=summary,
        issued_on=(summary.issued_on if summary and summary.issued_on else None) or today,
        number=summary.number if summary else None,
        symbol=summary.symbol if summary else "BC-UBND",
        subject=subject,
        opening=t(
            "doc.report.opening",
            citation=plan_citation(plan),
            title=lower_first(plan.title),
            place=plan.place,
            span=period_phrase(period, plan),
        ),
        expected=len(rows),
        on_time=sum(1 for r in rows if r.timeliness == "on-time"),
        late=sum(1 for r in rows if r.timeliness == "late"),
        returned=sum(1 for r in rows if r.report is not None and r.report.status == "returned"),
        approved=sum(1 for r in rows if r.report is not None and r.report.status == "approved"),
        not_reported=tuple(r.unit.name for r in rows if not r.received),
        totals=totals,
        petitions=Rate(tot("petitions_resolved"), tot("petitions_received")),
        petitions_in_competence=Rate(tot("petitions_resolved"), tot("petitions_in_competence")),
        voter_recommendations=Rate(
            tot("voter_recommendations_resolved"), tot("voter_recommendations_received")
        ),
        regulation=Rate(
            regulation_target.achieved, regulation_target.total, regulation_target.target_percent
        ),
        sectors=tuple(
            SectorCount(
                sector,
                sum(1 for m in models if m.sector == sector and m.kind == "model"),
                sum(1 for m in models if m.sector == sector and m.kind == "exemplary-person"),
            )
            for sector in MODEL_FIELDS
        ),
        tasks=sections,
        units=tuple(rows),
        signature=(summary.signature if summary and summary.signature else None) or plan.signature,
        recipients=tuple(
            summary.recipients if summary and summary.recipients else DEFAULT_RECIPIENTS
        ),
    )


def _total(field: str, rows: list[UnitRow]) -> FigureTotal:
    values = [getattr(r.figures, field) for r in rows]
    given = [v for v in values if v is not None]
    return FigureTotal(field, sum(given), len(given))


def _task_sections(data: Dataset, plan: Plan, received: list[UnitRow]) -> tuple[TaskSection, ...]:
    out = []
    for task in data.of(Task):
        if task.plan != plan.id.name:
            continue
        entries = tuple(
            NarrativeEntry(row.unit.name, text.strip())
            for row in received
            if row.report is not None
            and (text := row.report.narrative.get(task.id.name, "")).strip()
        )
        number = task.code.split(".", 1)[1] if "." in task.code else task.code
        out.append(TaskSection(task, number, number.count(".") + 1, entries))
    return tuple(out)
