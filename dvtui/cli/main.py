"""The command line: ``dvtui [--repo PATH] [--today DATE] [--lang vi|en] COMMAND …``.

Exit status: 0 success, 1 a user or data error (one line on stderr), 2 bad usage, 3
conflicts a person must settle (``sync``, ``resolve``). With no command, the terminal UI
opens. Global options work before or after the command. The commands live in one module
per group (records, history, reports, sync); this module assembles the parser, picks the
command and turns errors into exit statuses.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.cli import argtext
from dvtui.cli.command import EXIT_ERROR, Command, Options, Registered, no_arguments
from dvtui.core.problems import DataError, FieldError
from dvtui.core.text import inert, parse_date
from dvtui.i18n import LANGUAGES, N_, set_language, t

if TYPE_CHECKING:
    from dvtui.storage import Store

GLOBAL_WITH_VALUE = ("--repo", "--today", "--lang")


def cmd_ui(store: Store, args: Options, today: date) -> int:
    """``dvtui`` or ``dvtui ui``: the terminal UI, its records read while Textual is imported."""
    from dvtui.tui.start import begin

    first = begin(store)
    from dvtui.tui.app import DvtuiApp

    app = DvtuiApp(store, today=today, first=first)
    app.run()
    return app.return_code or 0


UI = Command("ui", N_("cli.cmd.ui"), Options, no_arguments, cmd_ui, speaks=False)
# The command groups and the commands each holds (tests check these names against the
# groups' own lists): the command line imports only the group of the command it runs.
GROUPS: dict[str, tuple[str, ...]] = {
    "records": ("init", "validate", "list", "show", "set"),
    "history": ("log", "review", "audit"),
    "reports": ("status", "overdue", "report", "summary"),
    "sync": ("clone", "sync", "resolve"),
    "plans": ("plan", "migrate"),
    "addremove": ("add", "remove"),
    "files": ("attach", "attachments", "forms", "import"),
}


def _group(name: str) -> tuple[Registered, ...]:
    """The commands of one group, its module imported now."""
    if name == "records":
        from dvtui.cli import records

        return records.COMMANDS
    if name == "history":
        from dvtui.cli import history

        return history.COMMANDS
    if name == "reports":
        from dvtui.cli import reports

        return reports.COMMANDS
    if name == "sync":
        from dvtui.cli import sync

        return sync.COMMANDS
    if name == "plans":
        from dvtui.cli import plans

        return plans.COMMANDS
    if name == "files":
        from dvtui.cli import files

        return files.COMMANDS
    from dvtui.cli import addremove

    return addremove.COMMANDS


def commands(only: str | None = None) -> dict[str, Registered]:
    """Every command, in the order the help lists them; with ``only``, the group holding it."""
    found: dict[str, Registered] = {}
    for group, names in GROUPS.items():
        if only is None or only in names:
            found.update((c.name, c) for c in _group(group))
    found[UI.name] = UI
    return found


def _global_options() -> argparse.ArgumentParser:
    # SUPPRESS keeps a value given before the command from being reset by the subparser.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--repo", default=argparse.SUPPRESS, help=t("cli.opt.repo"))
    common.add_argument("--today", default=argparse.SUPPRESS, help=t("cli.opt.today"))
    common.add_argument(
        "--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=t("cli.opt.lang")
    )
    return common


def _command_in(argv: list[str]) -> str | None:
    """The command word of ``argv`` ("ui" when there is none; None with ``-h`` before it)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in GLOBAL_WITH_VALUE:
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
    argtext.install()  # argparse's own words ("usage:", "error:") in the user's language
    known = commands(only)
    if only is not None and only not in known:
        only, known = None, commands()  # not a command: the full parser says so, listing all
    common = _global_options()
    parser = argparse.ArgumentParser(
        prog="dvtui", description=t("cli.description"), parents=[common]
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in known.values():
        if only is None or command.name == only:
            p = sub.add_parser(command.name, parents=[common], help=t(command.help))
            command.arguments(p)
    return parser


def parse(argv: list[str]) -> tuple[Registered, Options]:
    """The command on the command line and its typed options (exit 2 on bad usage)."""
    word = _command_in(argv)
    known = commands(word)
    named = known.get(word or "")
    options = named.options() if named is not None else Options()
    parsed = build_parser(word).parse_args(argv, namespace=options)
    assert parsed is options  # argparse fills the namespace it is given
    command = known[options.command or "ui"]
    assert command is named  # the word found first is the one argparse took
    return command, options


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dvtui`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_peek_lang(argv))
    command, options = parse(argv)
    try:
        run = command.runner(options)
        return run(lambda: _open_store(options), _today(options.today))
    except DataError as exc:
        print(inert(f"dvtui: {exc}"), file=sys.stderr)  # a reason can quote a value
        return EXIT_ERROR
    except FieldError as exc:  # refused outside any record's file (a bad ID): the reason alone
        print(inert(f"dvtui: {exc}"), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # ``dvtui list … | head``: the reader left, nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as exc:  # a path the user gave that is a file, unreadable, on a full disk …
        from dvtui.core.problems import message

        where = exc.filename if exc.filename is not None else ""
        detail = exc.strerror or str(exc)
        print(
            inert("dvtui: " + message(N_("err.os"), {"path": where, "detail": detail})),
            file=sys.stderr,
        )
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _peek_lang(argv: list[str]) -> str:
    """The language must be known before the parser's help texts are made."""
    lang = os.environ.get("DVTUI_LANG", "vi")
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in LANGUAGES else "vi"


def _today(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return parse_date(text)
    except ValueError:
        raise DataError("err.today", value=text) from None


def _open_store(options: Options) -> Store:
    from dvtui.storage import Store

    repo = options.repo or os.environ.get("DVTUI_REPO") or "."
    return Store(Path(repo))


if __name__ == "__main__":
    raise SystemExit(main())
