"""The report and the urging letter made from the UI (issue 14): the real app through Pilot, on
a real data repo, writing real files that are read back."""

from __future__ import annotations

import shutil
import time
from datetime import date
from pathlib import Path

import pytest
from conftest import git
from docx import Document
from pilothelp import make_app, open_export, settle, wait_until
from textual.widgets import Button, Input, Select, Static

from dvtui.storage import Store
from dvtui.tui.screens.export import ExportReportScreen, UrgingLetterScreen


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def result_text(app: object) -> str:
    from textual.app import App

    assert isinstance(app, App)
    return str(app.screen.query_one("#export-result", Static).render())


async def test_export_report_from_the_dashboard(repo_path: Path, tmp_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.click("#dashboard-export")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportReportScreen)
        path = dialog.query_one("#export-path", Input)
        assert path.value.endswith("bao-cao-2023-h1.docx")  # follows the period and the format
        dialog.query_one("#export-format", Select).value = "xlsx"
        await pilot.pause()
        assert path.value.endswith("bao-cao-2023-h1.xlsx")
        dialog.query_one("#export-format", Select).value = "docx"
        await pilot.pause()
        out = tmp_path / "bc.docx"
        path.value = str(out)
        dialog.query_one("#export-as-of", Input).focus()
        await pilot.press(*"19/05/2023")
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog.written is not None)
        assert dialog.written == out
        assert str(out) in result_text(app)
        text = docx_text(out)
        assert "Số liệu tính đến ngày 19/05/2023" in text and "PHỤ LỤC" in text
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportReportScreen)


async def test_a_document_goes_beside_the_data_repo_when_dvtui_was_started_inside_it(
    repo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Started from inside the data repo (``cd dan-van && dvtui``), the dialog offers the
    repo's parent folder: a document in the repo would be an untracked file in every status
    and sync. Started elsewhere, it offers the folder dvtui was started from."""
    monkeypatch.chdir(repo_path / "records")
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_export(pilot, "xlsx")
        path = dialog.query_one("#export-path", Input)
        assert Path(path.value) == repo_path.parent / "bao-cao-2023-h1.xlsx"
        await pilot.press("escape")
        await settle(pilot)
        monkeypatch.chdir(repo_path.parent.parent)
        dialog = await open_export(pilot, "xlsx")
        path = dialog.query_one("#export-path", Input)
        assert Path(path.value) == repo_path.parent.parent / "bao-cao-2023-h1.xlsx"
        await pilot.press("escape")
        await settle(pilot)
        monkeypatch.chdir(repo_path)
        dialog = await open_export(pilot, "xlsx")
        dialog.query_one("#export-run", Button).press()
        await wait_until(pilot, lambda: dialog.written is not None)
        assert dialog.written == repo_path.parent / "bao-cao-2023-h1.xlsx"
    assert dialog.written.is_file()
    assert git(repo_path, "status", "--porcelain", "--untracked-files=all") == ""


async def test_export_refuses_a_bad_date_inline(repo_path: Path, tmp_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_export(pilot)
        out = tmp_path / "bc.docx"
        dialog.query_one("#export-path", Input).value = str(out)
        dialog.query_one("#export-as-of", Input).value = "31/02/2023"
        await pilot.click("#export-run")
        await settle(pilot)
        assert "“31/02/2023” không phải một ngày" in result_text(app)
        assert not out.exists() and dialog.written is None


async def test_urging_letter_from_the_follow_up_tab_needs_a_deadline(
    repo_path: Path, tmp_path: Path
) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await pilot.click("#overdue-letter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, UrgingLetterScreen)
        out = tmp_path / "cv.docx"
        dialog.query_one("#export-path", Input).value = str(out)
        await pilot.click("#export-run")
        await settle(pilot)
        assert "cần nhập hạn mới" in result_text(app) and not out.exists()
        dialog.query_one("#export-by", Input).focus()
        await pilot.press(*"05/06/2023", "enter")
        await wait_until(pilot, lambda: dialog.written is not None)
        text = docx_text(out)
        assert "trước ngày 05/06/2023" in text and "Kính gửi:" in text
        assert f"Đến ngày {date(2023, 5, 20):%d/%m/%Y}" in text


async def test_the_period_choice_shows_a_period_name_as_typed(store: Store) -> None:
    """A period's name is record text: markup in it is shown, never applied."""
    period = store.data.period("2023-h1")
    assert period is not None
    store.replace(period, name="[bold]Kỳ[/bold] 6 tháng")
    app = make_app(store.root)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_export(pilot)
        choice = dialog.query_one("#export-period", Select)
        assert choice.value == "2023-h1"
        label = choice.query_one("SelectCurrent #label", Static)
        assert "[bold]Kỳ[/bold] 6 tháng" in str(label.render())


async def test_both_dialogs_open_from_the_dashboard_and_the_follow_up_tab(
    repo_path: Path,
) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for tab in ("f2", "f8"):
            await pilot.press(tab)
            await settle(pilot)
            for key, dialog in (("ctrl+e", ExportReportScreen), ("ctrl+u", UrgingLetterScreen)):
                await pilot.press(key)
                await settle(pilot)
                assert isinstance(app.screen, dialog), (tab, key)
                assert app.screen.query_one("#export-period", Select).value == "2023-h1"
                await pilot.press("escape")
                await settle(pilot)
                assert not isinstance(app.screen, dialog)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.click("#dashboard-letter")
        await settle(pilot)
        assert isinstance(app.screen, UrgingLetterScreen)


async def test_a_file_already_there_is_replaced_only_when_asked_twice(
    repo_path: Path, tmp_path: Path
) -> None:
    """A report exported, then edited in Word, is not silently written over by the next."""
    out = tmp_path / "bc.md"
    out.write_text("sửa tay trong Word", encoding="utf-8")
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        dialog = await open_export(pilot, "md", out)
        run = dialog.query_one("#export-run", Button)
        run.press()  # pressed, not clicked: the result line above it may still be reflowing
        await wait_until(pilot, lambda: "đã có" in result_text(app))
        assert str(out) in result_text(app)
        assert out.read_text(encoding="utf-8") == "sửa tay trong Word"
        run.press()
        await wait_until(pilot, lambda: dialog.written is not None)
        assert "Số liệu tính đến ngày" in out.read_text(encoding="utf-8")


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
async def test_a_pdf_says_while_libreoffice_prints_it(repo_path: Path, tmp_path: Path) -> None:
    """LibreOffice takes seconds: the dialog says it is printing, not "composing… 100%"."""
    app = make_app(repo_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        out = tmp_path / "bc.pdf"
        dialog = await open_export(pilot, "pdf", out)
        await pilot.click("#export-run")
        seen: list[str] = []
        deadline = time.monotonic() + 120
        while dialog.written is None:  # not settle(): it would wait for the worker to end
            assert time.monotonic() < deadline, seen[-3:]
            seen.append(result_text(app))
            await pilot.pause(0.1)
        assert "Đang in ra PDF bằng LibreOffice…" in seen
        assert out.read_bytes().startswith(b"%PDF")
