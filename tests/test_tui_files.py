"""The real app through Pilot: attach a file to a report and open it; import a filled Excel
form, with the differences shown and a confirmation before a saved value is overwritten."""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path

import pytest
from conftest import dvtui, git
from openpyxl import load_workbook
from pilothelp import (
    QUAI_CANG_H1,
    commit_count,
    make_app,
    open_report,
    screen_text,
    settle,
    wait_until,
)
from textual.pilot import Pilot
from textual.widgets import Button, Static

from dvtui.core.attachments import blob_path
from dvtui.services.audit import audit
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.backend import VIEW_DIR
from dvtui.tui.screens.attachments import AttachmentsScreen
from dvtui.tui.screens.confirm import ConfirmScreen
from dvtui.tui.screens.forms import ReportForm
from dvtui.tui.screens.import_form import ImportFormScreen
from dvtui.tui.widgets.fields import TextInput

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\n%%EOF\n"
REPORT_FILE = f"records/{QUAI_CANG_H1}.toml"


def report_table(repo: Path) -> dict[str, object]:
    return tomllib.loads((repo / REPORT_FILE).read_text(encoding="utf-8"))


async def test_attach_a_file_from_the_report_form_then_open_it(
    repo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The system's viewer: a real program on PATH that notes the file it was given.
    bin_dir, seen = tmp_path / "bin", tmp_path / "seen"
    bin_dir.mkdir()
    viewer = bin_dir / "xdg-open"
    viewer.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{seen}"\n', encoding="utf-8")
    viewer.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    sent = tmp_path / "Báo cáo Quài Cang [bold]x[red].pdf"
    sent.write_bytes(PDF)
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        assert "Tệp đính kèm: 0 tệp — Ctrl+F" in screen_text(app)
        await pilot.press("ctrl+f")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AttachmentsScreen)
        assert "Chưa có tệp đính kèm nào" in screen_text(app)
        path_input = screen.query_one("#attach-path", TextInput)
        # Validated as it is typed: a missing file is named, nothing is committed.
        path_input.value = str(tmp_path / "khong-co.pdf")
        await pilot.pause()
        assert "không có tệp" in screen_text(app)
        await pilot.click("#attach-add")
        await settle(pilot)
        assert commit_count(repo_path) == before
        path_input.value = str(sent)
        await pilot.pause()
        # Pressed, not clicked, and waited for: under load the save's worker can start after
        # a settle has found none running (seen once in a full run).
        screen.query_one("#attach-add", Button).press()
        await wait_until(pilot, lambda: "Đã đính kèm" in screen_text(app))
        assert commit_count(repo_path) == before + 1
        text = screen_text(app)
        assert "Báo cáo Quài Cang [bold]x[red].pdf" in text  # shown literally, not as markup
        assert "Đã đính kèm" in text
        # Open: a checked copy under its own name, handed to the system's viewer.
        await pilot.click("#attach-open")
        await settle(pilot)
        git_dir = Path(git(repo_path, "rev-parse", "--absolute-git-dir").strip())
        copy = git_dir / VIEW_DIR / sent.name
        assert copy.read_bytes() == PDF
        assert seen.read_text(encoding="utf-8") == str(copy)
        said = screen.query_one("#attach-said", Static)
        assert "Đã mở bằng chương trình xem của máy" in str(said.content)
        await pilot.press("escape")
        await settle(pilot)
        # The report changed under the form: it closes, to be reopened as saved.
        assert not isinstance(app.screen, ReportForm | AttachmentsScreen)
        assert form.report.attachments == []
    listed = report_table(repo_path)["attachments"]
    assert isinstance(listed, list) and listed[0]["name"] == sent.name
    assert (repo_path / blob_path(hashlib.sha256(PDF).hexdigest())).read_bytes() == PDF
    assert audit(Store(repo_path)).clean


def fill_form(repo: Path, tmp_path: Path, conferences: int, name: str) -> Path:
    out = tmp_path / "gui"
    result = dvtui("--repo", str(repo), "forms", "2023-h1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    wb = load_workbook(out / "2023-h1-ubnd-xa-quai-cang.xlsx")
    for row in wb["Số liệu"].iter_rows():
        if row[1].value == "Số hội nghị tuyên truyền":
            row[2].value = conferences
    for row in wb["Nhiệm vụ"].iter_rows():
        if row[0].value == "II.1":
            row[2].value = "Đã quán triệt đến toàn thể cán bộ."
    filled = tmp_path / name
    wb.save(filled)
    return filled


QUAI_CANG_NAME = "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang"


async def read_in_import_screen(
    pilot: Pilot[int], path: Path, received: str | None = None
) -> ImportFormScreen:
    """Open "Nhập biểu mẫu Excel" (as the command palette does), type the path, read."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app, DvtuiApp)
    app.action_import_form()
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ImportFormScreen)
    screen.query_one("#import-path", TextInput).value = str(path)
    if received is not None:
        screen.query_one("#import-received", TextInput).value = received
    await pilot.click("#import-read")
    await settle(pilot)
    return screen


async def test_import_a_form_shows_what_changes_and_confirms_an_overwrite(
    repo_path: Path, tmp_path: Path
) -> None:
    first = fill_form(repo_path, tmp_path, 4, "lan-1.xlsx")
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await read_in_import_screen(pilot, first, "10/05/2023")
        text = screen_text(app)
        assert "Số hội nghị tuyên truyền: " in text and "→ 4" in text
        said = str(screen.query_one("#import-said").render())
        assert said.startswith(f"{QUAI_CANG_NAME}: 4 thay đổi"), said  # not reports/2023-h1/…
        assert commit_count(repo_path) == before  # reading commits nothing
        await pilot.click("#import-save")
        await settle(pilot)
        assert commit_count(repo_path) == before + 1
        said = str(screen.query_one("#import-said").render())
        assert said.startswith(f"Đã nhập báo cáo {QUAI_CANG_NAME} (commit "), said
        table = report_table(repo_path)
        assert table["figures"] == {"conferences": 4} and table["status"] == "submitted"

        # The unit sends a corrected form: the saved 4 would become 6 — marked, and asked.
        second = fill_form(repo_path, tmp_path, 6, "lan-2.xlsx")
        screen.query_one("#import-path", TextInput).value = str(second)
        await pilot.click("#import-read")
        await settle(pilot)
        text = screen_text(app)
        assert "! Số hội nghị tuyên truyền: 4 → 6" in text
        await pilot.click("#import-save")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = app.screen.question
        assert f"giá trị đã lưu của {QUAI_CANG_NAME}" in question, question
        await pilot.press("k")  # no: nothing is overwritten
        await settle(pilot)
        assert commit_count(repo_path) == before + 1
        await pilot.click("#import-save")
        await settle(pilot)
        await pilot.press("c")  # yes
        await settle(pilot)
        assert commit_count(repo_path) == before + 2
    assert report_table(repo_path)["figures"] == {"conferences": 6}
    assert audit(Store(repo_path)).clean


async def test_a_bad_form_is_refused_in_the_screen_and_nothing_committed(
    repo_path: Path, tmp_path: Path
) -> None:
    bad = fill_form(repo_path, tmp_path, -2, "sai.xlsx")
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await read_in_import_screen(pilot, bad)
        said = str(screen.query_one("#import-said", Static).content)
        assert f"{bad}: trang “Số liệu”, ô C7: “-2” không phải số nguyên" in said
        assert screen.query_one("#import-save").disabled
    assert commit_count(repo_path) == before
