"""Reading one record and the records it names, without a full load (``show``, ``set``).

A record's fate in a full load (kept, or dropped for a dangling reference) depends only on
the records its single references name, transitively; so the small Dataset made here
answers lookups, reference checks and titles of the records asked for exactly as the full
one would. Shared by the Store and the quick command line (``dvtui.cli.quick``), which
reads a record without importing the Store.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.core import codec
from dvtui.core.dataset import Dataset, references_of
from dvtui.core.ids import RecordId
from dvtui.core.problems import Problem
from dvtui.core.records import Record
from dvtui.storage.files import read_problem, symlinked_part
from dvtui.storage.regular import read_regular

if TYPE_CHECKING:  # not imported to run: the load cache's modules are not needed here
    from dvtui.storage.loadcache import Entry

__all__ = ["read_around", "read_file"]


def read_file(root: Path, relpath: str) -> Entry:
    """One file decoded as a full load decodes it (a symlinked folder is reported)."""
    folder = symlinked_part(root, relpath)
    if folder is not None:  # as a full load: the symlink is reported, never followed
        return (None, (Problem(relpath, "", "err.symlink_folder", {"folder": folder}),))
    try:
        record, found = codec.decode(
            relpath, read_regular(root / relpath, limit=codec.MAX_RECORD_BYTES)
        )
    except FileNotFoundError:
        return (None, ())
    except OSError as exc:  # a symlink, a FIFO, no permission …
        return (None, (read_problem(relpath, exc),))
    return (record, tuple(found))


def read_around(
    read: Callable[[str], Entry], seeds: list[RecordId], extra: Record | None = None
) -> Dataset:
    """The records ``seeds`` (and ``extra``) name, read with ``read``, and so on down.

    The seeds' list items are read too (their problems are reported).
    """
    files: dict[str, Entry] = {}
    todo = [(rid, False) for rid in seeds]
    if extra is not None:
        todo += [(rid, True) for rid in references_of(extra)]
    while todo:
        rid, named = todo.pop()
        if rid.relpath in files:
            continue
        files[rid.relpath] = entry = read(rid.relpath)
        record = entry[0]
        if record is not None:
            todo += [(r, True) for r in references_of(record, dropping=named)]
    records = [r for r, _ in files.values() if r is not None]
    return Dataset(records, [p for _, found in files.values() for p in found])
