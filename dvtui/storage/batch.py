"""Several record files changed by one commit: a plan rolled over, a data repo migrated."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from dvtui.core import codec
from dvtui.core.ids import RecordId
from dvtui.core.records import Record


@dataclass(frozen=True)
class Batch:
    """What one commit writes and deletes, and the words of its message.

    ``records`` are written (``created`` among them must not exist yet); ``deletes`` are
    removed; ``other`` are files outside ``records/`` (``dvtui.toml``), written as given.
    ``renames`` (old, new) and ``trailers`` add to the message's trailers, so that history
    and audit can follow a record to its new address.
    """

    action: str  # the Action: trailer ("create", "migrate" …)
    subject: str  # the message's first line, Vietnamese
    records: tuple[Record, ...] = ()
    created: frozenset[RecordId] = frozenset()
    deletes: tuple[RecordId, ...] = ()
    other: tuple[tuple[str, bytes], ...] = ()
    renames: tuple[tuple[RecordId, RecordId], ...] = ()
    trailers: tuple[str, ...] = ()
    migrating: bool = False  # a migration may write into a data repo of an older format
    body: tuple[str, ...] = field(default=())  # lines of prose under the subject

    def files(self) -> Iterator[tuple[str, bytes | None]]:
        """(path in the data repo, new bytes or None to delete), in a stable order."""
        for record in self.records:
            yield record.id.relpath, codec.encode(record)
        for rid in self.deletes:
            yield rid.relpath, None
        yield from self.other

    def is_new(self, relpath: str) -> bool:
        """Whether the file at ``relpath`` is created (it must not exist yet)."""
        return any(rid.relpath == relpath for rid in self.created)

    def deleted_names(self, kind: object) -> set[str]:
        """Slugs of ``kind`` this batch deletes and does not write again."""
        written = {r.id for r in self.records}
        return {rid.name for rid in self.deletes if rid.kind == kind and rid not in written}
