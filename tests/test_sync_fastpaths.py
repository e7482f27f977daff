"""The sync's shortcuts give what the long way gives: its config read once answers as
``git config --get`` / ``--get-regexp`` would for every key; the files a merge in memory
changes (the check for unsaved edits takes them) are those its commit changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import git
from synchelp import QUAI_CANG, QUAI_CANG_FILE, TASK, TASK_FILE, make_clone, make_remote

from dvtui.git.repo import ConfigFile, GitRepo
from dvtui.services.mergetree import merge_trees
from dvtui.services.sync import sync

KEYS = [
    "core.sshCommand",
    "core.sshcommand",
    "CORE.SSHCOMMAND",
    "commit.gpgsign",
    "branch.Main.merge",
    "branch.main.merge",
    "BRANCH.Main.REMOTE",
    "remote.origin.url",
    "remote.origin.fetch",
    "user.name",
    "user.email",
    "flags.bare",
    "flags.empty",
    "flags.yes",
    "flags.off",
    "flags.zero",
    "flags.kilo",
    "flags.minus",
    "flags.bogus",
    "flags.upper",
    "included.value",
    "not.there",
    "no.sub.there",
]
PATTERNS = [r"^(branch|remote)\.", r"^user\.(name|email)$", r"^flags\.", r"^included\.", "x^"]


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    root = tmp_path / "repo"
    git(tmp_path, "init", "-q", "-b", "main", str(root))
    (tmp_path / "more.config").write_text(
        "[included]\n\tvalue = từ tệp khác\n[flags]\n\tupper = TRUE\n", encoding="utf-8"
    )
    with open(root / ".git" / "config", "a", encoding="utf-8") as config:
        config.write(
            '[branch "Main"]\n\tremote = origin\n\tmerge = refs/heads/Main\n'
            '[branch "main"]\n\tmerge = refs/heads/chinh\n'
            '[remote "origin"]\n\turl = /srv/git/data.git\n'
            "\tfetch = +refs/heads/*:refs/remotes/origin/*\n"
            "\tfetch = +refs/heads/b:refs/remotes/origin/b\n"
            "[core]\n\tsshCommand = ssh -i 'khoá riêng'\n"
            "[commit]\n\tgpgSign = yes\n\tgpgsign = Off\n"
            "[user]\n\tname = Nguyễn Thị Lan\n\temail = lan@example.vn\n"
            "[flags]\n\tbare\n\tempty =\n\tyes = on\n\toff = NO\n\tzero = 0\n"
            "\tkilo = 1k\n\tminus = -3\n\tbogus = perhaps\n"
            f"[include]\n\tpath = {tmp_path / 'more.config'}\n"
        )
    return GitRepo(root)


def answers(repo: GitRepo) -> tuple[list[str | None], list[str | None], list[dict[str, str]]]:
    plain = [repo.config(key) for key in KEYS]
    boolean = [repo.config(key, boolean=True) for key in KEYS]
    return plain, boolean, [repo.config_values(p) for p in PATTERNS]


def test_a_config_read_once_answers_as_git_does_key_by_key(repo: GitRepo) -> None:
    one_by_one = answers(repo)
    assert one_by_one[0][KEYS.index("included.value")] == "từ tệp khác"  # includes followed
    with repo.config_read_once():
        assert answers(repo) == one_by_one
        with repo.config_read_once():  # nested (resolve's sync): the same read
            assert answers(repo) == one_by_one
        assert repo._config_list is not None
    assert repo._config_list is None


def test_a_config_change_inside_is_seen_by_the_next_read(repo: GitRepo) -> None:
    def change(config: ConfigFile) -> None:
        config.set_value('branch "feature"', "merge", "refs/heads/feature")

    with repo.config_read_once():
        assert repo.config("branch.feature.merge") is None
        repo.edit_config(change)
        assert repo.config("branch.feature.merge") == "refs/heads/feature"
    assert repo.config("branch.feature.merge") == "refs/heads/feature"


def test_the_files_a_merge_in_memory_changes_are_those_its_commit_changes(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    lan.set_fields(TASK, {"status": "in-progress"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"review_note": "Minh"})  # the same file: merged field by field
    git(minh.root, "fetch", "-q", "origin")
    mine, theirs = git(minh.root, "rev-parse", "HEAD", "origin/main").split()
    merged = merge_trees(minh.git, mine, theirs)
    assert merged.tree is not None and not merged.conflicts
    commit = git(minh.root, "commit-tree", merged.tree, "-p", mine, "-p", theirs, "-m", "hợp nhất")
    commit = commit.strip()
    assert merged.changed == minh.git.changed_paths(mine, commit) == {QUAI_CANG_FILE, TASK_FILE}
