"""The yearly cycle in the real app, through Pilot: an old repo migrated on open, next year's
plan made and switched back from, units, periods, tasks and models added and removed."""

from __future__ import annotations

from pathlib import Path

from conftest import git
from old_layout import make_01_repo
from pilothelp import TODAY, commit_count, make_app, open_report, screen_text, settle, wait_until
from textual.widgets import Input, Select, TabbedContent

from dvtui.core.facts import summarize_period
from dvtui.core.ids import RecordId
from dvtui.core.records import Model, Unit
from dvtui.core.trailers import parse_message
from dvtui.services.audit import audit
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store
from dvtui.tui.screens.confirm import ConfirmScreen
from dvtui.tui.screens.form import FormScreen
from dvtui.tui.screens.main import MainScreen
from dvtui.tui.screens.yearly import PlanNewScreen
from dvtui.tui.widgets.record_table import RecordTable


async def test_an_old_repo_is_migrated_on_open_with_a_notification(tmp_path: Path) -> None:
    repo = make_01_repo(tmp_path / "data")
    app = make_app(repo)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await settle(pilot)
        told = [n.message for n in app._notifications]
        assert any("đã chuyển kho dữ liệu sang định dạng 2" in m for m in told), told
        assert app.data is not None and app.data.task("2023-ii-7") is not None
        assert app.data.task("ii-7") is None
    assert parse_message(git(repo, "log", "-1", "--format=%B")).action == "migrate"
    assert app.store.format == 2


async def test_next_years_plan_from_the_ui_and_switching_back(repo_path: Path) -> None:
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        await settle(pilot)
        assert "năm 2023" in screen_text(app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, PlanNewScreen)
        assert app.screen.query_one("#year", Input).value == "2024"
        await pilot.press("enter")  # the year is given: make it
        await wait_until(pilot, lambda: app.plan is not None and app.plan.year == 2024)
        assert isinstance(app.screen, MainScreen)
        shown = screen_text(app)
        assert "huyện Tuần Giáo năm 2024" in shown and "15/05/2024" in shown
        assert "0/34" in shown
        await pilot.press("f3")  # the tasks tab follows the plan
        await pilot.pause()
        tasks = app.screen.query_one("#tasks-table", RecordTable)
        assert {r.record.id.name[:4] for r in tasks._rows} == {"2024"}
        await pilot.press("f2")
        chooser = app.screen.query_one("#plan", Select)
        chooser.focus()
        await pilot.press("enter", "down", "enter")  # the 2023 plan, under 2024
        await settle(pilot)
        assert app.plan is not None and app.plan.year == 2023
        assert "huyện Tuần Giáo năm 2023" in screen_text(app)
        await pilot.press("f3")
        await pilot.pause()
        assert {r.record.id.name[:4] for r in tasks._rows} == {"2023"}
    assert commit_count(repo_path) == before + 1
    assert parse_message(git(repo_path, "log", "-1", "--format=%B")).action == "create"
    assert (repo_path / "records" / "periods" / "2024-year.toml").exists()
    store = Store(repo_path)
    assert store.load().problems == [] and audit(store).clean  # validate and audit clean


async def test_add_a_unit_in_the_ui(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await pilot.press("insert")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen) and form.record is None
        form.query_one("#f-name", Input).value = "UBND xã Mường Mới"
        form.query_one("#f-kind", Select).value = "commune"
        form.query_one("#f-gso_code", Input).value = "03301"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.data is not None and app.data.unit("ubnd-xa-muong-moi") is not None
        assert "UBND xã Mường Mới" in screen_text(app)
        h1 = app.data.period("2023-h1")
        assert h1 is not None
        assert summarize_period(app.data, h1, TODAY, app.store.settings).total == 35
    message = parse_message(git(repo_path, "log", "-1", "--format=%B"))
    assert (message.action, message.record) == ("create", "units/ubnd-xa-muong-moi")


