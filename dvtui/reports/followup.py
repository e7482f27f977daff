"""The đôn đốc list: units whose report is overdue, late or returned, and what they still owe.

Computed as of a day (``today`` is "as of"): a report that came later is still missing then.
What is owed is what the period asks for: the report (or its supplement) always; the plan's
yearly targets (coordination regulation, models, exemplary persons) only in the period that
closes the year — a mid-year list does not claim year-long targets as missing. Items hold
message keys and values (``Msg``); the list, the letter and the UI translate them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from dvtui.core.dataset import Dataset
from dvtui.core.facts import (
    days_late,
    expected_reports,
    last_on_time_day,
    models_as_of,
    regulation_as_of,
    report_as_of,
    timeliness,
)
from dvtui.core.labels import timeliness_text
from dvtui.core.problems import DataError
from dvtui.core.records import Contact, Period, Plan, Report, Unit
from dvtui.core.settings import Settings
from dvtui.i18n import N_, Translator
from dvtui.reports.common import Msg

OverdueState = Literal["overdue", "returned", "late"]
OwedKind = Literal["report", "supplement", "regulation", "model", "person"]

# Those still owing their report come first; a late but complete report last.
_STATE_ORDER = {"overdue": 0, "returned": 1, "late": 2}


YEARLY_KINDS = frozenset({"year"})
"""Periods that close the plan's year: only they owe the yearly targets."""


@dataclass(frozen=True)
class Owed:
    """One thing a unit still owes, as the message the list and the letter print."""

    kind: OwedKind
    message: Msg

    def text(self, tr: Translator) -> str:
        """What is owed, in ``tr``'s language."""
        return self.message.text(tr)


@dataclass(frozen=True)
class OverdueItem:
    """One unit on the đôn đốc list for one period."""

    unit: Unit
    period: Period
    report: Report
    state: OverdueState
    days: int  # days past the deadline: until the day if still owed, until submission if late
    owes: tuple[Owed, ...]

    @property
    def contact(self) -> Contact | None:
        """Who to call, if recorded."""
        return self.unit.contact

    @property
    def still_owes_report(self) -> bool:
        """Whether the report itself is still to come (missing or returned for more)."""
        return self.state != "late"


def overdue_periods(
    data: Dataset,
    settings: Settings,
    today: date,
    period: str | None = None,
    plan: Plan | None = None,
) -> list[Period]:
    """``period`` (which must exist), or every period of ``plan`` (of every plan when None)
    whose deadline has passed."""
    if period is not None:
        found = data.period(period)
        if found is None:
            raise DataError("err.not_found", id=f"periods/{period}")
        return [found]
    passed = [
        p
        for p in data.of(Period)
        if today > last_on_time_day(p, settings) and (plan is None or p.plan == plan.id.name)
    ]
    return sorted(passed, key=lambda p: (p.due, p.id))


def overdue_list(
    data: Dataset,
    settings: Settings,
    today: date,
    period: str | None = None,
    plan: Plan | None = None,
) -> list[OverdueItem]:
    """Every late, missing-after-deadline or returned report of a unit that must report
    (``facts.expected_reports``: a unit with no report saved is missing), most urgent first."""
    items: list[OverdueItem] = []
    for per in overdue_periods(data, settings, today, period, plan):
        of_period = next((p for p in data.plans() if p.id.name == per.plan), None)
        for stored in expected_reports(data, per):
            report = report_as_of(stored, today)
            unit = data.unit(report.unit)
            if unit is None:
                continue
            state = _state(report, per, today, settings)
            if state is None:
                continue
            owed_days = max(0, (today - last_on_time_day(per, settings)).days)
            items.append(
                OverdueItem(
                    unit=unit,
                    period=per,
                    report=report,
                    state=state,
                    days=days_late(report, per, today, settings) if state == "late" else owed_days,
                    owes=tuple(owed_by(data, unit, per, report, of_period, today)),
                )
            )
    order = {u.id.name: i for i, u in enumerate(data.of(Unit))}
    items.sort(
        key=lambda i: (
            i.period.due,
            i.period.id,
            _STATE_ORDER[i.state],
            -i.days,
            order[i.unit.id.name],
        )
    )
    return items


def _state(report: Report, period: Period, today: date, settings: Settings) -> OverdueState | None:
    when = timeliness(report, period, today, settings)
    if report.status == "returned":
        return "returned"
    if when == "overdue":
        return "overdue"
    if when == "late":
        return "late"
    return None


def owed_by(
    data: Dataset, unit: Unit, period: Period, report: Report, plan: Plan | None, day: date
) -> list[Owed]:
    """What ``unit`` still owes for ``period`` on ``day``: the report or its supplement, and —
    in the period that closes the year only — the plan's yearly targets not yet met then."""
    out: list[Owed] = []
    if report.submitted_on is None:
        out.append(Owed("report", Msg.of("owe.report", period=period.name)))
    elif report.status == "returned":
        note = (report.review_note or "").strip().rstrip(".;")  # shown in parentheses
        if note:
            out.append(
                Owed("supplement", Msg.of("owe.supplement_note", period=period.name, note=note))
            )
        else:
            out.append(Owed("supplement", Msg.of("owe.supplement", period=period.name)))
    if plan is None or period.kind not in YEARLY_KINDS:
        return out
    if regulation_as_of(unit, day) is None:
        out.append(Owed("regulation", Msg.of("owe.regulation")))
    models = models_as_of(data.models(year=plan.year, unit=unit.id.name), day)
    for kind, need, key in (
        ("model", plan.targets.models_per_unit, N_("owe.model")),
        ("exemplary-person", plan.targets.exemplary_persons_per_unit, N_("owe.person")),
    ):
        have = sum(1 for m in models if m.kind == kind)
        if have < need:
            out.append(
                Owed(
                    "model" if kind == "model" else "person",
                    Msg.of(key, n=need - have, year=plan.year),
                )
            )
    return out


def owes_text(item: OverdueItem, tr: Translator) -> str:
    """Everything one item owes, ``; ``-separated."""
    return "; ".join(o.text(tr) for o in item.owes)


def state_text(item: OverdueItem, tr: Translator) -> str:
    """``Quá hạn 12 ngày`` / ``Nộp muộn 3 ngày`` / ``Yêu cầu bổ sung (quá hạn 10 ngày)``."""
    if item.state == "returned":
        return tr.tn("timeliness.returned", item.days)
    return timeliness_text(item.state, item.days, tr)


def contact_text(contact: Contact | None) -> str:
    """``Lò Văn A · 0912 345 678 · a@x.vn`` with the parts that are recorded."""
    if contact is None:
        return ""
    return " · ".join(p for p in (contact.person, contact.phone, contact.email) if p)
