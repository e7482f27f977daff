"""The Store: the one object through which the CLI and the UI read and change a data repo.

Every save validates the record, writes its file atomically and commits it as one commit
by the user's git identity; if the commit fails, the file is put back as it was.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dvtui.core import codec
from dvtui.core.changes import Change, Lookup, diff, field_label
from dvtui.core.dataset import Dataset
from dvtui.core.facts import address_title, title_of
from dvtui.core.ids import BadId, RecordId
from dvtui.core.merge import Choice, Conflict
from dvtui.core.problems import DataError, FieldError, InvalidRecord, Problem, ReferencedRecord
from dvtui.core.records import KINDS, SCHEMA_VERSION, Record
from dvtui.core.schema import (
    assign,
    from_table,
    parse_field,
    set_fields,
    to_table,
)
from dvtui.core.settings import Settings
from dvtui.core.trailers import (
    BatchEntry,
    CommitMessage,
    build_batch_message,
    build_message,
    parse_message,
)
from dvtui.git.dirs import find_git_dirs
from dvtui.git.repo import GitRepo
from dvtui.i18n import N_
from dvtui.storage import journal
from dvtui.storage.around import read_around, read_file
from dvtui.storage.batch import Batch
from dvtui.storage.crash import crash_point
from dvtui.storage.files import (
    atomic_write,
    disk_error,
    fsync_dir,
    read_problem,
    resolve_inside,
)
from dvtui.storage.layout import DATA_FORMAT, SETTINGS_FILE, data_format
from dvtui.storage.loadcache import Entry
from dvtui.storage.regular import read_regular
from dvtui.storage.seen import SeenFiles

if TYPE_CHECKING:
    from dvtui.git.repo import Identity

__all__ = [
    "DATA_FORMAT",
    "FORMAT_SINCE",
    "REQUIRES_KEY",
    "SETTINGS_FILE",
    "Batch",
    "HistoryEntry",
    "SaveResult",
    "Store",
]

# The first dvtui that writes each format. A repo says what it needs (``requires_dvtui``,
# written with ``format``), so that an older dvtui refuses it naming the version to get.
FORMAT_SINCE = {1: "0.1.0", 2: "0.2.0"}
REQUIRES_KEY = "requires_dvtui"


@dataclass(frozen=True)
class SaveResult:
    """What one save did: the commit and the fields it changed."""

    sha: str
    record: Record
    changes: list[Change]


@dataclass(frozen=True)
class ChangedBoth:
    """A field the user changed and someone else changed too, since the user's version."""

    conflict: Conflict  # base = what the user saw, mine = the user's, theirs = on disk now
    author: str | None  # who made the version on disk now (from the record's history)
    when: datetime | None


class SaveConflict(DataError):
    """The save would overwrite what someone else saved to the same fields: a person chooses.

    ``fields`` says, per field, the three versions and who changed it; saving again with
    ``choices`` (field → :class:`Choice`) for every one of them goes through.
    """

    def __init__(self, rid: RecordId, fields: list[ChangedBoth], names: Lookup) -> None:
        # named as people read them ("Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang", "Số hội
        # nghị tuyên truyền"), not by their address and TOML keys
        labels = ", ".join(
            field_label(f.conflict.field, names) if f.conflict.field else rid.relpath
            for f in fields
        )
        title = address_title(str(rid), names)
        super().__init__(N_("err.changed_meanwhile"), id=title, fields=labels)
        self.rid = rid
        self.fields = fields


@dataclass(frozen=True)
class HistoryEntry:
    """One change of a record, in domain words."""

    sha: str
    author: str
    email: str
    when: datetime
    subject: str
    action: str
    changes: list[Change]
    message: CommitMessage


