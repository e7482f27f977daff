"""Crash safety: saves killed with SIGKILL, stale git locks, interrupted saves cleaned up.

The short version of the crash harness (``tests/crash/harness.py``) runs here: every named
point and git hook once, a few creates, and timed kills — 30 kills. ``make crash`` runs 200+.
"""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import dvtui, git
from crash.harness import HOOKS, Case, make_base, random_edit, run_case, run_many

import dvtui.git.repo as gitmod
import dvtui.storage.journal as journalmod
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.storage import Store
from dvtui.storage.crash import POINTS
from dvtui.storage.journal import JOURNAL_NAME, LOCK_NAME

# What a save killed at each point leaves before the next dvtui opens the repo.
EXPECTED = {
    "before_write": "untouched",
    "before_rename": "untouched",
    "after_rename": "written",
    "after_add": "written",
    "after_commit": "committed",
    "pre-commit": "written",  # killed inside git commit, index.lock held
    "ref-prepared": "written",  # killed holding the ref locks (HEAD.lock, main.lock)
    "ref-committed": "committed",  # the branch moved, the index not yet written
    "post-commit": "committed",
}
# The git lock files each kill inside git leaves behind (the next save removes them).
LEFT_LOCKS = {
    "pre-commit": {".git/index.lock"},
    "ref-prepared": {".git/index.lock", ".git/HEAD.lock", ".git/refs/heads/main.lock"},
    "ref-committed": {".git/index.lock"},
}
assert set(EXPECTED) == {*POINTS, *HOOKS}

QUAI_CANG = "reports/2023-h1/ubnd-xa-quai-cang"
QUAI_CANG_FILE = f"records/{QUAI_CANG}.toml"


def kind_of(where: str) -> str:
    return "point" if where in POINTS else "hook"


@pytest.mark.parametrize("where", list(EXPECTED))
def test_a_save_killed_at_a_named_point(tmp_path: Path, where: str) -> None:
    base = make_base(tmp_path)
    case = Case(1, kind_of(where), where, random_edit(random.Random(where), False), seed=7)
    outcome = run_case(base, tmp_path, case, window=0.2)
    assert outcome.state == EXPECTED[where]
    locks = {x for x in outcome.leftovers if x.endswith(".lock") and "next-index" not in x}
    assert locks == LEFT_LOCKS.get(where, set())
    assert JOURNAL_NAME in outcome.leftovers  # written before the first point
    said = " ".join(outcome.notices)
    if outcome.state == "written":
        assert "bị ngắt trước khi ghi vào git: hồ sơ được trả về như trước" in said
    elif outcome.state == "committed":
        assert "bị ngắt sau khi đã ghi vào git: thay đổi được giữ" in said
    if where in LEFT_LOCKS:
        assert "đã gỡ khóa git bị bỏ lại" in said


@pytest.mark.parametrize("where", ["before_rename", "after_rename", "pre-commit", "post-commit"])
def test_a_new_record_killed_at_a_named_point(tmp_path: Path, where: str) -> None:
    base = make_base(tmp_path)
    case = Case(1, kind_of(where), where, random_edit(random.Random(where), True), seed=3)
    outcome = run_case(base, tmp_path, case, window=0.2)
    assert outcome.state == EXPECTED[where]


def test_timed_kills(tmp_path: Path) -> None:
    seed = int(os.environ.get("DVTUI_CRASH_SEED", time.time()))
    summary = run_many(30 - len(EXPECTED) - 4, seed, workers=2)
    assert not summary.failures, f"seed {seed}\n" + summary.report()
    assert len(summary.outcomes) == 17


# --- stale and live locks -----------------------------------------------------------------------


