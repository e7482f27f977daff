"""The git layer: the data repo's first commit, authorship, messages, and refusals."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import USER_EMAIL, USER_NAME, git, write_gitconfig

import dvtui.git.repo as gitmod
from dvtui import __version__
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.trailers import SUBJECT_LIMIT, parse_message
from dvtui.git.repo import GitRepo
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store

QUAI_CANG = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
QUAI_CANG_FILE = "records/reports/2023-h1/ubnd-xa-quai-cang.toml"
SUBMIT = {"status": "submitted", "submitted_on": "10/05/2023"}


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def trailer(repo: Path, key: str, rev: str = "HEAD") -> list[str]:
    """What git itself parses as the trailer ``key`` of a commit."""
    out = git(repo, "log", "-1", f"--format=%(trailers:key={key},valueonly)", rev)
    return [line for line in out.splitlines() if line]


# --- a new data repo -------------------------------------------------------------------------


def test_init_makes_one_commit_with_settings_and_attributes(repo_path: Path) -> None:
    assert git(repo_path, "rev-list", "--count", "HEAD").strip() == "1"
    assert git(repo_path, "branch", "--show-current").strip() == "main"
    files = git(repo_path, "ls-files").split()
    assert ".gitattributes" in files and "dvtui.toml" in files
    assert sum(f.startswith("records/") for f in files) == 121
    assert git(repo_path, "status", "--porcelain") == ""
    assert (
        git(repo_path, "log", "-1", "--format=%an <%ae>").strip() == f"{USER_NAME} <{USER_EMAIL}>"
    )
    assert trailer(repo_path, "Action") == ["init"]
    assert "*.toml text eol=lf" in (repo_path / ".gitattributes").read_text(encoding="utf-8")
    store = Store(repo_path)
    assert store.settings_problems == [] and store.settings.deadline_inclusive is True


def test_init_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        init_data_repo(tmp_path)
    assert caught.value.code == "err.init.exists"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_init_without_identity_makes_no_repo(tmp_path: Path, isolated_git: Path) -> None:
    write_gitconfig(isolated_git, name=None, email=None)
    target = tmp_path / "data"
    with pytest.raises(DataError) as caught:
        init_data_repo(target)
    assert caught.value.code == "err.git.identity"
    assert not (target / ".git").exists()


# --- a save is one commit by the user ----------------------------------------------------------


def test_commit_author_subject_and_trailers(store: Store) -> None:
    store.set_fields(QUAI_CANG, SUBMIT)
    repo = store.root
    fmt = "%an|%ae|%cn|%ce"
    assert git(repo, "log", "-1", f"--format={fmt}").strip() == "|".join(
        [USER_NAME, USER_EMAIL, USER_NAME, USER_EMAIL]
    )
    subject = git(repo, "log", "-1", "--format=%s").strip()
    assert subject == "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang: Chưa nộp → Đã nộp"
    body = git(repo, "log", "-1", "--format=%b")
    assert "- Trạng thái: Chưa nộp → Đã nộp\n- Ngày nộp: (trống) → 10/05/2023\n" in body
    assert trailer(repo, "Record") == [str(QUAI_CANG)]
    assert trailer(repo, "Action") == ["update"]
    assert trailer(repo, "Field") == ["status", "submitted_on"]
    assert trailer(repo, "Dvtui-Version") == [__version__]
    parsed = parse_message(git(repo, "log", "-1", "--format=%B"))
    assert parsed.record == str(QUAI_CANG)
    assert parsed.action == "update"
    assert parsed.fields == ["status", "submitted_on"]
    assert parsed.version == __version__


def test_subject_of_a_single_other_field(store: Store) -> None:
    store.set_fields(RecordId.parse("tasks/2023-ii-7"), {"due": "30/06/2023"})
    subject = git(store.root, "log", "-1", "--format=%s").strip()
    assert subject.startswith("II.7 ")
    assert subject.endswith(": Hạn: (trống) → 30/06/2023")
    assert len(subject) <= SUBJECT_LIMIT


def test_long_subjects_are_cut(store: Store) -> None:
    rid = RecordId.parse("units/ubnd-xa-quai-cang")
    store.set_fields(rid, {"name": "UBND xã Quài Cang " + "rất dài " * 30})
    subject = git(store.root, "log", "-1", "--format=%s").strip()
    assert len(subject) == SUBJECT_LIMIT and subject.endswith("…")


def test_the_identity_comes_from_git_config(store: Store, isolated_git: Path) -> None:
    write_gitconfig(isolated_git, name="Lò Thị Mai", email="mai@tuangiao.example")
    store.set_fields(QUAI_CANG, SUBMIT)
    assert git(store.root, "log", "-1", "--format=%an <%ae>").strip() == (
        "Lò Thị Mai <mai@tuangiao.example>"
    )


@pytest.mark.parametrize(("name", "email"), [(None, USER_EMAIL), (USER_NAME, None)])
def test_no_identity_no_commit(
    store: Store, isolated_git: Path, name: str | None, email: str | None
) -> None:
    write_gitconfig(isolated_git, name=name, email=email)
    old, before = (store.root / QUAI_CANG_FILE).read_bytes(), head(store.root)
    with pytest.raises(DataError) as caught:
        store.set_fields(QUAI_CANG, SUBMIT)
    assert caught.value.code == "err.git.identity"
    assert "git config --global user.name" in str(caught.value)
    assert head(store.root) == before
    assert (store.root / QUAI_CANG_FILE).read_bytes() == old
    assert git(store.root, "status", "--porcelain") == ""


def test_only_the_saved_file_is_committed(store: Store) -> None:
    other = store.root / "records/units/phong-y-te.toml"
    other.write_bytes(other.read_bytes() + b'gso_code = "99999"\n')
    git(store.root, "add", "records/units/phong-y-te.toml")
    store.set_fields(QUAI_CANG, SUBMIT)
    assert git(store.root, "show", "--format=", "--name-only", "HEAD").split() == [QUAI_CANG_FILE]
    # the user's own staged change is left staged, untouched
    assert git(store.root, "diff", "--cached", "--name-only").split() == [
        "records/units/phong-y-te.toml"
    ]


# --- refusals while the repo is busy ---------------------------------------------------------


def conflicting_branches(repo: Path) -> None:
    """Two branches that change one (non-record) file two ways."""
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "ghi-chu.txt").write_text("bên kia\n", encoding="utf-8")
    git(repo, "add", "ghi-chu.txt")
    git(repo, "commit", "-qm", "other side")
    git(repo, "checkout", "-q", "main")
    (repo / "ghi-chu.txt").write_text("bên này\n", encoding="utf-8")
    git(repo, "add", "ghi-chu.txt")
    git(repo, "commit", "-qm", "this side")


def assert_refused(store: Store, code: str) -> None:
    old, before = (store.root / QUAI_CANG_FILE).read_bytes(), head(store.root)
    with pytest.raises(DataError) as caught:
        store.set_fields(QUAI_CANG, SUBMIT)
    assert caught.value.code == code
    assert head(store.root) == before
    assert (store.root / QUAI_CANG_FILE).read_bytes() == old


def test_refused_mid_merge(store: Store) -> None:
    conflicting_branches(store.root)
    merge = git_may_fail(store.root, "merge", "other")
    assert merge != 0
    assert (store.root / ".git" / "MERGE_HEAD").exists()
    assert_refused(store, "err.git.merging")


def test_refused_mid_rebase(store: Store) -> None:
    conflicting_branches(store.root)
    assert git_may_fail(store.root, "rebase", "other") != 0
    assert_refused(store, "err.git.rebasing")


def test_refused_on_a_detached_head(store: Store) -> None:
    git(store.root, "checkout", "-q", "--detach")
    assert_refused(store, "err.git.detached")


def wait_until_open(pid: int, path: Path, timeout: float = 30.0) -> None:
    """Until process ``pid`` has ``path`` open (read from /proc)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") == str(path) for fd in fds):
                return
        except OSError:
            pass
        time.sleep(0.01)
    raise AssertionError(f"process {pid} never opened {path}")


