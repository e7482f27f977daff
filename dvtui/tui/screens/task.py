"""A task: the plan's own text, its progress notes, and the fields staff edit."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from dvtui.core.problems import DataError
from dvtui.core.records import TASK_STATUSES, Task
from dvtui.core.schema import to_table
from dvtui.core.text import format_date, inert, nfc
from dvtui.i18n import t
from dvtui.tui.screens.form import FieldSpec, FormScreen
from dvtui.tui.screens.forms import unit_options
from dvtui.tui.widgets.fields import TextInput


class TaskScreen(FormScreen):
    """Read the task as the plan words it; edit status, dates, units; add a progress note."""

    def __init__(self, task: Task) -> None:
        self.task_record = task
        super().__init__(Task, [], title=f"{task.code} {task.title}", record=task)

    def compose(self) -> ComposeResult:
        # The unit lists come from the app's data, reachable only once the screen is attached.
        app = self.dvtui
        self.fields = [
            FieldSpec("status", "select", tuple((t(f"status.task.{s}"), s) for s in TASK_STATUSES)),
            FieldSpec("due", "date"),
            FieldSpec("completed_on", "date"),
            FieldSpec("lead_unit", "select", unit_options(app), blank=True),
            FieldSpec("assigned_units", "units", unit_options(app)),
        ]
        yield from super().compose()

    def compose_top(self) -> Iterable[Widget]:
        if self.task_record.text:
            yield Static(Text(inert(self.task_record.text)), classes="plan-text")
        yield Label(t("field.notes"), classes="section")
        if not self.task_record.notes:
            yield Static(Text(t("ui.no_notes")), classes="form-note")
        for note in self.task_record.notes:
            line = Text(f"{format_date(note.on)} · {inert(note.author)}: ", style="bold")
            line.append(inert(note.text), style="")
            yield Static(line, classes="note")
        yield TextInput(placeholder=t("ui.note_placeholder"), id="new-note", compact=True)
        yield Button(t("ui.button.add_note"), id="add-note", compact=True)

    @on(Button.Pressed, "#add-note")
    @on(Input.Submitted, "#new-note")
    def _add_note(self) -> None:
        text = nfc(self.query_one("#new-note", Input).value.strip())
        if not text:
            self._set_error("", t("ui.note_empty"))
            return
        try:
            author = self.dvtui.store.identity().name
        except DataError:
            self.dvtui._ask_identity_then(self._add_note)
            return
        notes = [*to_table(self.task_record).get("notes", [])]
        notes.append({"on": self.dvtui.today, "author": author, "text": text})
        self.save(notes=notes)
