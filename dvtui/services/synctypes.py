"""What sync reports: progress steps, commits that came in or went out, results, status.

Plain frozen dataclasses, so that the CLI prints them and the TUI shows them without
knowing how sync works. Re-exported by :mod:`dvtui.services.sync`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from dvtui.core.merge import Conflict
from dvtui.core.problems import DataError
from dvtui.i18n import N_

Stage = Literal["fetch", "merge", "push", "update", "retry", "clone", "done"]
Outcome = Literal["up-to-date", "pulled", "pushed", "merged", "conflict"]


@dataclass(frozen=True)
class Progress:
    """One step of a sync, for a progress bar: ``text`` is in the current language.

    ``fraction`` (0..1) is git's own meter for the step when it reports one
    (receiving or sending objects), else None.
    """

    stage: Stage
    text: str
    fraction: float | None = None


ProgressFn = Callable[[Progress], None]


@dataclass(frozen=True)
class CommitInfo:
    """A commit that came in or went out: who, when, what, which records."""

    sha: str
    author: str
    email: str
    when: datetime
    subject: str
    records: tuple[str, ...]  # record IDs (``reports/2023-h1/x``) the commit changed


@dataclass(frozen=True)
class RecordActivity:
    """One record changed by one or more commits, and by whom."""

    record: str
    authors: tuple[str, ...]
    commits: int


def activity(commits: list[CommitInfo]) -> list[RecordActivity]:
    """Commits grouped by record (sorted by ID), each with its authors in order of appearance."""
    authors: dict[str, dict[str, None]] = {}
    counts: dict[str, int] = {}
    for commit in commits:
        for record in commit.records:
            authors.setdefault(record, {})[commit.author] = None
            counts[record] = counts.get(record, 0) + 1
    return [RecordActivity(r, tuple(authors[r]), counts[r]) for r in sorted(authors)]


@dataclass(frozen=True)
class SyncResult:
    """What a sync (or a resolve) did.

    ``incoming``: other people's commits now in the local branch (or, for a conflict, the
    ones waiting); ``outgoing``: the local commits sent to the server (or waiting to be).
    ``conflicts`` is non-empty only when ``outcome == "conflict"``: then nothing changed
    locally. ``push_error`` is set when a resolve committed the merge but could not send it.
    """

    outcome: Outcome
    remote: str
    branch: str
    head: str | None
    incoming: list[CommitInfo] = field(default_factory=list)
    outgoing: list[CommitInfo] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    attempts: int = 1
    merge_commit: str | None = None
    push_error: str | None = None

    @property
    def incoming_records(self) -> list[RecordActivity]:
        """Records that came in, with who changed them."""
        return activity(self.incoming)

    @property
    def outgoing_records(self) -> list[RecordActivity]:
        """Records sent to the server, with who changed them."""
        return activity(self.outgoing)

    @property
    def changed_records(self) -> set[str]:
        """IDs of the records whose files changed locally: what a UI reloads."""
        if self.outcome in ("conflict", "up-to-date", "pushed"):
            return set()
        return {r for c in self.incoming for r in c.records}


@dataclass(frozen=True)
class SyncStatus:
    """Where the local branch stands against the server, as of the last fetch (no network).

    ``remote`` is None when the data repo has no server yet. ``ahead``: local commits
    not sent; ``behind``: fetched commits not merged yet.
    """

    branch: str
    remote: str | None
    url: str | None  # without credentials
    remote_branch: str | None
    ahead: int
    behind: int
    unpushed: list[CommitInfo]
    last_fetch: datetime | None
    conflicts_pending: bool
    never_synced: bool  # the server's branch has never been fetched (or does not exist)


class UnresolvedConflicts(DataError):
    """Conflicts still without a choice; nothing was committed."""

    def __init__(self, conflicts: list[Conflict]) -> None:
        items = ", ".join(f"{c.record or c.path}: {c.field or '*'}" for c in conflicts[:5])
        if len(conflicts) > 5:
            items += ", …"
        super().__init__(N_("err.sync.unresolved"), n=len(conflicts), items=items)
        self.conflicts = conflicts
