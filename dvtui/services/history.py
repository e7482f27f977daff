"""The data repo's history in domain words: one streamed ``git log --raw`` plus blob reads.

Commits come from :meth:`GitRepo.log <dvtui.git.repo.GitRepo.log>` (one ``git log``
process, never one per commit) and the record versions they touched from git's persistent
object reader; a merge is shown against its first parent. ``change_log`` powers
``dvtui log`` and the review list; the audit walks the same stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dvtui.core import codec
from dvtui.core.changes import Change, diff
from dvtui.core.ids import KIND_DEPTH, BadId, RecordId
from dvtui.core.problems import DataError
from dvtui.core.recordclass import frozen
from dvtui.core.records import KINDS
from dvtui.core.schema import set_fields
from dvtui.core.text import fold
from dvtui.core.trailers import CommitMessage, parse_message
from dvtui.git.log import Commit

if TYPE_CHECKING:
    from dvtui.git.repo import GitRepo


def record_id_of(path: str) -> RecordId | None:
    """The record a path holds, or None for files that are not records."""
    if not path.startswith("records/") or not path.endswith(".toml"):
        return None
    try:
        return RecordId.parse(path)
    except BadId:
        return None


# --- the change log --------------------------------------------------------------------------


@frozen
class RecordChange:
    """What one commit did to one record: created, updated or deleted, field by field."""

    record: str  # the record address (or the file path for a file that is not a record)
    action: str  # create | update | delete
    changes: list[Change]


@frozen
class LogEntry:
    """One commit in domain words."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    when: datetime
    subject: str
    message: CommitMessage
    records: list[RecordChange]

    @property
    def is_merge(self) -> bool:
        """A merge (from sync): its records are shown against the first parent."""
        return len(self.parents) > 1


class BlobTables:
    """TOML tables of blobs, read once each (a record version is often diffed twice)."""

    def __init__(self, git: GitRepo) -> None:
        self.git = git
        self._cache: dict[str, dict[str, Any] | None] = {}

    def prefetch(self, commits: Sequence[Commit]) -> None:
        """Read every blob these commits' diffs need in one go (a page of history)."""
        shas = {sha for c in commits for f in c.files for sha in (f.old_blob, f.new_blob) if sha}
        for sha, data in self.git.blobs([s for s in shas if s not in self._cache]).items():
            self._cache[sha] = _table(data)

    def get(self, sha: str | None) -> dict[str, Any] | None:
        """The parsed table of blob ``sha`` (None: absent or not valid TOML)."""
        if sha is None:
            return None
        if sha not in self._cache:
            self._cache[sha] = _table(self.git.blob(sha))
        return self._cache[sha]


def _table(data: bytes) -> dict[str, Any] | None:
    """The blob's table through the one decoder (limits first); None when it does not read."""
    return codec.read_table("", data)[0]


def to_entry(commit: Commit, tables: BlobTables) -> LogEntry:
    """A raw commit with its record diffs (none for a merge: its parts are their own commits)."""
    records = []
    if not commit.is_merge:
        for f in commit.files:
            rid = record_id_of(f.path)
            changes = diff(
                tables.get(f.old_blob),
                tables.get(f.new_blob),
                sets=set_fields(KINDS[rid.kind]) if rid else (),
            )
            records.append(RecordChange(str(rid) if rid else f.path, f.action, changes))
    return LogEntry(
        sha=commit.sha,
        parents=commit.parents,
        author=commit.author,
        email=commit.email,
        when=commit.when,
        subject=commit.subject,
        message=parse_message(commit.message),
        records=records,
    )


def change_log(
    git: GitRepo,
    *,
    author: str | None = None,
    since: date | None = None,
    until: date | None = None,
    kind: str | None = None,
    record: RecordId | None = None,
    limit: int | None = None,
    revisions: Sequence[str] = ("HEAD",),
) -> list[LogEntry]:
    """Commits newest first, filtered: ``author`` matches the name or email ignoring
    diacritics and case, ``since``/``until`` are inclusive days (author dates), ``kind`` a
    record folder, ``record`` one record."""
    if kind is not None and kind not in KIND_DEPTH:
        raise DataError("err.log.kind", kind=kind, kinds=", ".join(KIND_DEPTH))
    if git.head() is None:
        return []
    paths = [record.relpath] if record else [f"records/{kind}/"] if kind else []
    wanted = fold(author) if author else ""
    tables = BlobTables(git)
    out: list[LogEntry] = []
    # Filters are applied here; without any, git stops after ``limit`` commits itself.
    filtered = author is not None or since is not None or until is not None
    commits: Iterable[Commit] = git.log(revisions, paths, limit=None if filtered else limit)
    if limit is not None and not filtered:  # one page: its blobs read in one go
        commits = list(commits)
        tables.prefetch(commits)
    for commit in commits:
        day = commit.when.date()
        if since is not None and day < since:
            continue
        if until is not None and day > until:
            continue
        if wanted and wanted not in fold(f"{commit.author} {commit.email}"):
            continue
        entry = to_entry(commit, tables)
        if paths:
            prefix = paths[0].removesuffix(".toml")
            entry = _only(entry, prefix)
        out.append(entry)
        if limit is not None and len(out) >= limit:
            break
    return out


def _only(entry: LogEntry, prefix: str) -> LogEntry:
    """Keep the record changes under ``records/<prefix>`` (a commit may touch others)."""
    prefix = prefix.removeprefix("records/").rstrip("/")
    kept = [r for r in entry.records if r.record == prefix or r.record.startswith(prefix + "/")]
    return LogEntry(
        entry.sha,
        entry.parents,
        entry.author,
        entry.email,
        entry.when,
        entry.subject,
        entry.message,
        kept,
    )
