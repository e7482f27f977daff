"""A generic record form: fields validated as you type, reasons shown inline, Ctrl+S saves.

A form edits a copy of the record's TOML table; saving validates it with the same schema
the loader uses, so the UI can never write what ``dvtui validate`` would refuse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
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

from dvtui.core.changes import field_label, flatten
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError, FieldError
from dvtui.core.records import Record
from dvtui.core.schema import assign, field_type, from_table, parse_field_text, to_table
from dvtui.core.text import format_date, inert
from dvtui.i18n import t
from dvtui.tui.widgets.fields import TextEditor, TextInput

if TYPE_CHECKING:
    from dvtui.tui.app import DvtuiApp

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


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return format_date(value)
    return str(value)


class FormScreen(Screen[bool]):
    """Edit one record; dismisses with True after a successful save."""

    BINDINGS = [
        Binding("ctrl+s", "save", t("ui.key.save"), priority=True),
        Binding("escape", "cancel", t("ui.key.cancel")),
        Binding("f7", "history", t("ui.key.history")),
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
        self.base: dict[str, Any] = to_table(record) if record is not None else {}
        self.dirty = False
        self._loading = True

    @property
    def dvtui(self) -> DvtuiApp:
        """The app, typed."""
        return cast("DvtuiApp", self.app)

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="")
        with VerticalScroll(id="form"):
            yield Static(Text(inert(self.heading), style="bold"), classes="form-title")
            yield from self.compose_top()
            yield Static("", id="form-error", classes="error")
            values = flatten(self.base)
            for spec in self.fields:
                tall = spec.kind in ("multiline", "units")
                with Vertical(classes="field tall" if tall else "field"):
                    # Text, not a markup string: a label can hold a task's title (data)
                    yield Label(Text(inert(spec.label or field_label(spec.name))))
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
        self.call_after_refresh(self._loaded)

    def _loaded(self) -> None:
        self._loading = False

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
            tp, _ = field_type(self.cls, spec.name)
            return parse_field_text(tp, raw)
        return raw

    def _set_error(self, name: str, text: str) -> None:
        spec = next((s for s in self.fields if s.name == name), None)
        target = f"#{spec.widget_id}-error" if spec else "#form-error"
        static = self.query_one(target, Static)
        static.update(Text(inert(text)))  # a reason can quote what was typed
        static.display = bool(text)

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

    def build(self, **overrides: Any) -> Record | None:
        """The record as the form stands (plus ``overrides``), or None with reasons shown."""
        self._clear_errors()
        table = {k: (dict(v) if isinstance(v, dict) else v) for k, v in self.base.items()}
        ok = True
        for spec in self.fields:
            try:
                assign(table, spec.name, self._parse(spec))
            except FieldError as exc:
                self._set_error(spec.name, str(exc))
                ok = False
        for name, value in overrides.items():
            assign(table, name, value)
        if not ok:
            return None
        try:
            rid = self.make_id(table) if self.make_id else cast(Record, self.record).id
        except DataError as exc:
            self._set_error("", str(exc))
            return None
        record, issues = from_table(self.cls, table, id=rid)
        for issue in issues:
            self._set_error(
                issue.field, f"{field_label(issue.field)}: {t(issue.code, **issue.args)}"
            )
        return cast(Record | None, record)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        spec = next((s for s in self.fields if s.widget_id == event.input.id), None)
        if spec is not None:
            self.check_field(spec)
            self._touch()

    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _other_changed(self) -> None:
        self._touch()

    def _touch(self) -> None:
        if not self._loading:
            self.dirty = True

    # --- actions -------------------------------------------------------------------------

    def save(self, **overrides: Any) -> None:
        """Validate and save; the form closes when the commit is made."""
        record = self.build(**overrides)
        if record is None:
            self.notify(t("ui.form_invalid"), severity="warning", markup=False)
            return
        self.query_one("#save", Button).disabled = True

        def saved(_result: Any) -> None:
            self.dismiss(True)

        def failed(error: DataError) -> None:
            self.query_one("#save", Button).disabled = False
            self._set_error("", str(error))

        # A report a period expects but nobody saved yet (facts.expected_reports) is created.
        data = self.dvtui.data
        create = self.record is None or (data is not None and self.record.id not in data)
        self.dvtui.save(record, create=create, on_saved=saved, on_failed=failed)

    def action_save(self) -> None:
        """Ctrl+S."""
        self.save()

    def action_cancel(self) -> None:
        """Esc: leave, asking first when there are unsaved edits."""
        if not self.dirty:
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
