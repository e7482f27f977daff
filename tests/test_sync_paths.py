"""The sync's check for unsaved edits asks git about the files the sync changes: the few of
an ordinary sync by name, the many of a long-awaited pull with a look at the whole tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git
from synchelp import make_clone, make_remote, snapshot

from dvtui.core.problems import DataError
from dvtui.services.sync import STATUS_PATHS, sync


@pytest.mark.parametrize("files", [3, STATUS_PATHS + 1])
def test_an_untracked_file_where_the_sync_brings_one_stops_it(tmp_path: Path, files: int) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    notes = lan.root / "ghi chú"  # a name git would quote, and a space
    notes.mkdir()
    for i in range(files):
        (notes / f"{i}.txt").write_text(f"{i}\n", encoding="utf-8")
    git(lan.root, "add", "--", "ghi chú")
    git(lan.root, "commit", "-q", "-m", "ghi chú")
    sync(lan)
    # Minh has a file of his own where the sync would write one of Lan's: never overwritten.
    (minh.root / "ghi chú").mkdir()
    (minh.root / "ghi chú" / "2.txt").write_text("của Minh\n", encoding="utf-8")
    before = snapshot(minh.root)
    with pytest.raises(DataError) as err:
        sync(minh)
    assert err.value.code == "err.sync.dirty" and "ghi chú/2.txt" in str(err.value)
    assert snapshot(minh.root) == before
    assert (minh.root / "ghi chú" / "2.txt").read_text(encoding="utf-8") == "của Minh\n"
    # With the file out of the way, the same sync brings every file.
    (minh.root / "ghi chú" / "2.txt").unlink()
    assert sync(minh).outcome == "pulled"
    assert len(list((minh.root / "ghi chú").iterdir())) == files
