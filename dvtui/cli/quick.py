"""``dvtui list KIND`` without the rest of dvtui: the rows straight from the row cache.

The hot command people type most, started without argparse, the Store, the record classes
or GitPython: when the command line is exactly ``[--repo P] [--lang L] [--today D] list KIND``
(any order of the options), the repository has no interrupted save to finish and the row
cache of ``dvtui.reports.listcache`` can be trusted, the table is printed from it. In every
other case :func:`run` returns None and the full command line runs, which says what is wrong
and fills the cache for the next time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

_OPTIONS = ("--repo", "--lang", "--today")
_KINDS = ("plans", "units", "tasks", "periods", "reports", "models", "summaries", "reviews")


def _parse(argv: list[str]) -> dict[str, str] | None:
    """``{"kind": …, "--repo": …}`` for a plain ``list KIND``; None for anything else."""
    found: dict[str, str] = {}
    words: list[str] = []
    items = iter(argv)
    for arg in items:
        name, equals, value = arg.partition("=")
        if name in _OPTIONS and name not in found:
            given = value if equals else next(items, None)
            if given is None:
                return None
            found[name] = given
        elif arg.startswith("-"):
            return None
        else:
            words.append(arg)
    if len(words) != 2 or words[0] != "list" or words[1] not in _KINDS:
        return None
    found["kind"] = words[1]
    return found


def run(argv: list[str]) -> int | None:
    """Print the list and return 0, or return None for the full command line to run."""
    parsed = _parse(argv)
    if parsed is None:
        return None
    lang = parsed.get("--lang", os.environ.get("DVTUI_LANG", "vi"))
    if lang not in ("vi", "en"):
        lang = "vi"
    from datetime import date

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
    from dvtui.cli.output import output_width
    from dvtui.i18n import set_language
    from dvtui.reports.listcache import cached

    set_language(lang)
    try:
        text = cached(root, dirs, parsed["kind"], today, output_width())
    except OSError:
        return None
    if text is None:
        return None  # no trusted cache, or a table Rich must lay out
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # ``dvtui list … | head``: the reader left
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``dvtui`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    done = run(args)
    if done is not None:
        return done
    from dvtui.cli.main import main as full

    return full(args)
