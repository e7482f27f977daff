"""The sharing commands: clone, sync, resolve, and the sync state that ``status`` shows.

Exit status: 0 done, 1 an error (one line on stderr, nothing changed), 3 conflicts that
need a person's choice (listed one per line; the repository is as it was).
Everything printed goes through ``inert()``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.cli.command import (
    EXIT_CONFLICT,
    EXIT_ERROR,
    EXIT_OK,
    Command,
    Options,
    Setup,
)
from dvtui.core.changes import Lookup, field_label, value_text
from dvtui.core.ids import BadId, RecordId
from dvtui.core.problems import DataError, FieldError, InvalidRecord
from dvtui.core.text import inert
from dvtui.i18n import N_, t, tn

if TYPE_CHECKING:
    from dvtui.core.merge import Conflict
    from dvtui.services.synctypes import Progress, ProgressFn, SyncResult
    from dvtui.storage import Store

LISTED = 20  # records listed per direction after a sync (a first push sends them all)


class CloneOptions(Options):
    url: str
    path: str
    branch: str | None


def clone_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", help=t("cli.arg.url"))
    p.add_argument("path", help=t("cli.arg.clone_path"))
    p.add_argument("--branch", help=t("cli.opt.branch"))


class SyncOptions(Options):
    branch: str | None


def sync_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--branch", help=t("cli.opt.branch"))


class ResolveOptions(Options):
    items: list[str]
    mine: bool
    theirs: bool
    abort: bool
    no_push: bool


def resolve_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("items", nargs="*", metavar="ID field=CHOICE", help=t("cli.arg.resolve_items"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--mine", action="store_true", help=t("cli.opt.mine"))
    which.add_argument("--theirs", action="store_true", help=t("cli.opt.theirs"))
    which.add_argument("--abort", action="store_true", help=t("cli.opt.abort"))
    p.add_argument("--no-push", action="store_true", help=t("cli.opt.no_push"))


# --- progress on a terminal ------------------------------------------------------------------


def _progress() -> ProgressFn | None:
    """Stage lines (and git's percentages) on stderr when a person is watching."""
    if not sys.stderr.isatty():
        return None

    def show(step: Progress) -> None:
        end = "\r" if step.fraction is not None and step.fraction < 1 else "\n"
        print(f"\x1b[2K{inert(step.text)}", end=end, file=sys.stderr, flush=True)

    return show


# --- clone and sync --------------------------------------------------------------------------


def cmd_clone(args: CloneOptions) -> int:
    """``dvtui clone URL PATH``."""
    from dvtui.services.sync import clone

    path = clone(args.url, Path(args.path), _progress(), branch=args.branch)
    print(t("cli.clone.done", path=inert(str(path))))
    return EXIT_OK


def cmd_sync(store: Store, args: SyncOptions, today: date) -> int:
    """``dvtui sync``: fetch, merge, push, and say what came in and went out."""
    from dvtui.services.sync import sync

    result = sync(store, _progress(), branch=args.branch)
    if result.outcome == "conflict":
        return _conflicts_found(result.conflicts, store.names())
    _print_result(result)
    return EXIT_OK


OUTCOME = {  # what a sync did, in one line
    "up-to-date": N_("cli.sync.up_to_date"),
    "pulled": N_("cli.sync.pulled"),
    "pushed": N_("cli.sync.pushed"),
    "merged": N_("cli.sync.merged"),
}


def _print_result(result: SyncResult) -> None:
    from dvtui.services.synctypes import activity

    if result.attempts > 1:
        print(tn("cli.sync.retried", result.attempts - 1))
    for commits, incoming in ((result.incoming, True), (result.outgoing, False)):
        if not commits:
            continue
        records = activity(commits)
        counted = tn("record.count", len(records))
        if incoming:
            print(tn("cli.sync.incoming", len(commits), records=counted))
        else:
            print(tn("cli.sync.outgoing", len(commits), records=counted))
        for item in records[:LISTED]:
            print(inert(f"  {item.record} — {', '.join(item.authors)}"))
        if len(records) > LISTED:
            print(f"  … (+{len(records) - LISTED})")
    head = (result.head or "")[:8]
    print(t(OUTCOME[result.outcome], sha=head))


# --- conflicts -------------------------------------------------------------------------------


def conflict_line(conflict: Conflict, names: Lookup) -> str:
    """``reports/2023-h1/x: Trạng thái (status): của tôi “…” · máy chủ “…” · bản gốc “…”``."""

    def shown(value: object) -> str:
        if value is None and conflict.reason == "deleted":
            return t("sync.deleted")
        if isinstance(value, dict):
            return tn("ui.n_items", len(value))
        return value_text(conflict.field, value, names, limit=50)

    line = t(
        "cli.sync.conflict",
        where=conflict.record or conflict.path,
        label=field_label(conflict.field, names) if conflict.field else t("sync.whole_file"),
        field=conflict.field or "*",
        mine=shown(conflict.mine),
        theirs=shown(conflict.theirs),
        base=shown(conflict.base),
    )
    if conflict.reason == "invalid":
        line += " — " + t("sync.reason.invalid", problem=conflict.problem)
    return inert(line)


def _conflicts_found(conflicts: list[Conflict], names: Lookup) -> int:
    for conflict in conflicts:
        print(conflict_line(conflict, names))
    print("dvtui: " + tn("cli.sync.conflicts", len(conflicts)), file=sys.stderr)
    return EXIT_CONFLICT


def _path_of(text: str) -> str:
    """A record ID (or, for a file outside records/, its path) → the file's path."""
    try:
        return RecordId.parse(text).relpath
    except BadId:
        if text.endswith(".toml") and "/" not in text:
            return text  # dvtui.toml
        raise


def cmd_resolve(store: Store, args: ResolveOptions, today: date) -> int:
    """``dvtui resolve [ID field=mine|theirs|base|VALUE …] [--mine|--theirs|--abort]``."""
    from dvtui.core.merge import Choice, choice_from_text
    from dvtui.services.sync import forget_conflicts, pending_conflicts, resolve
    from dvtui.services.synctypes import UnresolvedConflicts

    if args.abort:
        forget_conflicts(store)
        print(t("cli.resolve.aborted"))
        return EXIT_OK
    conflicts = pending_conflicts(store)
    if not conflicts:
        print(t("cli.resolve.none"))
        return EXIT_OK
    by_key = {c.key: c for c in conflicts}
    choices: dict[tuple[str, str], Choice] = {}
    named: list[str] = []
    path: str | None = None
    for item in args.items:
        name, sep, text = item.partition("=")
        if not sep:
            path = _path_of(item)
            named.append(path)
            continue
        if path is None or not name.strip():
            raise DataError("err.sync.bad_choice", text=item)
        field = "" if name.strip() == "*" else name.strip()
        conflict = by_key.get((path, field))
        if conflict is None:
            raise DataError("err.sync.no_such_conflict", id=path, field=name.strip())
        try:
            choices[conflict.key] = choice_from_text(conflict, text)
        except FieldError as exc:
            raise InvalidRecord([exc.problem(path, field)]) from None
    if args.mine or args.theirs:
        for conflict in conflicts:
            if conflict.key not in choices and (not named or conflict.path in named):
                choices[conflict.key] = Choice("mine" if args.mine else "theirs")
    if not choices:
        return _conflicts_found(conflicts, store.names())
    try:
        result = resolve(store, choices, _progress(), push=not args.no_push)
    except UnresolvedConflicts as exc:
        return _conflicts_found(exc.conflicts, store.names())
    print(t("cli.resolve.done", sha=(result.merge_commit or "")[:8]))
    if result.push_error is not None:
        print(
            inert("dvtui: " + t("cli.resolve.not_pushed", reason=result.push_error)),
            file=sys.stderr,
        )
        return EXIT_ERROR
    if result.outcome == "conflict":
        return _conflicts_found(result.conflicts, store.names())
    if not args.no_push:
        _print_result(result)
    return EXIT_OK


# --- status ----------------------------------------------------------------------------------


def print_sync_status(store: Store) -> None:
    """Where this clone stands against the server, one line each."""
    from dvtui.services.sync import status

    st = status(store)
    if st.remote is None:
        print(tn("cli.status.no_remote", st.ahead))
    else:
        print(inert(t("cli.status.remote", remote=st.remote, url=st.url, branch=st.remote_branch)))
        print(t("cli.status.counts", ahead=st.ahead, behind=st.behind))
        if st.last_fetch is None or st.never_synced:
            print(t("cli.status.never_fetched"))
        else:
            print(t("cli.status.last_fetch", when=f"{st.last_fetch:%d/%m/%Y %H:%M}"))
    if st.unpushed:
        print(t("cli.status.unpushed"))
        for c in st.unpushed:
            print(inert(f"  {c.sha[:8]}  {c.when:%d/%m/%Y %H:%M}  {c.author}  {c.subject}"))
    if st.conflicts_pending:
        print(t("cli.status.conflicts"))


COMMANDS = (  # each command keeps its own options type; main.py sees them as Registered
    Setup("clone", N_("cli.cmd.clone"), CloneOptions, clone_arguments, cmd_clone),
    Command("sync", N_("cli.cmd.sync"), SyncOptions, sync_arguments, cmd_sync),
    Command("resolve", N_("cli.cmd.resolve"), ResolveOptions, resolve_arguments, cmd_resolve),
)
