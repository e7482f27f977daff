"""The office's review of changes: which commits nobody has signed off yet, and signing off.

A sign-off is a ``reviews/<yyyymmdd-hhmmss-who>`` record saved like any other change, so it
is one more commit that syncs, shows in ``dvtui log`` and never rewrites what it covers.
A commit counts as reviewed when it is an ancestor of (or equal to) the ``upto`` commit of
any sign-off in the data repo; sign-offs made on two clones and merged both count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import Review
from dvtui.core.text import slugify
from dvtui.services.history import BlobTables, LogEntry, to_entry

if TYPE_CHECKING:
    from dvtui.storage.store import SaveResult, Store


@dataclass(frozen=True)
class ReviewState:
    """The last sign-off (if any) and the commits made since that nobody has reviewed."""

    last: Review | None
    pending: list[LogEntry]  # newest first, with field diffs

    @property
    def clean(self) -> bool:
        """Nothing waits for review."""
        return not self.pending


def _only_reviews(entry: LogEntry) -> bool:
    """A commit that only adds sign-offs: reviewing a review is not asked for."""
    return bool(entry.records) and all(r.record.startswith("reviews/") for r in entry.records)


def sign_offs(store: Store) -> list[Review]:
    """Every valid sign-off in the data repo, oldest first."""
    return sorted(store.load().of(Review), key=lambda r: r.id)


def review_state(store: Store, upto: str = "HEAD") -> ReviewState:
    """Commits reachable from ``upto`` and from no sign-off's ``upto``, newest first."""
    reviews = sign_offs(store)
    if store.git.head() is None:
        return ReviewState(reviews[-1] if reviews else None, [])
    known = [sha for r in reviews if (sha := store.git.rev(r.upto)) is not None]
    tables = BlobTables(store.git)
    pending = [
        entry
        for commit in store.git.log([upto, *(f"^{sha}" for sha in known)])
        if not _only_reviews(entry := to_entry(commit, tables))
    ]
    return ReviewState(reviews[-1] if reviews else None, pending)


def resolve_upto(store: Store, rev: str) -> str:
    """The full sha of ``rev``; DataError unless it is a commit on the current branch."""
    sha = store.git.rev(rev)
    if sha is None:
        raise DataError("err.review.upto", rev=rev)
    if not store.git.is_ancestor(sha, "HEAD"):
        raise DataError("err.review.not_ancestor", rev=rev)
    return sha


def sign_off(
    store: Store,
    *,
    comment: str | None = None,
    upto: str = "HEAD",
    now: datetime | None = None,
) -> SaveResult:
    """Record the current user's sign-off on every unreviewed commit up to ``upto``."""
    if store.git.head() is None:
        raise DataError("err.review.nothing")
    sha = resolve_upto(store, upto)
    state = review_state(store, sha)
    if state.clean:
        raise DataError("err.review.nothing")
    who = store.identity()
    now = now or datetime.now()
    base = f"{now:%Y%m%d-%H%M%S}-{slugify(who.name)[:40] or 'reviewer'}".rstrip("-")
    rid_text, n = base, 1
    data = store.load()
    while RecordId("reviews", (rid_text,)) in data:
        n += 1
        rid_text = f"{base}-{n}"
    record = Review(
        id=RecordId("reviews", (rid_text,)),
        reviewer=who.name,
        email=who.email,
        signed_on=now.date(),
        upto=sha,
        commits=len(state.pending),
        comment=(comment or "").strip() or None,
    )
    return store.save(record, create=True)
