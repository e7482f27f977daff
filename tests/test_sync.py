"""Sync between staff through a real bare repository: merges, conflicts, refusals, errors."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import cli, git, write_gitconfig
from synchelp import (
    PEOPLE,
    QUAI_CANG,
    QUAI_CANG_FILE,
    TASK,
    TASK_FILE,
    free_port,
    make_clone,
    make_remote,
    record_files,
    snapshot,
    the_task,
)

from dvtui.core.merge import MINE
from dvtui.core.problems import DataError
from dvtui.services.setup import init_data_repo
from dvtui.services.sync import (
    GRAPH_PENDING,
    pending_conflicts,
    resolve,
    status,
    sync,
)
from dvtui.services.synctypes import UnresolvedConflicts
from dvtui.storage import Store

R = str(QUAI_CANG)


def table(repo: Path, path: str = QUAI_CANG_FILE) -> dict[str, object]:
    return tomllib.loads((repo / path).read_text(encoding="utf-8"))


Office = tuple[Path, Store, Store]  # the server and two officers' clones


@pytest.fixture
def office(tmp_path: Path) -> Office:
    """The server and two officers' clones: Lan and Minh."""
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    return remote, lan, minh


# --- different fields, the same field --------------------------------------------------------


def test_different_fields_of_one_record_both_survive_in_every_clone(office: Office) -> None:
    remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    minh.set_fields(QUAI_CANG, {"document_number": "45/BC-UBND"})

    first = sync(lan)
    assert first.outcome == "pushed"
    assert [r.record for r in first.outgoing_records] == [R]
    second = sync(minh)
    assert second.outcome == "merged"
    assert [(r.record, r.authors) for r in second.incoming_records] == [(R, (PEOPLE["lan"][0],))]
    assert [r.authors for r in second.outgoing_records] == [(PEOPLE["minh"][0],)]
    third = sync(lan)
    assert third.outcome == "pulled"
    assert R in third.changed_records

    for store in (lan, minh):
        values = table(store.root)
        assert values["status"] == "submitted"
        assert values["document_number"] == "45/BC-UBND"
        assert git(store.root, "status", "--porcelain") == ""
    assert git(lan.root, "rev-parse", "HEAD") == git(minh.root, "rev-parse", "HEAD")
    assert git(remote, "rev-parse", "main") == git(lan.root, "rev-parse", "HEAD")
    # A real merge commit by Minh, with both histories as parents: nothing rewritten.
    merge = git(minh.root, "log", "-1", "--format=%P%x1f%an%x1f%B", second.head or "HEAD")
    parents, author, message = merge.split("\x1f")
    assert len(parents.split()) == 2 and author == PEOPLE["minh"][0]
    assert "Action: merge" in message
    assert first.head in parents.split()


def test_the_same_field_is_a_conflict_that_leaves_the_repo_exactly_as_it_was(
    office: Office,
) -> None:
    remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"document_number": "2/BC"})
    minh.set_fields(QUAI_CANG, {"review_note": "Minh đã gọi điện"})
    before = snapshot(minh.root)

    r = cli("--repo", str(minh.root), "sync")
    assert r.returncode == 3, r.stderr
    assert R in r.stdout and "document_number" in r.stdout
    assert "“2/BC”" in r.stdout and "“1/BC”" in r.stdout
    assert "dvtui resolve" in r.stderr
    assert snapshot(minh.root) == before  # same HEAD, clean status, no MERGE_HEAD
    assert not (minh.root / ".git" / "MERGE_HEAD").exists()
    assert git(minh.root, "ls-files", "--unmerged") == ""
    # The local commits are intact and nothing went to the server.
    assert git(remote, "rev-parse", "main") == git(lan.root, "rev-parse", "HEAD")
    [conflict] = pending_conflicts(minh)
    assert (conflict.mine, conflict.theirs) == ("2/BC", "1/BC")

    # Saving still works while a conflict waits.
    minh.set_fields(QUAI_CANG, {"reviewer": "Trần Văn Minh"})

    r = cli("--repo", str(minh.root), "resolve", R, "document_number=theirs")
    assert r.returncode == 0, r.stderr
    values = table(minh.root)
    assert values["document_number"] == "1/BC"
    assert values["review_note"] == "Minh đã gọi điện"
    assert values["reviewer"] == "Trần Văn Minh"
    assert pending_conflicts(minh) == []
    assert git(remote, "rev-parse", "main") == git(minh.root, "rev-parse", "HEAD")
    message = git(minh.root, "log", "-1", "--format=%B")
    assert f"Resolved: {R} document_number theirs" in message

    assert sync(lan).outcome == "pulled"
    assert table(lan.root) == values


