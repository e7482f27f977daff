"""The dvtui terminal app: loads the data repo in a worker, saves through the Store.

Screens never touch files or git: they ask the app, which runs store work in thread
workers (the UI never freezes) and posts the results back as messages.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from dvtui.core.dataset import Dataset
from dvtui.core.problems import DataError
from dvtui.core.records import Plan, Record
from dvtui.core.text import inert
from dvtui.git.repo import WorkingState
from dvtui.i18n import t
from dvtui.storage import SaveResult, Store
from dvtui.storage.store import DATA_FORMAT
from dvtui.tui.commands import DvtuiCommands

WATCH_SECONDS = 2.0


@dataclass
class DataLoaded(Message):
    """The records were (re)loaded."""

    data: Dataset
    state: WorkingState | None
    notices: list[str]  # e.g. "an interrupted save was cleaned up": told once, as a warning


class DvtuiApp(App[int]):
    """Theo dõi kế hoạch dân vận — the office's daily workspace."""

    CSS_PATH = "app.tcss"
    TITLE = "dvtui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {DvtuiCommands}
    BINDINGS = [
        Binding("f1", "help", t("ui.key.help")),
        Binding("ctrl+p", "command_palette", t("ui.key.palette"), show=False, priority=True),
        Binding("ctrl+q", "quit", t("ui.key.quit"), priority=True),
    ]

    def __init__(self, store: Store, *, today: date, watch: bool = True) -> None:
        super().__init__()
        self.store = store
        self.today = today
        self.data: Dataset | None = None
        self.repo_state: WorkingState | None = None
        self._store_lock = threading.Lock()
        self._watch = watch
        self._token: tuple[Any, ...] | None = None
        self._callbacks: dict[Worker[Any], Any] = {}
        self._saved_state: WorkingState | None = None

    # --- text that reaches the terminal ---------------------------------------------------

    def format_title(self, title: str, sub_title: str) -> Content:
        """The Header's line: a screen's title names a record, shown inert (never markup).

        Textual 8.2.8 shows titles only in the Header (it never sets the terminal's own
        window title), so this is the one place a title reaches the terminal.
        """
        return super().format_title(inert(title), inert(sub_title))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast; its text (often naming a record or quoting git) shown inert."""
        super().notify(
            inert(message), title=inert(title), severity=severity, timeout=timeout, markup=markup
        )

    # --- data ----------------------------------------------------------------------------

    def on_mount(self) -> None:
        from dvtui.tui.screens.main import MainScreen

        self.push_screen(MainScreen())
        if self.store.format < DATA_FORMAT:
            self.migrate_then_load()
        else:
            self.load_data()
        if self._watch:
            self.set_interval(WATCH_SECONDS, self.check_for_changes)

    @property
    def plan(self) -> Plan | None:
        """The plan the screens show: the setting's default, else the newest."""
        if self.data is None:
            return None
        plans = self.data.plans()
        wanted = self.store.settings.default_plan
        return next((p for p in plans if p.id.name == wanted), plans[0] if plans else None)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_data(self) -> None:
        """Read every record in a thread, then tell the screens."""
        with self._store_lock:
            data = self.store.load()
            self._token = self.store.change_token()
            state = self._working_state()
            notices = self.store.take_notices()
        self.post_message(DataLoaded(data, state, notices))

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def migrate_then_load(self) -> None:
        """A data repo of an older dvtui: migrate it (one commit), then load and say so."""
        from dvtui.services.migrate import migrate

        with self._store_lock:
            try:
                notices = [step.notice() for step in migrate(self.store)]
            except DataError as exc:
                if exc.code == "err.git.identity":  # asked once, then migrated
                    self.call_from_thread(self._ask_identity_then, self.migrate_then_load)
                reason = str(exc)
                notices = [t("notice.migrate_failed", found=self.store.format, reason=reason)]
            data = self.store.load()
            self._token = self.store.change_token()
            state = self._working_state()
            notices += self.store.take_notices()
        self.post_message(DataLoaded(data, state, notices))

    def _working_state(self) -> WorkingState | None:
        try:
            return self.store.git.working_state()
        except DataError:
            return None

    @on(DataLoaded)
    def _data_loaded(self, message: DataLoaded) -> None:
        self.data = message.data
        self.repo_state = message.state
        for notice in message.notices:
            self.notify(notice, severity="warning", timeout=15, markup=False)
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if refresh is not None:
                refresh()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def check_for_changes(self) -> None:
        """Reload when the repo changed underneath (a pull, a CLI edit, a checkout)."""
        with self._store_lock:
            token = self.store.change_token()
        if self._token is not None and token != self._token:
            self.call_from_thread(self.load_data)

    def save(
        self,
        record: Record,
        *,
        create: bool = False,
        on_saved: Callable[[SaveResult], None] | None = None,
        on_failed: Callable[[DataError], None] | None = None,
    ) -> None:
        """Save one record (one commit) in a worker; call back on the UI thread."""

        def run() -> SaveResult:
            with self._store_lock:
                result = self.store.save(record, create=create)
                self._token = self.store.change_token()
                self._saved_state = self._working_state()
                return result

        worker = self.run_worker(run, thread=True, group="save", exit_on_error=False)
        self._callbacks[worker] = (record, create, on_saved, on_failed)

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        if event.worker not in self._callbacks:
            if event.state == WorkerState.ERROR:
                self._show_error(event.worker.error)
            return
        if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        record, create, on_saved, on_failed = self._callbacks.pop(event.worker)
        if event.state == WorkerState.SUCCESS:
            result = cast(SaveResult, event.worker.result)
            self.notify(t("ui.saved", sha=result.sha[:8]), markup=False)
            notices = self.store.take_notices()
            self.post_message(DataLoaded(self.store.data, self._saved_state, notices))
            if on_saved is not None:
                on_saved(result)
            return
        error = event.worker.error
        if isinstance(error, DataError) and error.code == "err.git.identity":
            self._ask_identity_then(
                lambda: self.save(record, create=create, on_saved=on_saved, on_failed=on_failed)
            )
            return
        self._show_error(error)
        if on_failed is not None and isinstance(error, DataError):
            on_failed(error)

    def _show_error(self, error: BaseException | None) -> None:
        text = (
            str(error) if isinstance(error, DataError) else t("ui.unexpected", detail=repr(error))
        )
        self.notify(text, severity="error", timeout=10, markup=False)

    def _ask_identity_then(self, retry: Callable[[], None]) -> None:
        from dvtui.tui.screens.identity import IdentityScreen

        def done(identity: tuple[str, str] | None) -> None:
            if identity is None:
                return
            with self._store_lock:
                self.store.git.set_identity(*identity)
            retry()

        self.push_screen(IdentityScreen(), done)

    def run_store(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn(store, *args)`` under the store lock (call from a worker thread)."""
        with self._store_lock:
            return fn(self.store, *args)

    def history_of(self, record: Record) -> None:
        """Open the History screen of one record."""
        from dvtui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(record))

    def load_history(self, record: Record) -> Any:
        """The history of a record (called from a worker)."""
        with self._store_lock:
            return self.store.history(record.id)

    # --- actions and commands ------------------------------------------------------------

    def action_help(self) -> None:
        """Show the help screen."""
        from dvtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def commands(self) -> Iterable[tuple[str, str, Callable[[], Any]]]:
        """Every screen and action, for the command palette: (title, help, callback)."""
        from dvtui.tui.screens.main import MainScreen

        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:
            yield from main.commands()
        yield t("ui.cmd.help"), t("ui.cmd.help_help"), self.action_help
        yield t("ui.cmd.quit"), t("ui.cmd.quit_help"), self.exit

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Our own commands come from DvtuiCommands (it matches without diacritics);
        # here only the built-ins worth keeping, in Vietnamese.
        yield SystemCommand(t("ui.cmd.theme"), t("ui.cmd.theme_help"), self.action_change_theme)
        yield SystemCommand(t("ui.cmd.keys"), t("ui.cmd.keys_help"), self.action_show_help_panel)


def run_app(store: Store, *, today: date) -> int:
    """Run the UI until the user quits."""
    app = DvtuiApp(store, today=today)
    app.run()
    return app.return_code or 0
