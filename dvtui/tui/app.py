"""The dvtui terminal app: screens over one :class:`Backend`, which does all store work.

Screens never touch files or git, nor import this module: they reach the app through
the :class:`dvtui.tui.backend.Host` protocol and get answers as typed messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import ThemeProvider

from dvtui.core.dataset import Dataset
from dvtui.core.facts import plan_in_view
from dvtui.core.records import Plan, Record
from dvtui.core.text import inert
from dvtui.i18n import N_, t
from dvtui.storage import Store
from dvtui.storage.store import DATA_FORMAT
from dvtui.tui.backend import Backend
from dvtui.tui.commands import DvtuiCommands
from dvtui.tui.messages import Failed, IdentityNeeded, Loaded, LoadFailed, error_text
from dvtui.tui.translated import Palette
from dvtui.tui.widgets.fields import FieldKeysApp

if TYPE_CHECKING:
    from dvtui.core.settings import Settings
    from dvtui.git.repo import Identity, WorkingState
    from dvtui.tui.start import FirstLook

WATCH_SECONDS = 2.0


class DvtuiApp(FieldKeysApp[int]):
    """Theo dõi kế hoạch dân vận — the office's daily workspace."""

    CSS_PATH = "app.tcss"
    TITLE = "dvtui"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {DvtuiCommands}
    BINDINGS = [  # labels are message keys, translated when shown (dvtui.tui.translated)
        Binding("f1", "help", N_("ui.key.help")),
        Binding("ctrl+p", "command_palette", N_("ui.key.palette"), show=False, priority=True),
        Binding("ctrl+q", "quit", N_("ui.key.quit"), priority=True),
    ]

    def __init__(
        self, store: Store, *, today: date, watch: bool = True, first: FirstLook | None = None
    ) -> None:
        """``first``: the records already being read (``dvtui.tui.start.begin``)."""
        super().__init__()
        self.store = store
        self.backend = Backend(self, store, first)
        self.today = today
        self.data: Dataset | None = None
        self.repo_state: WorkingState | None = None
        self.identity: Identity | None = None
        self.loads = 0  # how many times the records were (re)loaded: tests watch it
        self._watch = watch
        self.plan_choice: str | None = None  # the plan chosen on the dashboard

    @property
    def settings(self) -> Settings:
        """The data repo's settings."""
        return self.backend.settings

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

        ready = self.backend.first_loaded()
        if ready is not None:  # read while Textual was imported: the first paint shows them
            self._data_loaded(ready)
        self.push_screen(MainScreen())
        if ready is None and self.store.format < DATA_FORMAT:
            self.migrate_then_load()
        elif ready is None:
            self.load_data()
        if self._watch:
            self.set_interval(WATCH_SECONDS, self.check_for_changes)

    @property
    def plan(self) -> Plan | None:
        """The plan the screens show: the one chosen on the dashboard, else the setting's
        default, else the newest (``facts.plan_in_view``)."""
        if self.data is None:
            return None
        slugs = {p.id.name for p in self.data.plans()}
        choice = self.plan_choice if self.plan_choice in slugs else None
        return plan_in_view(self.data, self.settings, choice)

    def choose_plan(self, slug: str) -> None:
        """Show another plan on every screen (the dashboard's switch, a new year's plan)."""
        if slug == self.plan_choice:
            return
        self.plan_choice = slug
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if refresh is not None:
                refresh()

    def load_data(self) -> None:
        """Read every record (in a worker); the screens redraw when it is done."""
        self.backend.load()

    def migrate_then_load(self) -> None:
        """A data repo of an older dvtui: migrate it (one commit), then load and say so."""
        self.backend.migrate_then_load()

    def check_for_changes(self) -> None:
        """The 2 s watch: reload when the repo changed underneath (a pull, a CLI edit)."""
        self.backend.check_for_changes()

    @on(Loaded)
    def _data_loaded(self, message: Loaded) -> None:
        self.data = message.data
        self.repo_state = message.state
        self.identity = message.identity
        self.loads += 1
        for notice in message.notices:
            self.notify(notice, severity="warning", timeout=15, markup=False)
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_data", None)
            if refresh is not None:
                refresh()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.show_error(message.error)

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        """A load that failed says so where the data would be, never "Đang tải…" for ever."""
        from rich.text import Text

        from dvtui.core.problems import DataError
        from dvtui.tui.widgets.dashboard import Dashboard

        self.show_error(message.error)
        error = message.error
        detail = str(error) if isinstance(error, DataError) else repr(error)
        for screen in self.screen_stack:
            for dashboard in screen.query(Dashboard):
                dashboard.show(Text(t("ui.load_failed", detail=detail), style="bold red"))

    def show_error(self, error: BaseException) -> None:
        """A failure as one notification in the user's words."""
        self.notify(error_text(error), severity="error", timeout=10, markup=False)

    @on(IdentityNeeded)
    def _identity_needed(self, message: IdentityNeeded) -> None:
        self.ask_identity(message.retry, message.cancelled)

    def ask_identity(
        self, then: Callable[[], None], cancelled: Callable[[], None] | None = None
    ) -> None:
        """Ask who the user is (once per data repo), remember it, then run ``then``
        (``cancelled`` if the user closes the question)."""
        from dvtui.tui.screens.identity import IdentityScreen

        def done(identity: tuple[str, str] | None) -> None:
            if identity is not None:
                from dvtui.git.repo import Identity

                self.identity = Identity(*identity)  # known at once: ``then`` may need it
                self.backend.set_identity(*identity, then=then)
            elif cancelled is not None:
                cancelled()

        self.push_screen(IdentityScreen(), done)

    def history_of(self, record: Record) -> None:
        """Open the History screen of one record."""
        from dvtui.tui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(record))

    # --- actions and commands ------------------------------------------------------------

    def action_help(self) -> None:
        """Show the help screen."""
        from dvtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]:
        """Every screen and action, for the command palette: (title, help, callback)."""
        from dvtui.tui.screens.main import MainScreen

        main = next((s for s in self.screen_stack if isinstance(s, MainScreen)), None)
        if main is not None:
            yield from main.commands()
        yield t("ui.cmd.import_form"), t("ui.cmd.import_form_help"), self.action_import_form
        yield t("ui.cmd.help"), t("ui.cmd.help_help"), self.action_help
        yield t("ui.cmd.quit"), t("ui.cmd.quit_help"), self.exit

    def action_import_form(self) -> None:
        """Nhập biểu mẫu Excel: a filled form read, checked and imported."""
        from dvtui.tui.screens.import_form import ImportFormScreen

        self.push_screen(ImportFormScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Our own commands (quit among them) come from DvtuiCommands, which matches without
        # diacritics; here Textual's built-ins worth keeping, in the user's language.
        yield SystemCommand(t("ui.cmd.theme"), t("ui.cmd.theme_help"), self.action_change_theme)
        if screen.query("HelpPanel"):
            yield SystemCommand(
                t("ui.cmd.keys"), t("ui.cmd.keys_hide"), self.action_hide_help_panel
            )
        else:
            yield SystemCommand(
                t("ui.cmd.keys"), t("ui.cmd.keys_help"), self.action_show_help_panel
            )
        if screen.maximized is not None:
            yield SystemCommand(
                t("ui.cmd.minimize"), t("ui.cmd.minimize_help"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                t("ui.cmd.maximize"), t("ui.cmd.maximize_help"), screen.action_maximize
            )

    def action_command_palette(self) -> None:
        """Open the command palette (ours: it speaks the user's language)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette(placeholder=t("ui.palette.placeholder")))

    def search_themes(self) -> None:
        """Choose a theme, in the palette (Textual's says "Search for themes…")."""
        self.push_screen(Palette([ThemeProvider], placeholder=t("ui.palette.themes")))

    def action_help_quit(self) -> None:
        """Ctrl+C outside a text field: say how to quit (Textual says it in English)."""
        self.notify(t("ui.quit_hint"), markup=False)
