"""Merging two commits without touching the working tree, the index or any branch.

git merges the whole repository in memory (:func:`dvtui.git.trees.merge_tree`, running the
field-level driver for records); the files it could not merge are merged again here,
field by field, with the user's choices when there are any. Only when every file is
clean is a tree written and a merge commit made; the caller decides whether to move a
branch to it. So a conflicted merge changes nothing a user can see.

A file the merge made (different from both sides) must still decode and validate: git
merges by its own rules where the driver is not used (a hand-made ``.gitattributes`` of an
older clone, ``dvtui.toml``), and a merge that would publish an unreadable record is
refused with the file named, before anything is committed or pushed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dvtui.core import codec
from dvtui.core.merge import Choice, Conflict, resolve_file
from dvtui.core.problems import DataError
from dvtui.git.trees import merge_tree, replace_in_tree
from dvtui.services.history import record_id_of
from dvtui.storage.store import SETTINGS_FILE, settings_from

if TYPE_CHECKING:
    from dvtui.git.repo import GitRepo

Choices = Mapping[tuple[str, str], Choice]


@dataclass(frozen=True)
class TreeMerge:
    """The outcome of merging two commits: a tree when clean, the conflicts otherwise."""

    tree: str | None
    conflicts: list[Conflict] = field(default_factory=list)
    merged_paths: list[str] = field(default_factory=list)  # files merged field by field here
    # Files that differ between ``mine`` and the tree (what moving the branch to a commit
    # of it writes): the sync's check for unsaved edits takes them from here.
    changed: frozenset[str] = frozenset()


def merge_trees(repo: GitRepo, mine: str, theirs: str, choices: Choices | None = None) -> TreeMerge:
    """Merge commit ``theirs`` into ``mine``; conflicts left after ``choices`` are returned."""
    merged = merge_tree(repo, mine, theirs)
    if not merged.conflicted:
        changed = _refuse_invalid(repo, mine, theirs, merged.tree)
        return TreeMerge(merged.tree, changed=changed)

    # Every version of every file left to merge here, from one ``git cat-file --batch``.
    versions = repo.blobs(
        [sha for st in merged.conflicted.values() for sha in (st.base, st.mine, st.theirs) if sha]
    )

    def read(sha: str | None) -> bytes | None:
        if not sha:
            return None
        if sha not in versions:
            raise DataError("err.git.failed", detail=f"{sha}: missing")
        return versions[sha]

    conflicts: list[Conflict] = []
    files: dict[str, tuple[str, bytes | None]] = {}
    wanted = choices or {}
    for path, st in merged.conflicted.items():
        mine_choices = {f: c for (p, f), c in wanted.items() if p == path}
        result = resolve_file(path, read(st.base), read(st.mine), read(st.theirs), mine_choices)
        conflicts.extend(result.conflicts)
        files[path] = (st.mode, result.data)
    if conflicts:
        return TreeMerge(None, conflicts)
    tree = replace_in_tree(repo, merged.tree, files)
    changed = _refuse_invalid(repo, mine, theirs, tree)
    return TreeMerge(tree, [], list(files), changed)


def _refuse_invalid(repo: GitRepo, mine: str, theirs: str, tree: str) -> frozenset[str]:
    """DataError naming the first record (or ``dvtui.toml``) the merge made that is bad;
    else the files that differ between ``mine`` and ``tree``."""
    changed = frozenset(repo.changed_paths(mine, tree))
    made = changed & repo.changed_paths(theirs, tree)
    checked = sorted(p for p in made if p == SETTINGS_FILE or record_id_of(p) is not None)
    found = repo.blobs([f"{tree}:{path}" for path in checked])  # one ``git cat-file``
    for path in checked:
        data = found.get(f"{tree}:{path}")
        if data is None:  # deleted by the merge
            continue
        is_settings = path == SETTINGS_FILE
        problems = settings_from(data)[1] if is_settings else codec.decode(path, data)[1]
        if problems:
            raise DataError("err.sync.invalid_merge", problem=str(problems[0]))
    return changed
