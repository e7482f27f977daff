"""Files kept with a record: attached in one commit, listed, checked, written back out.

The bytes go to ``attachments/…/<sha256>`` (:mod:`dvtui.core.attachments`), committed with
the record that lists them by the Store's one save path (same commit, same crash journal).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, TypeVar

from dvtui.core.attachments import (
    LFS_ATTRIBUTES,
    blob_path,
    blob_paths,
    content_hash,
    numbered,
    safe_name,
    size_text,
)
from dvtui.core.codec import MAX_RECORD_BYTES
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError, InvalidRecord, Problem
from dvtui.core.records import Attachment, Record
from dvtui.storage.files import read_problem, symlinked_part
from dvtui.storage.regular import FileTooLarge, read_regular
from dvtui.storage.store import SaveResult, Store

__all__ = [
    "Incoming",
    "WrittenOut",
    "attach",
    "attachments_of",
    "read_incoming",
    "stored_bytes",
    "with_attached",
    "write_out",
]

R = TypeVar("R", bound=Record)
MB = 1024 * 1024
GITATTRIBUTES = ".gitattributes"


@dataclass(frozen=True)
class Incoming:
    """A file the user chose to attach, read and within the size limit."""

    name: str  # safe already
    data: bytes


def read_incoming(paths: Sequence[Path], limit_mb: int) -> list[Incoming]:
    """Read the files to attach; DataError naming the first one that cannot be kept.

    All are checked before anything is committed: one file over the limit refuses them all.
    """
    out = []
    for path in paths:
        if not path.is_file():
            raise DataError("err.attach.not_file", path=str(path))
        size = path.stat().st_size
        if size > limit_mb * MB:
            limit = size_text(limit_mb * MB)
            raise DataError("err.attach.too_big", path=str(path), size=size_text(size), limit=limit)
        out.append(Incoming(safe_name(path.name), path.read_bytes()))
    return out


def attachments_of(record: Record) -> list[Attachment]:
    """The files a record lists; DataError for a kind that keeps none (a review)."""
    found = getattr(record, "attachments", None)
    if not isinstance(found, list):
        raise DataError("err.attach.kind", id=str(record.id))
    return found


def attach(store: Store, rid: RecordId, files: Sequence[Incoming], today: date) -> SaveResult:
    """Attach ``files`` to the record ``rid`` in one commit (record and bytes together).

    A file whose content the record already lists is refused: attached twice, it would
    be listed twice.
    """
    record, with_files = with_attached(store, store.get(rid), files, today)
    return store.save(record, with_files=with_files)


def with_attached(
    store: Store, record: R, files: Sequence[Incoming], today: date, *, again_ok: bool = False
) -> tuple[R, dict[str, bytes]]:
    """``record`` listing ``files`` too, and the files to commit with it (path → bytes).

    A file the record lists already is refused (DataError), or left out with ``again_ok``.
    """
    listed = attachments_of(record)
    known = {a.sha256: a.name for a in listed}
    who = store.identity().name
    lfs = store.settings.lfs_attachments
    added: list[Attachment] = []
    with_files: dict[str, bytes] = {}
    for item in files:
        sha = content_hash(item.data)
        if sha in known:
            if again_ok:
                continue
            raise DataError(
                "err.attach.again", name=item.name, listed=known[sha], id=str(record.id)
            )
        known[sha] = item.name
        added.append(
            Attachment(
                name=item.name, sha256=sha, size=len(item.data), added_on=today, added_by=who
            )
        )
        if not any((store.root / p).is_file() for p in blob_paths(sha)):
            with_files[blob_path(sha, lfs=lfs)] = item.data
    if lfs and with_files:
        attributes = _with_lfs_line(store.root / GITATTRIBUTES)
        if attributes is not None:
            with_files[GITATTRIBUTES] = attributes
    if not added:
        return record, with_files
    return dataclasses.replace(record, attachments=[*listed, *added]), with_files  # type: ignore[call-arg]


def _with_lfs_line(path: Path) -> bytes | None:
    """``.gitattributes`` with the LFS line added; None when it has it already.

    Read as records are (a pushed symlink there is refused, never read through), and as
    bytes: whatever else the file holds is kept as it is.
    """
    try:
        data = read_regular(path, limit=MAX_RECORD_BYTES)
    except FileNotFoundError:
        data = b""
    except OSError as exc:
        raise InvalidRecord([read_problem(GITATTRIBUTES, exc)]) from None
    line = LFS_ATTRIBUTES.encode("utf-8")
    if line in data.splitlines():
        return None
    if data and not data.endswith(b"\n"):
        data += b"\n"
    return data + line + b"\n"


def stored_bytes(store: Store, attachment: Attachment) -> bytes:
    """The bytes of an attachment, checked against its recorded hash and size.

    DataError when the stored file is missing (not synced yet, deleted) or altered, or when
    it is not a regular file of the repo (a symlink on its way, a FIFO), as records are read.
    """
    for relpath in blob_paths(attachment.sha256):
        folder = symlinked_part(store.root, relpath)
        if folder is not None:
            problem = Problem(relpath, "", "err.symlink_folder", {"folder": folder})
            raise DataError("err.attach.unreadable", name=attachment.name, problem=str(problem))
        try:
            data = read_regular(store.root / relpath, limit=attachment.size)
        except FileNotFoundError:
            continue
        except FileTooLarge:
            raise DataError("err.attach.altered", name=attachment.name, path=relpath) from None
        except OSError as exc:
            problem = read_problem(relpath, exc)
            raise DataError(
                "err.attach.unreadable", name=attachment.name, problem=str(problem)
            ) from None
        if content_hash(data) != attachment.sha256 or len(data) != attachment.size:
            raise DataError("err.attach.altered", name=attachment.name, path=relpath)
        return data
    raise DataError("err.attach.missing", name=attachment.name, path=blob_path(attachment.sha256))


Outcome = Literal["written", "same", "renamed"]


@dataclass(frozen=True)
class WrittenOut:
    """Where one attachment was written (``renamed``: its name was taken by another file)."""

    attachment: Attachment
    path: Path
    outcome: Outcome


def write_out(store: Store, attachments: Sequence[Attachment], folder: Path) -> list[WrittenOut]:
    """Write attachments into ``folder`` under their (safe) original names.

    An existing file is never overwritten: one with the same bytes counts as written
    already (``same``), another gets the next free ``name (2).ext`` (``renamed``). Every
    file is checked against its hash before anything is written.
    """
    items = [(a, stored_bytes(store, a)) for a in attachments]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for attachment, data in items:
        name = safe_name(attachment.name)
        n = 1
        while True:
            target = folder / (name if n == 1 else numbered(name, n))
            if target.is_file() and target.read_bytes() == data:
                out.append(WrittenOut(attachment, target, "same"))
                break
            try:
                _create(target, data)
            except FileExistsError:
                n += 1
                continue
            out.append(WrittenOut(attachment, target, "written" if n == 1 else "renamed"))
            break
    return out


def _create(path: Path, data: bytes) -> None:
    """Write a new file; FileExistsError when the name is taken (never overwritten)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException:
        path.unlink(missing_ok=True)  # a full disk: no half file left under the real name
        raise