def test_a_stale_index_lock_is_removed_with_a_message(repo_path: Path) -> None:
    """A lock left by a git killed outside dvtui (no journal): removed after the wait."""
    lock = repo_path / ".git" / "index.lock"
    lock.write_bytes(b"")
    started = time.monotonic()
    result = dvtui("--repo", str(repo_path), "set", QUAI_CANG, "document_number=12/BC-UBND")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started >= gitmod.LOCK_WAIT_SECONDS  # waited for a live git
    assert "đã gỡ khóa git bị bỏ lại bởi một chương trình đã dừng giữa chừng: .git/index.lock" in (
        result.stderr
    )
    assert not lock.exists()
    assert git(repo_path, "status", "--porcelain") == ""
    assert git(repo_path, "log", "-1", "--format=%(trailers:key=Record,valueonly)").strip() == (
        QUAI_CANG
    )


def test_a_stale_ref_lock_is_removed_too(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitmod, "LOCK_WAIT_SECONDS", 0.2)
    (store.root / ".git" / "refs" / "heads" / "main.lock").write_bytes(b"")
    store.set_fields(RecordId.parse(QUAI_CANG), {"document_number": "12/BC-UBND"})
    assert "refs/heads/main.lock" in " ".join(store.take_notices())
    assert int(git(store.root, "rev-list", "--count", "HEAD")) == 2


