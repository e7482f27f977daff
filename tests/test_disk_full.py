"""A full disk or a read-only one (issue 12, item 9): the file and the cause are named, and
nothing is left behind — no temp file, no save journal, no staged index, no git lock.

On a real small file system: a tmpfs of a few megabytes mounted for the test (root only;
the sandbox and CI run as root), filled to leave a given number of bytes free, then
remounted read-only. Every free size from nothing to enough for the whole save is tried,
so that each step of a save (lock, journal, temp file, rename, git's objects and index)
is the one that fails somewhere in the sweep.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import git

from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import Report
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store

QUAI_CANG = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
NOTE = "Đã đối thoại với Nhân dân ở các bản. " * 300  # ~12 KB: blobs, index, temp file
STEP = 3000  # bytes between two free sizes of the sweep

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A real 6 MB file system of its own, unmounted afterwards whatever happens."""
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int) -> Path:
    """A file taking all the space but ``leave`` bytes."""
    filler = disk / "filler"
    info = os.statvfs(disk)
    free = info.f_bavail * info.f_frsize
    with open(filler, "wb") as out:
        out.write(b"\0" * max(0, free - leave))
    return filler


def leftovers(repo: Path) -> list[str]:
    """What a failed save must never leave: temp files, the journal, git's lock files."""
    found = [str(p.relative_to(repo)) for p in repo.rglob("*.tmp")]
    locks = (p for p in (repo / ".git").glob("*.lock") if p.name != "dvtui.lock")  # it stays
    found += [str(p.relative_to(repo)) for p in locks]
    journal = repo / ".git" / "dvtui-save.json"
    return found + ([".git/dvtui-save.json"] if journal.exists() else [])


def state(repo: Path) -> tuple[str, str, bytes]:
    return (
        git(repo, "rev-parse", "HEAD"),
        git(repo, "ls-files", "-s"),
        (repo / QUAI_CANG.relpath).read_bytes(),
    )


def note_it(store: Store, text: str) -> None:
    report = store.get(QUAI_CANG)
    assert isinstance(report, Report)
    store.replace(report, review_note=text)


def test_a_full_disk_names_the_file_and_leaves_nothing_behind(disk: Path) -> None:
    repo = disk / "data"
    init_data_repo(repo)
    Store(repo).load()  # the load cache is written while there is room
    failures: set[str] = set()
    for n, leave in enumerate(range(0, 90_000, STEP)):
        before = state(repo)
        filler = fill(disk, leave)
        try:
            note_it(Store(repo), f"{NOTE} {n}")
        except DataError as exc:
            assert exc.code == "err.write", str(exc)
            assert "ổ đĩa đã đầy" in str(exc) and "“" in str(exc)
            failures.add(str(exc.values["path"]))
            filler.unlink()
            # Nothing changed, nothing stayed behind — or the next save removes it, says so.
            assert state(repo)[0] == before[0]
            left = leftovers(repo)
            store = Store(repo)
            notices = store.take_notices()
            assert not left or notices, left
            assert leftovers(repo) == []
            assert state(repo) == before
            assert git(repo, "status", "--porcelain") == ""
        else:
            filler.unlink()
            assert leftovers(repo) == []
        note_it(Store(repo), f"{NOTE} {n} (đủ chỗ)")  # with room again, saving works
        assert leftovers(repo) == []
    # The sweep reached the different steps of a save, each named as the file it could
    # not write: the journal, the record, git's own files.
    assert ".git/dvtui-save.json" in failures
    assert QUAI_CANG.relpath in failures
    assert any(".git" in f and f != ".git/dvtui-save.json" for f in failures), failures


def test_the_command_line_says_which_file_and_why(disk: Path) -> None:
    repo = disk / "data"
    init_data_repo(repo)
    before = state(repo)
    fill(disk, 0)
    done = subprocess.run(
        [sys.executable, "-m", "dvtui", "--repo", str(repo), "set", str(QUAI_CANG), "reviewer=A"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("dvtui: không lưu được: không ghi được “.git/")
    assert "ổ đĩa đã đầy" in done.stderr and "“”" not in done.stderr
    assert state(repo) == before and leftovers(repo) == []


def test_a_read_only_disk_reads_everything_and_refuses_saves_by_name(disk: Path) -> None:
    repo = disk / "data"
    init_data_repo(repo)
    Store(repo).load()
    before = state(repo)
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "dvtui", "--repo", str(repo), *args],
            capture_output=True,
            text=True,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return done

    for args in (["validate"], ["list", "units"], ["show", str(QUAI_CANG)], ["log"], ["audit"]):
        assert run(*args).returncode == 0, args
    refused = run("set", str(QUAI_CANG), "reviewer=A")
    assert refused.returncode == 1
    assert "không ghi được “.git/dvtui.lock”: ổ đĩa chỉ cho phép đọc" in refused.stderr
    subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    assert state(repo) == before and leftovers(repo) == []