def test_resolve_with_a_typed_value_and_the_listing_of_what_waits(office: Office) -> None:
    _remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC", "review_note": "của Lan"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"document_number": "2/BC", "review_note": "của Minh"})
    assert sync(minh).outcome == "conflict"

    listing = cli("--repo", str(minh.root), "resolve")
    assert listing.returncode == 3
    assert listing.stdout.count(R) == 2

    # Only one of the two chosen: nothing is committed.
    head = git(minh.root, "rev-parse", "HEAD")
    partial = cli("--repo", str(minh.root), "resolve", R, "document_number=mine")
    assert partial.returncode == 3
    assert "review_note" in partial.stdout
    assert git(minh.root, "rev-parse", "HEAD") == head

    bad = cli("--repo", str(minh.root), "resolve", R, "status=theirs")
    assert bad.returncode == 1 and "status" in bad.stderr

    done = cli("--repo", str(minh.root), "resolve", R, "document_number=3/BC", "review_note=mine")
    assert done.returncode == 0, done.stderr
    values = table(minh.root)
    assert (values["document_number"], values["review_note"]) == ("3/BC", "của Minh")


def test_resolve_through_the_api_for_the_ui(office: Office) -> None:
    _remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"document_number": "2/BC"})
    result = sync(minh)
    assert result.outcome == "conflict"
    [conflict] = result.conflicts
    with pytest.raises(UnresolvedConflicts):
        resolve(minh, {})
    stages: list[str] = []
    done = resolve(minh, {conflict.key: MINE}, progress=lambda p: stages.append(p.stage))
    assert done.outcome == "merged" and done.push_error is None
    assert "merge" in stages and "push" in stages
    assert table(minh.root)["document_number"] == "2/BC"
    assert status(minh).ahead == 0


def test_whole_record_conflict_when_one_side_deleted_it(office: Office) -> None:
    _remote, lan, minh = office
    (lan.root / QUAI_CANG_FILE).unlink()
    git(lan.root, "commit", "-qam", "xóa báo cáo")
    sync(lan)
    minh.set_fields(QUAI_CANG, {"document_number": "2/BC"})
    result = sync(minh)
    [conflict] = result.conflicts
    assert (conflict.field, conflict.reason, conflict.theirs) == ("", "deleted", None)
    r = cli("--repo", str(minh.root), "resolve", R, "--mine")
    assert r.returncode == 0, r.stderr
    assert table(minh.root)["document_number"] == "2/BC"


# --- lists merged as sets --------------------------------------------------------------------


def test_progress_notes_added_in_both_clones_are_all_kept(office: Office) -> None:
    _remote, lan, minh = office
    from dvtui.core.records import Note

    task = the_task(lan)
    lan.replace(task, notes=[*task.notes, Note(on=_d(3), author="Lan", text="Đã đôn đốc")])
    task = the_task(minh)
    minh.replace(task, notes=[*task.notes, Note(on=_d(1), author="Minh", text="Xã đã nộp")])
    task = the_task(minh)
    minh.replace(task, notes=[*task.notes, Note(on=_d(5), author="Minh", text="Đã tổng hợp")])
    sync(lan)
    assert sync(minh).outcome == "merged"
    sync(lan)
    for store in (lan, minh):
        notes = table(store.root, TASK_FILE)["notes"]
        assert isinstance(notes, list)
        assert [n["text"] for n in notes] == ["Xã đã nộp", "Đã đôn đốc", "Đã tổng hợp"]
    assert (lan.root / TASK_FILE).read_bytes() == (minh.root / TASK_FILE).read_bytes()


def _d(day: int) -> date:
    return date(2023, 5, day)


# --- a push refused mid-sync -----------------------------------------------------------------


