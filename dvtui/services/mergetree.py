"""Merging two commits without touching the working tree, the index or any branch.

git merges the whole repository in memory (:func:`dvtui.git.trees.merge_tree`, running the
field-level driver for records); the files it could not merge are merged again here,
field by field, with the user's choices when there are any. Only when every file is
clean is a tree written and a merge commit made; the caller decides whether to move a
branch to it. So a conflicted merge changes nothing a user can see.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dvtui.core.merge import Choice, Conflict, resolve_file
from dvtui.git.trees import commit_tree, merge_tree, replace_in_tree

if TYPE_CHECKING:
    from dvtui.git.repo import GitRepo, Identity

Choices = Mapping[tuple[str, str], Choice]


@dataclass(frozen=True)
class TreeMerge:
    """The outcome of merging two commits: a tree when clean, the conflicts otherwise."""

    tree: str | None
    conflicts: list[Conflict] = field(default_factory=list)
    merged_paths: list[str] = field(default_factory=list)  # files merged field by field here


def merge_trees(repo: GitRepo, mine: str, theirs: str, choices: Choices | None = None) -> TreeMerge:
    """Merge commit ``theirs`` into ``mine``; conflicts left after ``choices`` are returned."""
    merged = merge_tree(repo, mine, theirs)
    if not merged.conflicted:
        return TreeMerge(merged.tree)

    def read(sha: str | None) -> bytes | None:
        return repo.blob(sha) if sha else None

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
    return TreeMerge(replace_in_tree(repo, merged.tree, files), [], list(files))


def commit_merge(
    repo: GitRepo, tree: str, parents: list[str], message: str, author: Identity
) -> str:
    """A merge commit of ``tree`` with ``parents`` by ``author``; no branch moves."""
    return commit_tree(repo, tree, parents, message, author)
