"""The main screen: five tabs — dashboard, tasks, units, reports, models."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Footer, Header, Label, Select, TabbedContent, TabPane

from dvtui.core.changes import NO_RECORDS
from dvtui.core.facts import current_period, plan_periods, title_of
from dvtui.core.records import Model, Period, Record, Report, Task, Unit
from dvtui.core.text import format_date
from dvtui.i18n import N_, t
from dvtui.reports.listing import (
    Row,
    list_rows,
    overdue_rows,
    period_report_rows,
    unit_compliance_rows,
)
from dvtui.tui.backend import Host
from dvtui.tui.messages import ConflictsFound, Failed, Removed, RolledOver
from dvtui.tui.translated import TranslatedScreen
from dvtui.tui.widgets.dashboard import Dashboard, render_dashboard
from dvtui.tui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from dvtui.tui.screens.export import DocumentDialog

TABS = {  # tab id → its label
    "dashboard": N_("ui.tab.dashboard"),
    "tasks": N_("ui.tab.tasks"),
    "units": N_("ui.tab.units"),
    "reports": N_("ui.tab.reports"),
    "periods": N_("ui.tab.periods"),
    "models": N_("ui.tab.models"),
    "overdue": N_("ui.tab.overdue"),
}
# The kinds each tab lists that can be added and removed there (Insert, Delete).
_EDITABLE = {"tasks": Task, "units": Unit, "periods": Period, "models": Model}


class MainScreen(TranslatedScreen[None]):
    """Tabs over the whole plan; Enter opens a record, h shows its history."""

    BINDINGS = [
        Binding("f2", "tab('dashboard')", N_("ui.tab.dashboard")),
        Binding("f3", "tab('tasks')", N_("ui.tab.tasks")),
        Binding("f4", "tab('units')", N_("ui.tab.units")),
        Binding("f5", "tab('reports')", N_("ui.tab.reports")),
        Binding("f6", "tab('models')", N_("ui.tab.models")),
        Binding("f8", "tab('overdue')", N_("ui.tab.overdue")),
        Binding("f7", "history", N_("ui.key.history")),
        Binding("f9", "sync", N_("ui.key.sync")),
        Binding("ctrl+r", "review", N_("ui.key.review"), show=False),
        Binding("ctrl+k", "audit", N_("ui.key.audit"), show=False),
        Binding("h", "history", N_("ui.key.history"), show=False),
        Binding("n", "new_model", N_("ui.key.new_model"), show=False),
        Binding("ctrl+e", "export_report", N_("ui.key.export")),
        Binding("ctrl+u", "urging_letter", N_("ui.key.letter")),
        Binding("insert", "add", N_("ui.key.add")),
        Binding("delete", "remove", N_("ui.key.remove")),
        Binding("ctrl+n", "new_plan", N_("ui.key.new_plan"), show=False),
    ]

    @property
    def dvtui(self) -> Host:
        """The app, as screens may use it."""
        return cast(Host, self.app)

    def __init__(self) -> None:
        super().__init__()
        self._filled = {"dashboard"}  # the tabs whose contents are mounted
        self._periods: list[Period] = []  # the plan's periods, the reports tab's choices
        self._period: str | None = None  # the period the reports tab lists (its Select's value)

    def compose(self) -> ComposeResult:
        # Only the dashboard is composed at start: every other tab gets its contents when it
        # is first shown (``_fill``), so the start mounts and styles a few widgets, not all.
        yield Header(show_clock=False, icon="")
        with TabbedContent(id="tabs"):
            with TabPane(t("ui.tab.dashboard"), id="dashboard"):
                with Horizontal(classes="toolbar documents"):
                    yield Select[str]([], id="plan", compact=True, prompt=t("ui.no_plan"))
                    yield from self._document_buttons("dashboard")
                yield Dashboard()
            for tab, key in TABS.items():
                if tab != "dashboard":
                    yield TabPane(t(key), id=tab)
        yield Footer()

    def _contents(self, tab: str) -> ComposeResult:
        """What a tab holds, mounted the first time it is shown."""
        if tab == "reports":
            with Horizontal(classes="toolbar"):
                yield Label(t("col.period") + ":")
                options, value = self._period_options()
                yield Select[str](
                    options,
                    id="period",
                    compact=True,
                    prompt=t("ui.choose_period"),
                    value=value if value is not None else Select.NULL,
                )
        elif tab == "overdue":
            with Horizontal(classes="toolbar documents"):
                yield from self._document_buttons("overdue")
        yield RecordTable(self._providers[tab], id=f"{tab}-table")

    @property
    def _providers(self) -> dict[str, Callable[[], tuple[list[str], list[Row]]]]:
        return {
            "tasks": self._task_rows,
            "units": self._unit_rows,
            "reports": self._report_rows,
            "periods": self._period_rows,
            "models": self._model_rows,
            "overdue": self._overdue_rows,
        }

    async def _fill(self, tab: str) -> None:
        """Mount a tab's contents the first time it is shown, with the current data."""
        if tab in self._filled or tab not in TABS:
            return
        self._filled.add(tab)
        pane = self.query_one(f"#{tab}", TabPane)
        await pane.mount_compose(self._contents(tab))
        for table in pane.query(RecordTable):
            table.reload()

    @on(TabbedContent.TabActivated)
    async def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            await self._fill(event.pane.id)

    def _document_buttons(self, tab: str) -> ComposeResult:
        yield Button(t("ui.key.export") + " (Ctrl+E)", id=f"{tab}-export", compact=True)
        yield Button(t("ui.key.letter") + " (Ctrl+U)", id=f"{tab}-letter", compact=True)

    @on(Button.Pressed, "#dashboard-export, #overdue-export")
    def action_export_report(self) -> None:
        """Ctrl+E: the consolidated report as .docx, .pdf, .xlsx or .md."""
        from dvtui.tui.screens.export import ExportReportScreen

        self._open_document(ExportReportScreen)

    @on(Button.Pressed, "#dashboard-letter, #overdue-letter")
    def action_urging_letter(self) -> None:
        """Ctrl+U: the urging letter to the units that still owe their report."""
        from dvtui.tui.screens.export import UrgingLetterScreen

        self._open_document(UrgingLetterScreen)

    def _open_document(self, dialog: type[DocumentDialog]) -> None:
        app = self.dvtui
        if app.data is None:
            self.notify(t("ui.loading"), markup=False)
            return
        plan = app.plan
        periods = plan_periods(app.data, plan) if plan is not None else []
        chosen = self._selected_period()
        self.app.push_screen(
            dialog(
                app.data,
                app.settings,
                app.today,
                periods,
                chosen.id.name if chosen else None,
                app.backend.documents_folder(Path.cwd()),
            )
        )

    def on_mount(self) -> None:
        self.title = t("ui.app_title")
        if self.dvtui.settings.practice_date is not None:
            self.sub_title = t("ui.practice_short", date=format_date(self.dvtui.today))
        if self.dvtui.data is not None:
            self.refresh_data()

    # --- rows ----------------------------------------------------------------------------

    def _rows_of_plan(self, kind: str) -> tuple[list[str], list[Row]]:
        app = self.dvtui
        if app.data is None or app.plan is None:
            return [], []
        keys, rows = list_rows(app.data, app.settings, kind, today=app.today, plan=app.plan)
        return [t(k) for k in keys], rows

    def _task_rows(self) -> tuple[list[str], list[Row]]:
        return self._rows_of_plan("tasks")

    def _period_rows(self) -> tuple[list[str], list[Row]]:
        return self._rows_of_plan("periods")

    def _unit_rows(self) -> tuple[list[str], list[Row]]:
        app = self.dvtui
        if app.data is None:
            return [], []
        if app.plan is None:  # a new office: its units before its first plan
            keys, rows = list_rows(app.data, app.settings, "units", today=app.today)
            return [t(k) for k in keys], rows
        return unit_compliance_rows(app.data, app.settings, app.today, app.plan)

    def _report_rows(self) -> tuple[list[str], list[Row]]:
        app = self.dvtui
        period = self._selected_period()
        if app.data is None or period is None:
            return [], []
        return period_report_rows(app.data, app.settings, app.today, period)

    def _model_rows(self) -> tuple[list[str], list[Row]]:
        return self._rows_of_plan("models")

    def _overdue_rows(self) -> tuple[list[str], list[Row]]:
        app = self.dvtui
        if app.data is None or app.plan is None:
            return [], []
        return overdue_rows(app.data, app.settings, app.today, app.plan)

    def _selected_period(self) -> Period | None:
        app = self.dvtui
        if app.data is None or self._period is None:
            return None
        return app.data.period(self._period)

    def _period_options(self) -> tuple[list[tuple[str, str]], str | None]:
        """The reports tab's periods (the plan's) and the one to list."""
        return [(p.name, p.id.name) for p in self._periods], self._period

    # --- data ----------------------------------------------------------------------------

    def refresh_data(self) -> None:
        """Redraw every tab from the app's current data (the tabs not yet shown: when they
        are)."""
        app = self.dvtui
        if app.data is None:
            return
        plan = app.plan
        self.query_one(Dashboard).show(
            render_dashboard(app.data, plan, app.settings, app.today, app.repo_state)
        )
        chooser = self.query_one("#plan", Select)
        with chooser.prevent(Select.Changed):
            chooser.set_options(
                [(t("ui.plan_of_year", year=p.year), p.id.name) for p in app.data.plans()]
            )
            if plan is not None:
                chooser.value = plan.id.name
        self._periods = plan_periods(app.data, plan) if plan is not None else []
        names = [p.id.name for p in self._periods]
        if not names or plan is None:
            self._period = None
        elif self._period not in names:  # the working period, else the plan's first
            working = current_period(app.data, plan, app.today)
            self._period = working.id.name if working is not None else names[0]
        for select in self.query("#period").results(Select):
            options, value = self._period_options()
            with select.prevent(Select.Changed):
                select.set_options(options)
                if value is not None:
                    select.value = value
        for table in self.query(RecordTable):
            table.reload()

    @on(Select.Changed, "#plan")
    def _plan_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.dvtui.choose_plan(event.value)

    @on(Select.Changed, "#period")
    def _period_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else None
        if value != self._period:
            self._period = value
            self.query_one("#reports-table", RecordTable).reload()

    # --- opening records -----------------------------------------------------------------

    @on(RecordTable.Opened)
    def _opened(self, event: RecordTable.Opened) -> None:
        self.open_record(event.record)

    def open_record(self, record: Record) -> None:
        """The form or detail screen of a record."""
        from dvtui.tui.screens.forms import model_form, report_form, unit_form
        from dvtui.tui.screens.task import TaskScreen
        from dvtui.tui.screens.yearly import period_form

        if isinstance(record, Period):
            self.app.push_screen(period_form(self.dvtui, record))
        elif isinstance(record, Report):
            self.app.push_screen(report_form(self.dvtui, record))
        elif isinstance(record, Task):
            self.app.push_screen(TaskScreen(record))
        elif isinstance(record, Model):
            self.app.push_screen(model_form(self.dvtui, record))
        elif isinstance(record, Unit):
            self.app.push_screen(unit_form(self.dvtui, record))

    def _current_table(self) -> RecordTable | None:
        active = self.query_one(TabbedContent).active
        tables = list(self.query_one(f"#{active}", TabPane).query(RecordTable))
        return tables[0] if tables else None

    def selected_record(self) -> Record | None:
        """The record under the cursor of the active tab's list."""
        table = self._current_table()
        return table.selected_record if table else None

    # --- actions -------------------------------------------------------------------------

    def action_tab(self, tab: str) -> Awaitable[None] | None:
        """Switch to a tab and put the cursor in its list (the dashboard: on the dashboard).

        The focus must move into the new tab: left on the old tab's list, it takes the
        tabs back there (F2 never reached the dashboard). A tab shown for the first time is
        filled first (what is returned to await; Textual awaits it for a key or command).
        """
        if tab not in self._filled:
            return self._fill_then_show(tab)
        self._show(tab)
        return None

    async def _fill_then_show(self, tab: str) -> None:
        await self._fill(tab)  # before it is shown: the focus goes straight to its list
        self._show(tab)

    def _show(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        table = self._current_table()
        if table is not None:
            table.table.focus()
        else:
            self.query_one(Dashboard).focus()

    def action_history(self) -> None:
        """History of the selected record."""
        record = self.selected_record()
        if record is None:
            self.notify(t("ui.select_first"), markup=False)
            return
        self.dvtui.history_of(record)

    def action_new_model(self) -> None:
        """Add a "Dân vận khéo" model or an exemplary person."""
        from dvtui.tui.screens.forms import new_model_form

        app = self.dvtui
        if app.data is None or app.plan is None:
            return
        self.app.push_screen(new_model_form(app, app.plan.year))

    def action_add(self) -> None:
        """Insert: a new record of the kind the tab lists (a unit, a task, a period, a model)."""
        from dvtui.tui.screens.forms import new_model_form
        from dvtui.tui.screens.yearly import new_period_form, new_task_form, new_unit_form

        app = self.dvtui
        tab = self.query_one(TabbedContent).active
        if app.data is None:
            return
        if tab == "units":
            self.app.push_screen(new_unit_form(app))
            return
        if app.plan is None:
            self.notify(t("ui.no_plan"), markup=False)
        elif tab == "tasks":
            self.app.push_screen(new_task_form(app, app.plan))
        elif tab == "periods":
            self.app.push_screen(new_period_form(app, app.plan))
        elif tab == "models":
            self.app.push_screen(new_model_form(app, app.plan.year))
        else:
            self.notify(t("ui.add_where"), markup=False)

    def action_remove(self) -> None:
        """Delete: remove the selected record, after asking (refused while others name it)."""
        from dvtui.core.facts import title_of
        from dvtui.tui.screens.confirm import ConfirmScreen

        tab = self.query_one(TabbedContent).active
        record = self.selected_record()
        app = self.dvtui
        if tab not in _EDITABLE or record is None or app.data is None:
            self.notify(t("ui.remove_where"), markup=False)
            return
        question = t("ui.confirm_remove", title=title_of(record, app.data), id=str(record.id))

        def answer(yes: bool | None) -> None:
            if yes:
                app.backend.remove(self, record.id)

        self.app.push_screen(ConfirmScreen(question), answer)

    def action_new_plan(self) -> None:
        """Ctrl+N: next year's plan from this one (one commit), then shown."""
        from dvtui.tui.screens.yearly import PlanNewScreen, new_plan_form

        app = self.dvtui
        if app.data is None:
            return
        if not app.data.plans():  # a new office: its first plan is typed in
            self.app.push_screen(new_plan_form(app))
            return

        def chosen(answer: tuple[str, int] | None) -> None:
            if answer is not None:
                app.backend.roll_over(self, *answer)

        self.app.push_screen(PlanNewScreen(app.data.plans()), chosen)

    @on(Removed)
    def _removed(self, message: Removed) -> None:
        title = title_of(message.result.record, self.dvtui.data or NO_RECORDS)  # its name
        self.notify(t("ui.removed", id=title, sha=message.result.sha[:8]), markup=False)

    @on(RolledOver)
    def _rolled_over(self, message: RolledOver) -> None:
        made = message.made
        self.dvtui.choose_plan(made.plan.id.name)
        told = t("ui.rolled_over", year=made.plan.year, source=message.source, sha=made.sha[:8])
        self.notify(told, markup=False)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.dvtui.show_error(message.error)

    def _choose_plan(self) -> None:
        self.action_tab("dashboard")
        self.query_one("#plan", Select).focus()

    def action_sync(self) -> None:
        """F9: fetch, merge and push through the office's git server."""
        from dvtui.tui.screens.sync import SyncScreen

        self.app.push_screen(SyncScreen())

    def action_review(self) -> None:
        """Ctrl+R: the changes waiting for review, and signing them off."""
        from dvtui.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen())

    def action_audit(self) -> None:
        """Ctrl+K: check the whole history."""
        from dvtui.tui.screens.review import AuditScreen

        self.app.push_screen(AuditScreen())

    def action_conflicts(self) -> None:
        """Open the conflicts left by the last sync, if any."""
        self.dvtui.backend.pending_conflicts(self)

    @on(ConflictsFound)
    def _show_conflicts(self, message: ConflictsFound) -> None:
        from dvtui.tui.screens.sync import ConflictScreen

        if not message.conflicts:
            self.notify(t("ui.conflict.none"), markup=False)
            return
        self.app.push_screen(ConflictScreen(message.conflicts))

    def commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """Palette entries for this screen."""
        for tab, key in TABS.items():
            yield t(key), t("ui.cmd.goto"), partial(self.action_tab, tab)
        yield t("ui.cmd.history"), t("ui.cmd.history_help"), self.action_history
        yield t("ui.cmd.sync"), t("ui.cmd.sync_help"), self.action_sync
        yield t("ui.cmd.conflicts"), t("ui.cmd.conflicts_help"), self.action_conflicts
        yield t("ui.cmd.review"), t("ui.cmd.review_help"), self.action_review
        yield t("ui.cmd.audit"), t("ui.cmd.audit_help"), self.action_audit
        yield t("ui.cmd.new_model"), t("ui.cmd.new_model_help"), self.action_new_model
        yield t("ui.key.export"), t("ui.cmd.export_help"), self.action_export_report
        yield t("ui.key.letter"), t("ui.cmd.letter_help"), self.action_urging_letter
        yield t("ui.cmd.add"), t("ui.cmd.add_help"), self.action_add
        yield t("ui.cmd.remove"), t("ui.cmd.remove_help"), self.action_remove
        yield t("ui.cmd.new_plan"), t("ui.cmd.new_plan_help"), self.action_new_plan
        yield t("ui.cmd.choose_plan"), t("ui.cmd.choose_plan_help"), self._choose_plan
        yield t("ui.cmd.filter"), t("ui.cmd.filter_help"), self._focus_filter
        yield t("ui.cmd.reload"), t("ui.cmd.reload_help"), self.dvtui.load_data

    def _focus_filter(self) -> None:
        table = self._current_table()
        if table is not None:
            table.action_focus_filter()
