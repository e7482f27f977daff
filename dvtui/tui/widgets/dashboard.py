"""The dashboard (Tổng quan): deadlines, who has reported, targets, the repo's state.

Built as Rich renderables from ``Text`` objects only, so record text is never markup.
"""

from __future__ import annotations

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from dvtui.core.dataset import Dataset
from dvtui.core.facts import days_left, summarize_period, targets
from dvtui.core.records import Period, Plan
from dvtui.core.settings import Settings
from dvtui.core.text import format_date, inert
from dvtui.git.repo import WorkingState
from dvtui.i18n import N_, t, tn

MISSING_SHOWN = 8


def _heading(key: str) -> Text:
    return Text(t(key), style="bold underline")


def plan_heading(plan: Plan) -> str:
    """``Kế hoạch về tăng cường …``: the plan's kind and its subject (trích yếu) as one line."""
    subject = plan.title
    if subject[:1].isupper() and subject[:3] == "Về ":
        subject = "về " + subject[3:]
    return t("record.plans") + " " + subject


def deadline_text(period: Period, today: date, settings: Settings) -> Text:
    """``Còn 12 ngày`` / ``Hôm nay là hạn`` / ``Quá hạn 5 ngày``."""
    left = days_left(period, today, settings)
    if left > 0:
        return Text(tn("ui.days_left", left), style="green")
    if left == 0:
        return Text(t("ui.due_today"), style="bold yellow")
    return Text(tn("ui.days_past", -left), style="bold red")


def render_dashboard(
    data: Dataset, plan: Plan | None, settings: Settings, today: date, state: WorkingState | None
) -> RenderableType:
    """Everything on the dashboard, as one renderable."""
    parts: list[RenderableType] = []
    if plan is None:
        return Text(t("ui.no_plan"))
    parts.append(Text(inert(plan_heading(plan)), style="bold"))
    if settings.practice_date is not None:  # never mistaken for the office's real data
        parts.append(Text(t("ui.practice", date=format_date(today)), style="bold black on yellow"))
    else:
        parts.append(Text(t("ui.today", date=format_date(today)), style="dim"))
    parts.append(Text())

    parts.append(_heading(N_("ui.dash.periods")))
    table = Table(box=None, pad_edge=False, expand=False, show_edge=False)
    for key in (
        N_("col.period"),
        N_("col.due"),
        N_("ui.col.deadline"),
        N_("ui.col.submitted"),
        N_("ui.col.late"),
    ):
        table.add_column(t(key))
    for key in (N_("ui.col.missing"), N_("ui.col.returned"), N_("ui.col.approved")):
        table.add_column(t(key), justify="right")
    periods = [p for p in data.of(Period) if p.plan == plan.id.name]
    summaries = [summarize_period(data, p, today, settings) for p in periods]
    for s in summaries:
        table.add_row(
            Text(inert(s.period.name)),
            Text(format_date(s.period.due)),
            deadline_text(s.period, today, settings),
            Text(f"{s.submitted}/{s.total}"),
            Text(str(s.late), style="yellow" if s.late else ""),
            Text(str(s.missing), style="red" if s.overdue else ""),
            Text(str(s.returned)),
            Text(str(s.approved)),
        )
    parts.append(table)

    for s in summaries:
        if not s.missing_units or days_left(s.period, today, settings) > 30:
            continue
        names = [u.name for slug in s.missing_units if (u := data.unit(slug))]
        shown = ", ".join(names[:MISSING_SHOWN])
        if len(names) > MISSING_SHOWN:
            shown += " " + tn("ui.and_more", len(names) - MISSING_SHOWN)
        line = Text(t("ui.missing_in", period=s.period.name) + " ", style="bold")
        line.append(inert(shown), style="")
        parts += [Text(), line]

    parts += [Text(), _heading(N_("ui.dash.targets"))]
    goals = Table(box=None, pad_edge=False, show_edge=False)
    goals.add_column(t("ui.col.target"))
    goals.add_column(t("ui.col.now"), justify="right")
    goals.add_column("%", justify="right")
    goals.add_column(t("ui.col.goal"), justify="right")
    for goal in targets(data, plan):
        style = "green" if goal.met else "yellow"
        goals.add_row(
            Text(t(goal.key)),
            Text(f"{goal.achieved}/{goal.total}"),
            Text(f"{goal.percent:.0f}%", style=style),
            Text(f"{goal.target_percent}%"),
        )
    parts.append(goals)

    parts += [Text(), _heading(N_("ui.dash.repo")), repo_line(state)]
    if data.problems:
        parts.append(Text(tn("ui.problems", len(data.problems)), style="bold red"))
    return Group(*parts)


def repo_line(state: WorkingState | None) -> Text:
    """``Không có thay đổi chưa lưu · 2 commit chưa gửi lên máy chủ``."""
    if state is None:
        return Text(t("ui.repo.unknown"), style="dim")
    bits = [
        tn("ui.repo.uncommitted", state.uncommitted) if state.uncommitted else t("ui.repo.clean")
    ]
    if state.upstream is None:
        bits.append(t("ui.repo.no_remote"))
    else:
        bits.append(t("ui.repo.ahead_behind", ahead=state.ahead, behind=state.behind))
    return Text(" · ".join(bits))


class Dashboard(VerticalScroll):
    """Scrollable dashboard; ``show`` replaces its content."""

    DEFAULT_CSS = """
    Dashboard {
        padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text(t("ui.loading")), id="dashboard-body")

    def show(self, renderable: RenderableType) -> None:
        """Replace what the dashboard shows."""
        self.query_one("#dashboard-body", Static).update(renderable)
