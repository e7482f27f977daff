"""The record list at scale: narrowing as one types, widening back, rows a page at a time;
always the same rows a plain scan of every row finds."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Input, Static

from dvtui.core.records import Unit
from dvtui.core.text import fold
from dvtui.reports.listing import Row
from dvtui.storage import Store
from dvtui.tui.widgets.record_table import PAGE, RecordTable

COMMUNES = ["Quài Cang", "Quài Nưa", "Tỏa Tình", "Mùn Chung", "Nà Sáy", "Phình Sáng"]


def many_rows(repo: Path, count: int) -> list[Row]:
    units = Store(repo).load().of(Unit)
    rows = []
    for i in range(count):
        name = f"UBND xã {COMMUNES[i % len(COMMUNES)]} {i}"
        cells = [str(i), name]
        rows.append(Row(units[i % len(units)], cells, fold(" ".join(cells))))
    return rows


class Bench(App[None]):
    def __init__(self, rows: list[Row]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield RecordTable(lambda: (["#", "Tên"], self.rows), id="t")


def shown(app: Bench) -> list[str]:
    table = app.query_one(DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def expected(rows: list[Row], query: str) -> list[str]:
    words = fold(query).split()
    return [r.cells[0] for r in rows if all(w in r.haystack for w in words)]


async def test_typing_narrows_and_deleting_widens_like_a_full_scan(repo_path: Path) -> None:
    rows = many_rows(repo_path, 1000)
    app = Bench(rows)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(RecordTable)
        table.reload()
        await pilot.pause()
        table.query_one(Input).focus()
        typed = ""
        for key in "quai cang 1":
            typed += key
            await pilot.press("space" if key == " " else key)
            await pilot.pause()
            assert shown(app) == expected(rows, typed)[:PAGE], typed
        for _ in range(len(typed)):
            typed = typed[:-1]
            await pilot.press("backspace")
            await pilot.pause()
            assert shown(app) == expected(rows, typed)[:PAGE], typed
        table.query_one(Input).value = "toa tinh"  # pasted: not an extension of the last
        await pilot.pause()
        assert shown(app) == expected(rows, "tỏa tình")[:PAGE]


async def test_rows_arrive_a_page_at_a_time_as_the_cursor_goes_down(repo_path: Path) -> None:
    rows = many_rows(repo_path, 3 * PAGE + 5)
    app = Bench(rows)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.query_one(RecordTable)
        table.reload()
        await pilot.pause()
        data = app.query_one(DataTable)
        assert data.row_count == PAGE
        status = str(app.query_one(".table-status", Static).render())
        assert f"{PAGE}" in status and f"{len(rows)}" in status
        data.focus()
        await pilot.press("ctrl+end")  # to the last row shown: the next page follows
        await pilot.pause()
        assert data.row_count == 2 * PAGE
        for _ in range(3):
            await pilot.press("ctrl+end")
            await pilot.pause()
        assert shown(app) == [r.cells[0] for r in rows]  # all of them, in order
        assert table.selected_record is rows[data.cursor_row].record
