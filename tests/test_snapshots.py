"""Snapshots of the main screens at 80×24 and 120×40, on a data repo with a fixed history.

Nothing on screen depends on the clock or the machine: "today" is fixed, commit dates are
fixed through GIT_AUTHOR_DATE/GIT_COMMITTER_DATE, and the repo's path is never shown.
Update after an intended change: ``pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from textual.app import App
from textual.pilot import Pilot

from dvtui.core.ids import RecordId
from dvtui.core.records import Model
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp

SIZES = [(80, 24), (120, 40)]

Steps = Callable[[Pilot[int]], Awaitable[None]]


class SnapCompare(Protocol):
    """What the ``snap_compare`` fixture really returns (its own annotation is narrower)."""

    def __call__(
        self, app: App[Any], *, terminal_size: tuple[int, int], run_before: Steps
    ) -> bool: ...


@pytest.fixture
def sample_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2023-05-16T09:30:00+07:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2023-05-16T09:30:00+07:00")
    repo = tmp_path / "data"
    init_data_repo(repo)
    store = Store(repo)
    store.set_fields(
        RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang"),
        {"status": "submitted", "submitted_on": "10/05/2023", "document_number": "45/BC-UBND"},
    )
    store.set_fields(
        RecordId.parse("reports/2023-h1/phong-noi-vu"),
        {
            "status": "returned",
            "submitted_on": "16/05/2023",
            "reviewed_on": "17/05/2023",
            "reviewer": "Nguyễn Thị Lan",
            "review_note": "Bổ sung số liệu tiếp công dân [gấp]",
        },
    )
    store.set_fields(
        RecordId.parse("units/ubnd-xa-toa-tinh"),
        {
            "coordination_regulation.signed_on": "02/03/2023",
            "coordination_regulation.document_number": "01/QCPH",
        },
    )
    store.save(
        Model(
            id=RecordId.parse("models/2023/mo-hinh-nuoc-sach-ban-hua-sa"),
            kind="model",
            name="Mô hình nước sạch bản Hua Sa",
            unit="ubnd-xa-quai-cang",
            place="Bản Hua Sa",
            sector="economy",
            started_on=date(2023, 2, 1),
            households_benefiting=56,
        ),
        create=True,
    )
    return repo


def app_for(repo: Path) -> DvtuiApp:
    return DvtuiApp(Store(repo), today=date(2023, 5, 20), watch=False)


async def _loaded(pilot: Pilot[int]) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def keys_then_settle(*keys: str) -> Steps:
    async def run(pilot: Pilot[int]) -> None:
        await _loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await _loaded(pilot)

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "name,keys",
    [
        ("dashboard", ()),
        ("tasks", ("f3",)),
        ("units", ("f4",)),
        ("reports", ("f5",)),
        ("models", ("f6",)),
        ("report_form", ("f5", "enter")),
        ("history", ("f5", "slash", *"noi", "space", *"vu", "enter", "f7")),
    ],
)
def test_screen(
    snap_compare: SnapCompare,
    sample_repo: Path,
    name: str,
    keys: tuple[str, ...],
    size: tuple[int, int],
) -> None:
    assert snap_compare(
        app_for(sample_repo), terminal_size=size, run_before=keys_then_settle(*keys)
    )


# --- the conflict, save-conflict, review, audit and sync screens ---------------------------


@pytest.fixture
def two_clones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Store, Store]:
    """Lan's and Minh's clones of one bare remote; fixed commit dates, as above."""
    from synchelp import make_clone, make_remote

    monkeypatch.setenv("GIT_AUTHOR_DATE", "2023-05-16T09:30:00+07:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2023-05-16T09:30:00+07:00")
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    return lan, minh


QUAI_CANG = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")


def test_sync_conflict_screen(snap_compare, two_clones: tuple[Store, Store]) -> None:  # type: ignore[no-untyped-def]
    from dvtui.services.sync import sync

    lan, minh = two_clones
    minh.set_fields(QUAI_CANG, {"document_number": "12/BC-UBND"})
    sync(minh)
    lan.set_fields(QUAI_CANG, {"document_number": "21/BC-UBND"})
    assert snap_compare(
        app_for(lan.root), terminal_size=(100, 32), run_before=keys_then_settle("f9")
    )


def test_sync_screen_after_bringing_a_colleagues_change(  # type: ignore[no-untyped-def]
    snap_compare, two_clones: tuple[Store, Store]
) -> None:
    from dvtui.services.sync import sync

    lan, minh = two_clones
    minh.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    sync(minh)
    assert snap_compare(
        app_for(lan.root), terminal_size=(100, 32), run_before=keys_then_settle("f9")
    )


@pytest.mark.parametrize("key", ["ctrl+r", "ctrl+k"], ids=["review", "audit"])
def test_review_and_audit_screens(snap_compare, sample_repo: Path, key: str) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(
        app_for(sample_repo), terminal_size=(100, 32), run_before=keys_then_settle(key)
    )


def test_save_conflict_screen(snap_compare, sample_repo: Path) -> None:  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[int]) -> None:
        from textual.widgets import Input

        await _loaded(pilot)
        for key in ("f5", "enter"):
            await pilot.press(key)
            await _loaded(pilot)
        form = pilot.app.screen
        Store(sample_repo).set_fields(
            RecordId.parse("reports/2023-h1/phong-dan-toc"), {"document_number": "99/BC-UBND"}
        )
        form.query_one("#f-document_number", Input).value = "12/BC-UBND"
        await pilot.press("ctrl+s")
        await _loaded(pilot)

    assert snap_compare(app_for(sample_repo), terminal_size=(100, 32), run_before=run)
