"""A generic record form: fields validated as you type, reasons shown inline, Ctrl+S saves.

A form edits a copy of the record's TOML table; saving validates it with the same schema
the loader uses, so the UI can never write what ``dvtui validate`` would refuse.

A form remembers what the user saw, field by field (``base``), and saves against it: the
store merges (what the user saw, the form, the file now), so fields the user did not touch
keep what others saved meanwhile, and a field both changed is put to the user
(:class:`~dvtui.tui.screens.merge.SaveConflictScreen`). When the record changes on disk
while the form is open (the app's reload), the fields the user has not touched are
refreshed and the form says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import (
    Button,
    Footer,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TextArea,
)

from dvtui.core.changes import NO_RECORDS, Lookup, field_label, flatten
from dvtui.core.ids import RecordId
from dvtui.core.merge import Choice
from dvtui.core.problems import DataError, FieldError, message
from dvtui.core.records import Record
from dvtui.core.schema import assign, from_table, parse_field, to_table
from dvtui.core.text import format_date, inert
from dvtui.i18n import N_, t
from dvtui.storage.store import SaveConflict
from dvtui.tui.backend import Host
from dvtui.tui.messages import Saved, SaveFailed
from dvtui.tui.translated import TranslatedScreen
from dvtui.tui.widgets.fields import TextEditor, TextInput

FieldKind = Literal["text", "date", "int", "select", "multiline", "units"]


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: the record's (dotted) field name and how it is edited."""

    name: str
    kind: FieldKind = "text"
    options: tuple[tuple[str, str], ...] = ()  # (label, value) for select and units
    label: str | None = None
    blank: bool = False  # a select that may be left empty

    @property
    def widget_id(self) -> str:
        """A CSS-safe id for the field's widget."""
        return "f-" + self.name.replace(".", "--")


def _display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return str(value)


