"""A filterable list of records: a one-line filter box above a table.

The filter ignores diacritics and case (``quai cang`` finds ``Quài Cang``). Rows are built
once per data load; a keystroke only scans their pre-folded text, and at most ``PAGE`` rows
are put into the table, so a list of 50,000 records stays responsive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from dvtui.domain.records import Record
from dvtui.i18n import t
from dvtui.listing import Row

PAGE = 500

RowsProvider = Callable[[], tuple[list[str], list[Row]]]


class RecordTable(Vertical):
    """Filter box + table of records; posts ``Opened`` when a row is chosen with Enter."""

    BINDINGS = [
        Binding("slash", "focus_filter", t("ui.key.filter")),
        Binding("escape", "clear_filter", t("ui.key.clear_filter"), show=False),
    ]

    @dataclass
    class Opened(Message):
        """A record was chosen (Enter or double click)."""

        table: RecordTable
        record: Record

        @property
        def control(self) -> RecordTable:
            """The table the record was chosen in."""
            return self.table

    def __init__(self, provider: RowsProvider, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="record-table")
        self._provider = provider
        self._rows: list[Row] = []
        self._shown: list[Row] = []
        self._columns: list[str] = []
        self._stale = False  # a reload was put off while hidden

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("ui.filter_placeholder"), compact=True, classes="filter")
        yield DataTable(cursor_type="row", zebra_stripes=True)
        yield Static("", classes="table-status")

    @property
    def table(self) -> DataTable[Text]:
        """The DataTable inside."""
        return self.query_one(DataTable)

    @property
    def filter_text(self) -> str:
        """What is typed in the filter box."""
        return self.query_one(Input).value

    def reload(self) -> None:
        """Rebuild the rows from the provider (after a data load), keeping filter and cursor.

        A table on a hidden tab only remembers that it is out of date and rebuilds when it
        is shown: the app starts, and reloads after every save, without building the rows
        of tabs nobody is looking at (tens of thousands at province scale).
        """
        if not self._visible():
            self._stale = True
            return
        self._stale = False
        columns, self._rows = self._provider()
        self._set_columns(columns)
        self._apply_filter()

    def _set_columns(self, columns: list[str]) -> None:
        if columns != self._columns:
            self._columns = columns
            table = self.table
            table.clear(columns=True)
            table.add_columns(*columns)

    def _apply_filter(self) -> None:
        query = self.filter_text
        matched = [r for r in self._rows if r.matches(query)] if query.strip() else self._rows
        table = self.table
        selected = self.selected_record
        table.clear()
        self._shown = matched[:PAGE]
        table.add_rows(
            ([Text(cell) for cell in row.cells] for row in self._shown),
        )
        if selected is not None:
            for index, row in enumerate(self._shown):
                if row.record.id == selected.id:
                    table.move_cursor(row=index, animate=False)
                    break
        status = self.query_one(".table-status", Static)
        if len(matched) > PAGE:
            status.update(t("ui.rows_paged", shown=PAGE, total=len(matched)))
        else:
            status.update(t("ui.rows", shown=len(matched), total=len(self._rows)))

    def ensure_current(self) -> None:
        """Rebuild now if a reload was put off while the table was hidden."""
        if self._stale:
            self._stale = False
            columns, self._rows = self._provider()
            self._set_columns(columns)
            self._apply_filter()

    def _visible(self) -> bool:
        """Neither this table nor any container above it is hidden (an inactive tab)."""
        return all(node.display for node in self.ancestors_with_self)

    def on_show(self) -> None:
        """Shown (its tab chosen): catch up with the data if a reload was put off."""
        self.ensure_current()

    @property
    def selected_record(self) -> Record | None:
        """The record under the cursor, if any."""
        table = self.table
        if not self._shown or table.cursor_row < 0 or table.cursor_row >= len(self._shown):
            return None
        return self._shown[table.cursor_row].record

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply_filter()

    @on(Input.Submitted, ".filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.table.focus()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        record = self.selected_record
        if record is not None:
            self.post_message(self.Opened(self, record))

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one(Input).focus()

    def action_clear_filter(self) -> None:
        """Empty the filter box and go back to the table."""
        self.query_one(Input).value = ""
        self.table.focus()
