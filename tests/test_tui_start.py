"""The UI's start: the records read while Textual is imported, the tabs composed when first
shown. Each fast path is compared with the plain one on the same repo."""

from __future__ import annotations

from pathlib import Path

from old_layout import make_01_repo
from pilothelp import TODAY, loaded, make_app, open_export, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, TabbedContent

from dvtui.core.records import Report
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.screens.main import TABS, MainScreen
from dvtui.tui.start import begin
from dvtui.tui.widgets.record_table import RecordTable


def started(repo: Path) -> DvtuiApp:
    """The app as ``dvtui`` starts it: the first look begun before the app exists."""
    store = Store(repo)
    first = begin(store)
    assert first is not None
    first.wait()  # read before the app mounts, as while Textual is imported
    return DvtuiApp(store, today=TODAY, watch=False, first=first)


def tab_texts(app: DvtuiApp) -> dict[str, str]:
    """What each tab's table holds: every cell of every row."""
    texts = {}
    for table in app.screen.query(RecordTable):
        cells = [" | ".join(row.cells) for row in table._rows]
        texts[str(table.id)] = "\n".join(cells)
    return texts


async def every_tab(app: DvtuiApp, pilot: Pilot[int]) -> dict[str, str]:
    """The screen with each tab shown in turn."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    shown = {}
    for tab in TABS:
        filling = screen.action_tab(tab)
        if filling is not None:  # shown for the first time
            await filling
        await settle(pilot)
        shown[tab] = screen_text(app)
    return shown


async def test_the_first_look_shows_what_a_plain_load_shows(repo_path: Path) -> None:
    plain = make_app(repo_path)
    async with plain.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        plain_data = loaded(plain)
        plain_state, plain_identity = plain.repo_state, plain.identity
        plain_tabs = await every_tab(plain, pilot)
        plain_rows = tab_texts(plain)
    fast = started(repo_path)
    workers: list[str] = []
    load = fast.backend.load

    def counted() -> None:
        workers.append("load")
        load()

    fast.backend.load = counted  # type: ignore[method-assign]
    async with fast.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # No load worker ran: the records were there when the main screen mounted.
        assert workers == [] and fast.loads == 1
        fast_data = loaded(fast)
        fast_tabs = await every_tab(fast, pilot)
        fast_rows = tab_texts(fast)
    assert sorted(map(str, (r.id for r in fast_data))) == sorted(
        map(str, (r.id for r in plain_data))
    )
    assert list(fast_data) == list(plain_data)
    assert fast_data.problems == plain_data.problems
    assert (fast.repo_state, fast.identity) == (plain_state, plain_identity)
    assert fast_tabs == plain_tabs
    assert fast_rows == plain_rows and len(fast_rows) == len(TABS) - 1


async def test_a_first_look_still_running_is_taken_by_the_load_worker(repo_path: Path) -> None:
    store = Store(repo_path)
    first = begin(store)
    assert first is not None
    app = DvtuiApp(store, today=TODAY, watch=False, first=first)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.loads == 1 and app.data is not None
        assert "Báo cáo 6 tháng" in screen_text(app)


def test_a_repo_to_migrate_is_not_read_ahead(tmp_path: Path) -> None:
    repo = make_01_repo(tmp_path / "data")
    assert begin(Store(repo)) is None  # the app migrates first, then loads


async def test_only_the_dashboard_is_composed_at_start(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert not app.screen.query(RecordTable)
        await pilot.press("f4")
        assert [t.id for t in app.screen.query(RecordTable)] == ["units-table"]
        assert app.screen.query_one("#units-table", RecordTable).table.row_count > 0


async def test_a_tab_opened_by_its_header_is_filled(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#--content-tab-tasks")
        await settle(pilot)
        assert app.screen.query_one(TabbedContent).active == "tasks"
        table = app.screen.query_one("#tasks-table", RecordTable)
        assert table.query_one(DataTable).row_count == len(table._rows) > 0


async def test_the_period_is_chosen_before_the_reports_tab_is_opened(repo_path: Path) -> None:
    """The export dialog gets the working period from the dashboard, as before, and the
    reports tab opens on it."""
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_export(pilot)
        assert dialog.period == "2023-h1"  # the working period on 20/05/2023
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert app.screen.query_one("#period", Select).value == "2023-h1"
        table = app.screen.query_one("#reports-table", RecordTable)
        periods = {r.record.period for r in table._rows if isinstance(r.record, Report)}
        assert periods == {"2023-h1"}
