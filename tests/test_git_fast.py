"""The shortcuts of the git layer give what git itself gives."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import USER_EMAIL, USER_NAME, git

from dvtui.core.ids import RecordId
from dvtui.git.repo import GitRepo, Identity, clean_message, read_head
from dvtui.storage import Store


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


# --- commits built with plumbing -----------------------------------------------------------

QUAI_CANG = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
QUAI_CANG_FILE = "records/reports/2023-h1/ubnd-xa-quai-cang.toml"
UNIT_FILE = "records/units/ubnd-xa-quai-cang.toml"
FIXED_DATES = {
    "GIT_AUTHOR_DATE": "2024-05-10T09:30:00+07:00",
    "GIT_COMMITTER_DATE": "2024-05-10T09:30:00+07:00",
}


def _last_reflog_line(root: Path, name: str) -> str:
    return (root / ".git/logs" / name).read_text(encoding="utf-8").splitlines()[-1]


def _commands_run(trace: Path) -> list[str]:
    """The git sub-commands a GIT_TRACE file shows (``commit``, ``commit-tree``…)."""
    found = []
    for line in trace.read_text(encoding="utf-8", errors="replace").splitlines():
        if "trace: built-in: git " in line:
            words = line.split("trace: built-in: git ", 1)[1].split()
            words = [w for w in words if not w.startswith("-") and "=" not in w]
            if words:
                found.append(words[0].strip("'"))
    return found


def test_a_save_without_hooks_makes_the_commit_git_commit_makes(
    repo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tree, message, author, committer (so the sha) and both reflog lines are git's own;
    and it was made without ``git commit`` (which stats and rewrites the whole index)."""
    by_hand = tmp_path / "by-hand"
    git(tmp_path, "clone", "-q", str(repo_path), str(by_hand))
    for name, value in FIXED_DATES.items():
        monkeypatch.setenv(name, value)
    trace = tmp_path / "trace.txt"
    monkeypatch.setenv("GIT_TRACE", str(trace))
    store = Store(repo_path)
    result = store.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    commands = _commands_run(trace)
    monkeypatch.delenv("GIT_TRACE")
    assert "commit-tree" in commands and "commit" not in commands, commands

    message = git(repo_path, "log", "-1", "--format=%B")
    (by_hand / QUAI_CANG_FILE).write_bytes((repo_path / QUAI_CANG_FILE).read_bytes())
    env = {**os.environ, "GIT_AUTHOR_NAME": USER_NAME, "GIT_AUTHOR_EMAIL": USER_EMAIL}
    env |= {"GIT_COMMITTER_NAME": USER_NAME, "GIT_COMMITTER_EMAIL": USER_EMAIL}
    subprocess.run(
        [
            "git",
            "-C",
            str(by_hand),
            "commit",
            "-q",
            "--cleanup=whitespace",
            "-F",
            "-",
            "--",
            QUAI_CANG_FILE,
        ],
        input=message.removesuffix("\n"),
        text=True,
        env=env,
        check=True,
    )
    assert result.sha == rev_parse(by_hand)  # same tree, message, author, committer, parent
    assert git(repo_path, "cat-file", "commit", "HEAD") == git(
        by_hand, "cat-file", "commit", "HEAD"
    )
    for log in ("HEAD", "refs/heads/main"):
        assert _last_reflog_line(repo_path, log) == _last_reflog_line(by_hand, log)
    assert git(repo_path, "status", "--porcelain") == ""  # the index holds the new file
    assert git(repo_path, "diff", "--cached", "--name-only") == ""


def test_the_message_is_cleaned_as_git_commit_cleans_it(tmp_path: Path) -> None:
    messages = [
        "một\n\nAction: update\n",
        "  hai  \n\n\n\nba\t \n\n",
        "\n\nbốn\u00a0\n# không phải chú thích\n\n",  # NBSP stays: git trims ASCII only
        "năm\r\nsáu\r\n",
        "",
        "\n \n",
    ]
    for text in messages:
        done = subprocess.run(
            ["git", "stripspace"], input=text.encode(), capture_output=True, check=True
        )
        assert clean_message(text).encode() == done.stdout, repr(text)


def _hook(folder: Path, name: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(0o755)


@pytest.mark.parametrize("where", ["hooks", "hooks-path"])
def test_a_repository_with_commit_hooks_gets_them_run(repo_path: Path, where: str) -> None:
    """Its commits are made by ``git commit``, so the office's hooks run as before."""
    folder = repo_path / ".git/hooks"
    if where == "hooks-path":
        folder = repo_path / "office-hooks"
        git(repo_path, "config", "core.hooksPath", "office-hooks")
    _hook(folder, "pre-commit", f'touch "{repo_path}/.git/pre-commit-ran"\n')
    _hook(folder, "commit-msg", 'printf "\\nHooked: yes\\n" >> "$1"\n')
    store = Store(repo_path)
    store.set_fields(QUAI_CANG, {"document_number": "12/BC-UBND"})
    assert (repo_path / ".git/pre-commit-ran").exists()
    assert "Hooked: yes" in git(repo_path, "log", "-1", "--format=%B")
    assert git(repo_path, "show", "--name-only", "--format=", "HEAD").split() == [QUAI_CANG_FILE]


def test_a_hook_that_is_not_executable_is_not_a_hook(repo_path: Path, tmp_path: Path) -> None:
    """git skips it (with a hint), and so may the plumbing."""
    hook = repo_path / ".git/hooks/pre-commit"
    hook.write_text(f'#!/bin/sh\ntouch "{tmp_path}/ran"\n', encoding="utf-8")
    hook.chmod(0o644)
    Store(repo_path).set_fields(QUAI_CANG, {"document_number": "12/BC-UBND"})
    assert not (tmp_path / "ran").exists()


def test_what_was_staged_by_hand_stays_out_of_the_commit(repo_path: Path) -> None:
    unit = repo_path / UNIT_FILE
    unit.write_text(unit.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
    git(repo_path, "add", UNIT_FILE)
    Store(repo_path).set_fields(QUAI_CANG, {"document_number": "12/BC-UBND"})
    assert git(repo_path, "show", "--name-only", "--format=", "HEAD").split() == [QUAI_CANG_FILE]
    assert git(repo_path, "diff", "--cached", "--name-only").split() == [UNIT_FILE]