class Store:
    """A data repo: its records, settings and git history."""

    def __init__(self, root: Path) -> None:
        root = Path(root).absolute()
        found = find_git_dirs(root)
        if found is None and not (root / ".git").exists():
            raise _not_a_data_repo(root)
        if not (root / "records").is_dir():
            raise DataError("err.git.no_records", path=str(root))
        self.root = root
        # Opening it reads a file or two (no process, no GitPython until one is needed).
        # A ``.git`` git does not accept still lets the records be read (``validate``).
        self._git = GitRepo(root) if found is not None else None
        self._seen = SeenFiles()  # the one record cache: what was read, by path
        # Whether git vouched for every file of the last load (see ``storage.rowcache``).
        self.vouched = False
        # A clone made by plain `git clone` lacks the field-level merge driver (git config
        # is not versioned): set it up now, so that a later `git pull` by hand merges well.
        # (Imported here: `python -m dvtui.storage.merge_driver` must not find it pre-loaded.)
        from dvtui.storage.merge_driver import ensure_installed

        if self._git is not None:
            ensure_installed(self._git)
        # Test hook: called between writing the temp file and the rename.
        self.before_rename: Callable[[], None] | None = None
        # A save cut short (power cut, killed process) is finished or undone now, so that
        # what this Store shows is what git holds; a running save of another process waits.
        self._notices: list[str] = journal.try_recover(self._git) if self._git else []
        # Read after the recovery: an interrupted migration may have written dvtui.toml.
        self.settings, self.settings_problems = load_settings(root)
        self.format = data_format(root)
        if self.format > DATA_FORMAT:
            raise newer_format(root, self.format)

    @property
    def git_ready(self) -> bool:
        """Whether the ``.git`` folder is one git accepts (``git`` would raise otherwise)."""
        return self._git is not None

    @property
    def git(self) -> GitRepo:
        """The git repository; DataError when the ``.git`` folder is not one."""
        if self._git is None:
            raise DataError("err.git.not_repo", path=str(self.root))
        return self._git

    # --- reading -------------------------------------------------------------------------

    def load(self) -> Dataset:
        """Read and validate every record; one bad file never stops the others.

        Files git knows unchanged come from the load cache (keyed by blob id); the rest are
        parsed from disk (see :mod:`dvtui.storage.loader`). Reference checks run every time.
        """
        from dvtui.storage.loader import load_files, paused_gc

        with paused_gc():
            loaded = load_files(self.root)
            self._seen = SeenFiles(loaded.files, complete=True, named=loaded.named)
            self.vouched = loaded.vouched
            return self._seen.dataset(self.settings_problems)

    def every_record(self) -> tuple[list[Record], list[Problem]]:
        """Every record file that decodes, whatever its references (a full load leaves out
        those whose references dangle), and the problems of the files that do not decode."""
        self.load()
        files = self._seen.files.values()
        return list(self._seen.records()), [p for r, found in files if r is None for p in found]

    def forget(self) -> None:
        """Drop what was read: the files changed under this Store (a sync, a checkout).

        The next ``data`` (or ``get``) reads them again — only the changed files are parsed
        again (the load cache keeps the rest) — and a command that does not look at the
        records afterwards pays nothing.
        """
        self._seen = SeenFiles()

    @property
    def data(self) -> Dataset:
        """The records as last loaded (loading them on first use)."""
        if self._seen.complete:
            return self._seen.dataset(self.settings_problems)
        return self.load()

    def get(self, rid: RecordId) -> Record:
        """A valid record; DataError when it does not exist or does not validate.

        Before a full load, only the record and the ones it names are read (``dvtui show``
        and ``dvtui set`` need no more), with the same outcome a full load would give.
        """
        data = self.data if self._seen.complete else self._around([rid])
        record = data.get(rid)
        if record is not None:
            return record
        mine = [p for p in data.problems if p.file == rid.relpath]
        if mine:
            raise InvalidRecord(mine)
        raise DataError("err.not_found", id=str(rid))

    def _around(self, seeds: list[RecordId], extra: Record | None = None) -> Dataset:
        """The records ``seeds`` (and ``extra``) name, and so on down: enough to answer
        ``get``, reference checks and titles of the seeds as a full load would (see
        :mod:`dvtui.storage.around`)."""
        return read_around(self._read_one, seeds, extra)

    def _read_one(self, relpath: str) -> Entry:
        """One file decoded, as a full load would (remembered; a save puts what it wrote)."""
        known = self._seen.files.get(relpath)
        if known is None:
            known = self._seen.files[relpath] = read_file(self.root, relpath)
        return known

    def names(self) -> Lookup:
        """Where labels find what a slug names: the loaded records, else each read when asked."""
        return self.data if self._seen.complete else _OnDemand(self)

    def context(self, record: Record) -> Dataset:
        """Records enough to check ``record``'s references and to name it: all, if loaded."""
        if self._seen.complete:
            return self.data
        return self._around([], extra=record)

    # --- writing -------------------------------------------------------------------------

    def check_record(self, record: Record) -> None:
        """Raise InvalidRecord unless ``record`` is valid and its references exist."""
        table = to_table(record)
        _, issues = from_table(type(record), table, id=record.id)
        problems = [Problem(record.id.relpath, i.field, i.code, i.args) for i in issues]
        problems += self.context(record).reference_problems(record)
        if problems:
            raise InvalidRecord(problems)

    def save(
        self,
        record: Record,
        *,
        create: bool = False,
        base: Record | Mapping[str, Any] | None = None,
        choices: Mapping[str, Choice] | None = None,
        with_files: Mapping[str, bytes] | None = None,
    ) -> SaveResult:
        """Validate, write and commit one record. Nothing changes on disk if any step fails.

        ``base`` is the version the change was made from (what a form showed, what a
        command read) — a record, or its TOML table when what a form showed mixes two
        versions; by default the version this Store last read. Saving is a three-way
        merge of (base, ``record``, the file on disk now): fields only ``record`` changed are
        written, fields someone else changed meanwhile keep their value, and a field both
        changed differently raises :class:`SaveConflict` — unless ``choices`` settles it.
        A save that changes nothing is refused (``err.no_change``): no empty commit.

        ``with_files``: other files (path → bytes) written and committed with the record in
        the same commit and the same journal — the stored bytes of an attachment. One that
        already holds those bytes is left as it is (the same file attached twice).

        One save at a time per repository, across processes (``.git/dvtui.lock``); a save
        cut short by a crash is finished or undone by the next one (see ``journal``).
        """
        rid = record.id
        path = resolve_inside(self.root, rid.relpath)
        config = self.git.commit_config()  # who commits, and how: one git process
        author = self.git.identity(config)
        if base is None and not create:
            base = self._last_read(rid)
        with self._saving():
            self._check_format()
            exists = path.exists()
            if create and exists:
                raise DataError("err.exists", id=str(rid))
            if not create and not exists:
                raise DataError("err.not_found", id=str(rid))
            self.check_record(record)
            old_bytes = _read_for_save(rid.relpath, path) if exists else None
            new_bytes = codec.encode(record)
            if old_bytes is not None and base is not None:
                record, new_bytes = self._merge_meanwhile(
                    base, record, old_bytes, new_bytes, choices or {}
                )
            if len(new_bytes) > codec.MAX_RECORD_BYTES:  # it could never be read back
                raise InvalidRecord([_too_long(record, len(new_bytes))])
            if old_bytes == new_bytes:
                raise DataError("err.no_change")
            # The commit records the file against the last commit, so its trailers must too:
            # a hand edit not yet committed is part of this change and is listed with it.
            committed = self.git.committed(rid.relpath) if exists else None
            old_table = _table_or_none(committed if committed is not None else old_bytes)
            new_table = _table_or_none(new_bytes)
            changes = diff(old_table, new_table, sets=set_fields(type(record)))
            if not changes and committed is not None:
                raise DataError("err.no_change")  # only a set put in its order: not worth one
            self.git.check_ready()
            action = "create" if committed is None else "update"
            message = build_message(record, self.names(), action, changes, old_table)
            files: list[tuple[str, bytes | None, bytes | None]] = [
                (rid.relpath, old_bytes, new_bytes),
                *self._changed(with_files or {}),
            ]
            sha = self._commit_files(files, message, author, config)
        self._saved({relpath: new for relpath, _old, new in files})
        return SaveResult(sha, record, changes)

    def _last_read(self, rid: RecordId) -> Record | None:
        """The record as this Store last read it (a full load, or ``get``)."""
        return self._seen.record(rid.relpath)

    def _merge_meanwhile(
        self,
        base: Record | Mapping[str, Any],
        mine: Record,
        disk: bytes,
        new: bytes,
        choices: Mapping[str, Choice],
    ) -> tuple[Record, bytes]:
        """``mine`` with what others saved to the record since ``base``, field by field.

        Without this, a form open for a while (or a CLI and the UI, two staff on a shared
        folder) writes its whole record over what others saved meanwhile.
        """
        rid = mine.id
        if isinstance(base, Record):
            old = codec.encode(base)
        else:
            old = codec.encode_table({"schema": SCHEMA_VERSION, **base})
        if disk == old:
            return mine, new  # nobody else saved it: the usual case
        from dvtui.core.merge import resolve_file

        merged = resolve_file(rid.relpath, old, new, disk, choices)
        if merged.conflicts or merged.data is None:
            raise SaveConflict(rid, self._who_changed(rid, merged.conflicts), self.names())
        record, problems = codec.decode(rid.relpath, merged.data)
        if record is None:
            raise InvalidRecord(problems)
        return record, merged.data

    def _who_changed(self, rid: RecordId, conflicts: list[Conflict]) -> list[ChangedBoth]:
        """Each conflict with the author and time of the newest commit that changed its field."""
        found: list[ChangedBoth] = []
        try:
            entries = self.history(rid, limit=50)
        except DataError:
            entries = []
        for conflict in conflicts:
            entry = next(
                (
                    e
                    for e in entries
                    if not conflict.field or any(c.field == conflict.field for c in e.changes)
                ),
                None,
            )
            if entry is None:  # changed on disk, not committed yet (a hand edit)
                found.append(ChangedBoth(conflict, None, None))
            else:
                found.append(ChangedBoth(conflict, entry.author, entry.when))
        return found

    def _changed(self, files: Mapping[str, bytes]) -> list[tuple[str, bytes | None, bytes]]:
        """(path, bytes before or None, bytes after) of the ``files`` whose bytes change."""
        out: list[tuple[str, bytes | None, bytes]] = []
        for relpath, new_bytes in files.items():
            path = resolve_inside(self.root, relpath)
            old_bytes = path.read_bytes() if path.is_file() else None
            if old_bytes != new_bytes:
                out.append((relpath, old_bytes, new_bytes))
        return out

    def delete(self, rid: RecordId) -> SaveResult:
        """Remove one record in one commit (``Action: delete``).

        Refused (``ReferencedRecord``) while other records name it: a unit that has reports,
        a period with reports, a task with sub-tasks or narratives. Retire a unit instead.
        """
        record = self.get(rid)
        author = self.git.identity()
        with self._saving():
            self._check_format()
            data = self.load()  # the referrers must be looked for in every record
            referrers = data.referrers(rid)
            if referrers:
                raise ReferencedRecord(rid, referrers)
            path = resolve_inside(self.root, rid.relpath)
            old_bytes = _read_for_save(rid.relpath, path)
            committed = self.git.committed(rid.relpath)
            old_table = _table_or_none(committed if committed is not None else old_bytes)
            changes = diff(old_table, None)
            self.git.check_ready()
            message = build_message(record, data, "delete", changes, old_table)
            sha = self._commit_files([(rid.relpath, old_bytes, None)], message, author)
        self._saved({rid.relpath: None})
        return SaveResult(sha, record, changes)

    def save_batch(self, batch: Batch) -> str:
        """Write, delete and commit several files as one commit (a roll-over, a migration).

        Every record written must validate and every reference must hold in the records as
        they will be after the commit; otherwise nothing changes. Returns the commit's sha.
        """
        author = self.git.identity()
        with self._saving():
            if not batch.migrating:
                self._check_format()
            self.forget()
            after = self._after(batch)
            files: list[tuple[str, bytes | None, bytes | None]] = []
            for relpath, new_bytes in batch.files():
                path = resolve_inside(self.root, relpath)
                old_bytes = _read_for_save(relpath, path) if path.exists() else None
                if batch.is_new(relpath) and old_bytes is not None:
                    raise DataError("err.exists", id=relpath.removeprefix("records/"))
                if new_bytes is None and old_bytes is None:
                    raise DataError("err.not_found", id=relpath.removeprefix("records/"))
                if old_bytes != new_bytes:
                    files.append((relpath, old_bytes, new_bytes))
            if not files:
                raise DataError("err.no_change")
            problems = [p for r in batch.records for p in after.reference_problems(r)]
            problems += [
                p
                for r in after
                for p in after.reference_problems(r)
                if p.args.get("value") in batch.deleted_names(p.args.get("kind"))
            ]
            if problems:
                raise InvalidRecord(sorted(set(problems)))
            self.git.check_ready()
            message = self._batch_message(batch, files, after)
            sha = self._commit_files(files, message, author)
        self._saved({relpath: new for relpath, _old, new in files})
        return sha

    def _batch_message(
        self, batch: Batch, files: list[tuple[str, bytes | None, bytes | None]], after: Dataset
    ) -> str:
        """The message of a batch: its subject, a line per record, the trailers of each file."""
        before = self.data
        entries: list[BatchEntry] = []
        for relpath, _old, new_bytes in files:
            try:
                rid = RecordId.parse(relpath)
            except BadId:
                continue  # dvtui.toml: named by the batch's own trailers
            committed = self.git.committed(relpath)
            new_table = None if new_bytes is None else _table_or_none(new_bytes)
            changes = diff(_table_or_none(committed), new_table)
            record = after.get(rid) if new_bytes is not None else before.get(rid)
            title = title_of(record, after if new_bytes is not None else before) if record else ""
            really = "create" if committed is None else "delete" if new_bytes is None else "update"
            entries.append(BatchEntry(str(rid), title, really, changes))
        return build_batch_message(
            batch.subject,
            batch.action,
            entries,
            body=batch.body,
            renames=[(str(a), str(b)) for a, b in batch.renames],
            trailers=batch.trailers,
        )

    def _after(self, batch: Batch) -> Dataset:
        """The records as they will be once ``batch`` is committed (validated one by one)."""
        problems: list[Problem] = []
        for record in batch.records:
            table = to_table(record)
            _, issues = from_table(type(record), table, id=record.id)
            problems += [Problem(record.id.relpath, i.field, i.code, i.args) for i in issues]
        if problems:
            raise InvalidRecord(problems)
        current = self.load()
        gone = {rid for rid in batch.deletes} | {r.id for r in batch.records}
        kept = [r for r in current if r.id not in gone]
        return Dataset([*kept, *batch.records])

    @contextlib.contextmanager
    def _saving(self) -> Iterator[None]:
        """Hold the save lock, after finishing any save cut short; a write that fails (a full
        or read-only disk) is told with the file and the cause, never as a bare OSError."""
        try:
            with journal.save_lock(self.git.git_dir):
                self._notices += journal.recover(self.git)
                yield
        except OSError as exc:
            raise disk_error(exc, self.root) from exc
        except DataError as exc:
            if exc.code != "err.write":
                raise
            # git names the file it could not write by its full path: inside the repo, the
            # shorter one says as much.
            path = Path(str(exc.values.get("path", "")))
            if path.is_absolute() and path.is_relative_to(self.root):
                exc.values["path"] = str(path.relative_to(self.root))
            raise

    def _commit_files(
        self,
        files: list[tuple[str, bytes | None, bytes | None]],
        message: str,
        author: Identity,
        config: Mapping[str, str] | None = None,
    ) -> str:
        """Write (or delete) ``files`` and commit them, journalled; call holding the save lock.

        If anything fails, the same clean-up as after a crash runs: the commit is kept if it
        was made, else the files and git's index are put back. If that fails too, the
        journal stays and the next save does it.
        """
        journal.begin(self.git.git_dir, files)
        try:
            crash_point("before_write")
            for relpath, _old, new_bytes in files:
                path = self.root / relpath
                if new_bytes is None:
                    path.unlink()
                    fsync_dir(path.parent)
                else:
                    atomic_write(path, new_bytes, before_rename=self._before_rename)
            crash_point("after_rename")
            paths = [relpath for relpath, _old, _new in files]
            sha = self.git.commit(
                paths, message, author=author, checkpoint=crash_point, config=config
            )
        except BaseException:
            with contextlib.suppress(Exception):
                journal.recover(self.git)
            raise
        journal.end(self.git.git_dir)
        return sha

    def _check_format(self) -> None:
        """Refuse to save into a data repo whose layout is older than this dvtui's."""
        if self.format < DATA_FORMAT:
            raise DataError("err.format.old", found=self.format, current=DATA_FORMAT)

    def _saved(self, saved: dict[str, bytes | None]) -> None:
        """Bring what this Store has read up to date with the files just saved (None:
        deleted), without reading them again: each is decoded from the bytes just written,
        exactly as a load would; the reference checks run again when the records are next
        asked for."""
        for relpath, data in saved.items():
            try:
                RecordId.parse(relpath)
            except BadId:  # dvtui.toml and other files of a batch
                continue
            self._seen.put(relpath, data)
        if SETTINGS_FILE in saved:
            self.settings, self.settings_problems = load_settings(self.root)
            self.format = data_format(self.root)
            self._seen.changed()

    def _before_rename(self) -> None:
        crash_point("before_rename")
        if self.before_rename is not None:
            self.before_rename()

    @property
    def notices(self) -> list[str]:
        """What the user should be told that is not an error (an interrupted save cleaned up)."""
        return self._notices + (self._git.notices if self._git is not None else [])

    def take_notices(self) -> list[str]:
        """The notices, once: they are forgotten after this call."""
        found = self.notices
        self._notices.clear()
        if self._git is not None:
            self._git.notices.clear()
        return found

    def set_fields(self, rid: RecordId, assignments: dict[str, str]) -> SaveResult:
        """Change fields from text (``status=submitted``, ``figures.dialogues=3``) and save."""
        record = self.get(rid)
        return self.save(
            _with_fields(rid, type(record), to_table(record), assignments), base=record
        )

    def add_fields(
        self, rid: RecordId, assignments: dict[str, str], defaults: dict[str, Any] | None = None
    ) -> SaveResult:
        """Create the record ``rid`` from text fields, validated as ``set_fields`` validates
        them (``defaults``: values a field given here replaces); one commit."""
        from dvtui.core.records import KINDS

        table = dict(defaults or {})
        return self.save(_with_fields(rid, KINDS[rid.kind], table, assignments), create=True)

    def replace(self, record: Record, **changes: Any) -> SaveResult:
        """Save a copy of ``record`` with some fields changed (validated again on save)."""
        return self.save(dataclasses.replace(record, **changes), base=record)

    # --- history -------------------------------------------------------------------------

    def history(self, rid: RecordId, limit: int | None = None) -> list[HistoryEntry]:
        """Every change of one record, newest first, with field-by-field diffs.

        A merge that reached the record shows no change of its own (its sides are listed).
        """
        entries = []
        changed = [
            (commit, change)
            for commit in self.git.path_log(rid.relpath, limit=limit)
            for change in commit.files
            if change.path == rid.relpath
        ]
        # Every version in one read (one process, no GitPython).
        blobs = self.git.blobs([s for _, c in changed for s in (c.old_blob, c.new_blob) if s])

        def version(sha: str | None) -> dict[str, Any] | None:
            if sha is None:
                return None
            if sha not in blobs:
                raise DataError("err.git.failed", detail=f"{sha}: missing")
            return _table_or_none(blobs[sha])

        for commit, change in changed:
            old, new = version(change.old_blob), version(change.new_blob)
            entries.append(
                HistoryEntry(
                    sha=commit.sha,
                    author=commit.author,
                    email=commit.email,
                    when=commit.when,
                    subject=commit.subject,
                    action=change.action,
                    changes=diff(old, new, sets=set_fields(KINDS[rid.kind])),
                    message=parse_message(commit.message),
                )
            )
        return entries

    # --- what a sync brings in: the one other commit that records records ----------------

    def commit_merge(self, tree: str, parents: list[str], message: str) -> str:
        """A merge commit of ``tree`` (made in git's object store by a sync) with ``parents``,
        by the user — a missing identity refused as a save refuses it; no branch or file
        moves until :meth:`advance`."""
        from dvtui.git.trees import commit_tree  # only a sync's merge needs it

        return commit_tree(self.git, tree, parents, message, self.git.identity())

    def advance(self, old: str, new: str) -> bool:
        """Fast-forward the branch and the working tree from ``old`` to ``new`` (what a sync
        pulled or merged), under the save lock: saves wait while the files change under
        them. False when the branch moved meanwhile (a save landed): the caller merges again.
        """
        with self._saving():
            self.git.wait_for_lock()
            if self.git.head() != old:
                return False
            done = self.git.fast_forward(new)
            if done.ok:
                return True
            if self.git.head() != old:
                return False
        from dvtui.git.process import failure

        raise failure(done.stderr)

    def identity(self) -> Identity:
        """The git identity saves will be made with."""
        return self.git.identity()

    def change_token(self) -> tuple[object, ...]:
        """Cheap fingerprint of the repo state; it changes with every commit, pull or checkout.

        Reads a few small files and stats, so a UI can poll it every few seconds.
        """
        if self._git is None:
            return ()
        dirs = self._git.dirs
        parts: list[object] = []
        for folder, name in (
            (dirs.git_dir, "HEAD"),
            (dirs.git_dir, "index"),
            (dirs.common_dir, "packed-refs"),
            (dirs.git_dir, "FETCH_HEAD"),
        ):
            try:
                st = (folder / name).stat()
                parts.append((name, st.st_mtime_ns, st.st_size))
            except OSError:
                parts.append((name, None))
        try:
            head = (dirs.git_dir / "HEAD").read_text(encoding="utf-8").strip()
        except OSError:
            head = ""
        if head.startswith("ref: "):
            try:
                parts.append((dirs.common_dir / head[5:]).read_text(encoding="utf-8").strip())
            except OSError:
                parts.append(None)
        return tuple(parts)


