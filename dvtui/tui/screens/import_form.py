"""Importing a filled Excel form from the UI: the file, the day it was received, what it
changes (values it would overwrite marked), then one commit — after a confirmation when a
saved value would be replaced. The work is ``dvtui import``'s (:mod:`dvtui.services.forms`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from dvtui.core.changes import NO_RECORDS, field_label, value_text
from dvtui.core.facts import title_of
from dvtui.core.text import format_date, inert, parse_date
from dvtui.i18n import N_, t, tn
from dvtui.tui.backend import Host
from dvtui.tui.messages import Failed, FormRead, Saved, error_text
from dvtui.tui.translated import TranslatedModal
from dvtui.tui.widgets.fields import TextInput

if TYPE_CHECKING:
    from dvtui.services.forms import Imported


class ImportFormScreen(TranslatedModal[bool]):
    """Read a filled form, show what it changes, import it; dismisses True once imported."""

    BINDINGS = [Binding("escape", "close", N_("ui.key.cancel"))]

    def __init__(self, path: str = "") -> None:
        super().__init__()
        self.start_path = path
        self.imported: Imported | None = None
        self.done = False

    @property
    def dvtui(self) -> Host:
        """The app, as screens may use it."""
        return cast(Host, self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog import-form"):
            yield Static(Text(t("ui.import.title")), classes="dialog-title")
            yield Label(t("ui.import.path"))
            yield TextInput(self.start_path, id="import-path", compact=True)
            yield Label(t("ui.import.received"))
            yield TextInput(format_date(self.dvtui.today), id="import-received", compact=True)
            yield Static("", id="import-said")
            with VerticalScroll(id="import-changes-box"):
                yield Static("", id="import-changes")
            with Horizontal(classes="buttons"):
                yield Button(t("ui.import.read"), id="import-read", variant="primary")
                yield Button(t("ui.import.save"), id="import-save", disabled=True)
                yield Button(t("ui.button.close"), id="import-close")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def _say(self, text: str, *, error: bool = False) -> None:
        said = self.query_one("#import-said", Static)
        said.update(Text(inert(text)))
        said.set_class(error, "error")

    # --- read ------------------------------------------------------------------------------

    @on(Input.Changed)
    def _changed(self) -> None:
        """Another file or date: what was read no longer stands."""
        self.imported = None
        self.query_one("#import-save", Button).disabled = True
        self.query_one("#import-changes", Static).update("")

    @on(Input.Submitted)
    @on(Button.Pressed, "#import-read")
    def _read(self) -> None:
        text = self.query_one("#import-path", Input).value.strip().strip('"')
        if not text:
            self._say(t("ui.attach.path_needed"), error=True)
            return
        try:
            received = parse_date(self.query_one("#import-received", Input).value)
        except ValueError:
            value = self.query_one("#import-received", Input).value
            self._say(t("ui.import.bad_date", value=value), error=True)
            return
        self._say(t("ui.import.reading"))
        self.dvtui.backend.read_form(self, Path(text).expanduser(), received)

    @on(FormRead)
    def _read_done(self, message: FormRead) -> None:
        self._show(message.imported)

    def _show(self, imported: Imported) -> None:
        self.imported = imported
        lines = Text()
        marked = {c.field for c in imported.overwritten}
        names = cast(Host, self.app).data or NO_RECORDS
        for c in imported.changes:
            if c.field == "attachments":
                continue
            line = t(
                "cli.import.change",
                field=field_label(c.field, names),
                old=value_text(c.field, c.old, names),
                new=value_text(c.field, c.new, names),
            )
            style = "bold red" if c.field in marked else ""
            lines.append(inert(("! " if c.field in marked else "  ") + line) + "\n", style=style)
        self.query_one("#import-changes", Static).update(lines)
        title = title_of(imported.report, names)  # as people name it, not its address
        if imported.overwritten:
            self._say(tn("ui.import.overwrites", len(imported.overwritten), id=title), error=True)
        else:
            self._say(tn("ui.import.ready", len(imported.changes), id=title))
        self.query_one("#import-save", Button).disabled = False

    # --- save ------------------------------------------------------------------------------

    @on(Button.Pressed, "#import-save")
    def _save(self) -> None:
        imported = self.imported
        if imported is None:
            return
        if imported.overwritten:
            from dvtui.tui.screens.confirm import ConfirmScreen

            def answer(yes: bool | None) -> None:
                if yes:
                    self._commit(imported)

            names = self.dvtui.data or NO_RECORDS
            title = title_of(imported.report, names)
            question = tn("ui.import.confirm", len(imported.overwritten), id=title)
            self.app.push_screen(ConfirmScreen(question), answer)
            return
        self._commit(imported)

    def _commit(self, imported: Imported) -> None:
        self.query_one("#import-save", Button).disabled = True
        self.dvtui.backend.import_form(self, imported, self.dvtui.today)

    # --- outcomes ----------------------------------------------------------------------------

    @on(Saved)
    def _imported(self, message: Saved) -> None:
        message.stop()
        result = message.result
        self.done = True
        self.imported = None
        title = title_of(result.record, self.dvtui.data or NO_RECORDS)
        self._say(t("ui.import.done", id=title, sha=result.sha[:8]))
        self.notify(t("ui.saved", sha=result.sha[:8]), markup=False)

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        self._say(error_text(message.error), error=True)
        self.query_one("#import-save", Button).disabled = self.imported is None

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        """Close (True when a form was imported)."""
        self.dismiss(self.done)
