"""Property: whatever the order of edits and syncs on two or three clones, they converge and
no edit is lost unless a later edit of the same field (or the user's choice in a conflict
between two edits) replaced it.

Causality is read from git itself: edit B replaced edit A of the same field when A's commit
is in B's history. Edits that no other edit of their field replaced are "live"; after every
clone has synced, the field holds the value of its only live edit, or, when concurrent
edits conflicted, the value of one of them (the one the resolving user chose).
"""

from __future__ import annotations

import shutil
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from conftest import git
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synchelp import PEOPLE, QUAI_CANG, TASK, make_clone, make_remote, record_files, the_task

from dvtui.core.ids import RecordId
from dvtui.core.merge import MINE, THEIRS
from dvtui.core.records import Note
from dvtui.services.sync import resolve, sync
from dvtui.storage import Store

# (record, dotted field, how an edit number becomes the stored value)
FIELDS: list[tuple[RecordId, str, Callable[[int], object]]] = [
    (QUAI_CANG, "document_number", lambda n: f"{n}/BC-UBND"),
    (QUAI_CANG, "review_note", lambda n: f"ghi chú số {n}"),
    (QUAI_CANG, "figures.dialogues", lambda n: n),
    (TASK, "due", lambda n: date(2023, 6, 1) + timedelta(days=n)),
]
WHO = list(PEOPLE)

Step = tuple[str, int, int]
steps = st.lists(
    st.one_of(
        st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, len(FIELDS) - 1)),
        st.tuples(st.just("note"), st.integers(0, 2), st.just(0)),
        st.tuples(st.just("sync"), st.integers(0, 2), st.integers(0, 1)),  # 1: keep mine
    ),
    min_size=1,
    max_size=8,
)


@dataclass(frozen=True)
class Edit:
    field: int
    value: object
    sha: str


def lookup(table: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(table, dict) or part not in table:
            return None
        table = table[part]
    return table


def read(store: Store, rid: RecordId) -> dict[str, Any]:
    return tomllib.loads((store.root / rid.relpath).read_text(encoding="utf-8"))


def sync_settling(store: Store, keep_mine: bool) -> None:
    """Sync; on a conflict, the user keeps one side for every field, as the UI would let them."""
    result = sync(store)
    while result.outcome == "conflict":
        choice = MINE if keep_mine else THEIRS
        result = resolve(store, {c.key: choice for c in result.conflicts})
        assert result.push_error is None


class Office:
    """A fresh server and clones per example, copied from one template (cloning is slow)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.template_remote = make_remote(base / "template")
        self.template_clone = base / "template" / "clone"
        make_clone(str(self.template_remote), self.template_clone, "lan")

    def fresh(self, n: int) -> list[Store]:
        work = Path(tempfile.mkdtemp(dir=self.base))
        remote = work / "remote.git"
        shutil.copytree(self.template_remote, remote)
        stores = []
        for i in range(n):
            path = work / WHO[i]
            shutil.copytree(self.template_clone, path, symlinks=True)
            git(path, "remote", "set-url", "origin", str(remote))
            name, email = PEOPLE[WHO[i]]
            git(path, "config", "user.name", name)
            git(path, "config", "user.email", email)
            stores.append(Store(path))
        return stores


_offices: dict[Path, Office] = {}


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(n=st.integers(2, 3), plan=steps)
def test_clones_converge_and_keep_every_edit_not_replaced(
    tmp_path: Path, n: int, plan: list[Step]
) -> None:
    office = _offices.get(tmp_path) or _offices.setdefault(tmp_path, Office(tmp_path))
    stores = office.fresh(n)
    initial = read(stores[0], QUAI_CANG), read(stores[0], TASK)
    edits: list[Edit] = []
    notes: list[str] = []
    for counter, (action, who, arg) in enumerate(plan, start=1):
        store = stores[who % n]
        if action == "edit":
            rid, field, make = FIELDS[arg]
            value = make(counter)
            text = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
            saved = store.set_fields(rid, {field: text})
            edits.append(Edit(arg, value, saved.sha))
        elif action == "note":
            task = the_task(store)
            text = f"tiến độ {counter} của {WHO[who % n]}"
            day = date(2023, 5, 1) + timedelta(days=counter)  # notes are written as time goes by
            note = Note(on=day, author=PEOPLE[WHO[who % n]][0], text=text)
            store.replace(task, notes=[*task.notes, note])
            notes.append(text)
        else:
            sync_settling(store, keep_mine=bool(arg))
    for _ in range(2):  # the first round gathers everything, the second spreads it
        for store in stores:
            sync_settling(store, keep_mine=True)

    # Convergence: same commit, same files, everywhere; nothing half-merged.
    heads = {git(s.root, "rev-parse", "HEAD") for s in stores}
    assert len(heads) == 1
    files = record_files(stores[0].root)
    for store in stores:
        assert record_files(store.root) == files
        assert git(store.root, "status", "--porcelain") == ""
        assert not (store.root / ".git" / "MERGE_HEAD").exists()
        assert store.load().problems == []
    assert not any(b"<<<<<<<" in data for data in files.values())

    # Every edit that nothing replaced is there; concurrent ones: one of them is.
    final = read(stores[0], QUAI_CANG), read(stores[0], TASK)
    root = stores[0].root
    for index, (rid, field, _make) in enumerate(FIELDS):
        which = 0 if rid == QUAI_CANG else 1
        got = lookup(final[which], field)
        mine = [e for e in edits if e.field == index]
        live = [
            e
            for e in mine
            if not any(other.sha != e.sha and is_ancestor(root, e.sha, other.sha) for other in mine)
        ]
        if not live:
            assert got == lookup(initial[which], field)
        elif len(live) == 1:
            assert got == live[0].value, (field, live, got)
        else:
            assert got in [e.value for e in live], (field, live, got)
    kept = [n["text"] for n in final[1].get("notes", [])]
    assert sorted(kept) == sorted([n["text"] for n in initial[1].get("notes", [])] + notes)
    days = [n["on"] for n in final[1].get("notes", [])]
    assert days == sorted(days)


def is_ancestor(root: Path, a: str, b: str) -> bool:
    import subprocess

    proc = subprocess.run(["git", "-C", str(root), "merge-base", "--is-ancestor", a, b])
    return proc.returncode == 0
