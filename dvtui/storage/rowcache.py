"""Display-ready rows of one kind, kept under ``.git/dvtui`` for ``dvtui list``, trusted only
while nothing they were made from can have changed.

``dvtui list reports`` at 50,000 records spends most of its time loading records and making
rows that are the same as last time. A row cache file holds one kind's rows in one
language, laid out as text by ``dvtui.reports.listcache`` (the day-dependent cells left
open: see ``dvtui.reports.cells.PastDue``), with a digest, and what the repository looked
like when they were made:

- the checksum git writes at the end of its index — any ``git add``, commit, checkout,
  merge, pull or reset rewrites the index and so changes it;
- the modification time of every folder under ``records/<kind>`` and a digest of the names
  in it — a file added, removed or renamed (tracked or not) changes its folder's time; a
  folder changed less than :data:`RACY_SECONDS` before the look is checked by its names
  too, since two changes within one tick of the clock (or of a network share's clock)
  can leave the same time;
- the size and time of ``dvtui.toml`` (the deadline rule is in it).

They are made only from a load in which git vouched for every record file (tracked,
unchanged, no ``assume-unchanged`` or ``skip-worktree``, nothing untracked, no symlink)
and the repository did not move meanwhile. On use, all of the above must be equal *and*
``git diff-files`` must name nothing (a file edited in place changes no folder time, but git
sees it from its stat data, racy cases included). Anything else — a damaged or foreign
file, another dvtui version, schema or catalog — is ignored: the rows are made again from
a load, as if there were no cache. ``tests/test_cache.py`` proves the output equal to the
slow path's after hand edits, pulls, checkouts, merges, saves and damage.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from dvtui.git import process
from dvtui.git.dirs import GitDirs, index_checksum
from dvtui.storage import cachefile

__all__ = [
    "RACY_SECONDS",
    "Fresh",
    "after_change",
    "drop",
    "index_checksum",
    "look",
    "read",
    "still_fresh",
    "write",
]

FORMAT = 1
MAGIC = b"dvtui-row-cache\n"
RACY_SECONDS = 3.0  # FAT and some network shares keep times to 2 s
_READ_ONLY = {"GIT_OPTIONAL_LOCKS": "0"}  # never take (or wait for) index.lock


@dataclass(frozen=True)
class Fresh:
    """What the repository looked like when the rows were made."""

    index: str  # the index file's trailing checksum (hex)
    folders: dict[str, tuple[int, str]]  # folder -> (mtime_ns, digest of its names)
    settings: tuple[int, int] | None  # dvtui.toml (mtime_ns, size)
    taken_ns: int  # when the folders were looked at


def _names_digest(names: list[str]) -> str:
    return hashlib.blake2b("\0".join(sorted(names)).encode(), digest_size=16).hexdigest()


def _settings(root: Path) -> tuple[int, int] | None:
    try:
        st = (root / "dvtui.toml").stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def look(root: Path, dirs: GitDirs, kind: str) -> Fresh | None:
    """The repository as it is now (one ``scandir`` per folder of the kind); None without an
    index (nothing to vouch for the files)."""
    index = index_checksum(dirs)
    if index is None:
        return None
    taken = time.time_ns()
    folders: dict[str, tuple[int, str]] = {}
    stack = [f"records/{kind}"]
    while stack:
        rel = stack.pop()
        try:
            mtime = os.stat(root / rel).st_mtime_ns  # before the listing: a later change shows
            with os.scandir(root / rel) as entries:
                names = []
                for entry in entries:
                    names.append(entry.name)
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(f"{rel}/{entry.name}")
        except FileNotFoundError:
            if rel == f"records/{kind}":  # no record of this kind yet
                folders[rel] = (0, "")
                continue
            return None
        except OSError:
            return None
        folders[rel] = (mtime, _names_digest(names))
    return Fresh(index, folders, _settings(root), taken)


def after_change(root: Path, dirs: GitDirs, fresh: Fresh, folder: str) -> Fresh | None:
    """``fresh`` carried past one change of the caller's own to a file in ``folder`` (a save
    renamed it in: the folder's time moved, its names did not); None if anything else
    changed. One ``stat`` per folder, one listing of ``folder``."""
    index = index_checksum(dirs)
    settings = _settings(root)
    if index is None or settings != fresh.settings or folder not in fresh.folders:
        return None
    taken = time.time_ns()
    folders: dict[str, tuple[int, str]] = {}
    for rel, (mtime, digest) in fresh.folders.items():
        try:
            now = os.stat(root / rel).st_mtime_ns
            if rel == folder and _names_digest(os.listdir(root / rel)) != digest:
                return None
        except OSError:
            return None
        if rel != folder and now != mtime:
            return None
        folders[rel] = (now, digest)
    return Fresh(index, folders, settings, taken)


def _folder_unchanged(root: Path, rel: str, was: tuple[int, str], taken_ns: int) -> bool:
    mtime, digest = was
    try:
        now = os.stat(root / rel).st_mtime_ns
    except FileNotFoundError:
        return mtime == 0 and digest == ""
    except OSError:
        return False
    if now != mtime:
        return False
    if abs(taken_ns - mtime) >= RACY_SECONDS * 1e9:
        return True
    try:  # changed within a clock tick of the look: its names must be the same too
        return _names_digest(os.listdir(root / rel)) == digest
    except OSError:
        return False


def still_fresh(root: Path, dirs: GitDirs, fresh: Fresh, *, ask_git: bool = True) -> bool:
    """Whether nothing the rows were made from can have changed since ``fresh``.

    ``ask_git``: also run ``git diff-files`` (files edited in place); a save checking the
    cache before it writes leaves that to the next list.
    """
    if index_checksum(dirs) != fresh.index or _settings(root) != fresh.settings:
        return False
    if not all(_folder_unchanged(root, r, v, fresh.taken_ns) for r, v in fresh.folders.items()):
        return False
    if not ask_git:
        return True
    result = process.run_result(
        root, "diff-files", "--name-only", "-z", "--", "records", "dvtui.toml", env=_READ_ONLY
    )
    return result.ok and not result.stdout


def _path(dirs: GitDirs, kind: str, lang: str) -> Path:
    return dirs.git_dir / "dvtui" / f"rows-{kind}-{lang}.bin"


def read(dirs: GitDirs, kind: str, lang: str, code: str) -> tuple[Fresh, bytes] | None:
    """The cached rows (as the lister wrote them) and what they were made from; None when
    missing, damaged, or made by other code (``code``: a fingerprint of what decides a row)."""
    expect = {"format": FORMAT, "code": code, "kind": kind, "lang": lang}
    found = cachefile.read(_path(dirs, kind, lang), MAGIC, expect)
    if found is None:
        return None
    header, payload = found
    raw = header.get("fresh")
    if not isinstance(raw, dict):
        return None
    try:
        settings = raw["settings"]
        fresh = Fresh(
            str(raw["index"]),
            {str(k): (int(v[0]), str(v[1])) for k, v in raw["folders"].items()},
            (int(settings[0]), int(settings[1])) if settings is not None else None,
            int(raw["taken_ns"]),
        )
    except Exception:  # anything wrong with the file means: not a cache we trust
        return None
    return fresh, payload


def write(dirs: GitDirs, kind: str, lang: str, code: str, fresh: Fresh, payload: bytes) -> None:
    """Write atomically (no fsync: a file cut short fails its digest and is made again)."""
    header = {"format": FORMAT, "code": code, "kind": kind, "lang": lang, "fresh": asdict(fresh)}
    cachefile.write(_path(dirs, kind, lang), MAGIC, header, payload)


def drop(dirs: GitDirs) -> None:
    """Remove every row cache (a save that may change rows it cannot update)."""
    folder = dirs.git_dir / "dvtui"
    try:
        names = [n for n in os.listdir(folder) if n.startswith("rows-")]
    except OSError:
        return
    for name in names:
        (folder / name).unlink(missing_ok=True)