def test_a_push_refused_because_someone_pushed_meanwhile_is_retried(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    hoa = make_clone(str(remote), tmp_path / "hoa", "hoa")
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"review_note": "Minh"})
    hoa.set_fields(TASK, {"status": "in-progress"})
    pushed: list[str] = []

    def hoa_pushes_first() -> None:
        if not pushed:  # between Minh's fetch and Minh's push
            pushed.append(sync(hoa).outcome)

    result = sync(minh, before_push=hoa_pushes_first)
    assert pushed == ["merged"]
    assert result.outcome == "merged"
    assert result.attempts == 2
    sync(lan)
    sync(hoa)
    for store in (lan, minh, hoa):
        assert table(store.root)["document_number"] == "1/BC"
        assert table(store.root)["review_note"] == "Minh"
        assert table(store.root, TASK_FILE)["status"] == "in-progress"
    heads = {git(s.root, "rev-parse", "HEAD") for s in (lan, minh, hoa)}
    assert heads == {git(remote, "rev-parse", "main")}


PRE_RECEIVE_ONCE = """#!/bin/sh
# For the test: once, somebody else's push lands just before ours and ours is refused.
if [ ! -e refused-once ]; then
    touch refused-once
    unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
    git update-ref refs/heads/main refs/heads/minh-work
    echo "bị từ chối một lần" >&2
    exit 1
fi
"""


def install_hook(remote: Path, text: str) -> None:
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(text, encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


def test_cli_sync_retries_after_the_server_moved_under_a_refused_push(office: Office) -> None:
    remote, lan, minh = office
    minh.set_fields(QUAI_CANG, {"review_note": "Minh"})
    git(minh.root, "push", "-q", "origin", "HEAD:refs/heads/minh-work")
    install_hook(remote, PRE_RECEIVE_ONCE)
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})

    r = cli("--repo", str(lan.root), "sync")
    assert r.returncode == 0, r.stderr
    assert (remote / "refused-once").exists()
    values = table(lan.root)
    assert (values["document_number"], values["review_note"]) == ("1/BC", "Minh")
    assert git(remote, "rev-parse", "main") == git(lan.root, "rev-parse", "HEAD")


def test_a_server_that_refuses_for_good_changes_nothing(office: Office) -> None:
    remote, lan, _minh = office
    install_hook(remote, "#!/bin/sh\necho 'kho đang khóa' >&2\nexit 1\n")
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    before = snapshot(lan.root)
    server = git(remote, "rev-parse", "main")
    r = cli("--repo", str(lan.root), "sync")
    assert r.returncode == 1
    assert "từ chối" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert snapshot(lan.root) == before
    assert git(remote, "rev-parse", "main") == server


# --- the server unreachable, missing, or rewritten -------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (lambda tmp: f"git://127.0.0.1:{free_port()}/remote.git", "không kết nối được"),
        (lambda tmp: f"http://127.0.0.1:{free_port()}/remote.git", "không kết nối được"),
        (lambda tmp: str(tmp / "khong-co.git"), "không có kho"),
    ],
)
def test_offline_or_missing_server_is_one_clear_line_and_nothing_is_lost(
    office: Office, tmp_path: Path, url: Callable[[Path], str], words: str
) -> None:
    _remote, lan, _minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    git(lan.root, "remote", "set-url", "origin", url(tmp_path))
    before = snapshot(lan.root)
    r = cli("--repo", str(lan.root), "sync")
    assert r.returncode == 1
    assert words in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert snapshot(lan.root) == before
    assert table(lan.root)["document_number"] == "1/BC"


def test_no_server_configured(repo_path: Path) -> None:
    r = cli("--repo", str(repo_path), "sync")
    assert r.returncode == 1 and "git remote add origin" in r.stderr
    s = cli("--repo", str(repo_path), "status", "--sync")
    assert s.returncode == 0 and "Chưa có máy chủ" in s.stdout


def test_a_rewritten_server_history_is_refused(office: Office, tmp_path: Path) -> None:
    remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    sync(minh)
    # Somebody force-pushes an unrelated rewrite of the office history.
    rewrite = tmp_path / "rewrite"
    init_data_repo(rewrite)
    git(rewrite, "push", "-q", "--force", str(remote), "main:main")
    minh.set_fields(QUAI_CANG, {"review_note": "Minh"})
    before = snapshot(minh.root)
    tracking = git(minh.root, "rev-parse", "origin/main")
    r = cli("--repo", str(minh.root), "sync")
    assert r.returncode == 1
    assert "viết lại" in r.stderr
    assert snapshot(minh.root) == before
    assert git(minh.root, "rev-parse", "origin/main") == tracking
    # Even after a plain `git fetch` moved the tracking branch, dvtui still notices.
    git(minh.root, "fetch", "-q", "origin")
    assert cli("--repo", str(minh.root), "sync").returncode == 1
    assert snapshot(minh.root) == before


