"""``make run``'s practice repo: a real history of the 2023 plan through spring 2023 — three
staff, reports on time and late, returned then approved, models, regulations, notes, a sync
merge — made through dvtui's own save path, audit clean, the same every time, and opened as
of 20/05/2023 with a line on screen saying it is practice data."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import cli, git, own_git_identity, write_gitconfig
from pilothelp import screen_text, settle

from dvtui.core.facts import summarize_period, targets
from dvtui.core.records import Task
from dvtui.core.trailers import parse_message
from dvtui.services.audit import audit
from dvtui.services.practice import PRACTICE_DATE, build_practice_repo
from dvtui.storage import Store
from dvtui.tui.app import DvtuiApp


def test_the_practice_repo_has_a_real_deterministic_history(
    tmp_path: Path, isolated_git: Path
) -> None:
    write_gitconfig(isolated_git, name=None, email=None)  # a fresh machine: make run works
    repo = tmp_path / "data"
    r = cli("init", str(repo), "--practice")
    assert r.returncode == 0, r.stderr
    log = git(repo, "log", "--format=%H%x09%an%x09%aI%x09%P").splitlines()
    authors = {line.split("\t")[1] for line in log}
    assert authors == {"Nguyễn Thị Lan", "Quàng Văn Hùng", "Lường Thị Thu"}
    when = [datetime.fromisoformat(line.split("\t")[2]).date() for line in log]
    assert min(when) == date(2023, 3, 6) and max(when) < PRACTICE_DATE
    merges = [line for line in log if len(line.split("\t")[3].split()) == 2]
    assert len(merges) == 1
    merge = git(repo, "log", "-1", "--format=%B", merges[0].split("\t")[0])
    assert parse_message(merge).action == "merge"
    result = audit(Store(repo))
    assert result.clean and result.checked == len(log), [f.detail for f in result.findings]
    assert git(repo, "status", "--porcelain") == ""
    # The same history, commit for commit, wherever it is built.
    again = tmp_path / "again"
    build_practice_repo(again)
    assert git(again, "log", "--format=%H").splitlines() == [line[:40] for line in log]
    # Built elsewhere, it works where it is: its server is inside it, and F9 syncs with it.
    server = repo / ".git" / "dvtui-practice-server.git"
    assert git(repo, "remote", "get-url", "origin").strip() == str(server)
    r = cli("--repo", str(repo), "sync")
    assert r.returncode == 0, r.stderr
    assert git(server, "rev-parse", "main") == git(repo, "rev-parse", "HEAD")
    shm = Path("/dev/shm")
    assert not list(shm.glob("dvtui-practice-*")) if shm.is_dir() else True  # nothing left


def test_the_practice_repo_is_never_built_over_a_folder_in_use(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    r = cli("init", str(folder), "--practice")
    assert r.returncode == 1 and str(folder) in r.stderr
    assert [p.name for p in folder.iterdir()] == ["ghi-chu.txt"]


@pytest.fixture(scope="module")
def practice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One practice repo for the tests that only read it (a build takes a few seconds)."""
    with own_git_identity(tmp_path_factory):
        repo = tmp_path_factory.mktemp("practice") / "data"
        build_practice_repo(repo)
    return repo


def test_the_practice_repo_shows_the_plan_working_as_of_its_day(practice: Path) -> None:
    repo = practice
    settings = tomllib.loads((repo / "dvtui.toml").read_text(encoding="utf-8"))
    assert settings["practice_date"] == PRACTICE_DATE
    store = Store(repo)
    data = store.load()
    assert data.problems == []
    h1 = data.period("2023-h1")
    assert h1 is not None
    s = summarize_period(data, h1, PRACTICE_DATE, store.settings)
    assert (s.total, s.submitted, s.on_time, s.late) == (34, 13, 10, 3)
    assert (s.returned, s.approved, s.overdue) == (1, 4, 21)
    goals = {g.key: g.achieved for g in targets(data, data.plans()[0])}
    assert goals == {"target.regulation": 6, "target.models": 4, "target.persons": 2}
    notes = [n for task in data.of(Task) for n in task.notes]
    assert len(notes) == 4
    # Commands open it as of its day, unless told otherwise.
    out = cli("--repo", str(repo), "status").stdout
    assert "(tính đến 20/05/2023)" in out
    # Everything it shows is of spring 2023, the last sync with the server too.
    assert "Lần lấy dữ liệu gần nhất: 02/05/2023" in out
    assert date.today().strftime("%d/%m/%Y") not in out
    out = cli("--repo", str(repo), "--today", "25/05/2023", "status").stdout
    assert "(tính đến 25/05/2023)" in out


async def test_the_ui_says_it_is_practice_data_and_a_real_repo_does_not(
    practice: Path, repo_path: Path
) -> None:
    app = DvtuiApp(Store(practice), today=PRACTICE_DATE, watch=False)
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "DỮ LIỆU TẬP" in shown and "xem như hôm nay là 20/05/2023" in shown
        assert "13/34" in shown
    real = DvtuiApp(Store(repo_path), today=date(2026, 12, 1), watch=False)
    async with real.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        shown = screen_text(real)
        assert "DỮ LIỆU TẬP" not in shown and "01/12/2026" in shown