def test_a_lock_held_by_a_running_git_is_never_removed(repo_path: Path) -> None:
    """A real ``git commit`` waiting for its editor holds index.lock: dvtui waits, then says who."""
    (repo_path / "records/units/phong-noi-vu.toml").write_bytes(
        (repo_path / "records/units/phong-noi-vu.toml").read_bytes() + b"\n"
    )
    env = {**os.environ, "GIT_EDITOR": "sleep 30;:"}
    holder = subprocess.Popen(
        ["git", "-C", str(repo_path), "commit", "-a"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    lock = repo_path / ".git" / "index.lock"
    try:
        for _ in range(200):
            if lock.exists():
                break
            time.sleep(0.02)
        assert lock.exists()
        before = git(repo_path, "rev-parse", "HEAD")
        result = dvtui("--repo", str(repo_path), "set", QUAI_CANG, "document_number=12/BC-UBND")
        assert result.returncode == 1
        assert "kho đang bị khóa (index.lock) bởi chương trình đang chạy: git" in result.stderr
        assert f"(pid {holder.pid})" in result.stderr
        assert lock.exists()
        assert git(repo_path, "rev-parse", "HEAD") == before
        assert git(repo_path, "status", "--porcelain", "--", "records/reports") == ""
    finally:
        os.killpg(holder.pid, 9)
        holder.wait()


def test_another_dvtui_saving_makes_a_save_wait_then_say_who(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journalmod, "SAVE_LOCK_WAIT", 0.3)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from dvtui.storage import journal\n"
            "with journal.save_lock(Path(sys.argv[1])):\n"
            "    print('locked', flush=True); time.sleep(60)",
            str(store.root / ".git"),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        old = (store.root / QUAI_CANG_FILE).read_bytes()
        with pytest.raises(DataError) as caught:
            store.set_fields(RecordId.parse(QUAI_CANG), {"document_number": "1"})
        assert caught.value.code == "err.save.busy"
        assert str(holder.pid) in str(caught.value)
        assert (store.root / QUAI_CANG_FILE).read_bytes() == old
    finally:
        holder.kill()
        holder.wait()
    # the kernel released the dead holder's lock: the next save goes through at once
    store.set_fields(RecordId.parse(QUAI_CANG), {"document_number": "1"})
    assert (store.root / ".git" / LOCK_NAME).exists()  # the lock file stays; only its lock went


# --- interrupted saves ----------------------------------------------------------------------------


def killed_save(repo: Path, point: str, *assignment: str) -> None:
    result = dvtui(
        "--repo", str(repo), "set", QUAI_CANG, *assignment, env={"DVTUI_CRASH_AT": point}
    )
    assert result.returncode == -9


def test_validate_repairs_a_written_but_uncommitted_record(repo_path: Path) -> None:
    old = (repo_path / QUAI_CANG_FILE).read_bytes()
    killed_save(repo_path, "after_add", "document_number=12/BC-UBND")
    assert b"12/BC-UBND" in (repo_path / QUAI_CANG_FILE).read_bytes()
    assert git(repo_path, "status", "--porcelain") == f"M  {QUAI_CANG_FILE}\n"
    result = dvtui("--repo", str(repo_path), "validate")
    assert result.returncode == 0
    assert f"lần lưu “{QUAI_CANG_FILE}” lúc" in result.stderr
    assert "hồ sơ được trả về như trước, hãy lưu lại" in result.stderr
    assert (repo_path / QUAI_CANG_FILE).read_bytes() == old
    assert git(repo_path, "status", "--porcelain") == ""


def test_a_hand_edit_after_the_crash_is_never_undone(repo_path: Path) -> None:
    killed_save(repo_path, "after_rename", "document_number=12/BC-UBND")
    edited = (repo_path / QUAI_CANG_FILE).read_bytes().replace(b"12/BC-UBND", b"13/BC-UBND")
    (repo_path / QUAI_CANG_FILE).write_bytes(edited)  # someone fixed it by hand meanwhile
    result = dvtui("--repo", str(repo_path), "validate")
    assert "bị ngắt trước khi ghi tệp: không có gì thay đổi" in result.stderr
    assert (repo_path / QUAI_CANG_FILE).read_bytes() == edited
    assert not (repo_path / ".git" / JOURNAL_NAME).exists()


def test_a_committed_save_is_kept_and_the_index_repaired(repo_path: Path) -> None:
    head = git(repo_path, "rev-parse", "HEAD")
    killed_save(repo_path, "after_commit", "document_number=12/BC-UBND")
    assert git(repo_path, "rev-parse", "HEAD^") == head
    store = Store(repo_path)
    assert "thay đổi được giữ" in " ".join(store.take_notices())
    assert b"12/BC-UBND" in (repo_path / QUAI_CANG_FILE).read_bytes()
    assert git(repo_path, "status", "--porcelain") == ""


def test_an_unreadable_journal_is_dropped_with_a_message(repo_path: Path) -> None:
    (repo_path / ".git" / JOURNAL_NAME).write_bytes(b"{not json")
    store = Store(repo_path)
    assert "đã bỏ tệp nhật ký lưu không đọc được" in " ".join(store.take_notices())
    assert not (repo_path / ".git" / JOURNAL_NAME).exists()


@pytest.mark.parametrize(
    "target",
    ["../outside.txt", "{outside}", ".git/config", "records/../../outside.txt", "linked/x.toml"],
    ids=["parent", "absolute", "git-folder", "dotdot-inside", "symlinked-folder"],
)
def test_a_planted_journal_cannot_make_the_recovery_write_or_delete_elsewhere(
    repo_path: Path, target: str
) -> None:
    """Whoever can write ``.git`` can plant a journal; the recovery of a save cut short
    writes back, or deletes, the files it names — only files of the work tree, never through
    a symlink, never under ``.git``, whatever the journal says."""
    outside = repo_path.parent / "outside.txt"
    outside.write_bytes(b"mine\n")
    (repo_path / "linked").symlink_to(repo_path.parent)
    (repo_path.parent / "x.toml").write_bytes(b"mine\n")
    config = (repo_path / ".git/config").read_bytes()
    path = target.format(outside=outside)
    current = {"../outside.txt": b"mine\n", ".git/config": config}.get(target, b"mine\n")
    for old in (b"planted\n", None):  # put back as it was, or deleted as never there
        planted = journalmod.Journal(
            files=(journalmod.JournalFile(path, old, hashlib.sha256(current).hexdigest()),),
            pid=999_999,
            host="elsewhere",
            started="2026-12-01T00:00:00",
        )
        (repo_path / ".git" / JOURNAL_NAME).write_bytes(planted.to_json())
        notices = Store(repo_path).take_notices()
        assert outside.read_bytes() == b"mine\n"
        assert (repo_path.parent / "x.toml").read_bytes() == b"mine\n"
        assert (repo_path / ".git/config").read_bytes() == config
        assert "đã bỏ tệp nhật ký lưu không đọc được" in " ".join(notices)
        assert not (repo_path / ".git" / JOURNAL_NAME).exists()
