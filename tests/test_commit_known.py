"""A commit this process built with plumbing is known without asking git again (issue 15):
``is_only_commit_on`` (the row cache's proof after a save) answers from what the commit
was built from, as ``git log`` answers for any other commit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import git

from dvtui.git.repo import GitRepo


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "r"
    git(tmp_path, "init", "-q", "--initial-branch=main", str(root))
    for name in ("a.txt", "b.txt"):
        (root / name).write_text(name)
    git(root, "add", "a.txt", "b.txt")
    git(root, "commit", "-q", "-m", "first")
    return root


def test_a_plumbing_commit_is_proved_without_git_log(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = GitRepo(root)
    parent = git(root, "rev-parse", "HEAD").strip()
    (root / "a.txt").write_text("changed")
    sha = repo.commit(["a.txt"], "a changed")
    assert repo.last_commit is not None and repo.last_commit.sha == sha  # plumbing
    trace = tmp_path / "trace"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    questions = [(parent, sha, "a.txt"), (parent, sha, "b.txt"), (sha, sha, "a.txt")]
    known = [repo.is_only_commit_on(*q) for q in questions]
    assert not trace.exists() or "log" not in trace.read_text()  # no git process asked
    monkeypatch.delenv("GIT_TRACE")
    assert (
        known
        == [GitRepo(root).is_only_commit_on(*q) for q in questions]
        == [
            True,
            False,
            False,
        ]
    )


def test_what_is_staged_meanwhile_is_seen_in_the_tree_written(root: Path) -> None:
    """The plumbing compares the tree it writes with HEAD: a file staged by hand before the
    save is not committed with it (``git commit -- paths`` leaves it staged)."""
    repo = GitRepo(root)
    (root / "a.txt").write_text("changed")
    (root / "b.txt").write_text("by hand")
    git(root, "add", "b.txt")
    parent = git(root, "rev-parse", "HEAD").strip()
    sha = repo.commit(["a.txt"], "a changed")
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == ["a.txt"]
    assert git(root, "diff", "--cached", "--name-only").split() == ["b.txt"]
    assert repo.is_only_commit_on(parent, sha, "a.txt") is False  # b.txt is still staged
    assert os.environ.get("GIT_TRACE") is None
