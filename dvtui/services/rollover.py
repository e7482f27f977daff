"""Next year's plan from this one, in one commit: ``dvtui plan new 2024 --from 2023``.

What is made (the source plan's records are never touched):

- ``plans/2024``: a copy with the year changed (in the title and wherever the texts say
  "năm 2023" or give a date in 2023), the number and the day left blank for the office;
- a task per task of 2023 (``tasks/2023-ii-7`` -> ``tasks/2024-ii-7``): status reset, no
  notes, no completion date, the same assigned units (those still active), due dates moved;
- a period per period (``2023-h1`` -> ``2024-h1``) with the same day and month in 2024;
- an empty report (``missing``) for every unit that must report in each new period
  (:func:`dvtui.core.facts.expected_in`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from dvtui.core.dataset import Dataset, renamed_references
from dvtui.core.facts import expected_in
from dvtui.core.ids import SLUG, RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import Period, Plan, Record, Report, Task, Unit
from dvtui.i18n import language, t
from dvtui.storage.store import Batch, Store


@dataclass(frozen=True)
class RollOver:
    """What a roll-over made: the new plan, its tasks, periods and empty reports."""

    plan: Plan
    tasks: list[Task]
    periods: list[Period]
    reports: list[Report]
    sha: str = ""

    @property
    def records(self) -> list[Record]:
        """Every record made, in the order they are written."""
        return [self.plan, *self.tasks, *self.periods, *self.reports]


def moved_date(day: date | None, years: int) -> date | None:
    """The same day and month ``years`` later (29/02 becomes 28/02 in a common year)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def moved_text(text: str, source: int, year: int) -> str:
    """``năm 2023`` and dates in 2023 (``15/5/2023``) said of ``year`` instead."""
    return re.sub(rf"(?<=năm )({source})\b|(?<=/)({source})\b", str(year), text)


def moved_slug(slug: str, source: str, year: int) -> str:
    """``2023-ii-7`` -> ``2024-ii-7``; a slug without the source year gets the new one first."""
    rest = slug.removeprefix(f"{source}-") if slug.startswith(f"{source}-") else slug
    return f"{year}-{rest}"


def plan_roll_over(data: Dataset, source: str, year: int) -> RollOver:
    """The records of ``year``'s plan made from plan ``source``; DataError if it cannot be."""
    old = data.get(RecordId("plans", (source,)))
    if not isinstance(old, Plan):
        raise DataError("err.not_found", id=f"plans/{source}")
    if data.get(RecordId("plans", (str(year),))) is not None:
        raise DataError("err.exists", id=f"plans/{year}")
    if year <= old.year:
        raise DataError("err.rollover.year", year=year, source=old.year)
    years = year - old.year

    def text(value: str) -> str:
        return moved_text(value, old.year, year)

    plan = replace(
        old,
        id=RecordId("plans", (str(year),)),
        year=year,
        title=text(old.title),
        number=None,
        issued_day=None,
        issued_year=old.issued_year + years,
        preamble=text(old.preamble),
        purposes=[text(p) for p in old.purposes],
        reporting=text(old.reporting),
        follow_up=text(old.follow_up),
        closing=text(old.closing),
    )
    periods = [
        replace(
            p,
            id=RecordId("periods", (_slug(moved_slug(p.id.name, source, year), "periods"),)),
            plan=str(year),
            name=text(p.name),
            due=moved_date(p.due, years) or p.due,
            starts_on=moved_date(p.starts_on, years),
            ends_on=moved_date(p.ends_on, years),
        )
        for p in data.of(Period)
        if p.plan == source
    ]
    active = _active_units(data, periods, year)
    tasks_of_plan = [task for task in data.of(Task) if task.plan == source]
    renames = {
        task.id.name: _slug(moved_slug(task.id.name, source, year), "tasks")
        for task in tasks_of_plan
    }
    tasks = [
        replace(
            renamed_references(task, "tasks", renames),
            id=RecordId("tasks", (renames[task.id.name],)),
            plan=str(year),
            title=text(task.title),
            text=text(task.text),
            lead_unit=task.lead_unit if task.lead_unit in active else None,
            assigned_units=[u for u in task.assigned_units if u in active],
            status="not-started",
            due=moved_date(task.due, years),
            completed_on=None,
            notes=[],
        )
        for task in tasks_of_plan
    ]
    reports = [
        Report(id=RecordId("reports", (period.id.name, unit.id.name)))
        for period in periods
        for unit in data.assignees()
        if expected_in(unit, period)
    ]
    taken = [r.id for r in [*tasks, *periods] if r.id in data]
    if taken:
        raise DataError("err.exists", id=str(taken[0]))
    return RollOver(plan, tasks, periods, reports)


def _slug(slug: str, kind: str) -> str:
    if not SLUG.fullmatch(slug):
        raise DataError("err.rollover.slug", id=f"{kind}/{slug}")
    return slug


def _active_units(data: Dataset, periods: list[Period], year: int) -> set[str]:
    """Units that still exist in the new plan: expected in one of its periods (not retired
    before its year when it has none). Partners are kept unless retired."""
    start = date(year, 1, 1)

    def active(unit: Unit) -> bool:
        if unit.is_assignee and periods:
            return any(expected_in(unit, p) for p in periods)
        return unit.retired_on is None or unit.retired_on > start

    return {u.id.name for u in data.of(Unit) if active(u)}


def roll_over(store: Store, source: str, year: int) -> RollOver:
    """Make ``year``'s plan from ``source`` in one commit (``Action: create``)."""
    made = plan_roll_over(store.load(), source, year)
    with language("vi"):  # the shared history is Vietnamese
        subject = t(
            "commit.rollover",
            year=year,
            source=source,
            tasks=len(made.tasks),
            periods=len(made.periods),
            reports=len(made.reports),
        )
    records = made.records
    batch = Batch(
        action="create",
        subject=subject,
        records=tuple(records),
        created=frozenset(r.id for r in records),
    )
    return replace(made, sha=store.save_batch(batch))
