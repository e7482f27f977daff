"""Safe file access under ``records/``: no escaping the folder, atomic replacement."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from dvtui.core.problems import DataError

TMP_SUFFIX = ".tmp"


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

    A crash at any point leaves either the old file or the new one, never half of one.
    ``before_rename`` lets the crash tests stop the process at the worst moment.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        if before_rename is not None:
            before_rename()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


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
    for folder, dirs, files in os.walk(base, followlinks=False):
        dirs.sort()
        rel_folder = os.path.relpath(folder, root)
        for name in dirs:
            if os.path.islink(os.path.join(folder, name)):
                yield f"{rel_folder}/{name}".replace(os.sep, "/"), Path(folder, name)
        for name in sorted(files):
            if name.endswith(".toml") and not name.startswith("."):
                yield f"{rel_folder}/{name}".replace(os.sep, "/"), Path(folder, name)
