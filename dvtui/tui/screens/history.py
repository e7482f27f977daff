"""History (Lịch sử) of one record: every change, who made it, when, old → new per field."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from dvtui.core.changes import NO_RECORDS, Lookup, describe
from dvtui.core.facts import title_of
from dvtui.core.labels import ACTION, label
from dvtui.core.records import Record
from dvtui.core.text import inert
from dvtui.i18n import N_, t
from dvtui.tui.backend import Host
from dvtui.tui.messages import HistoryLoaded
from dvtui.tui.translated import TranslatedScreen

if TYPE_CHECKING:
    from dvtui.storage import HistoryEntry


def entry_text(entry: HistoryEntry, names: Lookup) -> Text:
    """One change as the screen shows it: labels of fields, names of the records values name."""
    text = Text()
    text.append(f"{entry.when:%d/%m/%Y %H:%M}", style="bold")
    text.append(" · ")
    text.append(inert(entry.author), style="bold cyan")
    text.append(f" · {label(ACTION, entry.action)}\n")
    text.append(inert(entry.subject) + "\n", style="italic")
    for change in entry.changes:
        text.append(f"  • {inert(describe(change, names))}\n")
    return text


class HistoryScreen(TranslatedScreen[None]):
    """Newest change first; Esc goes back."""

    BINDINGS = [Binding("escape", "app.pop_screen", N_("ui.key.back"))]

    def __init__(self, record: Record) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="history"):
            yield Static(Text(t("ui.loading")), id="history-body")
        yield Footer()

    def on_mount(self) -> None:
        app = cast(Host, self.app)
        name = title_of(self.record, app.data) if app.data else str(self.record.id)
        self.title = t("ui.history_title", name=name)
        app.backend.history(self, self.record.id)

    @on(HistoryLoaded)
    def _loaded(self, message: HistoryLoaded) -> None:
        self._show(message.entries)

    def _show(self, entries: list[HistoryEntry]) -> None:
        names = cast(Host, self.app).data or NO_RECORDS
        body = Text()
        body.append(str(self.record.id) + "\n\n", style="dim")
        if not entries:
            body.append(t("ui.no_history"))
        for entry in entries:
            body.append_text(entry_text(entry, names))
            body.append("\n")
        self.query_one("#history-body", Static).update(body)
