"""The one record cache of a Store: every record file it has read, decoded, by path.

A full load fills it with every file (``complete``); before one, ``get`` puts in only the
files it needed. The Dataset (with its reference checks), the version a save merges against
by default and the names the records use all come from here — nothing else is remembered,
so nothing can disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from dvtui.core import codec
from dvtui.core.dataset import Dataset, names_of
from dvtui.core.problems import Problem
from dvtui.core.records import Record
from dvtui.storage.loadcache import Entry


@dataclass
class SeenFiles:
    """Decoded record files by path; ``complete`` when they are all of ``records/``."""

    files: dict[str, Entry] = field(default_factory=dict)
    complete: bool = False
    # kind -> slugs the records name (from a full load; None: not known, the slow check)
    named: dict[str, set[str]] | None = None
    _dataset: Dataset | None = None  # built on demand: reference checks are not free

    def dataset(self, settings_problems: Sequence[Problem]) -> Dataset:
        """The Dataset of a complete cache (``settings_problems`` listed first)."""
        if self._dataset is None:
            problems = list(settings_problems)
            problems += [p for _, found in self.files.values() for p in found]
            self._dataset = Dataset(list(self.records()), problems, named=self.named)
        return self._dataset

    def records(self) -> Iterator[Record]:
        """Every file's record that decodes (whatever its references)."""
        return (record for record, _ in self.files.values() if record is not None)

    def record(self, relpath: str) -> Record | None:
        """The record of one file as last read here, if it was and it decodes."""
        entry = self.files.get(relpath)
        return entry[0] if entry is not None else None

    def put(self, relpath: str, data: bytes | None) -> None:
        """A file just written with ``data`` (None: deleted), decoded as a load would."""
        if data is None:
            self.files.pop(relpath, None)
        else:
            record, found = codec.decode(relpath, data)
            self.files[relpath] = (record, tuple(found))
            if self.named is not None and record is not None:
                # Only ever added to: a name no longer used merely costs the slow check.
                for kind, slug in names_of(record):
                    self.named.setdefault(kind, set()).add(slug)
        self.changed()

    def changed(self) -> None:
        """Something the Dataset is made of changed (a file, the settings): build it again."""
        self._dataset = None
