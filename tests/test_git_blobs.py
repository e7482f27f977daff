"""``dvtui.git.process.blobs``: a cold load's one ``git cat-file --batch``, in a real repo."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import git

from dvtui.git import process


def _store(repo: Path, data: bytes) -> str:
    return (
        subprocess.run(
            ["git", "-C", str(repo), "hash-object", "-w", "--stdin"],
            input=data,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )


def test_each_blob_in_order_and_none_for_what_it_cannot_give(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    small, other = _store(tmp_path, b"a = 1\n"), _store(tmp_path, b"")
    big = _store(tmp_path, b"x" * 5000)
    (tmp_path / "f").write_text("f", encoding="utf-8")
    git(tmp_path, "add", "f")
    tree = git(tmp_path, "write-tree").strip()
    missing = "0" * 40
    wanted = [small, missing, big, tree, other, small]
    found = list(process.blobs(tmp_path, wanted, limit=100))
    assert found == [b"a = 1\n", None, None, None, b"", b"a = 1\n"]


def test_closed_early_and_outside_a_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    shas = [_store(repo, b"%d\n" % i) for i in range(2000)]
    read = process.blobs(repo, shas, limit=100)
    assert next(read) == b"0\n"
    read.close()  # git is ended; nothing waits on it
    plain = tmp_path / "plain"
    plain.mkdir()
    assert list(process.blobs(plain, shas[:3], limit=100)) == [None, None, None]
