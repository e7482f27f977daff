"""Safe file access under ``records/``: no escaping the folder, atomic replacement."""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from dvtui.core.problems import DataError, Problem
from dvtui.i18n import N_, t
from dvtui.storage.regular import FileTooLarge, NotRegularFile

TMP_SUFFIX = ".tmp"


def read_problem(relpath: str, exc: OSError) -> Problem:
    """The problem of a file :func:`~dvtui.storage.regular.read_regular` could not read, in
    the user's words."""
    if isinstance(exc, NotRegularFile):
        return Problem(relpath, "", "err.not_regular")
    if isinstance(exc, FileTooLarge):
        return Problem(relpath, "", "err.too_large", {"size": exc.size, "limit": exc.limit})
    if exc.errno == errno.ELOOP:
        return Problem(relpath, "", "err.symlink")
    return Problem(relpath, "", "err.read", {"detail": exc.strerror or str(exc)})


def symlinked_part(root: Path, relpath: str) -> str | None:
    """The first folder of ``relpath`` (inside ``root``) that is a symlink, if any.

    Reads never go through one, as writes never do (:func:`resolve_inside`): a pushed
    ``records/periods -> ../../x`` must not make ``dvtui show`` print a file from outside.
    """
    parts = relpath.split("/")[:-1]
    for i in range(1, len(parts) + 1):
        folder = "/".join(parts[:i])
        if os.path.islink(os.path.join(root, folder)):
            return folder
    return None


def resolve_inside(root: Path, relpath: str) -> Path:
    """``root / relpath``, refused (DataError) when a symlink on the way leads outside ``root``.

    ``relpath`` comes from a parsed RecordId, so it has no ``..`` or absolute parts; this
    guards against symlinks planted inside the data repo.
    """
    target = root / relpath
    real_root = root.resolve()
    # The deepest existing ancestor decides where the path really goes.
    probe = target
    while not probe.exists() and not probe.is_symlink() and probe != root:
        probe = probe.parent
    if probe.is_symlink() or not probe.resolve().is_relative_to(real_root):
        raise DataError("err.path_escape", path=relpath)
    return target


def atomic_write(
    path: Path, data: bytes, *, before_rename: Callable[[], None] | None = None
) -> None:
    """Replace ``path`` with ``data``: temp file, fsync, rename, fsync of the folder.

    A crash at any point leaves either the old file or the new one, never half of one;
    any failure (a full disk, a read-only one) leaves no temp file and raises an OSError
    naming ``path``. ``before_rename`` lets the crash tests stop the process at the worst
    moment.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if before_rename is not None:
            before_rename()
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.filename != str(path):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc  # ENOSPC names no file
        raise
    fsync_dir(path.parent)


# What the person at the keyboard is told for the usual reasons a write fails.
_DISK_REASONS = {
    errno.ENOSPC: N_("err.disk.full"),
    errno.EDQUOT: N_("err.disk.quota"),
    errno.EROFS: N_("err.disk.read_only"),
    errno.EACCES: N_("err.disk.denied"),
    errno.EPERM: N_("err.disk.denied"),
}


def disk_error(exc: OSError, root: Path) -> DataError:
    """A failed write as the user's message: which file (inside the repo when it is) and why."""
    where = str(exc.filename or root)
    with contextlib.suppress(ValueError):
        where = str(Path(where).relative_to(root))
    code = _DISK_REASONS.get(exc.errno or 0)
    reason = t(code) if code is not None else (exc.strerror or str(exc))
    return DataError("err.write", path=where, reason=reason)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def walk_toml(root: Path) -> Iterator[tuple[str, Path]]:
    """Every ``*.toml`` under ``root/records`` as (relpath, path); symlinks listed, not followed.

    A symlinked folder is listed too (as the folder), so the loader reports it instead of
    silently skipping the records it would hide.
    """
    base = root / "records"
    if base.is_symlink():
        yield "records", base  # reported by the loader, never followed
        return
    for folder, dirs, files in os.walk(base, followlinks=False):
        dirs.sort()
        rel_folder = os.path.relpath(folder, root)
        for name in dirs:
            if os.path.islink(os.path.join(folder, name)):
                yield f"{rel_folder}/{name}".replace(os.sep, "/"), Path(folder, name)
        for name in sorted(files):
            if name.endswith(".toml") and not name.startswith("."):
                yield f"{rel_folder}/{name}".replace(os.sep, "/"), Path(folder, name)
