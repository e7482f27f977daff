"""What a command group registers: each command's name, help, typed options, parser and handler.

``main.py`` builds the sub-parser of the one command on the command line (argparse looks up
its own translations for every sub-parser it builds) into that command's ``Options`` class,
so a handler reads typed attributes, and runs it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from dvtui.cli.output import print_notices, shallow_notice
from dvtui.core.text import inert

if TYPE_CHECKING:
    from dvtui.storage import Store

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CONFLICT = 0, 1, 2, 3


class Options(argparse.Namespace):
    """The global options, accepted before or after the command (absent ones read None)."""

    repo: str | None = None
    today: str | None = None
    lang: str | None = None
    command: str | None = None


OptionsT = TypeVar("OptionsT", bound=Options)
OpenStore = Callable[[], "Store"]
Runner = Callable[[OpenStore, date], int]


def no_arguments(parser: argparse.ArgumentParser) -> None:
    """For a command that takes only the global options."""


@dataclass(frozen=True)
class Command(Generic[OptionsT]):
    """A command that works on a data repo: ``run(store, options, today) -> exit status``."""

    name: str
    help: str  # message key of the one-line help
    options: type[OptionsT]
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Store, OptionsT, date], int]
    reads_history: bool = False  # log, review, audit: say where a shallow clone's history ends
    migrates: bool = True  # an older data repo is migrated first (not by ``migrate`` itself)
    speaks: bool = True  # notices on stderr (the UI shows them, and migrates, itself)

    def runner(self, options: Options) -> Runner:
        """The handler bound to the parsed ``options``, with what every command does first."""
        assert isinstance(options, self.options)

        def run(open_store: OpenStore, today: date) -> int:
            store = open_store()
            if options.today is None and store.settings.practice_date is not None:
                today = store.settings.practice_date  # practice data opens on its assumed day
            if not self.speaks:
                return self.run(store, options, today)
            if self.migrates:
                _migrate_on_open(store)
            print_notices(store)  # e.g. an interrupted save cleaned up when the repo opened
            if self.reads_history:
                shallow_notice(store)
            try:
                return self.run(store, options, today)
            finally:
                print_notices(store)

        return run


def _migrate_on_open(store: Store) -> None:
    """A data repo of an older dvtui is migrated the first time a command opens it."""
    from dvtui.storage.store import DATA_FORMAT  # loaded already: costs nothing

    if store.format < DATA_FORMAT:
        from dvtui.services.migrate import migrate_on_open

        for notice in migrate_on_open(store):
            print(inert(f"dvtui: {notice}"), file=sys.stderr)


@dataclass(frozen=True)
class Setup(Generic[OptionsT]):
    """A command that makes a data repo (init, clone): it runs before there is a store."""

    name: str
    help: str
    options: type[OptionsT]
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[OptionsT], int]

    def runner(self, options: Options) -> Runner:
        """The handler bound to the parsed ``options``."""
        assert isinstance(options, self.options)
        return lambda _open_store, _today: self.run(options)


class Registered(Protocol):
    """A command as ``main.py`` sees it, whatever its options class."""

    @property
    def name(self) -> str: ...
    @property
    def help(self) -> str: ...
    @property
    def options(self) -> type[Options]: ...
    @property
    def arguments(self) -> Callable[[argparse.ArgumentParser], None]: ...
    def runner(self, options: Options) -> Runner: ...
