"""The TUI's Sync action and conflict screen, against a real bare remote and two clones."""

from __future__ import annotations

from pathlib import Path

from conftest import git, write_gitconfig
from pilothelp import TODAY, settle
from synchelp import QUAI_CANG, make_clone, make_remote, snapshot
from textual.widgets import Input, RadioButton

from dvtui.core.records import Report
from dvtui.services.sync import sync
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
from dvtui.tui.screens.identity import IdentityScreen
from dvtui.tui.screens.main import MainScreen
from dvtui.tui.screens.sync import ConflictScreen, SyncScreen


def two_clones(tmp_path: Path) -> tuple[Store, Store]:
    remote = make_remote(tmp_path)
    return (
        make_clone(str(remote), tmp_path / "lan", "lan"),
        make_clone(str(remote), tmp_path / "minh", "minh"),
    )


async def test_sync_action_brings_a_colleagues_change(tmp_path: Path) -> None:
    lan, minh = two_clones(tmp_path)
    minh.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "2023-05-10"})
    sync(minh)
    app = DvtuiApp(lan, today=TODAY, watch=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        shown = str(app.screen.query_one("#sync-result").render())
        assert "reports/2023-h1/ubnd-xa-quai-cang" in shown and "Trần Văn Minh" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.data is not None
        record = app.data.get(QUAI_CANG)
        assert isinstance(record, Report) and record.status == "submitted"  # reloaded


async def test_conflict_screen_resolves_field_by_field(tmp_path: Path) -> None:
    lan, minh = two_clones(tmp_path)
    minh.set_fields(QUAI_CANG, {"document_number": "12/BC-UBND"})
    sync(minh)
    lan.set_fields(QUAI_CANG, {"document_number": "21/BC-UBND"})
    before = snapshot(lan.root)
    app = DvtuiApp(lan, today=TODAY, watch=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        assert snapshot(lan.root) == before  # nothing changed until the user decides
        screen = app.screen
        theirs = [b for b in screen.query(RadioButton) if b.name == "theirs"]
        assert len(theirs) == 1 and "12/BC-UBND" in str(theirs[0].label)
        # a typed value wins over both
        value = next(b for b in screen.query(RadioButton) if b.name == "value")
        value.value = True
        screen.query_one("#value-0", Input).value = "15/BC-UBND"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
    text = (lan.root / "records/reports/2023-h1/ubnd-xa-quai-cang.toml").read_text("utf-8")
    assert 'document_number = "15/BC-UBND"' in text
    parents = git(lan.root, "log", "-1", "--format=%P").split()
    assert len(parents) == 2  # a real merge commit
    assert git(lan.root, "status", "--porcelain") == ""
    sync(minh)
    minh_text = (minh.root / "records/reports/2023-h1/ubnd-xa-quai-cang.toml").read_text("utf-8")
    assert minh_text == text  # and it reached the other clone


async def test_a_sync_that_must_merge_asks_for_a_missing_identity_then_merges(
    tmp_path: Path, isolated_git: Path
) -> None:
    lan, minh = two_clones(tmp_path)
    minh.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "2023-05-10"})
    sync(minh)
    lan.set_fields(QUAI_CANG, {"document_number": "21/BC-UBND"})  # lan's own commit: a merge
    git(lan.root, "config", "--unset", "user.name")
    git(lan.root, "config", "--unset", "user.email")
    write_gitconfig(isolated_git, name=None, email=None)
    head = git(lan.root, "rev-parse", "HEAD")
    app = DvtuiApp(Store(lan.root), today=TODAY, watch=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, IdentityScreen)  # asked, as every save asks
        assert git(lan.root, "rev-parse", "HEAD") == head
        app.screen.query_one("#name", Input).value = "Nguyễn Thị Lan"
        app.screen.query_one("#email", Input).value = "lan.noivu@tuangiao.example"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        assert "Đã" in str(app.screen.query_one("#sync-result").render())
    assert len(git(lan.root, "log", "-1", "--format=%P").split()) == 2  # merged
    assert git(lan.root, "log", "-1", "--format=%an").strip() == "Nguyễn Thị Lan"


async def test_closing_the_identity_question_of_a_sync_lets_the_sync_box_close(
    tmp_path: Path, isolated_git: Path
) -> None:
    lan, minh = two_clones(tmp_path)
    minh.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "2023-05-10"})
    sync(minh)
    lan.set_fields(QUAI_CANG, {"document_number": "21/BC-UBND"})
    git(lan.root, "config", "--unset", "user.name")
    git(lan.root, "config", "--unset", "user.email")
    write_gitconfig(isolated_git, name=None, email=None)
    app = DvtuiApp(Store(lan.root), today=TODAY, watch=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, IdentityScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        assert "git" in str(app.screen.query_one("#sync-stage").render())  # why, not a hang
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