def test_refused_while_another_process_holds_the_index(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gitmod, "LOCK_WAIT_SECONDS", 0.3)
    lock = store.root / ".git" / "index.lock"
    lock.write_bytes(b"")
    # A live process with the lock open (as git keeps it while it works). A lock nobody
    # holds is stale and removed: see tests/test_crash.py.
    holder = subprocess.Popen(
        ["python3", "-c", f"f = open({str(lock)!r}); import time; time.sleep(60)"]
    )
    try:
        wait_until_open(holder.pid, lock)  # a busy machine can take a while to start it
        started = time.monotonic()
        assert_refused(store, "err.git.locked_by")
        assert time.monotonic() - started >= 0.3  # it waited for the other process first
        assert lock.exists()  # and never removed its lock
    finally:
        holder.kill()
        holder.wait()


def test_a_short_lock_is_waited_out(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitmod, "LOCK_WAIT_SECONDS", 5.0)
    lock = store.root / ".git" / "index.lock"
    lock.write_bytes(b"")
    release = threading.Timer(0.3, lock.unlink)
    release.start()
    try:
        store.set_fields(QUAI_CANG, SUBMIT)
    finally:
        release.join()
    assert git(store.root, "rev-list", "--count", "HEAD").strip() == "2"


def git_may_fail(repo: Path, *args: str) -> int:
    """Run git, returning its exit status instead of raising."""
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True).returncode


# --- the git layer on its own ------------------------------------------------------------------


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        GitRepo(tmp_path)
    assert caught.value.code == "err.git.not_repo"


def test_path_log_blobs_before_and_after(store: Store) -> None:
    store.set_fields(QUAI_CANG, SUBMIT)
    repo = GitRepo(store.root)
    newest_commit, created_commit = repo.path_log(QUAI_CANG_FILE)
    (newest,), (created,) = newest_commit.files, created_commit.files
    assert created.old_blob is None and created.new_blob is not None
    assert newest.old_blob == created.new_blob
    assert newest.new_blob is not None
    assert repo.blob(newest.new_blob) == (store.root / QUAI_CANG_FILE).read_bytes()
    assert newest_commit.author == USER_NAME
    assert newest_commit.subject.endswith("Chưa nộp → Đã nộp")
    assert [c.sha for c in repo.log(limit=1)] == [head(store.root)]
