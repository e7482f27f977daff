"""One save at a time, and the clean-up after a save that was cut short.

Two files in the repository's ``.git`` folder, never committed:

``dvtui.lock``
    Held with an OS file lock (``flock``) for the whole of a save, by every dvtui process
    (the UI, the command line, a script). The kernel releases it when its process ends,
    however it ends — SIGKILL and power cuts included — so a dvtui that died never leaves
    the data repo locked. Its text says who holds it (pid, machine, command), for the
    message a second dvtui shows while it waits.

``dvtui-save.json``
    The journal of the save in progress: which files (one record, or all the records of a
    roll-over or a migration), the bytes of each before and a hash of each after (none for
    a file the save deletes). Written (atomically, fsynced) before any file is touched and
    removed when the save is done or undone. Found while nobody holds ``dvtui.lock``, it
    proves a save was interrupted; :func:`recover` then puts things straight:

    * the commit was made (HEAD holds every new version): the save happened; keep it;
    * not committed: the save did not happen — every file written or deleted is put back
      as it was (nobody was told it was saved), and git's index too;
    * nothing was written: nothing to undo;

    and in every case removes the dead save's temp file and the git lock files its killed
    ``git`` left behind (only when no live process holds them, see :mod:`locks`).

So "cleanly absent" means: no commit, and — once any dvtui opens the repository again —
the record file and git's index are exactly as before the save. Until then the record
file may hold the new version, shown by ``git status`` as an uncommitted change.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from dvtui.core.problems import DataError
from dvtui.git import locks
from dvtui.git.repo import LOCK_WAIT_SECONDS, GitRepo
from dvtui.i18n import N_, t
from dvtui.storage.files import atomic_write, symlinked_part
from dvtui.storage.regular import OWN_FILE_LIMIT, FileTooLarge, NotRegularFile, read_regular

LOCK_NAME = "dvtui.lock"
JOURNAL_NAME = "dvtui-save.json"
SAVE_LOCK_WAIT = 20.0  # a save takes well under a second; a sync's merge a few seconds
LOCK_RETRY = 0.01

__all__ = ["Journal", "JournalFile", "begin", "end", "recover", "save_lock", "try_recover"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class JournalFile:
    """One file of a save: its bytes before (None: absent) and the hash after (None: deleted)."""

    path: str
    old: bytes | None
    new_sha: str | None


@dataclass(frozen=True)
class Journal:
    """A save in progress: the files it changes, who runs it and since when."""

    files: tuple[JournalFile, ...]
    pid: int
    host: str
    started: str

    @property
    def path(self) -> str:
        """The file named in notices: the only one, or the first and how many more."""
        first = self.files[0].path if self.files else ""
        return first if len(self.files) <= 1 else f"{first} (+{len(self.files) - 1})"

    def to_json(self) -> bytes:
        """The journal file's content."""
        table: dict[str, Any] = {
            "files": [
                {
                    "path": f.path,
                    "old": None if f.old is None else base64.b64encode(f.old).decode("ascii"),
                    "new_sha256": f.new_sha,
                }
                for f in self.files
            ],
            "pid": self.pid,
            "host": self.host,
            "started": self.started,
        }
        return json.dumps(table, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Journal:
        """Parse a journal file; ValueError (or KeyError) when it is not one.

        A journal of dvtui 0.1 (one ``path`` at the top level) reads as a one-file save.
        """
        table = json.loads(data.decode("utf-8"))
        entries = table.get("files", [table])
        files = []
        for entry in entries:
            old, new = entry["old"], entry["new_sha256"]
            files.append(
                JournalFile(
                    path=_work_tree_path(entry["path"]),
                    old=None if old is None else base64.b64decode(old, validate=True),
                    new_sha=None if new is None else str(new),
                )
            )
        if not files:
            raise ValueError("a journal without files")
        return cls(
            files=tuple(files),
            pid=int(table["pid"]),
            host=str(table["host"]),
            started=str(table["started"]),
        )


def _work_tree_path(value: object) -> str:
    """``value`` if it names a file of the work tree as a save writes it (``records/…``,
    ``attachments/…``, ``dvtui.toml``); ValueError otherwise. The recovery writes back or
    deletes what its journal names, and whoever can write ``.git`` can plant one."""
    path = str(value)
    parts = path.split("/")
    if "\0" in path or "\\" in path or any(p in ("", ".", "..") for p in parts):
        raise ValueError(f"not a path in the work tree: {path!r}")
    if parts[0].lower() == ".git":
        raise ValueError(f"a path under .git: {path!r}")
    return path


# --- the lock ------------------------------------------------------------------------------


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - not run by the tests
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _owner_text() -> bytes:
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv[:3]))
    return f"{os.getpid()} {socket.gethostname()} {command}\n".encode()


