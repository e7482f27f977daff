"""``dvtui status``: per period who has reported, per task progress, the plan's targets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dvtui.core.dataset import Dataset
from dvtui.core.facts import (
    PeriodSummary,
    TargetProgress,
    days_left,
    expected_reports,
    plan_in_view,
    plan_units,
    report_as_of,
    summarize_period,
    targets,
    task_overdue,
)
from dvtui.core.problems import DataError
from dvtui.core.records import Period, Plan, Task
from dvtui.core.settings import Settings


@dataclass(frozen=True)
class PeriodStatus:
    """One reporting period as of ``today``: the counts of ``summary`` and the deadline."""

    summary: PeriodSummary
    days_left: int  # negative once the deadline has passed

    @property
    def period(self) -> Period:
        """The period itself."""
        return self.summary.period


@dataclass(frozen=True)
class TaskProgress:
    """One task of the plan: its status and how many units reported results on it."""

    task: Task
    lead: str  # the lead unit's name, or ""
    overdue: bool
    assigned: int  # units assigned (every reporting unit when the task names none)
    reported: int  # received reports (of the periods shown) with a narrative on this task
    received: int  # received reports of the periods shown


@dataclass(frozen=True)
class PlanStatus:
    """Everything ``dvtui status`` shows for one plan."""

    plan: Plan
    periods: list[PeriodStatus]
    tasks: list[TaskProgress]
    targets: list[TargetProgress]


def build_status(
    data: Dataset,
    settings: Settings,
    today: date,
    period: str | None = None,
    plan: str | None = None,
) -> list[PlanStatus]:
    """The status of one plan: that of ``period``, else ``plan``, else the plan in view
    (``facts.plan_in_view``: the setting's default, else the newest)."""
    chosen = plan_in_view(data, settings, plan)
    if period is not None:
        found = data.period(period)
        if found is None:
            raise DataError("err.not_found", id=f"periods/{period}")
        chosen = plan_in_view(data, settings, found.plan)
    out = []
    for shown in [chosen] if chosen is not None else []:
        periods = [p for p in data.of(Period) if p.plan == shown.id.name]
        if period is not None:
            periods = [p for p in periods if p.id.name == period]
            if not periods:
                continue
        periods.sort(key=lambda p: (p.due, p.id))
        stood = [report_as_of(r, today) for p in periods for r in expected_reports(data, p)]
        received = [r for r in stood if r.submitted_on is not None]  # by the day, not since
        counted = len(plan_units(data, shown))
        tasks = []
        for task in data.of(Task):
            if task.plan != shown.id.name:
                continue
            lead = data.unit(task.lead_unit) if task.lead_unit else None
            tasks.append(
                TaskProgress(
                    task=task,
                    lead=lead.name if lead else "",
                    overdue=task_overdue(task, today),
                    assigned=len(task.assigned_units) or counted,
                    reported=sum(1 for r in received if r.narrative.get(task.id.name, "").strip()),
                    received=len(received),
                )
            )
        out.append(
            PlanStatus(
                plan=shown,
                periods=[
                    PeriodStatus(
                        summarize_period(data, p, today, settings), days_left(p, today, settings)
                    )
                    for p in periods
                ],
                tasks=tasks,
                targets=targets(data, shown, today),
            )
        )
    return out
