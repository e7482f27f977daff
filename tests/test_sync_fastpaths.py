"""The sync's shortcuts give what the long way gives: its config read once answers as
``git config --get`` / ``--get-regexp`` would for every key; the files a merge in memory
changes (the check for unsaved edits takes them) are those its commit changes; the
summary of a merging sync lists what ``git log`` lists between the two heads; the
commit-graph gets its layer once enough commits came or went."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import git
from synchelp import QUAI_CANG, QUAI_CANG_FILE, TASK, TASK_FILE, make_clone, make_remote, snapshot

from dvtui.core.problems import DataError
from dvtui.git.repo import ConfigFile, GitRepo
from dvtui.services import sync as syncing
from dvtui.services.mergetree import merge_trees
from dvtui.services.sync import _commits, sync

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


def test_a_merging_syncs_summary_lists_what_git_log_lists(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    hoa = make_clone(str(remote), tmp_path / "hoa", "hoa")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    hoa.set_fields(TASK, {"status": "in-progress"})
    sync(hoa)
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    assert sync(lan).outcome == "merged"  # the server now holds a merge too
    minh.set_fields(QUAI_CANG, {"review_note": "Minh"})
    minh.set_fields(TASK, {"text": "Minh ghi"})
    start, server_before = (
        git(minh.root, "rev-parse", "HEAD").strip(),
        git(remote, "rev-parse", "main").strip(),
    )
    result = sync(minh)
    assert result.outcome == "merged" and result.head is not None and result.head != start
    assert result.incoming == _commits(minh.git, start, result.head)
    assert result.outgoing == _commits(minh.git, server_before, start)
    assert [c.subject for c in result.incoming] != [] and len(result.outgoing) == 2


def _graph_layers(repo: Path) -> str:
    chain = repo / ".git" / "objects" / "info" / "commit-graphs" / "commit-graph-chain"
    return chain.read_text(encoding="ascii") if chain.exists() else ""


def test_the_commit_graph_gets_a_layer_once_enough_commits_came(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(syncing, "GRAPH_BATCH", 6)
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    pending = minh.root / ".git" / syncing.GRAPH_PENDING
    for i in range(2):  # two commits from Lan, one sync of Minh's: 2 + 1 pushed
        lan.set_fields(QUAI_CANG, {"document_number": f"{i}/BC"})
    sync(lan)
    minh.set_fields(TASK, {"status": "in-progress"})
    assert sync(minh).outcome == "merged"  # 2 in, 1 out, the merge: 4 of 6
    assert _graph_layers(minh.root) == "" and pending.read_text(encoding="ascii") == "4\n"
    lan.set_fields(TASK, {"text": "Lan ghi"})
    sync(lan)
    minh.set_fields(QUAI_CANG, {"review_note": "Minh"})
    assert sync(minh).outcome == "merged"  # 1 in (Lan's merge is not listed), 1 out, 1: 7
    layers = _graph_layers(minh.root)
    assert layers != "" and pending.read_text(encoding="ascii") == "0\n"
    # The graph with its new layer is sound.
    check = subprocess.run(
        ["git", "-C", str(minh.root), "commit-graph", "verify"], capture_output=True, text=True
    )
    assert check.returncode == 0
    # An unreadable count: the layer is written at once, and the count starts again.
    pending.write_text("hỏng\n", encoding="utf-8")
    lan.set_fields(TASK, {"text": "Lan ghi lần nữa"})
    sync(lan)
    assert sync(minh).outcome == "pulled"
    assert _graph_layers(minh.root) != layers and pending.read_text(encoding="ascii") == "0\n"


def test_refs_read_together_are_what_rev_parse_says_of_each(repo: GitRepo) -> None:
    root = repo.root
    git(root, "commit", "-q", "--allow-empty", "-m", "một")
    first = git(root, "rev-parse", "HEAD").strip()
    git(root, "commit", "-q", "--allow-empty", "-m", "hai")
    second = git(root, "rev-parse", "HEAD").strip()
    tree = git(root, "rev-parse", "HEAD^{tree}").strip()
    git(root, "tag", "-a", "-m", "thẻ", "v1", first)
    git(root, "tag", "-a", "-m", "thẻ của thẻ", "v1b", "v1")
    tag = git(root, "rev-parse", "v1").strip()
    nested = git(root, "rev-parse", "v1b").strip()
    refs = {
        "refs/remotes/origin/main": second,
        "refs/remotes/origin/dir/x": first,  # below a name asked for: not it
        "refs/remotes/origin/tagged": tag,
        "refs/remotes/origin/tagged-twice": nested,
        "refs/remotes/origin/tree": tree,
        "refs/dvtui/synced/origin/main": first,
    }
    for ref, sha in refs.items():
        git(root, "update-ref", ref, sha)
    git(root, "pack-refs", "--all")  # some packed, one loose
    git(root, "update-ref", "refs/dvtui/synced/origin/main", second)
    asked = [r for r in refs if not r.endswith("/x")]
    asked += ["refs/remotes/origin/none", "refs/remotes/origin/dir"]
    together = repo.revs(*asked)
    assert together == {ref: repo.rev(ref) for ref in asked}
    assert together["refs/remotes/origin/tagged-twice"] == first
    assert together["refs/remotes/origin/tree"] is None
    assert together["refs/remotes/origin/dir"] is None


def test_merge_bases_answer_both_ancestor_questions(repo: GitRepo) -> None:
    root = repo.root
    shas = {}
    for name in ("base", "left"):
        git(root, "commit", "-q", "--allow-empty", "-m", name)
        shas[name] = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "-q", "-b", "other", shas["base"])
    git(root, "commit", "-q", "--allow-empty", "-m", "right")
    shas["right"] = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "-q", "--orphan", "alone")
    git(root, "commit", "-q", "--allow-empty", "-m", "alone")
    shas["alone"] = git(root, "rev-parse", "HEAD").strip()
    for a in shas.values():
        for b in shas.values():
            if a == b:
                continue
            bases = repo.merge_bases(a, b)
            assert (a in bases) == repo.is_ancestor(a, b)
            assert (b in bases) == repo.is_ancestor(b, a)


def test_refs_moved_together(repo: GitRepo) -> None:
    git(repo.root, "commit", "-q", "--allow-empty", "-m", "một")
    head = git(repo.root, "rev-parse", "HEAD").strip()
    repo.update_refs({"refs/remotes/origin/main": head, "refs/dvtui/synced/origin/main": head})
    assert repo.revs("refs/remotes/origin/main", "refs/dvtui/synced/origin/main") == {
        "refs/remotes/origin/main": head,
        "refs/dvtui/synced/origin/main": head,
    }


def test_a_sync_stopped_after_its_push_still_moves_the_tracking_branch(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    minh.set_fields(TASK, {"status": "in-progress"})
    # git push moves origin/main itself when the remote's refspec maps main there; not so
    # with another mapping: then only dvtui moves it.
    git(minh.root, "config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/server/*")
    before = git(minh.root, "rev-parse", "HEAD").strip()
    lock = minh.root / ".git" / "index.lock"
    holders: list[subprocess.Popen[bytes]] = []

    def hold_the_index() -> None:  # a live git-like process keeps the index locked
        with open(lock, "wb") as held:
            holders.append(subprocess.Popen(["sleep", "60"], stdout=held))

    try:
        with pytest.raises(DataError) as err:
            sync(minh, before_push=hold_the_index)
    finally:
        for holder in holders:
            holder.kill()
            holder.wait()
        lock.unlink(missing_ok=True)
    assert err.value.code == "err.git.locked_by"
    server = git(remote, "rev-parse", "main").strip()
    assert git(minh.root, "rev-parse", "HEAD").strip() == before  # not moved locally
    assert git(minh.root, "rev-parse", "origin/main").strip() == server  # but known as sent
    assert sync(minh).outcome == "pulled"  # the next sync takes the merge it sent
    assert git(minh.root, "rev-parse", "HEAD").strip() == server


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_a_strange_file_in_place_of_the_graph_count_never_hangs_a_sync(
    tmp_path: Path, kind: str
) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    secret = tmp_path / "bí mật"
    secret.write_text("7\n", encoding="utf-8")
    pending = minh.root / ".git" / syncing.GRAPH_PENDING
    if kind == "fifo":
        os.mkfifo(pending)
    else:
        pending.symlink_to(secret)
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    assert sync(minh).outcome == "pulled"  # not read: counted as due, the layer written
    assert _graph_layers(minh.root) != ""
    assert pending.is_file() and not pending.is_symlink()
    assert pending.read_text(encoding="ascii") == "0\n"
    assert secret.read_text(encoding="utf-8") == "7\n"  # what the link led to is untouched


def test_a_last_sync_the_server_never_held_is_refused_though_the_tracking_branch_is_fine(
    tmp_path: Path,
) -> None:
    """The one-process check (the server still holds the tracking branch, and the last
    sync's ref is that commit) gives way to the full one when the two refs differ."""
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    minh.set_fields(TASK, {"status": "in-progress"})  # a commit only Minh has
    mine = git(minh.root, "rev-parse", "HEAD").strip()
    git(minh.root, "update-ref", "refs/dvtui/synced/origin/main", mine)
    lan.set_fields(QUAI_CANG, {"document_number": "1/BC"})
    sync(lan)
    before = snapshot(minh.root)
    with pytest.raises(DataError) as err:
        sync(minh)
    assert err.value.code == "err.sync.rewritten"
    assert snapshot(minh.root) == before
    # Put back where the server had it, the same sync goes through the short check.
    server_before = git(minh.root, "rev-parse", "origin/main").strip()
    git(minh.root, "update-ref", "refs/dvtui/synced/origin/main", server_before)
    assert sync(minh).outcome == "merged"
    assert (
        git(minh.root, "rev-parse", "refs/dvtui/synced/origin/main").strip()
        == git(remote, "rev-parse", "main").strip()
    )
