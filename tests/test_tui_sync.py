"""The TUI's Sync action and conflict screen, against a real bare remote and two clones."""

from __future__ import annotations

from pathlib import Path

from conftest import git
from synchelp import QUAI_CANG, make_clone, make_remote, snapshot
from test_tui import TODAY, settle
from textual.widgets import Input, RadioButton

from dvtui.core.records import Report
from dvtui.services.sync import sync
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp
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
