"""A task: the plan's own text, its progress notes, and the fields staff edit."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static

from dvtui.core.labels import TASK_STATUS
from dvtui.core.records import Record, Task
from dvtui.core.text import format_date, inert, nfc
from dvtui.i18n import t
from dvtui.tui.screens.form import FieldSpec, FormScreen
from dvtui.tui.screens.forms import options, unit_options
from dvtui.tui.widgets.fields import TextInput


def _note_lines(task: Task) -> list[Static]:
    if not task.notes:
        return [Static(Text(t("ui.no_notes")), classes="form-note")]
    lines = []
    for note in task.notes:
        line = Text(f"{format_date(note.on)} · {inert(note.author)}: ", style="bold")
        line.append(inert(note.text), style="")
        lines.append(Static(line, classes="note"))
    return lines


class TaskScreen(FormScreen):
    """Read the task as the plan words it; edit status, dates, units; add a progress note.

    A note typed in "Ghi chú tiến độ mới…" is part of what the form holds: Ctrl+S saves it
    with the other fields, and Esc asks before it is thrown away.
    """

    def __init__(self, task: Task) -> None:
        self.task_record = task
        super().__init__(Task, [], title=f"{task.code} {task.title}", record=task)

    def compose(self) -> ComposeResult:
        # The unit lists come from the app's data, reachable only once the screen is attached.
        app = self.dvtui
        self.fields = [
            FieldSpec("status", "select", options(TASK_STATUS)),
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
        yield Vertical(*_note_lines(self.task_record), id="notes")
        yield TextInput(placeholder=t("ui.note_placeholder"), id="new-note", compact=True)
        yield Button(t("ui.button.add_note"), id="add-note", compact=True)

    def record_changed(self, current: Record) -> None:
        """Someone added a note meanwhile: show it (the merge keeps both)."""
        assert isinstance(current, Task)
        self.task_record = current
        notes = self.query_one("#notes", Vertical)
        notes.remove_children()
        notes.mount_all(_note_lines(current))

    def _new_note(self) -> str:
        return nfc(self.query_one("#new-note", Input).value.strip())

    def unsaved(self) -> bool:
        return bool(self._new_note()) or super().unsaved()

    def save(self, **overrides: object) -> None:
        """Save the fields and, when one is typed, the new progress note, in one commit."""
        text = self._new_note()
        if text and "notes" not in overrides:
            identity = self.dvtui.identity
            if identity is None:  # the note is signed: ask who the user is, then save
                self.dvtui.ask_identity(lambda: self.save(**overrides))
                return
            note = {"on": self.dvtui.today, "author": identity.name, "text": text}
            overrides["notes"] = [*self.base.get("notes", []), note]
        super().save(**overrides)

    @on(Button.Pressed, "#add-note")
    @on(Input.Submitted, "#new-note")
    def _add_note(self) -> None:
        if not self._new_note():
            self._set_error("", t("ui.note_empty"), focus=True)
            self.query_one("#new-note", Input).focus()
            return
        self.save()
