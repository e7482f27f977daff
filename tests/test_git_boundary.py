"""The git boundary: git's environment never redirects dvtui, worktrees work, and no byte of
a commit message or a file name can break how history is read."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import USER_NAME, dvtui, git
from synchelp import QUAI_CANG, QUAI_CANG_FILE, make_clone, make_remote

from dvtui.core.ids import RecordId
from dvtui.git.environment import environment, is_redirect, redact
from dvtui.git.repo import GitRepo
from dvtui.services.audit import audit
from dvtui.services.history import change_log
from dvtui.services.review import review_state
from dvtui.services.setup import init_data_repo
from dvtui.services.sync import sync
from dvtui.storage import Store

RID = str(QUAI_CANG)


def run(repo: Path, *args: str, env: dict[str, str] | None = None, code: int = 0) -> str:
    r = dvtui("--repo", str(repo), *args, env=env)
    assert r.returncode == code, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    return r.stdout + r.stderr


@pytest.fixture
def two_repos(repo_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The repository asked for (``7/BC`` saved) and another one (``99/KHAC`` and a commit
    made with plain git) that git's environment points at, as it does inside a hook."""
    run(repo_path, "set", RID, "document_number=7/BC")
    other = tmp_path / "other"
    init_data_repo(other)
    run(other, "set", RID, "document_number=99/KHAC")
    (other / "ghi-chu.txt").write_text("ngoài dvtui\n", encoding="utf-8")
    git(other, "add", "ghi-chu.txt")
    git(other, "commit", "-q", "-m", "ghi chú")
    return repo_path, other


REDIRECTS = [
    pytest.param(lambda o: {"GIT_DIR": str(o / ".git")}, id="GIT_DIR"),
    pytest.param(
        lambda o: {"GIT_DIR": str(o / ".git"), "GIT_WORK_TREE": str(o)}, id="GIT_WORK_TREE"
    ),
    pytest.param(  # `git -c` of the caller, passed on to hooks
        lambda o: {"GIT_CONFIG_PARAMETERS": "'i18n.logOutputEncoding'='UTF-16'"},
        id="GIT_CONFIG_PARAMETERS",
    ),
]


@pytest.mark.parametrize("redirect", REDIRECTS)
def test_log_audit_and_review_read_the_repository_asked_for(
    two_repos: tuple[Path, Path], redirect: Callable[[Path], dict[str, str]]
) -> None:
    mine, other = two_repos
    env = redirect(other)
    out = run(mine, "log", env=env)
    assert "7/BC" in out and "99/KHAC" not in out and "ghi-chu" not in out
    out = run(mine, "log", RID, env=env)
    assert "7/BC" in out and "99/KHAC" not in out
    assert "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang" in out  # the subject, as written
    out = run(mine, "audit", env=env)  # the other repository's plain commit is a finding
    assert "Đã kiểm tra 2 commit: không phát hiện vấn đề." in out
    out = run(mine, "review", env=env)
    assert "7/BC" in out and "99/KHAC" not in out


def test_a_save_writes_into_its_own_repository_whatever_git_env_says(
    two_repos: tuple[Path, Path],
) -> None:
    mine, other = two_repos
    other_head = git(other, "rev-parse", "HEAD")
    env = {
        "GIT_INDEX_FILE": str(other / ".git" / "index"),
        "GIT_OBJECT_DIRECTORY": str(other / ".git" / "objects"),
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "user.name",
        "GIT_CONFIG_VALUE_0": "Kẻ Mạo Danh",
    }
    run(mine, "set", RID, "document_number=8/BC", env=env)
    git(mine, "fsck", "--strict")  # every object of the new commit is in this repository
    assert git(mine, "log", "-1", "--format=%an").strip() == USER_NAME
    assert git(mine, "status", "--porcelain") == ""
    assert git(mine, "show", "--stat", "--format=", "HEAD").count("|") == 1
    assert git(other, "rev-parse", "HEAD") == other_head
    assert git(other, "status", "--porcelain") == ""


def test_history_in_process_ignores_a_git_dir_set_later(
    two_repos: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, other = two_repos
    store = Store(mine)
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))  # e.g. set by a hook's child
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    entries = store.history(QUAI_CANG)
    assert [c.new for e in entries for c in e.changes if c.field == "document_number"] == ["7/BC"]
    assert [e.subject for e in change_log(store.git)][-1].startswith("Khởi tạo")
    assert len(change_log(store.git)) == 2 and audit(store).checked == 2
    assert len(review_state(store).pending) == 2
    assert "GIT_DIR" not in os.environ  # the boundary scrubbed it before starting git