def test_uncommitted_edits_in_an_incoming_file_stop_the_sync(office: Office) -> None:
    _remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    path = minh.root / QUAI_CANG_FILE
    path.write_bytes(path.read_bytes() + "# sửa tay\n".encode())
    before = snapshot(minh.root)
    with pytest.raises(DataError) as err:
        sync(minh)
    assert err.value.code == "err.sync.dirty"
    assert snapshot(minh.root) == before


def test_uncommitted_edits_in_a_file_a_real_merge_brings_in_stop_the_sync(office: Office) -> None:
    """Both sides committed (no fast-forward): the merge is made, then refused before the push."""
    remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    minh.set_fields(TASK, {"status": "in-progress"})  # Minh's own commit: a real merge is needed
    path = minh.root / QUAI_CANG_FILE
    path.write_bytes(path.read_bytes() + "# sửa tay\n".encode())
    before, server = snapshot(minh.root), git(remote, "rev-parse", "main")
    with pytest.raises(DataError) as err:
        sync(minh)
    assert err.value.code == "err.sync.dirty" and QUAI_CANG_FILE in str(err.value)
    assert snapshot(minh.root) == before  # the hand edit and Minh's commit, as they were
    assert git(remote, "rev-parse", "main") == server  # and nothing was sent


# --- plain git, clone, status ----------------------------------------------------------------


def test_a_plain_git_pull_in_a_set_up_clone_merges_field_by_field(office: Office) -> None:
    _remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"document_number": "45/BC"})
    # Adjacent lines in the file: git's own text merge would conflict here.
    proc = subprocess.run(
        ["git", "-C", str(minh.root), "pull", "--no-edit", "-q"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    values = table(minh.root)
    assert values["status"] == "submitted" and values["document_number"] == "45/BC"
    assert git(minh.root, "status", "--porcelain") == ""


def test_plain_git_pull_on_a_true_conflict_never_writes_markers(office: Office) -> None:
    _remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"document_number": "2/BC"})
    proc = subprocess.run(
        ["git", "-C", str(minh.root), "pull", "--no-edit", "-q"], capture_output=True
    )
    assert proc.returncode != 0
    data = (minh.root / QUAI_CANG_FILE).read_bytes()
    assert b"<<<<<<<" not in data
    assert tomllib.loads(data.decode())["document_number"] == "2/BC"


def test_a_plain_git_clone_gets_the_driver_when_dvtui_opens_it(
    office: Office, tmp_path: Path
) -> None:
    remote, _lan, _minh = office
    target = tmp_path / "plain"
    subprocess.run(["git", "clone", "-q", str(remote), str(target)], check=True)
    assert "dvtui" not in (target / ".git" / "config").read_text()
    Store(target)
    config = (target / ".git" / "config").read_text()
    assert '[merge "dvtui"]' in config
    driver = git(target, "config", "merge.dvtui.driver").strip()
    # The interpreter's absolute path: a `git pull` from any shell finds it.
    assert driver == f"{sys.executable} -m dvtui.storage.merge_driver %O %A %B %P"
    assert os.path.isabs(sys.executable)
    assert git(target, "config", "pull.rebase").strip() == "false"
    assert (target / ".gitattributes").read_text().count("merge=dvtui") == 1


