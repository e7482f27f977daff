"""What the backend answers, as typed Textual messages (posted from its worker threads).

Each request to :class:`dvtui.tui.backend.Backend` names the widget that asked; the answer
is posted to it (``post_message`` is the one thread-safe call): a screen handles
``on_saved``, ``on_save_failed``… Loads and identity questions go to the app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from pathlib import Path

    from dvtui.core.dataset import Dataset
    from dvtui.core.ids import RecordId
    from dvtui.core.merge import Conflict
    from dvtui.git.repo import Identity, WorkingState
    from dvtui.services.audit import AuditResult
    from dvtui.services.forms import Imported
    from dvtui.services.review import ReviewState
    from dvtui.services.rollover import RollOver
    from dvtui.services.synctypes import Progress, SyncResult
    from dvtui.storage.store import HistoryEntry, SaveResult


@dataclass
class Loaded(Message):
    """The records were (re)loaded; to the app, which tells every screen."""

    data: Dataset
    state: WorkingState | None
    identity: Identity | None  # None: git does not know the user yet (asked on first save)
    notices: list[str]  # e.g. "an interrupted save was cleaned up": told once, as a warning


@dataclass
class Saved(Message):
    """One record saved: one commit."""

    result: SaveResult


@dataclass
class Removed(Message):
    """A record was deleted (one commit)."""

    rid: RecordId
    result: SaveResult


@dataclass
class RolledOver(Message):
    """Next year's plan was made from ``source`` (one commit)."""

    source: str
    made: RollOver


@dataclass
class SaveFailed(Message):
    """A save refused (invalid, nothing changed, a conflict — ``SaveConflict``); nothing written."""

    error: Exception


@dataclass
class IdentityNeeded(Message):
    """Git does not know who the user is; to the app, which asks, then calls ``retry``
    (or ``cancelled``, when the user closes the question without answering)."""

    retry: Callable[[], None]
    cancelled: Callable[[], None] | None = None


@dataclass
class Failed(Message):
    """A request other than a save failed (``DataError``: its message is for the user)."""

    error: Exception


@dataclass
class LoadFailed(Message):
    """Reading the records failed; to the app, which says so where the data would be."""

    error: Exception


@dataclass
class HistoryLoaded(Message):
    """A record's history, newest first."""

    entries: list[HistoryEntry]


@dataclass
class SyncProgress(Message):
    """One step of a sync under way."""

    step: Progress


@dataclass
class Synced(Message):
    """A sync finished (its outcome may be a conflict)."""

    result: SyncResult


@dataclass
class ConflictsFound(Message):
    """The conflicts a sync left (empty: none)."""

    conflicts: list[Conflict]


@dataclass
class Resolved(Message):
    """A sync conflict settled and committed."""

    result: SyncResult


@dataclass
class ReviewLoaded(Message):
    """What waits for review."""

    state: ReviewState


@dataclass
class SignedOff(Message):
    """A review sign-off saved."""

    result: SaveResult


@dataclass
class AuditProgress(Message):
    """Commits checked so far."""

    done: int
    total: int


@dataclass
class Audited(Message):
    """The audit of the whole history."""

    result: AuditResult


@dataclass
class Opened(Message):
    """An attachment written out (checked) and handed to the system's viewer."""

    copy: Path
    reason: str  # the viewer's outcome: done, missing, timeout, failed (dvtui.programs)


@dataclass
class FormRead(Message):
    """A filled Excel form read and checked: the report it makes and what that changes."""

    imported: Imported


def error_text(error: BaseException | None) -> str:
    """What a failed request says: a DataError's own words, else that something unexpected
    happened (with the error, for the maintainers)."""
    from dvtui.core.problems import DataError
    from dvtui.i18n import t

    return str(error) if isinstance(error, DataError) else t("ui.unexpected", detail=repr(error))
