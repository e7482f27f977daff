"""The shortcuts of the git layer give what git itself gives."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import USER_EMAIL, USER_NAME, git

from dvtui.git.repo import GitRepo, Identity, read_head


def rev_parse(root: Path) -> str | None:
    proc = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--verify", "-q", "HEAD"],
        capture_output=True,
        text=True,
    )
    return proc.stdout.strip() or None


def test_head_from_the_ref_files_is_what_rev_parse_says(tmp_path: Path) -> None:
    root = tmp_path / "r"
    git(tmp_path, "init", "-q", "--initial-branch=main", str(root))
    repo = GitRepo(root)
    assert read_head(repo.dirs) == "" and repo.head() is None
    (root / "a").write_text("a")
    git(root, "add", "a")
    git(root, "commit", "-q", "-m", "a")
    assert repo.head() == rev_parse(root) is not None
    git(root, "pack-refs", "--all")  # the branch now lives in packed-refs only
    assert not (root / ".git/refs/heads/main").exists()
    assert repo.head() == rev_parse(root)
    git(root, "checkout", "-q", "--detach")
    assert repo.head() == rev_parse(root)
    git(root, "worktree", "add", "-q", str(tmp_path / "wt"), "main")
    worktree = GitRepo(tmp_path / "wt")
    assert read_head(worktree.dirs) == worktree.head() == rev_parse(tmp_path / "wt")
    (tmp_path / "wt" / "b").write_text("b")
    git(tmp_path / "wt", "add", "b")
    git(tmp_path / "wt", "commit", "-q", "-m", "b")  # the worktree's branch moves on its own
    assert read_head(worktree.dirs) == worktree.head() == rev_parse(tmp_path / "wt")
    assert repo.head() == rev_parse(root) != worktree.head()


def test_identity_from_one_git_call_follows_gits_precedence(tmp_path: Path) -> None:
    root = tmp_path / "r"
    git(tmp_path, "init", "-q", str(root))
    repo = GitRepo(root)
    assert repo.identity() == Identity(USER_NAME, USER_EMAIL)  # ~/.gitconfig
    git(root, "config", "user.name", "Lò Văn Thắng")  # the repository's own wins
    assert repo.identity() == Identity("Lò Văn Thắng", USER_EMAIL)


def test_a_commit_returns_the_sha_git_made(tmp_path: Path) -> None:
    root = tmp_path / "r"
    git(tmp_path, "init", "-q", "--initial-branch=main", str(root))
    repo = GitRepo(root)
    (root / "a.txt").write_text("a")
    first = repo.commit(["a.txt"], "một\n\nAction: test\n")
    assert first == rev_parse(root)
    (root / "a.txt").write_text("b")
    second = repo.commit(["a.txt"], "[hai] ba\n")
    assert second == rev_parse(root) != first


def test_a_new_data_repo_has_a_commit_graph_with_bloom_filters(repo_path: Path) -> None:
    graph = repo_path / ".git/objects/info/commit-graph"
    assert graph.exists()
    assert b"BIDX" in graph.read_bytes()  # the changed-path Bloom filters' chunk
