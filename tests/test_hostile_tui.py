"""Rich/Textual markup and terminal escapes in every text field, shown literally by the UI.

Text pasted from anywhere may hold ``[b]``, ``[@click=app.quit]``, ``[link=…]`` or ESC
sequences. Stored as typed; every screen that shows it (tables, forms, their labels, the
history) must show the brackets as they are and never interpret them.
"""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from dvtui.core.ids import RecordId
from dvtui.core.records import Report, Task, Unit
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.screens.forms import ReportForm
from dvtui.tui.screens.history import HistoryScreen
from dvtui.tui.widgets.record_table import RecordTable

UNIT_NAME = "UBND [b]xã[/b] Quài Cang"
TASK_TITLE = "[red]Tuyên truyền[/]"
DOC_NUMBER = "[@click=app.quit]45[/]"
NOTE = "[link=http://e.vil]ghi chú[/link]"
NARRATIVE = "[reverse]đảo[/reverse] [$accent]màu[/] \x1b[2Jxóa"


def screen_text(app: DvtuiApp) -> str:
    """What the terminal shows: the SVG's text runs joined (styles split a line into runs)."""
    runs = re.findall(r">([^<]*)</text>", app.export_screenshot())
    return html.unescape("".join(runs)).replace("\xa0", " ")


async def settle(pilot: Pilot[int]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def plant(repo: Path) -> None:
    """Hostile text in the text fields of a unit, a task and a report (real commits)."""
    store = Store(repo)
    unit = store.get(RecordId.parse("units/ubnd-xa-quai-cang"))
    assert isinstance(unit, Unit)
    store.replace(unit, name=UNIT_NAME)
    task = store.get(RecordId.parse("tasks/2023-ii-1"))
    assert isinstance(task, Task)
    store.replace(task, title=TASK_TITLE)
    report = store.get(RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang"))
    assert isinstance(report, Report)
    store.replace(
        report,
        document_number=DOC_NUMBER,
        review_note=NOTE,
        narrative={**report.narrative, "2023-ii-1": NARRATIVE},
    )


async def test_markup_in_every_text_field_is_shown_literally(repo_path: Path) -> None:
    plant(repo_path)
    app = DvtuiApp(Store(repo_path), today=date(2023, 5, 20), watch=False)
    async with app.run_test(size=(160, 120)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert UNIT_NAME in screen_text(app)  # the units table
        await pilot.press("f3")
        await settle(pilot)
        assert TASK_TITLE in screen_text(app)  # the tasks table
        await pilot.press("f5")
        table = app.screen.query_one("#reports-table", RecordTable)
        table.query_one(Input).value = "quai cang"
        await pilot.pause()
        assert UNIT_NAME in screen_text(app)  # the reports table
        table.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportForm)
        shown = screen_text(app)
        assert UNIT_NAME in shown  # the form's heading
        assert TASK_TITLE in shown  # a narrative field's label
        for value in (DOC_NUMBER, NOTE):
            assert value in shown
        assert "[reverse]đảo[/reverse] [$accent]màu[/]" in shown
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        shown = screen_text(app)
        for value in (DOC_NUMBER, NOTE):
            assert value in shown, value
        assert "\x1b" not in shown
        assert app.is_running  # [@click=app.quit] never became an action
    report = Store(repo_path).get(RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang"))
    assert isinstance(report, Report)
    assert dataclasses.asdict(report)["document_number"] == DOC_NUMBER  # stored as typed
    assert report.narrative["2023-ii-1"] == NARRATIVE


async def test_notifications_and_titles_show_control_characters_as_escapes(
    repo_path: Path,
) -> None:
    hostile = "Pú Xi \x1b]0;PWNED\x07 \u202eđảo\x9b2J [b]đậm[/b]"
    app = DvtuiApp(Store(repo_path), today=date(2023, 5, 20), watch=False)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await settle(pilot)
        app.screen.title = hostile
        app.notify(hostile, title=hostile, timeout=30)
        await settle(pilot)
        shown = screen_text(app)
        escaped = "Pú Xi \\x1b]0;PWNED\\x07 \\u202eđảo\\x9b2J [b]đậm[/b]"
        assert shown.count(escaped) >= 3  # the Header, the toast's title and its message
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", shown)
