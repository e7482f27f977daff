"""The command line: ``dvtui [--repo PATH] [--today DATE] [--lang vi|en] COMMAND …``.

Exit status: 0 success, 1 a user or data error (one line on stderr), 2 bad usage.
With no command, the terminal UI opens. Global options work before or after the command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

from dvtui.cli.addremove import COMMANDS as ADD_REMOVE_COMMANDS
from dvtui.cli.addremove import add_parsers as add_add_remove_parsers
from dvtui.cli.plans import COMMANDS as PLAN_COMMANDS
from dvtui.cli.plans import add_parsers as add_plan_parsers
from dvtui.cli.reports import COMMANDS as REPORT_COMMANDS
from dvtui.cli.reports import add_log_options, add_parsers, parse_assignments, print_table
from dvtui.cli.sync import add_parsers as add_sync_parsers
from dvtui.cli.sync import cmd_clone
from dvtui.cli.sync import commands as sync_commands
from dvtui.core.ids import BadId, RecordId
from dvtui.core.problems import DataError, message
from dvtui.core.text import format_date, inert, parse_date
from dvtui.i18n import set_language, t

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
# Kinds `dvtui list` knows (kept here so that building the parser imports nothing heavy).
COLUMNS_KINDS = ("plans", "units", "tasks", "periods", "reports", "models", "summaries", "reviews")


def _global_options() -> argparse.ArgumentParser:
    # SUPPRESS keeps a value given before the command from being reset by the subparser.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--repo", default=argparse.SUPPRESS, help=t("cli.opt.repo"))
    common.add_argument("--today", default=argparse.SUPPRESS, help=t("cli.opt.today"))
    common.add_argument(
        "--lang", choices=("vi", "en"), default=argparse.SUPPRESS, help=t("cli.opt.lang")
    )
    return common


class _NotBuilt:
    """Stands in for the parser of a command that is not on the command line."""

    def add_argument(self, *args: Any, **kw: Any) -> None:
        """Nothing to add to."""

    def add_mutually_exclusive_group(self, *args: Any, **kw: Any) -> _NotBuilt:
        """Itself: its arguments are not added either."""
        return self

    def add_argument_group(self, *args: Any, **kw: Any) -> _NotBuilt:
        """Itself: its arguments are not added either."""
        return self


def _command_in(argv: list[str]) -> str | None:
    """The command word of ``argv`` ("ui" when there is none; None with ``-h`` before it)."""
    with_value = {"--repo", "--today", "--lang"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in with_value:
            skip = True
        elif arg in ("-h", "--help"):
            return None
        elif not arg.startswith("-"):
            return arg
    return "ui"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser (help texts in the current language).

    ``only``: build the sub-parser of that command alone. Building all of them costs a
    command tens of milliseconds (argparse looks up its own translations for every one).
    """
    common = _global_options()
    parser = argparse.ArgumentParser(
        prog="dvtui", description=t("cli.description"), parents=[common]
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, **kw: Any) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return cast(argparse.ArgumentParser, _NotBuilt())
        return sub.add_parser(name, parents=[common], help=t(f"cli.cmd.{name}"), **kw)

    p = add("init")
    p.add_argument("path", help=t("cli.arg.init_path"))
    p.add_argument("--scratch", action="store_true", help=t("cli.opt.scratch"))
    add("validate")
    p = add("list")
    p.add_argument("kind", choices=tuple(COLUMNS_KINDS))
    p.add_argument("--status", help=t("cli.opt.status"))
    p.add_argument("--unit", help=t("cli.opt.unit"))
    p.add_argument("--period", help=t("cli.opt.period"))
    p.add_argument("--search", help=t("cli.opt.search"))
    p.add_argument("--format", choices=("table", "json"), default="table")
    p = add("show")
    p.add_argument("id", help=t("cli.arg.id"))
    p.add_argument("--format", choices=("text", "toml", "json"), default="text")
    p = add("set")
    p.add_argument("id", help=t("cli.arg.id"))
    p.add_argument("assignments", nargs="+", metavar="field=value")
    p = add("log")
    p.add_argument("id", nargs="?", help=t("cli.arg.id"))
    p.add_argument("-n", "--limit", type=int, default=None)
    add_log_options(p)
    add_parsers(add)  # status, overdue, report, review, audit
    add_sync_parsers(add, sub)  # clone, sync, resolve; status --sync
    add_plan_parsers(add)  # migrate
    add_add_remove_parsers(add)  # add, remove
    add("ui")
    if only is not None and only not in sub.choices:
        return build_parser()  # not a command: the full parser says so, listing them all
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dvtui`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_peek_lang(argv))
    args = build_parser(_command_in(argv)).parse_args(argv)
    try:
        today = _today(getattr(args, "today", None))
        command = args.command or "ui"
        if command == "init":
            return cmd_init(args)
        if command == "clone":
            return cmd_clone(args)
        store = _open_store(args)
        handler: Callable[[Any, Any, date], int] = COMMANDS[command]
        if command == "ui":
            return handler(store, args, today)  # the UI shows the notices and migrates itself
        if command != "migrate":
            _migrate_on_open(store)
        _print_notices(store)  # e.g. an interrupted save cleaned up when the repo opened
        if command in ("log", "audit", "review"):
            _shallow_notice(store)
        try:
            return handler(store, args, today)
        finally:
            _print_notices(store)
    except DataError as exc:
        print(inert(f"dvtui: {exc}"), file=sys.stderr)  # a reason can quote a value
        return EXIT_ERROR
    except BadId as exc:
        print(inert(f"dvtui: {exc}"), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # ``dvtui list … | head``: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:  # a path the user gave that is a file, unreadable, on a full disk …
        where = exc.filename if exc.filename is not None else ""
        detail = exc.strerror or str(exc)
        print(
            inert(f"dvtui: {message('err.os', {'path': where, 'detail': detail})}"), file=sys.stderr
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _print_notices(store: Any) -> None:
    """Things the user should know that are not errors, one line each on stderr."""
    for notice in store.take_notices():
        print(inert(f"dvtui: {notice}"), file=sys.stderr)


def _migrate_on_open(store: Any) -> None:
    """A data repo of an older dvtui is migrated the first time a command opens it."""
    from dvtui.storage.store import DATA_FORMAT  # loaded already: costs nothing

    if store.format < DATA_FORMAT:
        from dvtui.services.migrate import migrate_on_open

        for notice in migrate_on_open(store):
            print(f"dvtui: {notice}", file=sys.stderr)


def _shallow_notice(store: Any) -> None:
    """History commands in a shallow clone: say that the history stops somewhere."""
    since = store.git.shallow_since()
    if since is not None:
        print(f"dvtui: {t('notice.shallow', date=format_date(since.date()))}", file=sys.stderr)


def _peek_lang(argv: list[str]) -> str:
    """The language must be known before the parser's help texts are made."""
    lang = os.environ.get("DVTUI_LANG", "vi")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in ("vi", "en") else "vi"


def _today(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return parse_date(text)
    except ValueError:
        raise DataError("err.today", value=text) from None


def _open_store(args: argparse.Namespace) -> Any:
    from dvtui.storage import Store

    repo = getattr(args, "repo", None) or os.environ.get("DVTUI_REPO") or "."
    return Store(Path(repo))


# --- commands ------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    """``dvtui init PATH``: a new data repo from the bundled records."""
    from dvtui.services.setup import init_data_repo

    sha = init_data_repo(Path(args.path), scratch=args.scratch)
    print(t("cli.init.done", path=args.path, sha=sha[:8]))
    return EXIT_OK


def cmd_validate(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui validate``: every problem as ``file: field: reason``."""
    data = store.load()
    for problem in data.problems:
        print(inert(str(problem)))
    if data.problems:
        print(t("cli.validate.problems", n=len(data.problems), ok=len(data)), file=sys.stderr)
        return EXIT_ERROR
    print(t("cli.validate.ok", n=len(data)))
    return EXIT_OK


def cmd_list(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui list KIND``: a table for people or JSON for scripts."""
    from dvtui.reports.listing import list_rows
    from dvtui.storage.loader import paused_gc

    # Thousands of rows of new objects and no garbage: no cyclic GC walking them all.
    with paused_gc():
        data = store.load()
        columns, rows = list_rows(
            data,
            store.settings,
            args.kind,
            today=today,
            status=args.status,
            unit=args.unit,
            period=args.period,
            search=args.search,
            searchable=False,  # printed once, never filtered again
        )
        if args.format == "json":
            from dvtui.reports.listing import records_json

            print(json.dumps(records_json(data, args.kind, rows), ensure_ascii=False, indent=2))
            return EXIT_OK
        print_table([t(c) for c in columns], [r.cells for r in rows])
    return EXIT_OK


def cmd_show(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui show ID``: a record's fields with their labels."""
    from dvtui.core import codec
    from dvtui.core.changes import field_label, flatten, value_text
    from dvtui.core.schema import to_table

    record = store.get(RecordId.parse(args.id))
    if args.format == "toml":
        sys.stdout.write(codec.encode(record).decode("utf-8"))
        return EXIT_OK
    table = to_table(record)
    if args.format == "json":
        print(
            json.dumps({"id": str(record.id), **table}, ensure_ascii=False, indent=2, default=str)
        )
        return EXIT_OK
    print(str(record.id))
    for name, value in flatten(table).items():  # inert: record text never drives the terminal
        print(inert(f"  {field_label(name)}: {value_text(name, value, limit=10_000)}"))
    return EXIT_OK


def cmd_set(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui set ID field=value …``: validate, write, commit."""
    result = store.set_fields(RecordId.parse(args.id), parse_assignments(args.assignments))
    print(t("cli.set.done", sha=result.sha[:8], n=len(result.changes)))
    return EXIT_OK


def cmd_log(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui log [ID] [--author A] [--since D] [--until D] [--kind K]``: who changed what."""
    from dvtui.cli.reports import cmd_log as log_changes

    return log_changes(store, args, today)


def cmd_ui(store: Any, args: argparse.Namespace, today: date) -> int:
    """``dvtui`` or ``dvtui ui``: the terminal UI."""
    from dvtui.tui.app import run_app

    return run_app(store, today=today)


COMMANDS: dict[str, Callable[[Any, Any, date], int]] = {
    "validate": cmd_validate,
    "list": cmd_list,
    "show": cmd_show,
    "set": cmd_set,
    "log": cmd_log,
    "ui": cmd_ui,
    **REPORT_COMMANDS,
    **PLAN_COMMANDS,
    **ADD_REMOVE_COMMANDS,
    **sync_commands(REPORT_COMMANDS),  # sync, resolve; status gains the sync state
}


if __name__ == "__main__":
    raise SystemExit(main())
