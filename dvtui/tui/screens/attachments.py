"""The files a record keeps (the document a unit sent): listed, attached, opened.

Attaching is ``dvtui attach``'s work (:mod:`dvtui.services.attach`), asked of the backend:
one commit with the record. Opening writes a checked copy under its own name into the git
folder (never committed) and hands it to the system's viewer (:mod:`dvtui.programs`).
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Label, Static

from dvtui.core.attachments import size_text
from dvtui.core.records import Attachment, Record
from dvtui.core.text import format_date, inert
from dvtui.i18n import N_, t
from dvtui.tui.backend import Host
from dvtui.tui.messages import Failed, Opened, Saved, error_text
from dvtui.tui.translated import TranslatedModal
from dvtui.tui.widgets.fields import TextInput


class AttachmentsScreen(TranslatedModal[bool]):
    """A record's attachments; dismisses with True when the record changed (a file attached,
    a form imported)."""

    BINDINGS = [Binding("escape", "close", N_("ui.key.cancel"))]

    def __init__(self, record: Record, title: str) -> None:
        super().__init__()
        self.record = record
        self.heading = title
        self.attached = False

    @property
    def dvtui(self) -> Host:
        """The app, as screens may use it."""
        return cast(Host, self.app)

    @property
    def listed(self) -> list[Attachment]:
        """The files the record lists."""
        return list(getattr(self.record, "attachments", []))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog attachments"):
            yield Static(
                Text(t("ui.attach.title", record=inert(self.heading))), classes="dialog-title"
            )
            yield DataTable[Text](id="attachments-table", cursor_type="row", zebra_stripes=True)
            yield Label(t("ui.attach.path"))
            yield TextInput(id="attach-path", compact=True, placeholder=t("ui.attach.path_hint"))
            yield Static("", id="attach-said")
            with Horizontal(classes="buttons"):
                yield Button(t("ui.attach.add"), id="attach-add", variant="primary")
                yield Button(t("ui.attach.open"), id="attach-open")
                yield Button(t("ui.button.import_form"), id="attach-import")
                yield Button(t("ui.button.close"), id="attach-close")

    def on_mount(self) -> None:
        table = self.query_one("#attachments-table", DataTable)
        for key in (N_("col.file"), N_("col.size"), N_("col.added_on"), N_("col.added_by")):
            table.add_column(t(key))
        self._fill()
        self.query_one("#attach-path", Input).focus()

    def _fill(self) -> None:
        table = self.query_one("#attachments-table", DataTable)
        table.clear()
        for a in self.listed:
            cells = (a.name, size_text(a.size), format_date(a.added_on), a.added_by)
            table.add_row(*(Text(inert(c)) for c in cells), key=a.sha256)
        self.query_one("#attach-open", Button).disabled = not self.listed
        if not self.listed:
            self._say(t("ui.attach.none"))

    def _say(self, text: str, *, error: bool = False) -> None:
        said = self.query_one("#attach-said", Static)
        said.update(Text(inert(text)))  # a reason can quote a path
        said.set_class(error, "error")

    # --- attach ---------------------------------------------------------------------------

    def _chosen_path(self) -> Path | None:
        """The path typed, checked as the user types: a file within the size limit."""
        text = self.query_one("#attach-path", Input).value.strip().strip('"')
        if not text:
            return None
        path = Path(text).expanduser()
        limit = self.dvtui.settings.attachment_limit_mb
        if not path.is_file():
            self._say(t("err.attach.not_file", path=str(path)), error=True)
            return None
        size = path.stat().st_size
        if size > limit * 1024 * 1024:
            self._say(
                t(
                    "err.attach.too_big",
                    path=str(path),
                    size=size_text(size),
                    limit=size_text(limit * 1024 * 1024),
                ),
                error=True,
            )
            return None
        self._say(t("ui.attach.ready", name=path.name, size=size_text(size)))
        return path

    @on(Input.Changed, "#attach-path")
    def _path_changed(self) -> None:
        if self.query_one("#attach-path", Input).value.strip():  # (emptied: the last word stays)
            self._chosen_path()

    @on(Input.Submitted, "#attach-path")
    @on(Button.Pressed, "#attach-add")
    def _add(self) -> None:
        path = self._chosen_path()
        if path is None:
            if not self.query_one("#attach-path", Input).value.strip():
                self._say(t("ui.attach.path_needed"), error=True)
            return
        self.query_one("#attach-add", Button).disabled = True
        self._say(t("ui.attach.working"))
        self.dvtui.backend.attach(self, self.record.id, path, self.dvtui.today)

    # --- open -----------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    @on(Button.Pressed, "#attach-open")
    def _open(self) -> None:
        table = self.query_one("#attachments-table", DataTable)
        if not self.listed or table.cursor_row < 0:
            return
        attachment = self.listed[min(table.cursor_row, len(self.listed) - 1)]
        self._say(t("ui.attach.opening", name=attachment.name))
        self.dvtui.backend.open_attachment(self, attachment)

    # --- outcomes -------------------------------------------------------------------------

    @on(Saved)
    def _attached(self, message: Saved) -> None:
        message.stop()
        self.record = message.result.record
        self.attached = True
        self.query_one("#attach-add", Button).disabled = False
        self.query_one("#attach-path", Input).value = ""
        self._fill()
        self._say(t("ui.attach.done", sha=message.result.sha[:8]))
        self.notify(t("ui.saved", sha=message.result.sha[:8]), markup=False)

    @on(Opened)
    def _opened(self, message: Opened) -> None:
        key = N_("ui.attach.opened") if message.reason == "done" else N_("ui.attach.no_viewer")
        self._say(t(key, path=str(message.copy)))

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        self.query_one("#attach-add", Button).disabled = False
        self._say(error_text(message.error), error=True)

    @on(Button.Pressed, "#attach-import")
    def _import_form(self) -> None:
        """A filled Excel form is a file the unit sent too: imported as its report."""
        from dvtui.tui.screens.import_form import ImportFormScreen

        typed = self.query_one("#attach-path", Input).value.strip().strip('"')
        start = typed if typed.lower().endswith(".xlsx") else ""

        def closed(imported: bool | None) -> None:
            if imported:
                self.dismiss(True)  # the report changed: the form reopens it as saved

        self.app.push_screen(ImportFormScreen(start), closed)

    @on(Button.Pressed, "#attach-close")
    def action_close(self) -> None:
        """Close (True when a file was attached: the report form shows it)."""
        self.dismiss(self.attached)