class FormScreen(TranslatedScreen[bool]):
    """Edit one record; dismisses with True after a successful save."""

    BINDINGS = [
        Binding("ctrl+s", "save", N_("ui.key.save"), priority=True),
        Binding("escape", "cancel", N_("ui.key.cancel")),
        Binding("f7", "history", N_("ui.key.history")),
    ]

    def __init__(
        self,
        cls: type[Record],
        fields: list[FieldSpec],
        *,
        title: str,
        record: Record | None = None,
        make_id: Callable[[dict[str, Any]], RecordId] | None = None,
    ) -> None:
        super().__init__()
        self.cls = cls
        self.fields = fields
        self.heading = title
        self.record = record
        self.make_id = make_id
        # What the user saw, field by field: the record as opened, with the fields the user
        # had not touched refreshed from disk since. Saves are merged against it.
        self.base: dict[str, Any] = to_table(record) if record is not None else {}
        self._disk = self.base  # the record's table as last seen on disk
        self._shown: dict[str, Any] = {}  # each field's widget value as last set from a record
        self._saving = False
        self._sent: Record | None = None

    @property
    def dvtui(self) -> Host:
        """The app, as screens may use it."""
        return cast(Host, self.app)

    @property
    def names(self) -> Lookup:
        """Where labels find the records a value names (the loaded data)."""
        return self.dvtui.data or NO_RECORDS

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="form"):
            yield Static(Text(inert(self.heading), style="bold"), classes="form-title")
            yield Static("", id="form-changed", classes="form-note")
            yield from self.compose_top()
            yield Static("", id="form-error", classes="error")
            values = flatten(self.base)
            for spec in self.fields:
                tall = spec.kind in ("multiline", "units")
                with Vertical(classes="field tall" if tall else "field"):
                    # Text, not a markup string: a label can hold a task's title (data)
                    label = spec.label or field_label(spec.name, self.names)
                    yield Label(Text(inert(label)))
                    yield self._widget(spec, values.get(spec.name))
                    yield Static("", id=f"{spec.widget_id}-error", classes="error")
            yield from self.compose_bottom()
        # Outside the scrolling part: the buttons stay visible however long the form.
        with Horizontal(classes="buttons form-buttons"):
            yield Button(t("ui.button.save"), id="save", variant="primary", compact=True)
            for button_id, label in self.extra_buttons():
                yield Button(label, id=button_id, compact=True)
            yield Button(t("ui.button.cancel"), id="cancel", compact=True)
        yield Footer()

    def compose_top(self) -> Iterable[Widget]:
        """Widgets above the fields (subclasses: read-only context)."""
        return ()

    def compose_bottom(self) -> Iterable[Widget]:
        """Widgets below the fields."""
        return ()

    def extra_buttons(self) -> list[tuple[str, str]]:
        """(id, label) of buttons beside Save."""
        return []

    def _widget(self, spec: FieldSpec, value: Any) -> Widget:
        if spec.kind == "select":
            options = [(Text(inert(label)), v) for label, v in spec.options]
            return Select(
                options,
                value=value if value is not None else Select.NULL,
                allow_blank=spec.blank or value is None,
                prompt=t("ui.choose"),
                id=spec.widget_id,
                compact=True,
            )
        if spec.kind == "multiline":
            return TextEditor(_display(value), id=spec.widget_id, soft_wrap=True)
        if spec.kind == "units":
            chosen = set(value or [])
            return SelectionList[str](
                *[(Text(inert(label)), v, v in chosen) for label, v in spec.options],
                id=spec.widget_id,
            )
        placeholder = t("ui.date_placeholder") if spec.kind == "date" else ""
        return TextInput(_display(value), placeholder=placeholder, id=spec.widget_id, compact=True)

    def on_mount(self) -> None:
        self.title = self.heading
        for static in self.query(".error").results(Static):
            static.display = False
        self.query_one("#form-changed", Static).display = False
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self._shown = {spec.name: self._value_key(spec) for spec in self.fields}
        if self.fields:  # the first field has the focus: typing starts there
            self.query_one(f"#{self.fields[0].widget_id}").focus()

    # --- what the user touched ---------------------------------------------------------

    def _value_key(self, spec: FieldSpec) -> Any:
        raw = self._raw(spec)
        return tuple(sorted(raw)) if spec.kind == "units" else raw

    def touched(self, spec: FieldSpec) -> bool:
        """True when the user changed this field since it was last filled from a record."""
        return spec.name in self._shown and self._value_key(spec) != self._shown[spec.name]

    def unsaved(self) -> bool:
        """True when closing now would lose something typed."""
        return any(self.touched(spec) for spec in self.fields)

    def _fill(self, spec: FieldSpec, value: Any) -> None:
        """Put a record's value in a field's widget."""
        widget = self.query_one(f"#{spec.widget_id}")
        if isinstance(widget, Select):
            widget.value = value if value is not None else Select.NULL
        elif isinstance(widget, TextArea):
            widget.load_text(_display(value))
        elif isinstance(widget, SelectionList):
            widget.deselect_all()
            for item in value or []:
                widget.select(item)
        else:
            cast(Input, widget).value = _display(value)
        self._shown[spec.name] = self._value_key(spec)

    def refresh_data(self) -> None:
        """The app reloaded: if this record changed on disk, take the changes in the fields
        the user has not touched, keep the others, and say so."""
        if self._saving or self.record is None or not self._shown:
            return
        data = self.dvtui.data
        current = data.get(self.record.id) if data is not None else None
        if current is None:
            return
        disk = to_table(current)
        if disk == self._disk:
            return
        seen, now = flatten(self.base), flatten(disk)
        base = {k: (dict(v) if isinstance(v, dict) else v) for k, v in disk.items()}
        both: list[str] = []
        for spec in self.fields:
            if self.touched(spec):
                assign(base, spec.name, seen.get(spec.name))
                if now.get(spec.name) != seen.get(spec.name):
                    both.append(spec.label or field_label(spec.name, self.names))
            elif now.get(spec.name) != seen.get(spec.name):
                self._fill(spec, now.get(spec.name))
        self.base, self._disk = base, disk
        self.record_changed(current)
        text = t("ui.form.changed_on_disk")
        if both:
            text += " " + t("ui.form.changed_both", fields=", ".join(both))
        notice = self.query_one("#form-changed", Static)
        notice.update(Text(inert(text), style="bold"))
        notice.display = True

    def record_changed(self, current: Record) -> None:
        """Subclasses: redraw read-only parts from the record as it is on disk now."""

    # --- values and validation ----------------------------------------------------------

    def _raw(self, spec: FieldSpec) -> Any:
        widget = self.query_one(f"#{spec.widget_id}")
        if isinstance(widget, Select):
            return None if widget.is_blank() else widget.value
        if isinstance(widget, TextArea):
            return widget.text.strip() or None
        if isinstance(widget, SelectionList):
            return list(widget.selected)
        return cast(Input, widget).value

    def _parse(self, spec: FieldSpec) -> Any:
        """The field's value; :class:`FieldError` when what is typed is not valid."""
        raw = self._raw(spec)
        if spec.kind in ("text", "date", "int"):
            return parse_field(self.cls, spec.name, raw)
        return raw

    def _set_error(self, name: str, text: str, *, focus: bool = False) -> None:
        """Show (or, with ``""``, clear) the reason under a field, or above the fields.

        With ``focus``, the field takes the focus and the reason scrolls into view: an
        error the user cannot see is no better than none.
        """
        spec = next((s for s in self.fields if s.name == name), None)
        target = f"#{spec.widget_id}-error" if spec else "#form-error"
        static = self.query_one(target, Static)
        static.update(Text(inert(text)))  # a reason can quote what was typed
        static.display = bool(text)
        if focus and text:
            if spec is not None:
                self.query_one(f"#{spec.widget_id}").focus(scroll_visible=False)
            self.call_after_refresh(static.scroll_visible)

    def _clear_errors(self) -> None:
        for static in self.query(".error").results(Static):
            static.update("")
            static.display = False

    def check_field(self, spec: FieldSpec) -> bool:
        """Validate one field now; show the reason under it."""
        try:
            self._parse(spec)
        except FieldError as exc:
            self._set_error(spec.name, str(exc))
            return False
        self._set_error(spec.name, "")
        return True

    def build(self, **overrides: object) -> Record | None:
        """The record as the form stands (plus ``overrides``), or None with reasons shown.

        Only the fields the user touched are taken from the widgets: the others keep the
        value the user saw, exactly (a text area's trailing line break included).
        """
        self._clear_errors()
        table = {k: (dict(v) if isinstance(v, dict) else v) for k, v in self.base.items()}
        failed: list[tuple[str, str]] = []
        for spec in self.fields:
            if self.record is not None and not self.touched(spec):
                continue
            try:
                assign(table, spec.name, self._parse(spec))
            except FieldError as exc:
                failed.append((spec.name, str(exc)))
        for name, value in overrides.items():
            assign(table, name, value)
        if not failed:
            try:
                rid = self.make_id(table) if self.make_id else cast(Record, self.record).id
            except DataError as exc:
                failed.append(("", str(exc)))
            else:
                record, issues = from_table(self.cls, table, id=rid)
                if record is not None:
                    return record
                for issue in issues:
                    label = field_label(issue.field, self.names)
                    failed.append((issue.field, f"{label}: {message(issue.code, issue.args)}"))
        for n, (name, text) in enumerate(failed):
            self._set_error(name, text, focus=n == 0)
        return None

    def _spec_of(self, widget: Widget) -> FieldSpec | None:
        return next((s for s in self.fields if s.widget_id == widget.id), None)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        spec = self._spec_of(event.input)
        if spec is not None:
            self.check_field(spec)

    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _other_changed(self, event: TextArea.Changed | Select.Changed) -> None:
        spec = self._spec_of(event.control) if event.control is not None else None
        if spec is not None:  # a reason given for the old value no longer holds
            self._set_error(spec.name, "")

    # --- actions -------------------------------------------------------------------------

    def save(self, **overrides: object) -> None:
        """Validate and save; the form closes when the commit is made.

        A save that would change nothing makes no commit: the form says so and closes.
        """
        record = self.build(**overrides)
        if record is None:
            self.notify(t("ui.form_invalid"), severity="warning", markup=False)
            return
        if self.record is not None and to_table(record) == self.base:
            self.notify(t("ui.form.no_change"), markup=False)
            self.dismiss(False)
            return
        self._send(record)

    def _send(self, record: Record, choices: dict[str, Choice] | None = None) -> None:
        self._sent = record
        self._saving = True
        self.query_one("#save", Button).disabled = True
        # A report a period expects but nobody saved yet (facts.expected_reports) is created.
        data = self.dvtui.data
        create = self.record is None or (data is not None and self.record.id not in data)
        base = None if create else self.base
        self.dvtui.backend.save(self, record, base=base, create=create, choices=choices)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        message.stop()
        self.notify(t("ui.saved", sha=message.result.sha[:8]), markup=False)
        self.dismiss(True)

    @on(SaveFailed)
    def _save_failed(self, message: SaveFailed) -> None:
        message.stop()
        self._saving = False
        self.query_one("#save", Button).disabled = False
        error = message.error
        if isinstance(error, SaveConflict):
            self._ask(error)
        elif isinstance(error, DataError) and error.code == "err.no_change":
            self.notify(t("ui.form.no_change"), markup=False)
            self.dismiss(False)
        elif isinstance(error, DataError):
            self._set_error("", str(error), focus=True)
            self.notify(str(error), severity="error", timeout=10, markup=False)
        else:
            self.notify(t("ui.unexpected", detail=repr(error)), severity="error", markup=False)

    def _ask(self, conflict: SaveConflict) -> None:
        """Someone changed the same field: the user chooses, then the same record is sent."""
        from dvtui.tui.screens.merge import SaveConflictScreen

        record = self._sent

        def chosen(choices: dict[str, Choice] | None) -> None:
            if choices is not None and record is not None:
                self._send(record, choices)

        self.app.push_screen(SaveConflictScreen(self.heading, conflict), chosen)

    def action_save(self) -> None:
        """Ctrl+S."""
        self.save()

    def action_cancel(self) -> None:
        """Esc: leave, asking first when something typed would be lost."""
        if not self.unsaved():
            self.dismiss(False)
            return
        from dvtui.tui.screens.confirm import ConfirmScreen

        def answer(leave: bool | None) -> None:
            if leave:
                self.dismiss(False)

        self.app.push_screen(ConfirmScreen(t("ui.confirm_discard")), answer)

    def action_history(self) -> None:
        """F7: the history of this record."""
        if self.record is not None:
            self.dvtui.history_of(self.record)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
