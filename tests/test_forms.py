"""Forms save what the user changed, against what the user saw (issue 11, items 1 and 2).

The real app through Pilot on a real data repo, and the real ``dvtui set`` in a subprocess
changing the same record while a form is open. The app's reload (the 2 s watch) is driven
explicitly with ``check_for_changes``, except in one test that lets the real timer run.
"""

from __future__ import annotations

import time
from pathlib import Path

from conftest import cli, git
from pilothelp import TODAY, commit_count, make_app, open_report, settle, wait_until
from textual.widgets import Input, SelectionList, TextArea

from dvtui.core import codec
from dvtui.core.records import Report, Task
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.screens.form import FormScreen
from dvtui.tui.screens.main import MainScreen
from dvtui.tui.screens.merge import SaveConflictScreen
from dvtui.tui.screens.task import TaskScreen

PU_XI = "reports/2023-h1/ubnd-xa-pu-xi"


def on_disk(repo: Path, rid: str) -> Report | Task:
    relpath = f"records/{rid}.toml"
    record, problems = codec.decode(relpath, (repo / relpath).read_bytes())
    assert isinstance(record, Report | Task), problems
    return record


def cli_set(repo: Path, rid: str, *assignments: str) -> None:
    done = cli("--repo", str(repo), "set", rid, *assignments)
    assert done.returncode == 0, done.stderr


async def reload(app: DvtuiApp, pilot: object) -> None:
    """What the 2 s watch does when the repo changed."""
    app.check_for_changes()
    await settle(pilot)  # type: ignore[arg-type]


async def test_a_cli_save_after_the_reload_is_kept_when_the_form_saves(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "pu xi")
        cli_set(repo_path, PU_XI, "document_number=99/BC-UBND", "figures.dialogues=4")
        await reload(app, pilot)  # the form's record is now older than the disk
        assert app.screen is form
        form.query_one("#f-figures--conferences", Input).value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    saved = on_disk(repo_path, PU_XI)
    assert isinstance(saved, Report)
    assert saved.document_number == "99/BC-UBND"
    assert saved.figures.dialogues == 4
    assert saved.figures.conferences == 7
    body = git(repo_path, "log", "-1", "--format=%B")
    assert "99/BC-UBND" not in body and "→ 7" in body  # my one change, nothing reverted


async def test_an_open_form_shows_what_changed_on_disk_in_fields_not_touched(
    repo_path: Path,
) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "pu xi")
        form.query_one("#f-figures--conferences", Input).value = "7"
        await pilot.pause()
        cli_set(repo_path, PU_XI, "document_number=99/BC-UBND", "figures.conferences=3")
        await reload(app, pilot)
        assert form.query_one("#f-document_number", Input).value == "99/BC-UBND"
        assert form.query_one("#f-figures--conferences", Input).value == "7"  # mine, kept
        notice = str(form.query_one("#form-changed").render())
        assert "vừa được thay đổi" in notice


async def test_the_same_field_changed_by_the_cli_is_asked_never_overwritten(
    repo_path: Path,
) -> None:
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "pu xi")
        form.query_one("#f-document_number", Input).value = "12/BC-UBND"
        await pilot.pause()
        cli_set(repo_path, PU_XI, "document_number=99/BC-UBND")
        await reload(app, pilot)
        assert form.query_one("#f-document_number", Input).value == "12/BC-UBND"
        assert "Số văn bản" in str(form.query_one("#form-changed").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SaveConflictScreen)  # asked, nothing written yet
        assert commit_count(repo_path) == before + 1
        shown = app.screen.query_one("#save-conflict-0").render()
        text = str(shown) + " ".join(str(w.render()) for w in app.screen.query("RadioButton"))
        assert "99/BC-UBND" in text and "12/BC-UBND" in text
        who = " ".join(str(w.render()) for w in app.screen.query(".who"))
        assert "Nguyễn Thị Lan" in who  # the CLI's author, from the record's history
        await pilot.press("escape")  # back to the form: still nothing overwritten
        await settle(pilot)
        assert form.is_current
        assert on_disk(repo_path, PU_XI).document_number == "99/BC-UBND"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SaveConflictScreen)
        app.screen.choose(0, "mine")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert on_disk(repo_path, PU_XI).document_number == "12/BC-UBND"  # type: ignore[union-attr]
    assert commit_count(repo_path) == before + 2