def test_init_sets_up_the_driver_and_the_first_sync_creates_the_server_branch(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    assert cli("init", str(data)).returncode == 0
    assert '[merge "dvtui"]' in (data / ".git" / "config").read_text()
    server = tmp_path / "server.git"
    subprocess.run(["git", "init", "-q", "--bare", str(server)], check=True)
    git(data, "remote", "add", "origin", str(server))
    r = cli("--repo", str(data), "sync")
    assert r.returncode == 0, r.stderr
    assert git(server, "rev-parse", "main") == git(data, "rev-parse", "HEAD")
    assert git(data, "config", "branch.main.merge").strip() == "refs/heads/main"
    other = tmp_path / "other"
    c = cli("clone", str(server), str(other))
    assert c.returncode == 0, c.stderr
    assert record_files(other) == record_files(data)


def test_clone_of_an_empty_server_or_a_non_data_repo_leaves_nothing(tmp_path: Path) -> None:
    server = tmp_path / "empty.git"
    subprocess.run(["git", "init", "-q", "--bare", str(server)], check=True)
    r = cli("clone", str(server), str(tmp_path / "x"))
    assert r.returncode == 1 and "còn trống" in r.stderr
    assert not (tmp_path / "x").exists()
    r = cli("clone", str(tmp_path / "missing.git"), str(tmp_path / "y"))
    assert r.returncode == 1 and "không có kho" in r.stderr
    assert not (tmp_path / "y").exists()
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "a").write_text("x")
    r = cli("clone", str(server), str(tmp_path / "full"))
    assert r.returncode == 1
    assert (tmp_path / "full" / "a").read_text() == "x"


def test_status_shows_ahead_behind_and_unpushed_commits(office: Office) -> None:
    _remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    minh.set_fields(TASK, {"status": "in-progress"})
    minh.set_fields(TASK, {"due": "30/06/2023"})
    git(minh.root, "fetch", "-q")
    st = status(minh)
    assert (st.ahead, st.behind) == (2, 1)
    assert [c.author for c in st.unpushed] == [PEOPLE["minh"][0]] * 2
    assert st.remote == "origin" and not st.conflicts_pending
    r = cli("--repo", str(minh.root), "status", "--sync")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "Chưa gửi lên: 2 · chưa lấy về: 1" in lines
    unpushed = [ln for ln in lines if ln.startswith("  ")]
    assert len(unpushed) == 2 and all("Trần Văn Minh" in ln for ln in unpushed)
    full = cli("--repo", str(minh.root), "status")
    assert full.returncode == 0 and "Chưa gửi lên: 2" in full.stdout


def test_pulling_needs_no_identity_and_counts_for_the_commit_graph(
    office: Office, tmp_path: Path
) -> None:
    remote, lan, _minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    fresh = tmp_path / "fresh"
    assert cli("clone", str(remote), str(fresh)).returncode == 0
    assert (fresh / ".git" / "objects" / "info" / "commit-graph").exists()
    lan.set_fields(QUAI_CANG, {"review_note": "mới"})
    sync(lan)
    write_gitconfig(Path(os.environ["HOME"]), name=None, email=None)  # a new machine
    r = cli("--repo", str(fresh), "sync")
    assert r.returncode == 0, r.stderr
    assert table(fresh)["review_note"] == "mới"
    # One commit came: counted for the graph's next layer (written once GRAPH_BATCH came:
    # test_sync_fastpaths), not written after every sync.
    chain = fresh / ".git" / "objects" / "info" / "commit-graphs" / "commit-graph-chain"
    assert not chain.exists()
    assert (fresh / ".git" / GRAPH_PENDING).read_text(encoding="ascii") == "1\n"


def test_a_conflict_settled_by_a_later_save_is_no_longer_pending(office: Office) -> None:
    _remote, lan, minh = office
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"document_number": "2/BC"})
    assert sync(minh).outcome == "conflict"
    assert status(minh).conflicts_pending
    minh.set_fields(QUAI_CANG, {"document_number": "1/BC"})  # agrees with Lan now
    assert pending_conflicts(minh) == []
    assert not status(minh).conflicts_pending
    assert sync(minh).outcome == "merged"
    assert table(minh.root)["document_number"] == "1/BC"


def test_a_clone_set_up_by_an_older_dvtui_gets_the_driver_of_this_one(repo_path: Path) -> None:
    # dvtui 0.1 ran its driver as ``-m dvtui.store.merge_driver``; that module has moved, and
    # a `git pull` with the old command would fail on every record.
    git(repo_path, "config", "merge.dvtui.driver", f"{sys.executable} -m dvtui.store.merge_driver")
    Store(repo_path)
    driver = git(repo_path, "config", "merge.dvtui.driver").strip()
    assert driver == f"{sys.executable} -m dvtui.storage.merge_driver %O %A %B %P"
