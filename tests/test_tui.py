"""The real app, driven through Pilot, on a real temporary data repo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import USER_NAME, git
from pilothelp import (
    QUAI_CANG_H1,
    TODAY,
    commit_count,
    first_half,
    loaded,
    make_app,
    open_report,
    screen_text,
    settle,
    shown_report,
    wait_until,
)
from textual.widgets import DataTable, Input, TextArea

from dvtui.core.facts import summarize_period
from dvtui.core.ids import RecordId
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.screens.form import FormScreen
from dvtui.tui.screens.forms import ReportForm
from dvtui.tui.screens.history import HistoryScreen
from dvtui.tui.screens.main import MainScreen
from dvtui.tui.screens.task import TaskScreen
from dvtui.tui.widgets.record_table import RecordTable


async def test_record_report_received_makes_one_commit_and_moves_dashboard(repo_path: Path) -> None:
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        period = first_half(app)
        assert summarize_period(loaded(app), period, TODAY, app.store.settings).submitted == 0
        form = await open_report(pilot, "quai cang")
        assert form.report.id == RecordId.parse(QUAI_CANG_H1)
        form.query_one("#f-submitted_on", Input).value = "10/05/2023"
        form.query_one("#f-document_number", Input).value = "45/BC-UBND"
        form.query_one("#f-figures--dialogues", Input).value = "3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        summary = summarize_period(loaded(app), period, TODAY, app.store.settings)
        assert (summary.submitted, summary.on_time) == (1, 1)
        await pilot.press("f2")
        await pilot.pause()
        assert "1/34" in screen_text(app)
    assert commit_count(repo_path) == before + 1
    assert git(repo_path, "log", "-1", "--format=%an").strip() == USER_NAME
    trailers = git(repo_path, "log", "-1", "--format=%(trailers:key=Field,valueonly)").split()
    assert sorted(trailers) == ["document_number", "figures.dialogues", "status", "submitted_on"]
    text = (repo_path / "records" / f"{QUAI_CANG_H1}.toml").read_text(encoding="utf-8")
    assert 'status = "submitted"' in text and "submitted_on = 2023-05-10" in text


async def test_invalid_date_is_refused_inline_without_commit(repo_path: Path) -> None:
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-submitted_on", Input).value = "31/02/2023"
        await pilot.pause()
        error = form.query_one("#f-submitted_on-error")
        assert error.display and "31/02/2023" in str(error.render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # still open: nothing saved
    assert commit_count(repo_path) == before
    assert git(repo_path, "status", "--porcelain") == ""


async def test_return_then_approve_shows_both_in_history(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-submitted_on", Input).value = "12/05/2023"
        form.query_one("#f-review_note", TextArea).text = "Bổ sung số liệu tiếp công dân"
        await pilot.click("#return")
        await pilot.press("c")  # Có: approving and returning are asked first
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        form = await open_report(pilot, "quai cang")
        assert form.report.status == "returned"
        await pilot.click("#approve")
        await pilot.press("c")
        await settle(pilot)
        record = shown_report(app, QUAI_CANG_H1)
        assert record.status == "approved" and record.reviewer == USER_NAME
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        shown = str(app.screen.query_one("#history-body").render())
    assert "Yêu cầu bổ sung → Đã duyệt" in shown
    assert "Chưa nộp → Yêu cầu bổ sung" in shown
    assert "Bổ sung số liệu tiếp công dân" in shown


async def test_filter_without_diacritics_finds_unit(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        table = app.screen.query_one("#units-table", RecordTable)
        await pilot.press("slash")
        for key in "toa tinh":
            await pilot.press(key if key != " " else "space")
        await pilot.pause()
        rows = table.query_one(DataTable)
        assert rows.row_count == 1
        assert "Tỏa Tình" in str(rows.get_row_at(0)[0])


async def test_note_markup_and_escapes_are_shown_literally(repo_path: Path) -> None:
    app = make_app(repo_path)
    hostile = "[red]x[/red] [link=http://e.vil]y[/link] \x1b[31mz"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TaskScreen)
        app.screen.query_one("#new-note", Input).value = hostile
        await pilot.click("#add-note")
        await settle(pilot)
        await pilot.press("enter")  # reopen the first task
        await settle(pilot)
        assert isinstance(app.screen, TaskScreen)
        shown = screen_text(app)
    assert "[red]x[/red]" in shown
    assert "[link=http://e.vil]y[/link]" in shown
    assert "\\x1b[31mz" in shown
    assert "\x1b" not in shown
    stored = (repo_path / "records" / "tasks" / "2023-ii-1.toml").read_text(encoding="utf-8")
    assert "[red]x[/red]" in stored  # stored as typed; only the display is inert


async def test_escape_with_unsaved_edits_asks_first(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-document_number", Input).value = "12/BC"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)  # the question is on top
        await pilot.press("k")  # Không: stay
        await pilot.pause()
        assert app.screen is form
        await pilot.press("escape")
        await pilot.press("c")  # Có: leave without saving
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert git(repo_path, "status", "--porcelain") == ""


async def test_missing_identity_is_asked_once_then_saved(
    repo_path: Path, isolated_git: Path
) -> None:
    from conftest import write_gitconfig

    write_gitconfig(isolated_git, name=None, email=None)
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-document_number", Input).value = "7/BC"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert commit_count(repo_path) == before  # nothing half-saved
        assert git(repo_path, "status", "--porcelain") == ""
        app.screen.query_one("#name", Input).value = "Lò Văn Minh"
        app.screen.query_one("#email", Input).value = "minh@tuangiao.example"
        await pilot.click("#ok")
        await settle(pilot)
    assert commit_count(repo_path) == before + 1
    assert git(repo_path, "log", "-1", "--format=%an <%ae>").strip() == (
        "Lò Văn Minh <minh@tuangiao.example>"
    )


async def test_screens_reload_after_a_cli_edit(repo_path: Path) -> None:
    app = make_app(repo_path)  # the timer is off: the test calls the check itself
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        other = Store(repo_path)
        other.set_fields(
            RecordId.parse(QUAI_CANG_H1), {"status": "submitted", "submitted_on": "2023-05-11"}
        )
        app.check_for_changes()
        await settle(pilot)
        record = shown_report(app, QUAI_CANG_H1)
        assert record.submitted_on == date(2023, 5, 11)


async def test_english_labels_with_lang_en(repo_path: Path) -> None:
    from dvtui.i18n import set_language

    set_language("en")
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert "Reporting periods" in text and "Kỳ báo cáo" not in text


async def test_overdue_tab_lists_late_units_and_opens_their_report(repo_path: Path) -> None:
    Store(repo_path).set_fields(
        RecordId.parse(QUAI_CANG_H1), {"status": "submitted", "submitted_on": "2023-05-18"}
    )
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        table = app.screen.query_one("#overdue-table", RecordTable)
        rows = table.query_one(DataTable)
        assert rows.row_count == 34  # 33 still missing, one 3 days late
        texts = [" ".join(str(c) for c in rows.get_row_at(i)) for i in range(rows.row_count)]
        late = [row for row in texts if "Quài Cang" in row]
        assert len(late) == 1 and "Nộp muộn 3 ngày" in late[0]
        assert sum("Quá hạn 5 ngày" in row for row in texts) == 33
        table.query_one(Input).value = "quai cang"
        await pilot.pause()
        table.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReportForm)
        assert app.screen.report.id == RecordId.parse(QUAI_CANG_H1)


async def test_review_screen_lists_unreviewed_changes_and_signs_off(repo_path: Path) -> None:
    Store(repo_path).set_fields(RecordId.parse(QUAI_CANG_H1), {"document_number": "9/BC"})
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await wait_until(
            pilot, lambda: "9/BC" in str(app.screen.query_one("#review-body").render())
        )
        body = str(app.screen.query_one("#review-body").render())
        assert "9/BC" in body and USER_NAME in body
        app.screen.query_one("#comment", Input).value = "Đã kiểm tra"
        await pilot.press("ctrl+s")
        await settle(pilot)
        body = str(app.screen.query_one("#review-body").render())
    assert commit_count(repo_path) == before + 1
    assert "reviews/" in git(repo_path, "log", "-1", "--format=%B")
    from dvtui.i18n import t

    assert t("cli.review.clean") in body


async def test_audit_screen_names_a_hand_edit_that_breaks_a_record(repo_path: Path) -> None:
    path = repo_path / "records" / f"{QUAI_CANG_H1}.toml"
    path.write_text('schema = 1\nstatus = "lost"\n', encoding="utf-8")
    git(repo_path, "commit", "-qam", "sửa tay")
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+k")

        def shown() -> str:
            return str(app.screen.query_one("#audit-body").render())

        await wait_until(pilot, lambda: "sửa tay" in shown())
        body = shown()
    assert "sửa tay" in body and "lost" in body


async def test_an_interrupted_save_is_cleaned_up_and_the_user_told(repo_path: Path) -> None:
    from conftest import dvtui

    killed = dvtui(
        "--repo",
        str(repo_path),
        "set",
        QUAI_CANG_H1,
        "document_number=99/BC",
        env={"DVTUI_CRASH_AT": "after_rename"},
    )
    assert killed.returncode != 0  # killed between writing the file and committing it
    app = DvtuiApp(Store(repo_path), today=TODAY, watch=False)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        told = [n.message for n in app._notifications]
    assert told, "the cleanup was not reported"
    assert git(repo_path, "status", "--porcelain") == ""  # the half-done save was undone
