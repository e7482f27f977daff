"""Git's lock files, who holds them, and when one is safe to remove.

Git takes a lock by creating ``<file>.lock`` exclusively (``index.lock``, ``HEAD.lock``,
``refs/heads/main.lock`` …) and removes it when done. A git process killed half-way
(a power cut, a killed dvtui that took its git child with it) leaves the lock behind, and
every later git command in the repository fails with "File exists" — for ever, unless
someone removes it. dvtui removes such a lock only when it can show nobody holds it:

* on Linux, ``/proc`` lists every live process of this machine; a lock is **held** when a
  live ``git*`` process works in this repository (its working folder or a command-line
  argument is inside it) or when any live process has the lock file open;
* a lock that stays longer than a save could take and has no holder is **stale**: it is
  removed, and the caller tells the user it did so;
* without ``/proc`` (macOS, Windows) nothing can be shown: dvtui never removes a lock
  there and says which file to delete once no git program is open.

A lock that appears just after we looked belongs to a git that started after the scan:
removing the *old* lock cannot touch it, because a second git cannot create a lock file
while the stale one still exists (creation is exclusive).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.core.recordclass import frozen

if TYPE_CHECKING:
    from dvtui.git.dirs import GitDirs

__all__ = ["Holder", "holders", "lock_files", "shown", "unlink_all"]


@frozen
class Holder:
    """A live process that may hold a lock of the repository."""

    pid: int
    command: str

    def __str__(self) -> str:
        return f"{self.command} (pid {self.pid})"


def lock_files(dirs: GitDirs) -> list[Path]:
    """The lock files a save or a sync can meet that exist right now.

    The index, HEAD, the current branch's ref, the packed refs, the config, and the
    temporary index of a commit of some paths only (``next-index-<pid>.lock``). In a linked
    worktree the first two are its own; the refs and the config are shared.
    """
    own = [dirs.git_dir / n for n in ("index.lock", "HEAD.lock")]
    shared = [dirs.common_dir / n for n in ("packed-refs.lock", "config.lock")]
    try:
        head = (dirs.git_dir / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        head = ""
    if head.startswith("ref: "):
        shared.append(dirs.common_dir / (head[5:] + ".lock"))
    found = [p for p in own + shared if p.exists()]
    return found + sorted(dirs.git_dir.glob("next-index-*.lock"))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def holders(root: Path, locks: list[Path]) -> list[Holder] | None:
    """Live processes (other than this one) that may hold ``locks`` of the repo at ``root``.

    None when this system has no ``/proc`` to ask: the caller must then assume the lock is
    held. Processes of other users that cannot be inspected are not counted: they could not
    have written into this user's repository's ``.git`` folder anyway.
    """
    if not os.path.isdir("/proc/self/fd"):
        return None
    real_root = os.path.realpath(root)
    wanted = {os.path.realpath(lock) for lock in locks}
    me = os.getpid()
    found: list[Holder] = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        pid = int(entry.name)
        base = f"/proc/{pid}"
        try:
            comm = _read(f"{base}/comm").decode("utf-8", "replace").strip()
        except OSError:
            continue  # gone meanwhile
        if comm.startswith("git") and not _reader(base) and _works_in(base, real_root):
            found.append(Holder(pid, _command(base, comm)))
            continue
        if _has_open(base, wanted):
            found.append(Holder(pid, _command(base, comm)))
    return found


# git commands that only read objects and never take a lock: a long-lived
# ``git cat-file --batch`` (dvtui keeps one per repository) must not look like a holder.
_READERS = frozenset({b"cat-file"})


def _reader(base: str) -> bool:
    try:
        args = _read(f"{base}/cmdline").split(b"\0")
    except OSError:
        return False
    return any(arg in _READERS for arg in args[1:])


def _works_in(base: str, real_root: str) -> bool:
    """Does this git process work in the repository (cwd, ``-C``, ``--git-dir``, GIT_DIR)?"""
    try:
        if _inside(os.readlink(f"{base}/cwd"), real_root):
            return True
    except OSError:
        return False  # not ours to inspect, or gone
    try:
        args = _read(f"{base}/cmdline").split(b"\0")
        env = _read(f"{base}/environ").split(b"\0")
    except OSError:
        return False
    for item in args + [e.partition(b"=")[2] for e in env if e.startswith(b"GIT_")]:
        text = os.fsdecode(item).removeprefix("--git-dir=").removeprefix("--work-tree=")
        if text.startswith("/") and _inside(os.path.realpath(text), real_root):
            return True
    return False


def _has_open(base: str, wanted: set[str]) -> bool:
    try:
        fds = os.listdir(f"{base}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"{base}/fd/{fd}") in wanted:
                return True
        except OSError:
            continue
    return False


def _command(base: str, comm: str) -> str:
    try:
        args = [os.fsdecode(a) for a in _read(f"{base}/cmdline").split(b"\0") if a]
    except OSError:
        return comm
    text = " ".join(args[:4]) if args else comm
    return text[:80]


def unlink_all(locks: list[Path]) -> list[Path]:
    """Remove ``locks`` (shown stale by :func:`holders`); the ones that were still there."""
    removed = []
    for lock in locks:
        try:
            lock.unlink()
            removed.append(lock)
        except FileNotFoundError:
            continue  # its git finished meanwhile
    return removed


def shown(path: Path, root: Path) -> str:
    """A lock file's path for a message: relative to the working tree when inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:  # a linked worktree's git folder lives elsewhere
        return str(path)
