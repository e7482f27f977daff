"""What the commands read from their arguments and print: tables, progress, notices.

Everything printed goes through ``inert()``: record text never drives the terminal. Rich is
imported only when a table or a progress bar is shown, so ``show`` and ``set`` start fast.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING

from dvtui.core.problems import DataError
from dvtui.core.text import format_date, inert, parse_date
from dvtui.i18n import t, tn

if TYPE_CHECKING:
    import argparse

    from dvtui.storage import SaveResult, Store

Progress = Callable[[int, int, str], None]


# --- what the commands read ----------------------------------------------------------------


def assignments_argument(p: argparse.ArgumentParser, *, required: bool) -> None:
    """The ``field=value …`` arguments of set, add and summary (``Options.assignments``)."""
    p.add_argument("assignments", nargs="+" if required else "*", metavar="field=value")


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["status=submitted", "figures.dialogues=3"]`` → ``{"status": "submitted", …}``."""
    assignments: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise DataError("err.assignment", text=item)
        assignments[name.strip()] = value
    return assignments


def whole_number(text: str) -> int:
    """An argparse ``type`` for counts (``-n 20``): refused in words, not as "invalid int"."""
    import argparse

    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(t("err.type.int_text", value=inert(text))) from None


def date_option(text: str | None, option: str) -> date | None:
    """The date given to ``option`` (``--since``), or None when it was not given."""
    if text is None:
        return None
    try:
        return parse_date(text)
    except ValueError:
        raise DataError("err.date_option", option=option, value=text) from None


# --- notices ---------------------------------------------------------------------------------


def print_saved(result: SaveResult) -> None:
    """What a save that changed fields says: how many, and the commit."""
    print(tn("cli.set.done", len(result.changes), sha=result.sha[:8]))


def print_notices(store: Store) -> None:
    """Things the user should know that are not errors, one line each on stderr."""
    for notice in store.take_notices():
        print(inert(f"dvtui: {notice}"), file=sys.stderr)


def shallow_notice(store: Store) -> None:
    """History commands in a shallow clone: say that the history stops somewhere."""
    since = store.git.shallow_since()
    if since is not None:
        print("dvtui: " + t("notice.shallow", date=format_date(since.date())), file=sys.stderr)


# --- tables ----------------------------------------------------------------------------------


def output_width() -> int:
    """The width a table may take: the terminal's, or 1000 when piped (no wrap at 80)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else 1000


def print_table(
    headers: list[str], rows: list[list[str]], title: str = "", *, inert_cells: bool = False
) -> None:
    """A plain Rich table on stdout; cells are made inert (unless ``inert_cells`` says they
    are already: list rows are) and never parsed as markup."""
    # Piped into a file or another program, lines are not wrapped at 80 columns.
    width = None if sys.stdout.isatty() else 1000
    cells = rows if inert_cells else [[inert(c) for c in row] for row in rows]
    fast = plain_table(headers, cells, title=inert(title), width=output_width())
    if fast is not None:  # thousands of rows: the same characters, without Rich's layout
        sys.stdout.write(fast)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        *headers,
        box=None,
        pad_edge=False,
        highlight=False,
        show_edge=False,
        title=inert(title) or None,
        title_justify="left",
    )
    for row in cells:
        table.add_row(*row)
    Console(markup=False, emoji=False, highlight=False, soft_wrap=False, width=width).print(table)


# ``dvtui list reports`` prints thousands of rows and Rich lays out every cell as a renderable
# (seconds for 10,000 rows). When a table has nothing Rich must decide, the same characters
# are written directly: columns padded to their widest cell, two spaces between them.
def plain_table(
    headers: list[str], rows: list[list[str]], *, title: str = "", width: int = 1000
) -> str | None:
    """The table as Rich prints it (``box=None, pad_edge=False``), or None to leave it to Rich.

    Cells must already be inert (no control characters); a cell holding a line break or a
    tab, an empty column, a row of another length, or a table wider than ``width`` is left to Rich.
    """
    from dvtui.reports.cells import width_of  # Rich only for text it must measure

    count = len(headers)
    if count == 0 or any(len(row) != count for row in rows):
        return None
    table = [headers, *rows]
    sizes: list[list[int]] = []
    known: dict[str, int] = {}  # cells repeat (a period, a status, a unit): measured once
    for row in table:
        size = []
        for cell in row:
            measured = known.get(cell)
            if measured is None:
                if "\n" in cell or "\t" in cell or "\r" in cell:
                    return None
                measured = known[cell] = width_of(cell)
            size.append(measured)
        sizes.append(size)
    widths = [max(size[i] for size in sizes) for i in range(count)]
    total = sum(widths) + 2 * (count - 1)
    if 0 in widths or total > width or (title and width_of(title) > total):
        return None
    lines = []
    if title:
        lines.append(title + " " * (total - width_of(title)))
    for row, size in zip(table, sizes, strict=True):
        lines.append(
            "  ".join(cell + " " * (w - s) for cell, s, w in zip(row, size, widths, strict=True))
        )
    return "\n".join(lines) + "\n"


# --- progress --------------------------------------------------------------------------------


@contextmanager
def progress_bar(label: str) -> Iterator[Progress]:
    """A Rich progress bar on stderr (nothing when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    console = Console(file=sys.stderr, markup=False, highlight=False)
    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[what]}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task(inert(label), total=None, what="")

        def update(done: int, total: int, what: str) -> None:
            if not total:  # a step of unknown length (LibreOffice printing): say it, bar kept
                bar.update(task, what=inert(what))
                return
            bar.update(task, completed=done, total=total, what=inert(what))

        yield update
