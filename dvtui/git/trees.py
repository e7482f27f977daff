"""Merges and commits made in git's object store, never in the working tree or a branch.

``git merge-tree --write-tree`` merges two commits in memory; a tree can have files
replaced through a throw-away index; ``git commit-tree`` makes a commit of a tree. No
branch, index or file a user sees changes: the caller decides whether to move a branch.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.core.problems import DataError
from dvtui.git.log import NULL_SHA
from dvtui.git.process import GitError, failure
from dvtui.git.repo import FSYNC

if TYPE_CHECKING:
    from dvtui.git.repo import GitRepo, Identity

__all__ = ["MergeTree", "Stages", "commit_tree", "merge_tree", "replace_in_tree"]


@dataclass
class Stages:
    """The ancestor's, mine and theirs' blob of one conflicted path (None = absent)."""

    base: str | None = None
    mine: str | None = None
    theirs: str | None = None
    mode: str = "100644"


@dataclass(frozen=True)
class MergeTree:
    """git's merge of two commits: the tree it wrote, and the paths it could not merge."""

    tree: str
    conflicted: dict[str, Stages] = field(default_factory=dict)


def merge_tree(repo: GitRepo, mine: str, theirs: str) -> MergeTree:
    """Merge commit ``theirs`` into ``mine`` in memory (the merge driver runs for records)."""
    result = repo.run_result("merge-tree", "--write-tree", "-z", mine, theirs)
    if result.status not in (0, 1):
        if "unrelated histories" in result.stderr:
            raise DataError("err.sync.unrelated")
        raise failure(result.stderr)
    return _parse(result.stdout)


def _parse(stdout: bytes) -> MergeTree:
    """``TREE\\0`` then ``MODE SHA STAGE\\tPATH\\0``… then ``\\0`` and messages."""
    parts = stdout.decode("utf-8", "surrogateescape").split("\0")
    stages: dict[str, Stages] = {}
    for entry in parts[1:]:
        if not entry:
            break
        meta, path = entry.split("\t", 1)
        mode, sha, stage = meta.split(" ")
        st = stages.setdefault(path, Stages())
        st.mode = mode if stage != "1" else st.mode
        setattr(st, {"1": "base", "2": "mine", "3": "theirs"}[stage], sha)
    return MergeTree(parts[0].strip(), stages)


def replace_in_tree(repo: GitRepo, tree: str, files: Mapping[str, tuple[str, bytes | None]]) -> str:
    """``tree`` with ``files`` (path → (mode, bytes), None = removed) replaced; the new tree."""
    fd, index = tempfile.mkstemp(prefix="dvtui-merge-", suffix=".index", dir=repo.git_dir)
    os.close(fd)
    os.unlink(index)  # git wants to create it itself
    env = {"GIT_INDEX_FILE": index}
    try:
        repo.run("read-tree", tree, env=env)
        lines = []
        for path, (mode, data) in files.items():
            if data is None:
                lines.append(f"0 {NULL_SHA}\t{path}\n")
            else:
                blob = repo.run(*FSYNC, "hash-object", "-w", "--stdin", "--no-filters", input=data)
                lines.append(f"{mode} {blob.decode().strip()} 0\t{path}\n")
        repo.run("update-index", "--index-info", input="".join(lines).encode(), env=env)
        return repo.run(*FSYNC, "write-tree", env=env).decode().strip()
    except GitError as exc:
        raise failure(exc.stderr) from None
    finally:
        Path(index).unlink(missing_ok=True)


def commit_tree(
    repo: GitRepo, tree: str, parents: list[str], message: str, author: Identity
) -> str:
    """A commit of ``tree`` with ``parents`` by ``author``; no branch moves.

    ``git commit-tree`` ignores ``commit.gpgSign``: it signs here as ``git commit`` would,
    or an office that requires signed commits would see every sync merge flagged.
    """
    args = [*FSYNC, "commit-tree", tree]
    for parent in parents:
        args += ["-p", parent]
    if repo.config("commit.gpgsign", boolean=True) == "true":
        args.append("-S")
    try:
        out = repo.run(*args, input=message.encode("utf-8"), env=author.env())
    except GitError as exc:
        raise failure(exc.stderr) from None
    return out.decode().strip()
