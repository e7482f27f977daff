"""The UI's start: the records are read while Textual is imported.

Importing Textual and the app's modules takes a quarter to half a second; the first load of
the records and ``git status`` need not wait for it. :func:`begin` starts them in two
threads before anything of Textual is imported (this module imports none of it), and the
app's backend takes their answers for its first load (``Backend.load``). The load is the
Store's own ``load()``, so the records are exactly those any later load reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

from dvtui.core.problems import DataError
from dvtui.storage.layout import DATA_FORMAT

if TYPE_CHECKING:
    from dvtui.core.dataset import Dataset
    from dvtui.git.repo import Identity, WorkingState
    from dvtui.storage import Store

__all__ = ["FirstLook", "begin", "identity_or_none", "repo_state"]

T = TypeVar("T")


def repo_state(store: Store) -> WorkingState | None:
    """Uncommitted files and ahead/behind, or None when git cannot say."""
    try:
        return store.git.working_state()
    except DataError:
        return None


def identity_or_none(store: Store) -> Identity | None:
    """The user's git identity, or None when git does not know it yet (asked on a save)."""
    try:
        return store.identity()
    except DataError:
        return None


class _Background(Generic[T]):
    """``work()`` running in a thread of its own; :meth:`result` waits for its answer."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._work = work
        self._value: T | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._value = self._work()
        except BaseException as error:  # handed to whoever takes the result
            self._error = error

    def join(self) -> None:
        self._thread.join()

    def done(self) -> bool:
        """It answered, without an error."""
        return not self._thread.is_alive() and self._error is None

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]  # set when no error was raised


class FirstLook:
    """The records and git's status, read in the background from the start."""

    def __init__(self, store: Store) -> None:
        self._load = _Background(store.load, "dvtui-first-load")
        self._state = _Background(
            lambda: (repo_state(store), identity_or_none(store)), "dvtui-first-status"
        )

    def take(self) -> tuple[Dataset, WorkingState | None, Identity | None]:
        """The loaded records, the working state and the identity (waits for them; a
        failed load raises what ``Store.load`` raised)."""
        state, identity = self._state.result()
        return self._load.result(), state, identity

    def ready(self) -> bool:
        """Both answered, without an error: :meth:`take` returns at once."""
        return self._state.done() and self._load.done()

    def wait(self) -> None:
        """Until both threads are done, whatever they found (told by :meth:`take`)."""
        self._state.join()
        self._load.join()


def begin(store: Store) -> FirstLook | None:
    """The first look started, unless the repo must be migrated first (then the app
    migrates, and loads after that)."""
    return FirstLook(store) if store.format >= DATA_FORMAT else None
