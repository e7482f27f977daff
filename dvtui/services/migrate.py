"""Bringing a data repo made by an older dvtui up to this one's layout, one commit per step.

A data repo says its layout version in ``dvtui.toml`` (``format = 2``; none in a repo made by
dvtui 0.1: format 1). :data:`MIGRATIONS` lists the steps, each from the format before it to
its own; :func:`migrate` runs those the repo still needs, each as one commit
(``Action: migrate``) that names every record it renames or rewrites and raises ``format``
in the same commit, so ``dvtui audit`` can check it like any other change.

The next change of layout adds a step here, a test on a repo of the old layout, and a line
in the README.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from dvtui.core import codec
from dvtui.core.dataset import renamed_references
from dvtui.core.ids import SLUG, RecordId
from dvtui.core.problems import DataError, InvalidRecord, Problem
from dvtui.core.records import Record, Task
from dvtui.i18n import N_, t
from dvtui.services.setup import TUAN_GIAO_OFFICE
from dvtui.storage.regular import read_regular
from dvtui.storage.store import (
    DATA_FORMAT,
    FORMAT_SINCE,
    REQUIRES_KEY,
    SETTINGS_FILE,
    Batch,
    Store,
)


@dataclass(frozen=True)
class Step:
    """What one migration does to the records: rewritten, renamed (old id -> new record)."""

    rewritten: list[Record] = field(default_factory=list)
    renamed: list[tuple[RecordId, Record]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Nothing to change but the format number."""
        return not self.rewritten and not self.renamed


@dataclass(frozen=True)
class Migration:
    """One step of layout: to format ``to``, described by ``about`` (a message key)."""

    to: int
    about: str
    change: Callable[[list[Record]], Step]


@dataclass(frozen=True)
class Migrated:
    """One step done: its commit, and how many records it renamed and rewrote."""

    to: int
    sha: str
    renamed: int
    rewritten: int

    def notice(self) -> str:
        """What the user is told, one line."""
        return t(
            "notice.migrated",
            to=self.to,
            sha=self.sha[:8],
            renamed=self.renamed,
            rewritten=self.rewritten,
        )


def year_prefixed_tasks(records: list[Record]) -> Step:
    """Format 2: a task's ID starts with its plan's year (``tasks/ii-7`` -> ``tasks/2023-ii-7``),
    so next year's plan can have its own II.7; sub-tasks' ``parent`` and the reports'
    ``narrative`` keys follow."""
    tasks = [r for r in records if isinstance(r, Task)]
    renames = {
        task.id.name: f"{task.plan}-{task.id.name}"
        for task in tasks
        if not task.id.name.startswith(f"{task.plan}-")
    }
    taken = {r.id.name for r in tasks}
    problems = [
        Problem(
            task.id.relpath, "", "err.migrate.task_id", {"id": f"tasks/{renames[task.id.name]}"}
        )
        for task in tasks
        if task.id.name in renames
        and (renames[task.id.name] in taken or not SLUG.fullmatch(renames[task.id.name]))
    ]
    if problems:
        raise InvalidRecord(problems)
    step = Step()
    for record in records:
        new = renamed_references(record, "tasks", renames)
        if isinstance(record, Task) and record.id.name in renames:
            moved = replace(new, id=RecordId("tasks", (renames[record.id.name],)))
            step.renamed.append((record.id, moved))
        elif new is not record:
            step.rewritten.append(new)
    return step


MIGRATIONS: tuple[Migration, ...] = (
    Migration(2, N_("commit.migrate_about.2"), year_prefixed_tasks),
)
assert MIGRATIONS[-1].to == DATA_FORMAT, "a new format needs its migration"


def needs_migration(store: Store) -> bool:
    """Whether the repo's layout is older than this dvtui's."""
    return store.format < DATA_FORMAT


def migrate(store: Store) -> list[Migrated]:
    """Run every step the repo needs, one commit each; nothing when it is up to date.

    Refused (DataError, nothing changed) when a record file does not decode: a migration
    must see every record to rename what names what. Fix those files (``dvtui validate``).
    """
    done: list[Migrated] = []
    for migration in MIGRATIONS:
        if store.format >= migration.to:
            continue
        records, broken = store.every_record()
        if broken:
            raise InvalidRecord(broken)
        step = migration.change(records)
        batch = Batch(
            action="migrate",
            subject=_subject(store.format, migration),
            records=(*step.rewritten, *(new for _old, new in step.renamed)),
            created=frozenset(new.id for _old, new in step.renamed),
            deletes=tuple(old for old, _new in step.renamed),
            other=((SETTINGS_FILE, _settings_with_format(store, migration.to)),),
            renames=tuple((old, new.id) for old, new in step.renamed),
            trailers=(f"Format: {migration.to}",),
            migrating=True,
        )
        sha = store.save_batch(batch)
        done.append(Migrated(migration.to, sha, len(step.renamed), len(step.rewritten)))
    return done


def _subject(found: int, migration: Migration) -> str:
    from dvtui.i18n import language

    with language("vi"):  # the shared history is Vietnamese
        return t("commit.migrate", found=found, to=migration.to, about=t(migration.about))


def _settings_with_format(store: Store, version: int) -> bytes:
    """dvtui.toml as it is, with ``format`` raised and the dvtui it needs (every other setting
    kept as written)."""
    path = store.root / SETTINGS_FILE
    table: dict[str, object] = {"schema": 1}
    if path.exists():
        found, problems = codec.parse_table(
            SETTINGS_FILE, read_regular(path, limit=codec.MAX_RECORD_BYTES)
        )
        if found is None:
            raise InvalidRecord(problems)
        table.update(found)
    if table.get("format", 1) == 1:  # from dvtui 0.1, which printed these in every letter
        table = {**TUAN_GIAO_OFFICE, **table}
    table["format"] = version
    table[REQUIRES_KEY] = FORMAT_SINCE[version]
    return codec.encode_table(table)


def migrate_on_open(store: Store) -> list[str]:
    """Migrate a repo of an older layout as it opens; the notices to show (none if current).

    A migration that cannot run now (no git identity, a merge in progress) is not an error
    for reading: the notice says why and that saving waits for ``dvtui migrate``.
    """
    if not needs_migration(store):
        return []
    try:
        return [m.notice() for m in migrate(store)]
    except DataError as exc:
        return [t("notice.migrate_failed", found=store.format, reason=str(exc))]