async def test_keeping_theirs_in_a_conflict_keeps_my_other_fields(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "pu xi")
        cli_set(repo_path, PU_XI, "document_number=99/BC-UBND")
        form.query_one("#f-document_number", Input).value = "12/BC-UBND"
        form.query_one("#f-figures--conferences", Input).value = "5"
        await pilot.press("ctrl+s")  # no reload in between: the save itself finds it
        await settle(pilot)
        assert isinstance(app.screen, SaveConflictScreen)
        app.screen.choose(0, "theirs")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    saved = on_disk(repo_path, PU_XI)
    assert isinstance(saved, Report)
    assert saved.document_number == "99/BC-UBND"
    assert saved.figures.conferences == 5


async def test_the_real_watch_timer_then_a_save_keeps_the_cli_change(repo_path: Path) -> None:
    app = DvtuiApp(Store(repo_path), today=TODAY, watch=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "pu xi")
        loads = app.loads
        cli_set(repo_path, PU_XI, "figures.dialogues=4")
        deadline = time.monotonic() + 15
        while app.loads == loads:  # the real 2 s timer notices the commit and reloads
            assert time.monotonic() < deadline, "the watch never reloaded"
            await pilot.pause(0.2)
        await settle(pilot)
        form.query_one("#f-figures--conferences", Input).value = "7"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
    saved = on_disk(repo_path, PU_XI)
    assert isinstance(saved, Report)
    assert (saved.figures.dialogues, saved.figures.conferences) == (4, 7)


# --- item 2: everything the form holds, and nothing more ---------------------------------


async def open_first_task(pilot: object) -> TaskScreen:
    await pilot.press("f3")  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, TaskScreen)
    return screen


async def test_ctrl_s_saves_the_typed_progress_note_with_the_status(repo_path: Path) -> None:
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        task = await open_first_task(pilot)
        task.query_one("#f-status").value = "in-progress"  # type: ignore[attr-defined]
        task.query_one("#new-note", Input).value = "Đã họp triển khai"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    saved = on_disk(repo_path, "tasks/2023-ii-1")
    assert isinstance(saved, Task)
    assert saved.status == "in-progress"
    assert [n.text for n in saved.notes][-1:] == ["Đã họp triển khai"]
    assert commit_count(repo_path) == before + 1


async def test_escape_with_a_typed_note_asks_first(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        task = await open_first_task(pilot)
        task.query_one("#new-note", Input).value = "Ghi chú chưa lưu"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)  # the question is on top
        await pilot.press("k")
        await pilot.pause()
        assert app.screen is task


async def test_a_task_save_with_no_change_makes_no_commit_and_says_so(repo_path: Path) -> None:
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        task = await open_first_task(pilot)
        units = task.query_one("#f-assigned_units", SelectionList)
        assert len(units.selected) > 3
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        said = [n.message for n in app._notifications]
        assert any("Không có thay đổi" in m for m in said), said
    assert commit_count(repo_path) == before


async def test_a_task_save_never_records_a_reordering_of_the_units(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        task = await open_first_task(pilot)
        task.query_one("#f-due", Input).value = "30/11/2023"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    body = git(repo_path, "log", "-1", "--format=%B")
    assert "Đơn vị thực hiện" not in body, body
    assert "assigned_units" not in body


async def test_units_stored_in_another_order_are_not_recorded_as_changed(
    repo_path: Path,
) -> None:
    """A file whose units are in another order (an older dvtui, a hand edit) is saved in the
    one order, and the commit still names only what the user changed."""
    relpath = "records/tasks/2023-ii-1.toml"
    text = (repo_path / relpath).read_text(encoding="utf-8")
    head, rest = text.split("assigned_units = [\n", 1)
    units, tail = rest.split("]\n", 1)
    reversed_units = "".join(reversed(units.splitlines(keepends=True)))
    (repo_path / relpath).write_text(
        f"{head}assigned_units = [\n{reversed_units}]\n{tail}", encoding="utf-8"
    )
    git(repo_path, "commit", "-qam", "Sửa tay thứ tự đơn vị")
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        task = await open_first_task(pilot)
        task.query_one("#f-due", Input).value = "30/11/2023"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    body = git(repo_path, "log", "-1", "--format=%B")
    assert "Hạn" in body and "Đơn vị thực hiện" not in body, body
    assert "Field: assigned_units" not in body
    assert "Field: assigned_units" not in git(repo_path, "log", "-1", "--format=%B", "--", relpath)


async def test_a_report_narrative_typed_then_saved(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "pu xi")
        form.query_one("#f-narrative--2023-ii-1", TextArea).text = "Đã tổ chức hội nghị"
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = on_disk(repo_path, PU_XI)
    assert isinstance(saved, Report)
    assert saved.narrative["2023-ii-1"] == "Đã tổ chức hội nghị"