def test_the_environment_of_every_git_process() -> None:
    base = {
        "HOME": "/home/lan",
        "GIT_CONFIG_GLOBAL": "/home/lan/.gitconfig-office",  # the user's own choice: kept
        "GIT_AUTHOR_NAME": "Lò Thị Hoa",
        "GIT_DIR": "/elsewhere/.git",
        "GIT_INDEX_FILE": "/elsewhere/index",
        "GIT_CONFIG_KEY_3": "core.hooksPath",
        "GIT_NAMESPACE": "x",
        "LC_ALL": "vi_VN.UTF-8",
    }
    env = {k: v for k, v in base.items()}
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        got = environment({"GIT_OPTIONAL_LOCKS": "0"})
    finally:
        os.environ.clear()
        os.environ.update(saved)
    dropped = {"GIT_DIR", "GIT_INDEX_FILE", "GIT_CONFIG_KEY_3", "GIT_NAMESPACE"}
    assert not dropped & got.keys()  # named here: not asked of is_redirect, the code under test
    assert not any(is_redirect(k) for k in got)
    assert got["HOME"] == "/home/lan" and got["GIT_CONFIG_GLOBAL"].endswith("office")
    assert got["GIT_AUTHOR_NAME"] == "Lò Thị Hoa"
    assert got["LC_ALL"] == "C" and got["GIT_TERMINAL_PROMPT"] == "0"
    assert got["GCM_INTERACTIVE"] == "never" and got["GIT_OPTIONAL_LOCKS"] == "0"
    assert redact("fatal: https://lan:bi-mat@may-chu/x.git") == "fatal: https://may-chu/x.git"


# --- linked worktrees ------------------------------------------------------------------------


def worktree_of_a_clone(tmp_path: Path) -> tuple[Path, Path]:
    """A clone of the office's server and a linked worktree of it on ``main``."""
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan").root
    git(lan, "checkout", "-q", "--detach")  # main is free for the worktree
    work = tmp_path / "lan-worktree"
    git(lan, "worktree", "add", "-q", str(work), "main")
    assert (work / ".git").is_file()
    return remote, work


async def test_the_ui_loads_saves_and_syncs_in_a_linked_worktree(tmp_path: Path) -> None:
    from pilothelp import TODAY, open_report, settle
    from textual.widgets import Input

    from dvtui.tui.app import DvtuiApp
    from dvtui.tui.screens.main import MainScreen
    from dvtui.tui.screens.sync import SyncScreen

    remote, work = worktree_of_a_clone(tmp_path)
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    minh.set_fields(RecordId.parse("reports/2023-h1/ubnd-xa-ta-ma"), {"document_number": "3/BC"})
    sync(minh)
    app = DvtuiApp(Store(work), today=TODAY, watch=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert app.data is not None and app.data.get(QUAI_CANG) is not None  # loaded
        form = await open_report(pilot, "quai cang")
        form.query_one("#f-document_number", Input).value = "45/BC-UBND"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, SyncScreen)
        shown = str(app.screen.query_one("#sync-result").render())
        assert "ubnd-xa-ta-ma" in shown  # Minh's change came in
    assert 'document_number = "45/BC-UBND"' in (work / QUAI_CANG_FILE).read_text("utf-8")
    assert git(work, "status", "--porcelain") == ""
    server = git(remote, "show", f"main:{QUAI_CANG_FILE}")
    assert 'document_number = "45/BC-UBND"' in server  # the save went to the server


def test_an_interrupted_save_in_a_linked_worktree_is_recovered(tmp_path: Path) -> None:
    _remote, work = worktree_of_a_clone(tmp_path)
    before = (work / QUAI_CANG_FILE).read_bytes()
    killed = dvtui(
        "--repo", str(work), "set", RID, "document_number=99/BC",
        env={"DVTUI_CRASH_AT": "after_rename"},
    )  # fmt: skip
    assert killed.returncode != 0  # killed between writing the file and committing it
    assert (work / QUAI_CANG_FILE).read_bytes() != before
    store = Store(work)  # opening the data repo finishes or undoes the dead save
    assert store.take_notices(), "the clean-up was skipped or not reported"
    assert (work / QUAI_CANG_FILE).read_bytes() == before
    assert git(work, "status", "--porcelain") == ""
    run(work, "set", RID, "document_number=100/BC")
    assert git(work, "log", "-1", "--format=%an").strip() == USER_NAME


