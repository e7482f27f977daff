"""Merging two commits without touching the working tree, the index or any branch.

``git merge-tree --write-tree`` does the whole-repository merge in memory (running the
field-level driver for records); the files it could not merge are merged again here,
field by field, with the user's choices when there are any. Only when every file is
clean is a tree written and a merge commit made; the caller decides whether to move a
branch to it. So a conflicted merge changes nothing a user can see.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.core.merge import Choice, Conflict, FileMerge, resolve_file
from dvtui.core.problems import DataError
from dvtui.git.network import git, out

if TYPE_CHECKING:
    from dvtui.git.repo import Identity

NULL = "0" * 40
Choices = Mapping[tuple[str, str], Choice]


@dataclass
class _Stages:
    """The ancestor's, mine and theirs' blob of one conflicted path (None = absent)."""

    base: str | None = None
    mine: str | None = None
    theirs: str | None = None
    mode: str = "100644"


@dataclass(frozen=True)
class TreeMerge:
    """The outcome of merging two commits: a tree when clean, the conflicts otherwise."""

    tree: str | None
    conflicts: list[Conflict] = field(default_factory=list)
    merged_paths: list[str] = field(default_factory=list)  # files merged field by field here


def merge_base(root: Path, a: str, b: str) -> str | None:
    """The best common ancestor of two commits, or None for unrelated histories."""
    proc = git(root, "merge-base", a, b, check=False)
    return proc.stdout.decode().strip() or None


def is_ancestor(root: Path, a: str, b: str) -> bool:
    """True when commit ``a`` is in the history of ``b``."""
    proc = git(root, "merge-base", "--is-ancestor", a, b, check=False)
    if proc.returncode not in (0, 1):
        raise DataError("err.git.failed", detail=proc.stderr.decode("utf-8", "replace")[:300])
    return proc.returncode == 0


def merge_trees(root: Path, mine: str, theirs: str, choices: Choices | None = None) -> TreeMerge:
    """Merge commit ``theirs`` into ``mine``; conflicts left after ``choices`` are returned."""
    proc = git(root, "merge-tree", "--write-tree", "-z", mine, theirs, check=False)
    if proc.returncode not in (0, 1):
        text = proc.stderr.decode("utf-8", "replace")
        if "unrelated histories" in text:
            raise DataError("err.sync.unrelated")
        raise DataError("err.git.failed", detail=" ".join(text.split())[:300])
    tree, stages = _parse(proc.stdout)
    if not stages:
        return TreeMerge(tree)
    blobs = _read_blobs(root, {s for st in stages.values() for s in (st.base, st.mine, st.theirs)})
    conflicts: list[Conflict] = []
    results: dict[str, tuple[FileMerge, str]] = {}
    wanted = choices or {}
    for path, st in stages.items():
        mine_choices = {f: c for (p, f), c in wanted.items() if p == path}
        result = resolve_file(
            path, blobs.get(st.base), blobs.get(st.mine), blobs.get(st.theirs), mine_choices
        )
        conflicts.extend(result.conflicts)
        results[path] = (result, st.mode)
    if conflicts:
        return TreeMerge(None, conflicts)
    return TreeMerge(_rewrite_tree(root, tree, results), [], list(results))


def _parse(stdout: bytes) -> tuple[str, dict[str, _Stages]]:
    """``TREE\\0`` then ``MODE SHA STAGE\\tPATH\\0``… then ``\\0`` and messages."""
    parts = stdout.decode("utf-8", "surrogateescape").split("\0")
    tree = parts[0]
    stages: dict[str, _Stages] = {}
    for entry in parts[1:]:
        if not entry:
            break
        meta, path = entry.split("\t", 1)
        mode, sha, stage = meta.split(" ")
        st = stages.setdefault(path, _Stages())
        st.mode = mode if stage != "1" else st.mode
        setattr(st, {"1": "base", "2": "mine", "3": "theirs"}[stage], sha)
    return tree, stages


def _read_blobs(root: Path, shas: set[str | None]) -> dict[str | None, bytes]:
    wanted = sorted(s for s in shas if s)
    if not wanted:
        return {}
    data = git(root, "cat-file", "--batch", input="".join(f"{s}\n" for s in wanted).encode())
    blobs: dict[str | None, bytes] = {}
    pos = 0
    raw = data.stdout
    for sha in wanted:
        end = raw.index(b"\n", pos)
        size = int(raw[pos:end].split()[2])
        blobs[sha] = raw[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return blobs


def _rewrite_tree(root: Path, tree: str, files: dict[str, tuple[FileMerge, str]]) -> str:
    """``tree`` with ``files`` replaced (or removed), through a throw-away index."""
    git_dir = Path(out(root, "rev-parse", "--absolute-git-dir"))
    fd, index = tempfile.mkstemp(prefix="dvtui-merge-", suffix=".index", dir=git_dir)
    os.close(fd)
    os.unlink(index)  # git wants to create it itself
    env = {"GIT_INDEX_FILE": index}
    try:
        git(root, "read-tree", tree, env=env)
        lines = []
        for path, (result, mode) in files.items():
            if result.data is None:
                lines.append(f"0 {NULL}\t{path}\n")
            else:
                blob = out_bytes(
                    root, "hash-object", "-w", "--stdin", "--no-filters", data=result.data
                )
                lines.append(f"{mode} {blob} 0\t{path}\n")
        git(root, "update-index", "--index-info", input="".join(lines).encode(), env=env)
        return git(root, "write-tree", env=env).stdout.decode().strip()
    finally:
        Path(index).unlink(missing_ok=True)


def out_bytes(root: Path, *args: str, data: bytes) -> str:
    """Feed ``data`` to a git command and return its stdout, stripped."""
    return git(root, *args, input=data).stdout.decode().strip()


def commit_merge(root: Path, tree: str, parents: list[str], message: str, author: Identity) -> str:
    """A merge commit of ``tree`` with ``parents`` by ``author``; no branch moves."""
    args = ["commit-tree", tree]
    for parent in parents:
        args += ["-p", parent]
    # ``git commit-tree`` ignores commit.gpgSign: sign as ``git commit`` does, or an office
    # that requires signed commits would see every sync merge flagged by the audit.
    signing = git(root, "config", "--type=bool", "commit.gpgsign", check=False)
    if signing.stdout.decode().strip() == "true":
        args.append("-S")
    env = {
        "GIT_AUTHOR_NAME": author.name,
        "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name,
        "GIT_COMMITTER_EMAIL": author.email,
    }
    return git(root, *args, input=message.encode("utf-8"), env=env).stdout.decode().strip()
