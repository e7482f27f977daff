"""A filterable list of records: a one-line filter box above a table.

The filter ignores diacritics and case (``quai cang`` finds ``Quài Cang``). Rows are built
once per data load (and only for a table on screen); a keystroke only scans their pre-folded
text — only the previous matches when it adds to the filter — and the table receives the
matches a page at a time, so a list of 50,000 records stays responsive.
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

from dvtui.core.records import Record
from dvtui.core.text import fold
from dvtui.i18n import N_, t
from dvtui.reports.listing import Row
from dvtui.tui.widgets.fields import TextInput

# Rows put into the table at a time: each costs the table a measure of every cell, so a
# keystroke shows the first matches at once and the rest follow as the cursor or the
# scrolling comes near the end (NEAR_END rows before it).
PAGE = 100
NEAR_END = 10

RowsProvider = Callable[[], tuple[list[str], list[Row]]]


class RecordTable(Vertical):
    """Filter box + table of records; posts ``Opened`` when a row is chosen with Enter."""

    # A widget that stands alone carries its own styles (the app's .tcss holds the rest).
    DEFAULT_CSS = """
    RecordTable {
        height: 1fr;
    }
    RecordTable > .filter {
        margin: 0;
        background: $boost;
    }
    RecordTable > DataTable {
        height: 1fr;
    }
    RecordTable > .table-status {
        height: 1;
        color: $text-muted;
    }
    """

    BINDINGS = [
        Binding("slash", "focus_filter", N_("ui.key.filter")),
        Binding("escape", "clear_filter", N_("ui.key.clear_filter"), show=False),
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
        self._matched: list[Row] = []  # the rows the filter matches (shown: a first part)
        self._matched_key = ""  # the folded filter they match

    def compose(self) -> ComposeResult:
        yield TextInput(placeholder=t("ui.filter_placeholder"), compact=True, classes="filter")
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
        self._apply_filter(fresh=True)

    def _set_columns(self, columns: list[str]) -> None:
        if columns != self._columns:
            self._columns = columns
            table = self.table
            table.clear(columns=True)
            table.add_columns(*columns)

    def _apply_filter(self, *, fresh: bool = False) -> None:
        """Show the rows matching the filter; ``fresh``: the rows themselves changed.

        Typing one more letter can only narrow the list, so then only the rows matched
        before are scanned; and when the matches did not change, the table is left alone.
        """
        words = fold(self.filter_text).split()
        key = " ".join(words)
        before = self._matched
        if not words:
            matched = self._rows
        else:
            narrowing = not fresh and key.startswith(self._matched_key)
            pool = before if narrowing else self._rows
            if len(words) == 1:
                word = words[0]
                matched = [r for r in pool if word in r.haystack]
            else:
                matched = [r for r in pool if all(w in r.haystack for w in words)]
        self._matched, self._matched_key = matched, key
        if not fresh and _same_start(matched, before, len(self._shown)):
            self._update_status()
            return
        table = self.table
        selected = self.selected_record
        table.clear()
        self._shown = matched[:PAGE]
        table.add_rows([Text(cell) for cell in row.cells] for row in self._shown)
        if selected is not None:
            for index, row in enumerate(self._shown):
                if row.record.id == selected.id:
                    table.move_cursor(row=index, animate=False)
                    break
        self._update_status()

    def _show_more(self) -> None:
        """Put the next page of matches into the table (the cursor or scrolling got near)."""
        shown = len(self._shown)
        more = self._matched[shown : shown + PAGE]
        if not more:
            return
        self._shown = self._shown + more
        self.table.add_rows([Text(cell) for cell in row.cells] for row in more)
        self._update_status()

    def _update_status(self) -> None:
        status = self.query_one(".table-status", Static)
        if len(self._matched) > len(self._shown):
            status.update(t("ui.rows_paged", shown=len(self._shown), total=len(self._matched)))
        else:
            status.update(t("ui.rows", shown=len(self._matched), total=len(self._rows)))

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self._shown) - NEAR_END:
            self._show_more()

    def _scrolled(self, _old: float, _new: float) -> None:
        table = self.table
        if table.scroll_y >= table.max_scroll_y - NEAR_END:
            self._show_more()

    def on_mount(self) -> None:
        """Follow the table's scrolling, to add rows before the last one is reached."""
        self.watch(self.table, "scroll_y", self._scrolled, init=False)

    def ensure_current(self) -> None:
        """Rebuild now if a reload was put off while the table was hidden."""
        if self._stale:
            self._stale = False
            columns, self._rows = self._provider()
            self._set_columns(columns)
            self._apply_filter(fresh=True)

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


def _same_start(new: list[Row], old: list[Row], shown: int) -> bool:
    """The same matches, as far as the table shows them (the table can stay as it is)."""
    if len(new) != len(old):
        return False
    count = max(shown, min(PAGE, len(new)))
    return all(a is b for a, b in zip(new[:count], old[:count], strict=True))
