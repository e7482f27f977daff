"""The data repo's history in domain words: one streamed ``git log --raw`` plus blob reads.

Commits are read in one ``git log`` process (never one process per commit) and the
record versions they touched through git's persistent ``cat-file --batch``; a merge is
shown against its first parent. ``change_log`` powers ``dvtui log`` and the review list;
the audit walks the same stream.
"""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dvtui.core.changes import Change, diff
from dvtui.core.ids import KIND_DEPTH, BadId, RecordId
from dvtui.core.problems import DataError
from dvtui.core.text import fold
from dvtui.core.trailers import CommitMessage, parse_message

if TYPE_CHECKING:
    from dvtui.storage.store import Store

NULL_SHA = "0" * 40
_SEP_COMMIT = "\x1e\x1d"  # two rare control characters: a message would need both in a row
_SEP_FIELD = "\x1f"
_FORMAT = f"{_SEP_COMMIT}%H{_SEP_FIELD}%P{_SEP_FIELD}%an{_SEP_FIELD}%ae{_SEP_FIELD}%aI{_SEP_FIELD}"


@dataclass(frozen=True)
class FileChange:
    """One path a commit changed: blob ids before and after (None = absent)."""

    path: str
    old_blob: str | None
    new_blob: str | None


@dataclass(frozen=True)
class RawCommit:
    """A commit as ``git log`` gives it: who, when, the message, the files changed."""

    sha: str
    parents: tuple[str, ...]
    author: str
    email: str
    when: datetime
    message: str
    files: tuple[FileChange, ...]
    signature: str = ""  # git's %G? letter when asked for: G good, N none, B bad …

    @property
    def subject(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0]

    @property
    def is_merge(self) -> bool:
        """A commit with more than one parent."""
        return len(self.parents) > 1


def iter_commits(
    root: Any,
    revisions: Sequence[str] = ("HEAD",),
    paths: Sequence[str] = (),
    *,
    reverse: bool = False,
    signatures: bool = False,
) -> Iterator[RawCommit]:
    """Stream the commits of ``revisions`` (newest first unless ``reverse``), parents first
    in topological order when reversed. One ``git log`` process for the whole walk."""
    fmt = _FORMAT + ("%G?" if signatures else "") + f"{_SEP_FIELD}%B{_SEP_FIELD}"
    args = [
        "git",
        "-C",
        str(root),
        "-c",
        "core.quotePath=false",
        "log",
        f"--format={fmt}",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--diff-merges=first-parent",
        "-z",
    ]
    if reverse:
        args += ["--reverse", "--topo-order"]
    args += [*revisions, "--", *paths]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None
    buffer = b""
    sep = _SEP_COMMIT.encode()
    try:
        while chunk := proc.stdout.read(1 << 16):
            buffer += chunk
            *complete, buffer = buffer.split(sep)
            for raw in complete:
                if raw:
                    yield _parse(raw, signatures)
        if buffer:
            yield _parse(buffer, signatures)
    finally:
        proc.stdout.close()
        err = proc.stderr.read() if proc.stderr else b""
        code = proc.wait()
    if code != 0:
        detail = err.decode("utf-8", "replace").strip()
        if "does not have any commits" in detail or "unknown revision" in detail:
            raise DataError("err.git.revision", rev=" ".join(revisions), detail=detail[:200])
        raise DataError("err.git.failed", detail=detail[:300])


def _parse(raw: bytes, signatures: bool) -> RawCommit:
    text = raw.decode("utf-8", "replace")
    sha, parents, author, email, when, *rest = text.split(_SEP_FIELD)
    sig = rest.pop(0) if signatures else ""
    message, raw_files = _SEP_FIELD.join(rest[:-1]), rest[-1]
    return RawCommit(
        sha=sha,
        parents=tuple(parents.split()),
        author=author,
        email=email,
        when=datetime.fromisoformat(when),
        message=message.strip(),
        files=tuple(_raw_files(raw_files)),
        signature=sig,
    )


def _raw_files(text: str) -> Iterator[FileChange]:
    # With -z: ":old_mode new_mode old new status\0path\0" for every file.
    parts = text.lstrip("\n").split("\0")
    i = 0
    while i + 1 < len(parts):
        meta = parts[i].strip().split()
        if len(meta) >= 5 and meta[0].startswith(":"):
            old, new = meta[2], meta[3]
            yield FileChange(
                parts[i + 1], None if old == NULL_SHA else old, None if new == NULL_SHA else new
            )
            i += 2
        else:
            i += 1


def record_id_of(path: str) -> RecordId | None:
    """The record a path holds, or None for files that are not records."""
    if not path.startswith("records/") or not path.endswith(".toml"):
        return None
    try:
        return RecordId.parse(path)
    except BadId:
        return None


# --- the change log --------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordChange:
    """What one commit did to one record: created, updated or deleted, field by field."""

    record: str  # the record address (or the file path for a file that is not a record)
    action: str  # create | update | delete
    changes: list[Change]


@dataclass(frozen=True)
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

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[str, dict[str, Any] | None] = {}

    def get(self, sha: str | None) -> dict[str, Any] | None:
        """The parsed table of blob ``sha`` (None: absent or not valid TOML)."""
        if sha is None:
            return None
        if sha not in self._cache:
            try:
                self._cache[sha] = tomllib.loads(self.store.git.blob(sha).decode("utf-8"))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError):
                self._cache[sha] = None
        return self._cache[sha]


def to_entry(commit: RawCommit, tables: BlobTables) -> LogEntry:
    """A raw commit with its record diffs (none for a merge: its parts are their own commits)."""
    records = []
    if not commit.is_merge:
        for f in commit.files:
            rid = record_id_of(f.path)
            action = (
                "create" if f.old_blob is None else "delete" if f.new_blob is None else "update"
            )
            records.append(
                RecordChange(
                    str(rid) if rid else f.path,
                    action,
                    diff(tables.get(f.old_blob), tables.get(f.new_blob)),
                )
            )
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
    store: Store,
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
    if store.git.head() is None:
        return []
    paths = [record.relpath] if record else [f"records/{kind}/"] if kind else []
    wanted = fold(author) if author else ""
    tables = BlobTables(store)
    out: list[LogEntry] = []
    for commit in iter_commits(store.root, revisions, paths):
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