async def test_remove_a_model_in_the_ui_after_confirming(repo_path: Path) -> None:
    store = Store(repo_path)
    store.save(
        Model(
            id=RecordId.parse("models/2023/nham"),
            kind="model",
            name="Mô hình nhập nhầm",
            unit="phong-y-te",
            sector="economy",
        ),
        create=True,
    )
    before = commit_count(repo_path)
    app = make_app(repo_path)
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await pilot.pause()
        assert "Mô hình nhập nhầm" in screen_text(app)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Mô hình nhập nhầm" in screen_text(app)
        await pilot.press("escape")  # "Không": nothing happens
        await settle(pilot)
        assert commit_count(repo_path) == before
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("c")  # "Có"
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.data is not None and app.data.get(RecordId.parse("models/2023/nham")) is None
        models = app.screen.query_one("#models-table", RecordTable).table
        assert "Mô hình nhập nhầm" not in str(
            [models.get_row_at(i) for i in range(models.row_count)]
        )
        said = [n.message for n in app._notifications]
        assert any("Đã xóa Mô hình nhập nhầm (commit " in m for m in said), said
    assert commit_count(repo_path) == before + 1
    assert not (repo_path / "records" / "models" / "2023" / "nham.toml").exists()
    assert parse_message(git(repo_path, "log", "-1", "--format=%B")).action == "delete"


async def test_removing_a_unit_with_reports_is_refused_in_the_ui(repo_path: Path) -> None:
    before = commit_count(repo_path)
    app = make_app(repo_path)
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        table = app.screen.query_one("#units-table", RecordTable)
        table.query_one(Input).value = "quai cang"
        await pilot.pause()
        table.table.focus()
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        told = " ".join(n.message for n in app._notifications)
        assert "không xóa được “units/ubnd-xa-quai-cang”" in told
        assert "retired_on" in told
    assert commit_count(repo_path) == before


async def test_add_a_period_and_a_task_to_the_plan_in_the_ui(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        app.screen.query_one(TabbedContent).active = "periods"
        await pilot.pause()
        await pilot.press("insert")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-name", Input).value = "Báo cáo quý III năm 2023"
        form.query_one("#f-kind", Select).value = "quarter"
        form.query_one("#f-due", Input).value = "15/09/2023"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.data is not None and app.data.period("2023-q1") is not None
        await pilot.press("f3", "insert")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-code", Input).value = "II.9"
        form.query_one("#f-title", Input).value = "Nhiệm vụ thêm"
        await pilot.press("ctrl+s")
        await settle(pilot)
        task = app.data.task("2023-ii-9")
        assert task is not None and task.plan == "2023"
    assert audit(Store(repo_path)).clean


async def test_a_new_office_types_in_its_first_plan_and_a_unit(tmp_path: Path) -> None:
    repo = tmp_path / "xa"
    init_data_repo(repo, empty=True, issuer="UBND xã Mường Ảng")
    app = make_app(repo)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        assert app.plan is None
        await pilot.press("ctrl+n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#f-issuer", Input).value == "UBND xã Mường Ảng"
        form.query_one("#f-year", Input).value = "2026"
        form.query_one("#f-issued_year", Input).value = "2026"
        form.query_one("#f-title", Input).value = "Về công tác dân vận năm 2026"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.plan is not None and app.plan.year == 2026
        assert "Kế hoạch về công tác dân vận năm 2026" in screen_text(app)
        await pilot.press("f4", "insert")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-name", Input).value = "Thôn Huổi Sáng"
        form.query_one("#f-kind", Select).value = "commune"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.data is not None and app.data.unit("thon-huoi-sang") is not None
    assert audit(Store(repo)).clean


async def test_a_report_expected_but_never_saved_is_created_from_its_form(repo_path: Path) -> None:
    store = Store(repo_path)
    new = Unit(id=RecordId.parse("units/ubnd-xa-moi"), name="UBND xã Mới", kind="commune")
    store.save(new, create=True)
    assert not (repo_path / "records/reports/2023-h1/ubnd-xa-moi.toml").exists()
    app = make_app(repo_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "xa moi")  # listed though no file holds it yet
        form.query_one("#f-submitted_on", Input).value = "12/05/2023"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    message = parse_message(git(repo_path, "log", "-1", "--format=%B"))
    assert (message.action, message.record) == ("create", "reports/2023-h1/ubnd-xa-moi")
    text = (repo_path / "records/reports/2023-h1/ubnd-xa-moi.toml").read_text(encoding="utf-8")
    assert 'status = "submitted"' in text