# --- what a commit message or a file name may hold ---------------------------------------------

MESSAGES = [
    "Sửa tay\x1f số văn bản",
    "Sửa tay\x1e\x1d\x1f\n\nthân\x1e\n:100644 100644 " + "a" * 40 + " " + "b" * 40 + " M\n",
    "\x1e\x1dđầu",
]


@pytest.mark.parametrize("message", MESSAGES)
def test_control_characters_in_a_message_break_no_reader(repo_path: Path, message: str) -> None:
    path = repo_path / QUAI_CANG_FILE
    path.write_text(path.read_text("utf-8") + 'document_number = "5/BC"\n', encoding="utf-8")
    git(repo_path, "commit", "-q", "-a", "-m", message)  # plain git allows these bytes
    store = Store(repo_path)
    newest, created = store.history(QUAI_CANG)
    assert newest.subject == message.split("\n", 1)[0] and newest.author == USER_NAME
    assert [c.field for c in newest.changes] == ["document_number"]
    assert created.action == "create"
    for args in (["log"], ["log", RID]):
        assert "5/BC" in run(repo_path, *args)
    assert "1 commit có vấn đề" in run(repo_path, "audit", code=1)  # made outside dvtui
    assert "5/BC" in run(repo_path, "review")


def test_names_with_spaces_newlines_and_colons_are_read_whole(repo_path: Path) -> None:
    names = ["ghi chú.txt", "dòng\nhai.txt", ":100644 100644 x", "a" * 40, "\n:lạ"]
    for name in names:
        (repo_path / name).write_text(name, encoding="utf-8")
    git(repo_path, "--literal-pathspecs", "add", "--", *names)
    git(repo_path, "commit", "-q", "-m", "tệp lạ")
    (newest, _) = GitRepo(repo_path).log(limit=2)
    assert sorted(f.path for f in newest.files) == sorted(names)
    assert all(f.action == "create" for f in newest.files)


def test_sync_lists_the_record_that_came_in_not_pieces_of_a_name(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    minh.set_fields(QUAI_CANG, {"document_number": "9/BC"})
    odd = minh.root / "records" / "units" / "ghi chu.toml records" / "units" / "ubnd-xa-ta-ma.toml"
    odd.parent.mkdir(parents=True)
    odd.write_text('name = "lạ"\n', encoding="utf-8")
    git(minh.root, "add", "--", str(odd.relative_to(minh.root)))
    git(minh.root, "commit", "-q", "-m", "tệp có dấu cách")
    run(minh.root, "sync")
    out = run(lan.root, "sync")
    listed = [line.split(" — ")[0].strip() for line in out.splitlines() if " — " in line]
    assert listed == [RID]  # not units/ubnd-xa-ta-ma, nor "units/ghi"
    result = sync(lan)
    assert result.outcome == "up-to-date"


def test_a_name_with_a_newline_stays_on_one_line_in_log_and_audit(repo_path: Path) -> None:
    name = "ghi chú\nGIẢ MẠO một dòng nữa.txt"
    (repo_path / name).write_text("x", encoding="utf-8")
    git(repo_path, "add", "--", name)
    git(repo_path, "commit", "-q", "-m", "tệp có dòng mới")
    log = run(repo_path, "log")
    assert not any(line.startswith("GIẢ MẠO") for line in log.splitlines())
    assert "ghi chú\\nGIẢ MẠO" in log  # shown, escaped, on the commit's own line
    out = run(repo_path, "audit", code=1)
    assert not any(line.startswith("GIẢ MẠO") for line in out.splitlines())


# --- what the hot commands load -------------------------------------------------------------

CHECK_IMPORTS = """
import sys
from dvtui.cli.quick import main
code = main(sys.argv[1:])
print(code, sorted(m for m in ("git", "git.index", "gitdb", "subprocess") if m in sys.modules))
"""


@pytest.mark.parametrize(
    ("args", "loaded"),
    [
        (["list", "reports"], "['subprocess']"),  # the loader asks git what changed
        (["show", RID], "[]"),  # runs no git at all
        (["set", RID, "document_number=12/BC"], "['subprocess']"),
        (["validate"], "['subprocess']"),
        (["log", RID, "-n", "20"], "['subprocess']"),  # a page of history: plain git
    ],
)
def test_list_show_and_set_never_import_gitpython(
    repo_path: Path, args: list[str], loaded: str
) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", CHECK_IMPORTS, "--repo", str(repo_path), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == f"0 {loaded}", done.stderr  # GitPython: ~55-85 ms
