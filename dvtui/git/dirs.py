"""Where a working tree keeps its git data: the one way dvtui finds it.

A clone has a ``.git`` folder. A linked worktree (``git worktree add``) and a submodule have
a ``.git`` *file* saying ``gitdir: <path>``; that folder holds what belongs to this working
tree alone (``HEAD``, ``index``, ``MERGE_HEAD``, dvtui's save journal and lock), and its
``commondir`` file names the folder shared by every worktree (objects, refs, ``config``,
``info/attributes``, ``shallow``). Without ``commondir`` both are the same folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from dvtui.core.recordclass import frozen

__all__ = ["GitDirs", "find_git_dirs", "index_checksum"]


@frozen
class GitDirs:
    """The folders of one working tree."""

    work_tree: Path
    git_dir: Path  # this worktree's: HEAD, index, MERGE_HEAD, FETCH_HEAD, dvtui's journal
    common_dir: Path  # shared: objects, refs, packed-refs, config, info/, shallow

    @property
    def config(self) -> Path:
        """The repository's own config file (every worktree shares it)."""
        return self.common_dir / "config"

    @property
    def attributes(self) -> Path:
        """``info/attributes``: attributes git applies before the tree's ``.gitattributes``."""
        return self.common_dir / "info" / "attributes"

    @property
    def linked(self) -> bool:
        """A linked worktree (its git folder is not the shared one)."""
        return self.git_dir != self.common_dir


def _gitdir_file(dot: Path) -> Path | None:
    """The folder a ``.git`` file names (``gitdir: <path>``, relative to the worktree)."""
    try:
        text = dot.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith("gitdir:"):
        return None
    path = Path(text[len("gitdir:") :].strip())
    return path if path.is_absolute() else (dot.parent / path).resolve()


def find_git_dirs(root: Path) -> GitDirs | None:
    """The git folders of the working tree whose top is ``root``; None when it has none.

    Only ``root/.git`` is looked at (never a parent folder, never the environment).
    """
    dot = root / ".git"
    if dot.is_dir():
        git_dir: Path | None = dot
    elif dot.is_file():
        git_dir = _gitdir_file(dot)
    else:
        return None
    if git_dir is None or not (git_dir / "HEAD").exists():
        return None
    common = git_dir
    try:
        relative = (git_dir / "commondir").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        relative = ""
    if relative:
        path = Path(relative)
        common = path if path.is_absolute() else (git_dir / path).resolve()
    return GitDirs(root, git_dir, common)


def index_checksum(dirs: GitDirs) -> str | None:
    """The checksum git wrote at the end of its index (None without an index): it changes
    whenever any git writes the index."""
    try:
        with open(dirs.git_dir / "index", "rb") as index:
            index.seek(-32, os.SEEK_END)  # SHA-1 (20 bytes) or SHA-256 (32): both in the tail
            return index.read().hex()
    except OSError:
        return None
