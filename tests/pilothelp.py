"""What the Pilot tests share: the app on a data repo as of a fixed day, waiting for its
workers, opening a report, reading the screen."""

from __future__ import annotations

import contextlib
import html
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from conftest import git
from textual.pilot import Pilot
from textual.widgets import Input, Select
from textual.worker import WorkerCancelled

from dvtui.core.dataset import Dataset
from dvtui.core.ids import RecordId
from dvtui.core.records import Period, Report
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.screens.export import ExportReportScreen
from dvtui.tui.screens.forms import ReportForm
from dvtui.tui.widgets.record_table import RecordTable

TODAY = date(2023, 5, 20)
QUAI_CANG_H1 = "reports/2023-h1/ubnd-xa-quai-cang"


def make_app(repo: Path) -> DvtuiApp:
    return DvtuiApp(Store(repo), today=TODAY, watch=False)


def loaded(app: DvtuiApp) -> Dataset:
    """The dataset the app shows (the app has loaded by the time a test asks)."""
    assert app.data is not None
    return app.data


def first_half(app: DvtuiApp) -> Period:
    period = loaded(app).period("2023-h1")
    assert period is not None
    return period


def shown_report(app: DvtuiApp, rid: str) -> Report:
    """A report as the app holds it now."""
    record = loaded(app).get(RecordId.parse(rid))
    assert isinstance(record, Report)
    return record


async def settle(pilot: Pilot[int]) -> None:
    """Let workers finish and their messages arrive."""
    for _ in range(3):
        # an exclusive worker replaced by a newer one is fine
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot: Pilot[int], ready: Callable[[], bool], seconds: float = 20) -> None:
    """Settle until ``ready()`` holds (a screen's own worker may start a little later)."""
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, "the screen never got there"
        await settle(pilot)


def commit_count(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


async def open_export(
    pilot: Pilot[int], fmt: str | None = None, path: Path | None = None
) -> ExportReportScreen:
    """The "Xuất báo cáo" dialog opened with Ctrl+E, its format and file chosen if given."""
    await pilot.press("ctrl+e")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportReportScreen)
    if fmt is not None:
        dialog.query_one("#export-format", Select).value = fmt
        await pilot.pause()
    if path is not None:
        dialog.query_one("#export-path", Input).value = str(path)
    return dialog


async def open_report(pilot: Pilot[int], query: str) -> ReportForm:
    await pilot.press("f5")
    table = pilot.app.screen.query_one("#reports-table", RecordTable)
    table.query_one(Input).value = query
    await pilot.pause()
    table.table.focus()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReportForm)
    return pilot.app.screen


def screen_text(app: DvtuiApp) -> str:
    """What the terminal shows (the SVG screenshot, unescaped)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")
