"""``dvtui list KIND``, ``dvtui show ID`` and ``dvtui log ID -n N`` without the rest of dvtui.

The commands people (and scripts) run most, started without argparse, the Store or
GitPython when the command line is exactly ``[--repo P] [--lang L] [--today D] list KIND``,
``… show ID [--format F]`` or ``… log ID [-n N]`` (any order of the options) and the
repository has no interrupted save to finish:

- ``list``: the table is printed from the row cache of ``dvtui.reports.listcache`` when it
  can be trusted;
- ``show``: the record and the records it names are read and decoded as the Store reads
  them (``dvtui.storage.around``), in a repo of this dvtui's layout, and printed by the
  command's own printer (``dvtui.cli.showing``);
- ``log``: the record's page of history from ``dvtui.services.history`` on the plain git
  runner, the records its changes name read as ``show`` reads them, the same printer.

In every other case (a problem to report included) :func:`run` returns None and the full
command line runs, which says what is wrong (and fills the row cache for the next time).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dvtui.core.ids import RecordId
    from dvtui.core.records import Record
    from dvtui.git.dirs import GitDirs
    from dvtui.storage.loadcache import Entry

_OPTIONS = {
    "list": ("--repo", "--lang", "--today"),
    "show": ("--repo", "--lang", "--today", "--format"),
    "log": ("--repo", "--lang", "--today", "-n", "--limit"),
}
_ALL_OPTIONS = ("--repo", "--lang", "--today", "--format", "-n", "--limit")
_COMMAND_OPTIONS = ("--format", "-n", "--limit")  # argparse takes these after the command only
_KINDS = ("plans", "units", "tasks", "periods", "reports", "models", "summaries", "reviews")
_FORMATS = ("text", "toml", "json")


def _parse(argv: list[str]) -> dict[str, str] | None:
    """``{"command": "list", "kind": …, "--repo": …}`` (or ``show``/``log`` and its ``id``)
    for a plain command line of one of the quick commands; None for anything else."""
    found: dict[str, str] = {}
    words: list[str] = []
    items = iter(argv)
    for arg in items:
        name, equals, value = arg.partition("=")
        if name in _COMMAND_OPTIONS and not words:
            return None  # a command's own option before the command: argparse refuses it
        if name in _ALL_OPTIONS and name not in found:
            given = value if equals else next(items, None)
            if given is None:
                return None
            found[name] = given
        elif arg.startswith("-"):
            return None
        else:
            words.append(arg)
    if len(words) != 2 or words[0] not in _OPTIONS:
        return None
    command, word = words
    if any(name not in _OPTIONS[command] for name in found):
        return None
    if "-n" in found and "--limit" in found:
        return None  # the same option twice: argparse keeps the last
    limit = found.pop("--limit", None) or found.get("-n")
    if limit is not None:
        if not limit.isdigit():
            return None  # argparse says what is wrong with it
        found["-n"] = limit
    if command == "list" and word not in _KINDS:
        return None
    if found.get("--format", "text") not in _FORMATS:
        return None
    return {**found, "command": command, "kind" if command == "list" else "id": word}


def run(argv: list[str]) -> int | None:
    """Run a quick command and return its exit status, or None for the full command line."""
    parsed = _parse(argv)
    if parsed is None:
        return None
    if parsed.get("--lang", "vi") not in ("vi", "en"):
        return None  # argparse refuses it, naming the languages
    lang = parsed.get("--lang", os.environ.get("DVTUI_LANG", "vi"))
    if lang not in ("vi", "en"):
        lang = "vi"  # as the full command line takes an unknown DVTUI_LANG
    from dvtui.core.text import parse_date

    try:
        today = parse_date(parsed["--today"]) if "--today" in parsed else date.today()
    except ValueError:
        return None  # the full command line says what is wrong with it
    root = Path(parsed.get("--repo") or os.environ.get("DVTUI_REPO") or ".").absolute()
    from dvtui.git.dirs import find_git_dirs

    dirs = find_git_dirs(root)
    if dirs is None or (dirs.git_dir / "dvtui-save.json").exists():
        return None  # not a repository, or a save to finish first (the Store does it)
    from dvtui.i18n import set_language

    set_language(lang)
    try:
        if parsed["command"] == "list":
            return _list(root, dirs, parsed["kind"], today)
        if parsed["command"] == "log":
            return _log(root, dirs, parsed["id"], parsed.get("-n"))
        return _show(root, parsed["id"], parsed.get("--format", "text"))
    except BrokenPipeError:  # ``dvtui list … | head``: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _list(root: Path, dirs: GitDirs, kind: str, today: date) -> int | None:
    from dvtui.cli.output import output_width
    from dvtui.reports.listcache import cached

    try:
        text = cached(root, dirs, kind, today, output_width())
    except OSError:
        return None
    if text is None:
        return None  # no trusted cache, or a table Rich must lay out
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def _record_id(root: Path, text: str) -> RecordId | None:
    """The record ``text`` names in a data repo of this dvtui's layout; None for anything
    the full command line must say or do first (not a data repo, a migration, a bad ID)."""
    from dvtui.core.ids import BadId, RecordId
    from dvtui.storage.layout import DATA_FORMAT, data_format

    if not (root / "records").is_dir() or data_format(root) != DATA_FORMAT:
        return None  # not a data repo, or one to migrate first (or too new): the full path
    try:
        return RecordId.parse(text)
    except BadId:
        return None


class _Reader:
    """Each file read and decoded once, as the Store remembers what it read."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.seen: dict[str, Entry] = {}

    def __call__(self, relpath: str) -> Entry:
        from dvtui.storage.around import read_file

        found = self.seen.get(relpath)
        if found is None:
            found = self.seen[relpath] = read_file(self.root, relpath)
        return found

    def get(self, rid: RecordId) -> Record | None:
        """A ``Lookup``: the record as ``Store.get`` finds it, None when missing or invalid."""
        from dvtui.storage.around import read_around

        return read_around(self, [rid]).get(rid)


def _show(root: Path, text: str, fmt: str) -> int | None:
    from dvtui.storage.around import read_around

    rid = _record_id(root, text)
    if rid is None:
        return None
    read = _Reader(root)
    record = read.get(rid)
    if record is None:
        return None  # missing, invalid or dropped: the full command line says why
    from dvtui.cli.showing import show_record

    show_record(record, fmt, lambda: read_around(read, [], extra=record))
    return 0


def _log(root: Path, dirs: GitDirs, text: str, limit: str | None) -> int | None:
    rid = _record_id(root, text)
    if rid is None or (dirs.common_dir / "shallow").exists():
        return None  # the full command line says where a shallow clone's history stops
    from dvtui.git.repo import GitRepo
    from dvtui.services.history import change_log

    entries = change_log(GitRepo(root), record=rid, limit=None if limit is None else int(limit))
    if not entries:
        return None  # no such record: the full command line says so
    from dvtui.cli.showing import show_record_log

    show_record_log(entries, _Reader(root))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dvtui`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    done = run(args)
    if done is not None:
        return done
    from dvtui.cli.main import main as full

    return full(args)
