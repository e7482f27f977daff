"""The one object the screens use to reach the data repo: typed requests, typed answers.

Every method returns at once; the work runs in a Textual thread worker under one lock (one
Store, one request at a time) and its answer comes back as a message from
:mod:`dvtui.tui.messages`, posted to the widget that asked. A request that needs the user's
git identity and finds none posts :class:`IdentityNeeded` to the app, which asks the user
and runs the request again: every save, sign-offs included, asks the same way.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from textual.message import Message
from textual.message_pump import MessagePump

from dvtui.core.dataset import Dataset
from dvtui.core.ids import RecordId
from dvtui.core.merge import Choice
from dvtui.core.problems import DataError
from dvtui.core.records import Attachment, Plan, Record
from dvtui.i18n import t
from dvtui.tui.messages import (
    Audited,
    AuditProgress,
    ConflictsFound,
    Failed,
    FormRead,
    HistoryLoaded,
    IdentityNeeded,
    Loaded,
    LoadFailed,
    Opened,
    Removed,
    Resolved,
    ReviewLoaded,
    RolledOver,
    Saved,
    SaveFailed,
    SignedOff,
    Synced,
    SyncProgress,
)
from dvtui.tui.start import identity_or_none, repo_state

if TYPE_CHECKING:
    from textual.app import App

    from dvtui.core.settings import Settings
    from dvtui.git.repo import Identity, WorkingState
    from dvtui.services.forms import Imported
    from dvtui.services.synctypes import Progress
    from dvtui.storage import Store
    from dvtui.tui.start import FirstLook

__all__ = ["VIEW_DIR", "Backend", "Host"]

VIEW_DIR = "dvtui-view"  # in the git folder: copies of attachments for the viewer


class Host(Protocol):
    """What screens may ask of the app they run in (they never import the app module)."""

    backend: Backend
    data: Dataset | None
    today: date
    repo_state: WorkingState | None
    identity: Identity | None

    @property
    def plan(self) -> Plan | None: ...

    @property
    def settings(self) -> Settings: ...

    def choose_plan(self, slug: str) -> None: ...

    def history_of(self, record: Record) -> None: ...

    def load_data(self) -> None: ...

    def ask_identity(
        self, then: Callable[[], None], cancelled: Callable[[], None] | None = None
    ) -> None: ...

    def show_error(self, error: BaseException) -> None: ...

    def commands(self) -> Iterable[tuple[str, str, Callable[[], object]]]: ...


class Backend:
    """The data repo as the UI sees it (see the module docstring)."""

    def __init__(self, app: App[Any], store: Store, first: FirstLook | None = None) -> None:
        self._app = app
        self._store = store
        self._lock = threading.Lock()
        self._token: tuple[object, ...] | None = None
        self._first = first  # the first load, begun before the app (taken by ``load``)

    @property
    def settings(self) -> Settings:
        """The data repo's settings (read when the Store opened; no I/O)."""
        return self._store.settings

    def documents_folder(self, started_in: Path) -> Path:
        """Where an exported document goes unless the user types another path: the folder
        dvtui was started from, except inside the data repo (a document there would show as
        an untracked file in every status and sync), where it is the repo's parent folder."""
        root = self._store.root.resolve()
        here = started_in.resolve()
        return root.parent if here.is_relative_to(root) else started_in

    # --- running requests ------------------------------------------------------------------

    def _run(
        self,
        to: MessagePump,
        work: Callable[[Store], Message | None],
        *,
        group: str,
        retry: Callable[[], None] | None = None,
        failed: Callable[[Exception], Message] = Failed,
        exclusive: bool = False,
        tell_cancel: bool = False,
    ) -> None:
        """``work(store)`` in a thread under the lock; its message goes to ``to``.

        A missing identity is asked, then ``retry`` runs; with ``tell_cancel``, ``to`` gets
        the failure if the user closes that question (a screen waiting on the answer).
        """

        def run() -> None:
            try:
                with self._lock:
                    if self._first is not None:  # the store is never used by two threads
                        self._first.wait()
                    answer = work(self._store)
            except DataError as error:
                if error.code == "err.git.identity" and retry is not None:
                    told = failed(error)

                    def cancelled() -> None:
                        to.post_message(told)

                    self._app.post_message(
                        IdentityNeeded(retry, cancelled if tell_cancel else None)
                    )
                else:
                    to.post_message(failed(error))
                return
            except Exception as error:
                to.post_message(failed(error))
                return
            if answer is not None:
                to.post_message(answer)

        self._app.run_worker(
            run, thread=True, group=group, exclusive=exclusive, exit_on_error=False
        )

    def _loaded(
        self,
        store: Store,
        data: Dataset,
        seen: tuple[WorkingState | None, Identity | None] | None = None,
    ) -> Loaded:
        """The answer to a load; ``seen``: the state and identity, if already looked up."""
        self._token = store.change_token()
        state, identity = seen if seen is not None else (repo_state(store), identity_or_none(store))
        return Loaded(data, state, identity, store.take_notices())

    # --- reading ---------------------------------------------------------------------------

    def first_loaded(self) -> Loaded | None:
        """The first look's answer if it is already there (no worker, no wait: the app
        starts on the records), else None and :meth:`load` brings it."""
        first = self._first
        if first is None or not first.ready():
            return None
        self._first = None
        data, state, identity = first.take()
        return self._loaded(self._store, data, (state, identity))

    def load(self) -> None:
        """Read every record; the app gets :class:`Loaded`."""

        def load(store: Store) -> Message:
            first, self._first = self._first, None
            if first is None:
                return self._loaded(store, store.load())
            data, state, identity = first.take()
            return self._loaded(store, data, (state, identity))

        self._run(
            self._app,
            load,
            group="load",
            failed=LoadFailed,
            exclusive=True,
        )

    def migrate_then_load(self) -> None:
        """Bring an older data repo to this version's format (one commit), then load.

        A missing identity is asked like for any save; a migration that fails is told as a
        notice and the records are loaded as they are.
        """
        from dvtui.services.migrate import migrate

        def run(store: Store) -> Message:
            try:
                notices = [step.notice() for step in migrate(store)]
            except DataError as exc:
                if exc.code == "err.git.identity":  # asked once, then migrated
                    self._app.post_message(IdentityNeeded(self.migrate_then_load))
                found, reason = store.format, str(exc)
                notices = [t("notice.migrate_failed", found=found, reason=reason)]
            loaded = self._loaded(store, store.load())
            loaded.notices[:0] = notices
            return loaded

        self._run(self._app, run, group="load", failed=LoadFailed, exclusive=True)

    def check_for_changes(self) -> None:
        """Reload when the repo changed underneath (a pull, a CLI edit, a checkout)."""

        def check(store: Store) -> Message | None:
            if self._token is None or store.change_token() == self._token:
                return None
            return self._loaded(store, store.load())

        self._run(self._app, check, group="watch", failed=LoadFailed, exclusive=True)

    def history(self, to: MessagePump, rid: RecordId) -> None:
        """A record's history: :class:`HistoryLoaded`."""
        self._run(to, lambda store: HistoryLoaded(store.history(rid)), group="history")

    # --- saving ----------------------------------------------------------------------------

    def save(
        self,
        to: MessagePump,
        record: Record,
        *,
        base: Record | Mapping[str, Any] | None = None,
        create: bool = False,
        choices: Mapping[str, Choice] | None = None,
    ) -> None:
        """Save one record against ``base`` (what the user saw): :class:`Saved` or
        :class:`SaveFailed` (a ``SaveConflict`` when someone changed the same field)."""

        def save(store: Store) -> Message:
            result = store.save(record, base=base, create=create, choices=choices)
            self._app.post_message(self._loaded(store, store.data))
            return Saved(result)

        def again() -> None:
            self.save(to, record, base=base, create=create, choices=choices)

        self._run(to, save, group="save", retry=again, failed=SaveFailed)

    def remove(self, to: MessagePump, rid: RecordId) -> None:
        """Delete one record (one commit; refused while others name it): :class:`Removed`."""

        def remove(store: Store) -> Message:
            result = store.delete(rid)
            self._app.post_message(self._loaded(store, store.data))
            return Removed(rid, result)

        self._run(to, remove, group="save", retry=lambda: self.remove(to, rid))

    def roll_over(self, to: MessagePump, source: str, year: int) -> None:
        """Next year's plan from ``source`` in one commit: :class:`RolledOver`."""
        from dvtui.services.rollover import roll_over

        def run(store: Store) -> Message:
            made = roll_over(store, source, year)
            self._app.post_message(self._loaded(store, store.data))
            return RolledOver(source, made)

        self._run(to, run, group="save", retry=lambda: self.roll_over(to, source, year))

    # --- files: attachments and Excel forms --------------------------------------------------

    def attach(self, to: MessagePump, rid: RecordId, path: Path, today: date) -> None:
        """Attach the file at ``path`` to the record: :class:`Saved` (one commit)."""

        def run(store: Store) -> Message:
            from dvtui.services.attach import attach, read_incoming

            files = read_incoming([path], store.settings.attachment_limit_mb)
            result = attach(store, rid, files, today)
            self._app.post_message(self._loaded(store, store.data))
            return Saved(result)

        def again() -> None:
            self.attach(to, rid, path, today)

        self._run(to, run, group="attach", retry=again)

    def open_attachment(self, to: MessagePump, attachment: Attachment) -> None:
        """A checked copy of the file, under its own name, in the git folder (never
        committed; the last copies are removed), opened by the system's viewer: :class:`Opened`."""

        def run(store: Store) -> Message:
            from dvtui.programs import open_file
            from dvtui.services.attach import write_out

            folder = store.git.git_dir / VIEW_DIR
            shutil.rmtree(folder, ignore_errors=True)
            copy = write_out(store, [attachment], folder)[0].path
            return Opened(copy, open_file(copy).reason)

        self._run(to, run, group="attach-open")

    def read_form(self, to: MessagePump, path: Path, received: date) -> None:
        """Read a filled Excel form: :class:`FormRead` (nothing is written)."""

        def run(store: Store) -> Message:
            from dvtui.services.forms import read_import

            return FormRead(read_import(store, path, received))

        self._run(to, run, group="form-read")

    def import_form(self, to: MessagePump, imported: Imported, today: date) -> None:
        """Save a form read by :meth:`read_form` as the unit's report: :class:`Saved`."""

        def run(store: Store) -> Message:
            from dvtui.services.forms import save_import

            result = save_import(store, imported, today)
            self._app.post_message(self._loaded(store, store.data))
            return Saved(result)

        def again() -> None:
            self.import_form(to, imported, today)

        self._run(to, run, group="form-import", retry=again)

    def set_identity(self, name: str, email: str, then: Callable[[], None]) -> None:
        """Remember who the user is (this data repo's git config), then run ``then``."""

        def remember(store: Store) -> Message:
            store.git.set_identity(name, email)
            self._app.call_from_thread(then)
            return self._loaded(store, store.data)

        self._run(self._app, remember, group="identity")

    # --- sync ------------------------------------------------------------------------------

    def sync(self, to: MessagePump) -> None:
        """Fetch, merge, push: :class:`SyncProgress` steps, then :class:`Synced`.

        A merge commit needs the user's identity: asked like for any save, then the sync
        runs again from the start (nothing was committed or sent).
        """
        from dvtui.services import sync as syncing

        def progress(step: Progress) -> None:
            to.post_message(SyncProgress(step))

        def run(store: Store) -> Message:
            result = syncing.sync(store, progress)
            self._app.post_message(self._loaded(store, store.load()))
            return Synced(result)

        self._run(to, run, group="sync", retry=lambda: self.sync(to), tell_cancel=True)

    def pending_conflicts(self, to: MessagePump) -> None:
        """The conflicts the last sync left: :class:`ConflictsFound`."""
        from dvtui.services.sync import pending_conflicts

        self._run(to, lambda store: ConflictsFound(pending_conflicts(store)), group="sync")

    def resolve(self, to: MessagePump, choices: Mapping[tuple[str, str], Choice]) -> None:
        """Commit a sync's merge with the user's choices, then send it: :class:`Resolved`."""
        from dvtui.services import sync as syncing

        def run(store: Store) -> Message:
            result = syncing.resolve(store, choices)
            self._app.post_message(self._loaded(store, store.load()))
            return Resolved(result)

        self._run(to, run, group="sync", retry=lambda: self.resolve(to, choices))

    # --- review and audit ------------------------------------------------------------------

    def review_state(self, to: MessagePump) -> None:
        """What waits for review: :class:`ReviewLoaded`."""
        from dvtui.services.review import review_state

        self._run(to, lambda store: ReviewLoaded(review_state(store)), group="review")

    def sign_off(self, to: MessagePump, comment: str) -> None:
        """Sign off every unreviewed commit as the user: :class:`SignedOff`."""
        from dvtui.services.review import sign_off

        def run(store: Store) -> Message:
            result = sign_off(store, comment=comment)
            self._app.post_message(self._loaded(store, store.data))
            return SignedOff(result)

        self._run(to, run, group="review", retry=lambda: self.sign_off(to, comment))

    def audit(self, to: MessagePump) -> None:
        """Check the whole history: :class:`AuditProgress` steps, then :class:`Audited`."""
        from dvtui.services.audit import audit

        def run(store: Store) -> Message:
            def progress(done: int, total: int, _sha: str) -> None:
                to.post_message(AuditProgress(done, total))

            return Audited(audit(store, None, progress))

        self._run(to, run, group="audit")
