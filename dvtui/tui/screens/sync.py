"""Sync (Đồng bộ) with progress, and the conflict screen: base, mine, theirs per field.

The git work runs in a thread worker through ``dvtui.services.sync``; progress comes back
through ``call_from_thread``. A conflict never touches the repository until the user
has chosen for every field and confirmed.
"""

from __future__ import annotations

from typing import cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Header, ProgressBar, Static

from dvtui.core.changes import NO_RECORDS
from dvtui.core.facts import title_of
from dvtui.core.ids import RecordId
from dvtui.core.labels import label
from dvtui.core.merge import Choice, Conflict
from dvtui.core.problems import DataError, FieldError
from dvtui.core.text import inert
from dvtui.i18n import N_, t, tn
from dvtui.services import synctypes as syncing
from dvtui.tui.backend import Host
from dvtui.tui.messages import Failed, Resolved, Synced, SyncProgress
from dvtui.tui.translated import TranslatedModal, TranslatedScreen
from dvtui.tui.widgets.conflict import ConflictRow

OUTCOME = {
    "up-to-date": N_("ui.sync.outcome.up-to-date"),
    "pulled": N_("ui.sync.outcome.pulled"),
    "pushed": N_("ui.sync.outcome.pushed"),
    "merged": N_("ui.sync.outcome.merged"),
    "conflict": N_("ui.sync.outcome.conflict"),
}
TAKE = {
    "mine": N_("ui.conflict.mine"),
    "theirs": N_("ui.conflict.theirs"),
    "base": N_("ui.conflict.base"),
}


def result_text(result: syncing.SyncResult) -> Text:
    """What came in and what went out, by record and by whom."""
    text = Text(label(OUTCOME, result.outcome) + "\n", style="bold")
    for heading, records in (
        (tn("ui.sync.incoming", len(result.incoming_records)), result.incoming_records),
        (tn("ui.sync.outgoing", len(result.outgoing_records)), result.outgoing_records),
    ):
        if not records:
            continue
        text.append(heading + "\n", style="bold")
        for item in records[:20]:
            text.append(f"  • {inert(item.record)} — {inert(', '.join(item.authors))}\n")
        if len(records) > 20:
            text.append(f"  … (+{len(records) - 20})\n")
    if result.push_error:
        text.append(inert(result.push_error) + "\n", style="bold red")
    return text


class SyncScreen(TranslatedModal[None]):
    """Runs one sync and shows its progress and result; conflicts open the conflict screen."""

    BINDINGS = [Binding("escape", "close", N_("ui.key.back"))]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(t("ui.sync.title"), style="bold"))
            yield ProgressBar(total=1.0, show_eta=False, id="sync-progress")
            yield Static(Text(t("ui.sync.starting")), id="sync-stage")
            yield Static("", id="sync-result")
            with Horizontal(classes="buttons"):
                yield Button(t("ui.button.close"), id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#close", Button).disabled = True
        self.run_sync()

    @property
    def dvtui(self) -> Host:
        """The app, as screens may use it."""
        return cast(Host, self.app)

    @on(SyncProgress)
    def _show_progress(self, message: SyncProgress) -> None:
        step = message.step
        self.query_one("#sync-stage", Static).update(Text(inert(step.text)))
        bar = self.query_one(ProgressBar)
        if step.fraction is not None:
            bar.update(progress=step.fraction)
        elif step.stage == "done":
            bar.update(progress=1.0)

    def run_sync(self) -> None:
        """Fetch, merge, push — in a worker."""
        self.dvtui.backend.sync(self)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        text = (
            str(message.error)
            if isinstance(message.error, DataError)
            else t("ui.unexpected", detail=repr(message.error))
        )
        self.query_one("#sync-stage", Static).update(Text(inert(text), style="bold red"))
        self.query_one("#close", Button).disabled = False

    @on(Synced)
    def _done(self, message: Synced) -> None:
        result = message.result
        self.query_one(ProgressBar).update(progress=1.0)
        self.query_one("#sync-result", Static).update(result_text(result))
        self.query_one("#close", Button).disabled = False
        if result.outcome == "conflict":
            self.app.push_screen(ConflictScreen(result.conflicts), self._resolved)

    def _resolved(self, result: syncing.SyncResult | None) -> None:
        """Back from the conflict screen: once settled, say what the sync did in the end."""
        if result is not None:
            self.query_one("#sync-result", Static).update(result_text(result))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close once the sync has finished."""
        if not self.query_one("#close", Button).disabled:
            self.dismiss(None)


class ConflictScreen(TranslatedScreen[syncing.SyncResult | None]):
    """Settle each conflicting field, then commit the merge (and send it)."""

    BINDINGS = [
        Binding("ctrl+s", "resolve", N_("ui.conflict.finish"), priority=True),
        Binding("escape", "app.pop_screen", N_("ui.conflict.later")),
    ]

    def __init__(self, conflicts: list[Conflict]) -> None:
        super().__init__()
        self.conflicts = conflicts

    @property
    def dvtui(self) -> Host:
        """The app, as screens may use it."""
        return cast(Host, self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        names = self.dvtui.data or NO_RECORDS
        with VerticalScroll(id="conflicts"):
            yield Static(Text(tn("ui.conflict.explain", len(self.conflicts))))
            yield Static("", id="conflict-error", classes="error")
            labels = {take: t(key) for take, key in TAKE.items()}
            for i, conflict in enumerate(self.conflicts):
                yield ConflictRow(
                    conflict, i, self._label(conflict), labels, names=names, typed_value=True
                )
        with Horizontal(classes="buttons form-buttons"):
            yield Button(t("ui.conflict.finish"), id="finish", variant="primary", compact=True)
            yield Button(t("ui.conflict.later"), id="later", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("ui.conflict.title")

    def _label(self, conflict: Conflict) -> str:
        """The record's name as people say it, else its path."""
        data = self.dvtui.data
        if conflict.record and data is not None:
            record = data.get(RecordId.parse(conflict.record))
            if record is not None:
                return title_of(record, data)
        return conflict.record or conflict.path

    def choices(self) -> dict[tuple[str, str], Choice] | None:
        """Every row's choice, or None with the reasons shown under the rows."""
        out: dict[tuple[str, str], Choice] = {}
        ok = True
        for row in self.query(ConflictRow):
            try:
                out[row.conflict.key] = row.choice()
                row.show_error("")
            except FieldError as exc:
                row.show_error(str(exc))
                ok = False
        return out if ok else None

    @on(Button.Pressed, "#finish")
    def action_resolve(self) -> None:
        """Commit the merge with the choices made, then send it."""
        choices = self.choices()
        if choices is None:
            return
        self.query_one("#finish", Button).disabled = True
        self.dvtui.backend.resolve(self, choices)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        self.query_one("#finish", Button).disabled = False
        error = self.query_one("#conflict-error", Static)
        error.update(Text(inert(str(message.error))))
        error.display = True
        error.scroll_visible()

    @on(Resolved)
    def _done(self, message: Resolved) -> None:
        result = message.result
        self.notify(t("ui.conflict.done"), markup=False)
        if result.push_error:
            self.notify(result.push_error, severity="warning", markup=False, timeout=10)
        self.dismiss(result)

    @on(Button.Pressed, "#later")
    def _later(self) -> None:
        self.dismiss(None)