@contextmanager
def save_lock(git_dir: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold ``.git/dvtui.lock`` for the block; DataError if another dvtui keeps it ``wait`` s.

    ``wait`` defaults to :data:`SAVE_LOCK_WAIT`.
    """
    path = git_dir / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + (SAVE_LOCK_WAIT if wait is None else wait)
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                owner = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                raise DataError("err.save.busy", owner=owner or "?")
            time.sleep(LOCK_RETRY)
        with contextlib.suppress(OSError):  # who holds it is for messages; a full disk may refuse
            os.ftruncate(fd, 0)
            os.pwrite(fd, _owner_text(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


# --- the journal ---------------------------------------------------------------------------


def begin(git_dir: Path, files: list[tuple[str, bytes | None, bytes | None]]) -> Journal:
    """Write the journal of a save of ``files`` (path, bytes before, bytes after — None for
    absent before or deleted after); call while holding :func:`save_lock`."""
    journal = Journal(
        files=tuple(
            JournalFile(path, old, None if new is None else _sha(new)) for path, old, new in files
        ),
        pid=os.getpid(),
        host=socket.gethostname(),
        started=datetime.now().astimezone().isoformat(timespec="seconds"),
    )
    atomic_write(git_dir / JOURNAL_NAME, journal.to_json())
    return journal


def end(git_dir: Path) -> None:
    """The save is done (or undone): forget its journal."""
    (git_dir / JOURNAL_NAME).unlink(missing_ok=True)


def recover(repo: GitRepo) -> list[str]:
    """Finish or undo an interrupted save (call holding :func:`save_lock`); notices to show.

    Raises DataError when a git lock file of the dead save is held by a live process.
    """
    path = repo.git_dir / JOURNAL_NAME
    try:
        data = read_regular(path, limit=OWN_FILE_LIMIT)  # a FIFO there must not hang every save
        since = path.stat().st_mtime_ns
    except FileNotFoundError:
        return []
    except OSError as exc:
        if not isinstance(exc, (NotRegularFile, FileTooLarge)) and exc.errno != errno.ELOOP:
            raise
        data, since = b"", 0  # a FIFO, a symlink …: no journal of ours, as below
    try:
        journal = Journal.from_json(data)
        if any(_through_symlink(repo.root, f.path) for f in journal.files):
            raise ValueError("a journal naming a file through a symlink")
    except (ValueError, KeyError, TypeError):
        # Written atomically, so this is not ours half-written: someone else's file.
        path.unlink(missing_ok=True)
        return [t("notice.journal_unreadable", path=str(path))]
    notices = _clear_git_locks(repo, since)
    heads = {f.path: repo.committed(f.path) for f in journal.files}
    when = journal.started.replace("T", " ")[:19]
    if all(_holds(heads[f.path], f.new_sha) for f in journal.files):
        outcome = N_("notice.recovered.committed")
    else:
        undone = [f for f in journal.files if _undo(repo.root / f.path, f)]
        outcome = N_("notice.recovered.undone") if undone else N_("notice.recovered.unwritten")
    for f in journal.files:  # first: it needs no space, and must go whatever fails next
        record = repo.root / f.path
        record.with_name(f".{record.name}.{journal.pid}.tmp").unlink(missing_ok=True)
    # A dead ``git add`` may have staged them. Only then is git's index rewritten: on a full
    # disk that could fail, and a save that never reached ``git add`` has nothing to undo.
    staged = _staged(repo, [f.path for f in journal.files])
    if staged:
        repo.reset_paths(staged, check=True)
    end(repo.git_dir)
    notices.append(t(outcome, path=journal.path, when=when))
    return notices


def _through_symlink(root: Path, relpath: str) -> bool:
    """Whether ``relpath`` is, or lies in a folder that is, a symlink (no save writes one)."""
    return symlinked_part(root, relpath) is not None or os.path.islink(root / relpath)


def _staged(repo: GitRepo, paths: list[str]) -> list[str]:
    """Those of ``paths`` whose entry in git's index differs from the last commit's."""
    done = repo.run_result("diff", "--cached", "--name-only", "--no-renames", "-z", "--", *paths)
    if not done.ok:
        return paths  # cannot tell: reset them all
    return [p for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def _holds(data: bytes | None, sha: str | None) -> bool:
    """Whether ``data`` (None: no file) is the version a journal names (None: deleted)."""
    return data is None if sha is None else data is not None and _sha(data) == sha


def _undo(path: Path, entry: JournalFile) -> bool:
    """Put one file back as it was before the save, if the save had changed it."""
    try:
        current: bytes | None = path.read_bytes()
    except FileNotFoundError:
        current = None
    if not _holds(current, entry.new_sha) or _holds(current, _sha_or_none(entry.old)):
        return False  # not written yet (or the same as before): nothing to undo
    if entry.old is None:
        path.unlink()
    else:
        atomic_write(path, entry.old)
    return True


def _sha_or_none(data: bytes | None) -> str | None:
    return None if data is None else _sha(data)


def try_recover(repo: GitRepo) -> list[str]:
    """:func:`recover` when a journal is left and no save is running; never raises.

    Called when a Store opens, so that what it shows is what git holds. Anything that
    fails here is tried again, and reported, by the next save.
    """
    if not (repo.git_dir / JOURNAL_NAME).exists():
        return []
    try:
        with save_lock(repo.git_dir, wait=0):
            return recover(repo)
    except (DataError, OSError):
        return []


def _clear_git_locks(repo: GitRepo, since: int) -> list[str]:
    """Remove lock files created during the dead save once no live process holds them."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        mine = [lk for lk in locks.lock_files(repo.dirs) if _mtime(lk) >= since]
        if not mine:
            return []
        found = locks.holders(repo.root, mine)
        if found is None:
            return []  # cannot tell: the save's own wait reports them
        if not found:
            removed = locks.unlink_all(mine)
            names = ", ".join(locks.shown(p, repo.root) for p in removed)
            return [t("notice.stale_lock", locks=names)] if removed else []
        if time.monotonic() > deadline:  # e.g. the dead save's git child still running
            raise DataError("err.git.locked_by", lock=mine[0].name, who=found[0])
        time.sleep(0.05)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1