def _with_fields(
    rid: RecordId, cls: type[Record], table: dict[str, Any], assignments: dict[str, str]
) -> Record:
    """``table`` with fields set from text, validated into a record (InvalidRecord if not)."""
    for name, text in assignments.items():
        try:
            value = parse_field(cls, name, text)
        except KeyError:
            raise DataError("err.unknown_field", id=str(rid), field=name) from None
        except FieldError as exc:
            raise InvalidRecord([exc.problem(rid.relpath, name)]) from None
        assign(table, name, value)
    new, issues = from_table(cls, table, id=rid)
    if new is None:
        raise InvalidRecord([Problem(rid.relpath, i.field, i.code, i.args) for i in issues])
    return new


class _OnDemand:
    """A ``Lookup`` reading a record when first named (``dvtui log ID`` names a few)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, rid: RecordId) -> Record | None:
        try:
            return self._store.get(rid)
        except DataError:  # gone, or invalid: named by its slug
            return None


def _not_a_data_repo(root: Path) -> DataError:
    """Why ``root`` is not a data repo, in the words that help the user most."""
    if not root.exists():
        return DataError("err.git.no_folder", path=str(root))
    if (root / "HEAD").is_file() and (root / "objects").is_dir():
        return DataError("err.git.bare", path=str(root))  # the server's copy, not a clone
    for parent in root.parents:
        if (parent / ".git").exists():
            if (parent / "records").is_dir():
                return DataError("err.git.subfolder", path=str(root), root=str(parent))
            break
    return DataError("err.git.not_repo", path=str(root))


def _read_for_save(relpath: str, path: Path) -> bytes:
    """The file as it is now; InvalidRecord when it is no file dvtui reads (a FIFO …)."""
    try:
        return read_regular(path, limit=codec.MAX_RECORD_BYTES)
    except OSError as exc:
        raise InvalidRecord([read_problem(relpath, exc)]) from None


def _too_long(record: Record, size: int) -> Problem:
    """The problem of a record too big to store, blamed on its longest field."""
    from dvtui.core.changes import flatten

    fields = flatten(to_table(record))
    longest = max(fields, key=lambda name: len(str(fields[name]).encode("utf-8")), default="")
    limit = codec.MAX_RECORD_BYTES
    return Problem(record.id.relpath, longest, "err.too_long", {"size": size, "limit": limit})


def _table_or_none(data: bytes | None) -> dict[str, Any] | None:
    """The table of a version of a record (for a diff); None when absent or unreadable."""
    return None if data is None else codec.read_table("", data)[0]


def newer_format(root: Path, found: int) -> DataError:
    """The refusal of a repo of a newer layout: the dvtui it needs (one line), or its format
    when it does not say. Nothing else of it is read: this dvtui would misread it."""
    from dvtui import __version__

    table, _problems = codec.parse_table(
        SETTINGS_FILE, read_regular(root / SETTINGS_FILE, limit=codec.MAX_RECORD_BYTES)
    )
    needs = (table or {}).get(REQUIRES_KEY)
    if isinstance(needs, str) and re.fullmatch(r"\d+(\.\d+){1,3}", needs):
        return DataError("err.format.needs", version=needs, current=__version__)
    return DataError("err.format.newer", found=found, current=DATA_FORMAT)


def load_settings(root: Path) -> tuple[Settings, list[Problem]]:
    """``dvtui.toml`` of a data repo; defaults (and a problem) when it is missing or bad."""
    try:
        data = read_regular(root / SETTINGS_FILE, limit=codec.MAX_RECORD_BYTES)
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:  # a symlink, a FIFO …: never followed, never waited on
        return Settings(), [read_problem(SETTINGS_FILE, exc)]
    return settings_from(data)


def settings_from(data: bytes) -> tuple[Settings, list[Problem]]:
    """The settings these bytes of ``dvtui.toml`` hold; defaults and problems when bad."""
    table, problems = codec.parse_table(SETTINGS_FILE, data)
    if table is None:
        return Settings(), problems
    settings, issues = from_table(Settings, table)
    if settings is None:
        return Settings(), [Problem(SETTINGS_FILE, i.field, i.code, i.args) for i in issues]
    return settings, []
