"""The yearly cycle in the real app, through Pilot: a repo of an older dvtui migrated on open."""

from __future__ import annotations

from pathlib import Path

from conftest import git
from old_layout import make_01_repo
from test_tui import make_app, settle

from dvtui.core.trailers import parse_message


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
