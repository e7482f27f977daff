"""Keys a person can trust (issue 11 item 6): the real app through Pilot on a real repo."""

from __future__ import annotations

from pathlib import Path

from conftest import write_gitconfig
from pilothelp import TODAY, commit_count, make_app, open_report, settle
from synchelp import QUAI_CANG
from test_tui_sync import two_clones
from textual.widgets import Input, TabbedContent, TextArea

from dvtui.services.sync import sync
from dvtui.tui.app import DvtuiApp
from dvtui.tui.screens.confirm import ConfirmScreen
from dvtui.tui.screens.identity import IdentityScreen
from dvtui.tui.screens.main import MainScreen
from dvtui.tui.screens.sync import ConflictScreen, SyncScreen
from dvtui.tui.widgets.conflict import ChoiceButton


async def test_f2_and_the_palette_return_to_the_dashboard_from_any_tab(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        tabs = app.screen.query_one(TabbedContent)
        for key in ("f3", "f4", "f5", "f6", "f8"):
            await pilot.press(key)
            await pilot.pause()
            assert tabs.active != "dashboard"
            await pilot.press("f2")
            await pilot.pause()
            assert tabs.active == "dashboard", key
        await pilot.press("f5")
        main = app.screen
        assert isinstance(main, MainScreen)
        go = next(cb for title, _, cb in main.commands() if title == "Tổng quan")
        go()
        await pilot.pause()
        assert tabs.active == "dashboard"


async def test_approving_asks_first_and_no_answers_nothing(repo_path: Path) -> None:
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-submitted_on", Input).value = "12/05/2023"
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("k")
        await settle(pilot)
        assert form.is_current
        assert commit_count(repo_path) == before
        await pilot.press("ctrl+o")
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert commit_count(repo_path) == before + 1


async def test_returning_without_a_note_shows_the_reason_in_view_and_focuses_it(
    repo_path: Path,
) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        await pilot.press("ctrl+t")
        await settle(pilot)
        note = form.query_one("#f-review_note", TextArea)
        error = form.query_one("#f-review_note-error")
        assert app.focused is note
        assert error.display and "ghi" in str(error.render()).lower()
        scroll = form.query_one("#form")
        assert scroll.scrollable_content_region.overlaps(error.region)  # on screen
        await pilot.press(*"Thiếu số liệu")
        await pilot.pause()
        assert not error.display  # the old reason goes once the field is filled


async def test_a_form_opens_with_the_first_field_focused(repo_path: Path) -> None:
    app = make_app(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        assert app.focused is form.query_one("#f-status")


async def test_ctrl_s_saves_in_the_identity_dialog(repo_path: Path, isolated_git: Path) -> None:
    write_gitconfig(isolated_git, name=None, email=None)
    app = make_app(repo_path)
    before = commit_count(repo_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-document_number", Input).value = "7/BC"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IdentityScreen)
        app.screen.query_one("#name", Input).value = "Lò Văn Minh"
        app.screen.query_one("#email", Input).value = "minh@tuangiao.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert commit_count(repo_path) == before + 1


async def test_the_chosen_conflict_option_has_a_text_marker_and_the_sync_box_follows(
    tmp_path: Path,
) -> None:
    lan, minh = two_clones(tmp_path)
    minh.set_fields(QUAI_CANG, {"document_number": "12/BC-UBND"})
    sync(minh)
    lan.set_fields(QUAI_CANG, {"document_number": "21/BC-UBND"})
    app = DvtuiApp(lan, today=TODAY, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConflictScreen)
        marks = {b.name: "●" in str(b.render()) for b in screen.query(ChoiceButton)}
        assert marks == {"mine": True, "theirs": False, "base": False, "value": False}
        theirs = next(b for b in screen.query(ChoiceButton) if b.name == "theirs")
        theirs.value = True
        await pilot.pause()
        marks = {b.name: "●" in str(b.render()) for b in screen.query(ChoiceButton)}
        assert marks["theirs"] and not marks["mine"]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        shown = str(app.screen.query_one("#sync-result").render())
        assert "Có xung đột" not in shown
