"""dvtui, not the repository, decides how records merge and how they are stored (issue 12,
item 3). A committed ``.gitattributes`` is whatever the last colleague pushed; real syncs
between real clones of a bare server show that it changes nothing, and that a merge whose
result would not validate is never pushed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import git
from synchelp import QUAI_CANG, QUAI_CANG_FILE, make_clone, make_remote, snapshot

from dvtui.core.records import Report
from dvtui.services.sync import sync
from dvtui.storage import Store
from dvtui.storage.merge_driver import ATTRIBUTES


def commit(repo: Path, relpath: str, text: str, message: str = "Sửa tay") -> None:
    path = repo / relpath
    path.write_text(text, encoding="utf-8", newline="\n")
    git(repo, "add", relpath)
    git(repo, "commit", "-q", "-m", message)


def push_attributes(repo: Path, lines: str) -> None:
    """A colleague's clone commits its own .gitattributes and pushes it."""
    commit(repo, ".gitattributes", lines, "Sửa .gitattributes")
    git(repo, "push", "-q", "origin", "HEAD:main")


def set_number(store: Store, number: str) -> None:
    report = store.get(QUAI_CANG)
    assert isinstance(report, Report)
    store.replace(report, document_number=number)


def test_a_pushed_union_merge_never_writes_two_values_into_a_record(tmp_path: Path) -> None:
    server = make_remote(tmp_path)
    lan = make_clone(str(server), tmp_path / "lan", "lan")
    minh = make_clone(str(server), tmp_path / "minh", "minh")
    push_attributes(lan.root, "records/**/*.toml merge=union\n")
    sync(minh)  # the attributes arrive in the other clone
    set_number(lan, "12/BC")
    assert sync(lan).outcome == "pushed"
    set_number(Store(minh.root), "13/BC")
    before = snapshot(minh.root)
    result = sync(Store(minh.root))
    # The field-level merge, not git's union: one field changed two ways is a conflict.
    assert result.outcome == "conflict"
    assert [c.field for c in result.conflicts] == ["document_number"]
    assert snapshot(minh.root) == before
    on_server = git(server, "show", f"main:{QUAI_CANG_FILE}")
    assert tomllib.loads(on_server)["document_number"] == "12/BC"


def test_a_pushed_working_tree_encoding_changes_no_clone(tmp_path: Path) -> None:
    server = make_remote(tmp_path)
    lan = make_clone(str(server), tmp_path / "lan", "lan")
    minh = make_clone(str(server), tmp_path / "minh", "minh")
    push_attributes(lan.root, "*.toml working-tree-encoding=UTF-16LE-BOM\n* filter=evil\n")
    set_number(Store(lan.root), "12/BC")  # a record that changes with it
    assert sync(Store(lan.root)).outcome == "pushed"
    # An existing clone pulls it, a fresh one clones it: both hold UTF-8, as committed.
    assert sync(Store(minh.root)).outcome == "pulled"
    fresh = make_clone(str(server), tmp_path / "fresh", "minh")
    for store in (Store(minh.root), fresh):
        on_disk = (store.root / QUAI_CANG_FILE).read_bytes()
        assert on_disk == git(store.root, "cat-file", "blob", f"HEAD:{QUAI_CANG_FILE}").encode()
        assert on_disk.startswith(b"schema = 1\n")
        data = store.load()
        assert data.problems == [], data.problems[:3]
        assert git(store.root, "status", "--porcelain") == ""


def test_the_attributes_are_written_again_whenever_dvtui_opens_a_clone(repo_path: Path) -> None:
    attributes = repo_path / ".git" / "info" / "attributes"
    assert attributes.read_text(encoding="utf-8").endswith(ATTRIBUTES)
    attributes.write_text(
        "# mine\n*.png binary\n" + ATTRIBUTES.replace("merge=dvtui", "merge=union"),
        encoding="utf-8",
    )
    Store(repo_path)
    text = attributes.read_text(encoding="utf-8")
    assert text == "# mine\n*.png binary\n" + ATTRIBUTES  # the user's lines kept, ours last
    attributes.unlink()
    Store(repo_path)
    assert attributes.read_text(encoding="utf-8") == ATTRIBUTES
    check = git(repo_path, "check-attr", "merge", "working-tree-encoding", "--", QUAI_CANG_FILE)
    assert "merge: dvtui" in check and "working-tree-encoding: unset" in check


def test_git_itself_obeys_the_attributes_over_the_tree(repo_path: Path) -> None:
    commit(repo_path, ".gitattributes", "records/** merge=union -text binary\n")
    for attribute, value in (("merge", "dvtui"), ("text", "set"), ("eol", "lf")):
        check = git(repo_path, "check-attr", attribute, "--", QUAI_CANG_FILE)
        assert check.strip().endswith(f"{attribute}: {value}"), check


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_sync_refuses_to_push_a_merge_that_does_not_validate(tmp_path: Path, where: str) -> None:
    server = make_remote(tmp_path)
    lan = make_clone(str(server), tmp_path / "lan", "lan")
    minh = make_clone(str(server), tmp_path / "minh", "minh")
    # Two edits git's line merge takes together: the same key once at the top, once at
    # the bottom of dvtui.toml — together, TOML that no one can read.
    settings = (lan.root / "dvtui.toml").read_text(encoding="utf-8")
    top = settings.replace("schema = 1\n", 'schema = 1\ndefault_plan = "2023"\n')
    bottom = settings + 'default_plan = "2024"\n'
    first, second = (top, bottom) if where == "top" else (bottom, top)
    commit(lan.root, "dvtui.toml", first)
    assert sync(Store(lan.root)).outcome == "pushed"
    commit(minh.root, "dvtui.toml", second)
    before = snapshot(minh.root)
    server_before = git(server, "rev-parse", "main")
    from dvtui.core.problems import DataError

    with pytest.raises(DataError) as refused:
        sync(Store(minh.root))
    assert refused.value.code == "err.sync.invalid_merge"
    assert "dvtui.toml" in str(refused.value)
    assert git(server, "rev-parse", "main") == server_before
    assert snapshot(minh.root) == before
