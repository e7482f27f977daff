"""``dvtui list KIND`` from display-ready rows: the row cache of :mod:`dvtui.storage.rowcache`
filled and read with the cells :mod:`dvtui.reports.listing` makes, so that the output is the
one the full path prints, byte for byte.

The rows are those of the plan in view (``listing.listed_plan``, as the full path lists
them), which the first line names (``2024/2024``: its slug and year; empty for the kinds
of no plan) with the layout. The rows are text: one row per record, ``\\x1e`` between
rows, ``\\x1f`` between cells, the record's id first. Cells are inert (control characters
made visible), so neither separator can be part of one. A day-dependent cell
(:class:`~dvtui.reports.listing.PastDue`) is kept as ``\\x00last\\x00before\\x00prefix\\x00key``
and worked out on the day of the list.

``dvtui set`` keeps the cache of the saved record's kind up to date (:func:`after_save`): its
row is made again from the record and the records it names, in place, when the save was
the only change to the repository; any other save drops the caches.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.core.text import inert, is_inert
from dvtui.git.dirs import GitDirs
from dvtui.i18n import current_language
from dvtui.reports.cells import PastDue, cell_text, width_of
from dvtui.storage import rowcache

if TYPE_CHECKING:  # the record classes, the listing and the Store only on the slow path
    from dvtui.core.records import Record
    from dvtui.reports.cells import Cell
    from dvtui.storage.store import SaveResult, Store

__all__ = ["after_save", "before_save", "cached", "listed"]

_ROW, _CELL, _DAY = "\x1e", "\x1f", "\x00"
# What reading a payload with a good digest that dvtui did not lay out can raise: whoever can
# write to .git can make one, and it must read as no cache rather than stop the command.
_FORGED = (UnicodeDecodeError, ValueError, IndexError, KeyError)
# Kinds whose rows are in id order (tasks and units have an order of their own, which a
# save may change) and that no other kind's rows show (a unit's name is in many rows).
_IN_PLACE = ("reports", "models", "periods", "summaries", "reviews", "plans")
# What decides a row besides the records: the code that decodes them (as the load cache's
# fingerprint), the code that makes cells, and the catalog of the language. Read as files:
# importing them would build the record classes this path exists to avoid.
_ROW_CODE = (
    "core/records.py",
    "core/schema.py",
    "core/ids.py",
    "core/problems.py",
    "core/text.py",
    "core/codec.py",
    "core/facts.py",
    "core/changes.py",
    "core/dataset.py",
    "reports/listing.py",
    "reports/cells.py",
    "reports/listcache.py",
)


@cache
def _code(lang: str) -> str:
    from dvtui import __version__

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.blake2b(f"{rowcache.FORMAT}/{__version__}".encode(), digest_size=16)
    for name in _ROW_CODE:
        digest.update((package / name).read_bytes())
    digest.update((package / "i18n/locale" / lang / "LC_MESSAGES/dvtui.mo").read_bytes())
    return digest.hexdigest()


def _encode_cell(cell: Cell) -> str:
    """A static cell as its (inert) text; a day-dependent one as its parts after ``\x00``."""
    if isinstance(cell, str):
        return inert(cell)
    return _DAY.join(
        ["", str(cell.last.toordinal()), inert(cell.before), inert(cell.prefix), cell.key]
    )


def _resolve(cell: str, today: date) -> str:
    if not cell.startswith(_DAY):
        return cell
    _, last, before, prefix, key = cell.split(_DAY)
    return cell_text(PastDue(date.fromordinal(int(last)), before, prefix, key), today)


class _Layout:
    """The table as ``plain_table`` lays it out, with the column that depends on the day (at
    most one) left open: every other column padded once, when the rows are made.

    ``widths[i]``, ``at_max[i]``: the widest static cell of column i (the header included)
    and how many cells are that wide — what a save must know to keep the layout or not.
    """

    def __init__(self, headers: list[str], rows: list[list[str]]) -> None:
        count = len(headers)
        table = [headers, *rows]
        self.open = next((i for i in range(count) if any(r[i].startswith(_DAY) for r in rows)), -1)
        self.widths = [0] * count
        self.at_max = [0] * count
        for row in table:
            for i, cell in enumerate(row):
                w = 0 if cell.startswith(_DAY) else width_of(cell)
                if w > self.widths[i]:
                    self.widths[i], self.at_max[i] = w, 1
                elif w == self.widths[i]:
                    self.at_max[i] += 1

    def usable(self, rows: list[list[str]]) -> bool:
        """Whether every row can be laid out so (one open column, no line breaks or tabs)."""
        opened = {i for r in rows for i, c in enumerate(r) if c.startswith(_DAY)}
        plain = all("\n" not in c and "\t" not in c and "\r" not in c for r in rows for c in r)
        return plain and len(opened) <= 1

    def line(self, cells: list[str]) -> str:
        """A row: its padded cells, the open one as ``\x1f cell \x1f`` between the rest."""
        padded = [
            c if i == self.open else c + " " * (self.widths[i] - width_of(c))
            for i, c in enumerate(cells)
        ]
        if self.open < 0:
            return "  ".join(padded)
        before = "".join(p + "  " for p in padded[: self.open])
        after = "".join("  " + p for p in padded[self.open + 1 :])
        return _CELL.join([before, padded[self.open], after])

    def meta(self) -> str:
        return ";".join(
            [str(self.open), *(f"{w},{n}" for w, n in zip(self.widths, self.at_max, strict=True))]
        )


def _sizes(cells: list[str]) -> str:
    return ",".join("0" if c.startswith(_DAY) else str(width_of(c)) for c in cells)


def _row(rid: str, layout: _Layout, cells: list[str]) -> str:
    """A record's line of the payload: its id, its cells' widths, its laid-out line."""
    return _CELL.join([rid, _sizes(cells), layout.line(cells)])


def _payload(
    view: str, layout: _Layout, headers: list[str], ids: list[str], rows: list[list[str]]
) -> str:
    lines = [f"{view};{layout.meta()}", _row("", layout, headers)]
    lines += [_row(rid, layout, cells) for rid, cells in zip(ids, rows, strict=True)]
    return _ROW.join(lines)


def _render(payload: str, today: date, width: int) -> str | None:
    """The table ``plain_table`` would print; None when it would leave it to Rich (too wide)."""
    meta, *lines = payload.split(_ROW)
    _view, opened, *columns = meta.split(";")
    open_at = int(opened)
    widths = [int(c.split(",")[0]) for c in columns]
    if open_at < 0:
        total = sum(widths) + 2 * (len(widths) - 1)
        rows = [line.split(_CELL, 2)[2] for line in lines]
        return None if total > width else "\n".join(rows) + "\n"
    parts = [line.split(_CELL) for line in lines]  # id, widths, before, open cell, after
    # The open cells repeat (one deadline per period): each distinct one worked out once.
    texts = {cell: _resolve(cell, today) for cell in {p[3] for p in parts}}
    measured = {cell: width_of(text) for cell, text in texts.items()}
    wide = max(widths[open_at], max(measured.values(), default=0))
    if wide == 0 or sum(widths) - widths[open_at] + wide + 2 * (len(widths) - 1) > width:
        return None
    padded = {cell: text + " " * (wide - measured[cell]) for cell, text in texts.items()}
    return "\n".join([p[2] + padded[p[3]] + p[4] for p in parts]) + "\n"


def cached(root: Path, dirs: GitDirs, kind: str, today: date, width: int) -> str | None:
    """The table ``dvtui list KIND`` prints, from the row cache; None unless it can be
    trusted (or when the table is too wide for the plain writer: Rich lays it out)."""
    lang = current_language()
    found = rowcache.read(dirs, kind, lang, _code(lang))
    if found is None or not rowcache.still_fresh(root, dirs, found[0]):
        return None
    try:
        text = _render(found[1].decode("utf-8"), today, width)
    except _FORGED:
        return None
    # Every cell was made inert when the rows were laid out; text that is not was put there by
    # someone who can write to .git: no cache, the records are read instead.
    return text if text is None or is_inert(text) else None


def listed(store: Store, kind: str, today: date, width: int) -> str | None:
    """The table ``dvtui list KIND`` prints (no filter), from the row cache when it can be
    trusted; otherwise from a load, writing the cache when the load allows. None: a table
    for Rich to lay out (a cell with a line break, or wider than ``width``)."""
    from dvtui.core.records import KINDS
    from dvtui.i18n import t
    from dvtui.reports.cells import COLUMNS
    from dvtui.reports.listing import in_plan, listed_plan, record_cells

    dirs = store.git.dirs
    quick = cached(store.root, dirs, kind, today, width)
    if quick is not None:
        return quick
    lang = current_language()
    before = rowcache.look(store.root, dirs, kind)
    data = store.load()
    plan = listed_plan(data, store.settings, kind)
    records = [
        r for r in data.of(KINDS[kind]) if plan is None or in_plan(r, plan.id.name, plan.year, data)
    ]
    view = "" if plan is None else f"{plan.id.name}/{plan.year}"
    rows = [[_encode_cell(c) for c in record_cells(r, data, store.settings)] for r in records]
    headers = [t(c) for c in COLUMNS[kind]]
    layout = _Layout(headers, rows)
    if not layout.usable(rows):
        return None
    payload = _payload(view, layout, headers, [str(r.id) for r in records], rows)
    if before is not None and store.vouched:
        after = rowcache.look(store.root, dirs, kind)
        if after is not None and _same(before, after):
            rowcache.write(dirs, kind, lang, _code(lang), after, payload.encode("utf-8"))
    return _render(payload, today, width)


def _same(a: rowcache.Fresh, b: rowcache.Fresh) -> bool:
    return a.index == b.index and a.folders == b.folders and a.settings == b.settings


def before_save(store: Store, kind: str) -> tuple[rowcache.Fresh, bytes, str] | None:
    """The cached rows of ``kind``, if they hold now, with HEAD: what :func:`after_save` needs
    to prove that the save was the only change. (That git's index held HEAD's tree, nothing
    else staged, is proved after the commit: ``is_only_commit_on`` finds its tree in the
    index, which ``git commit -- path`` and the plumbing's staged check both leave holding
    whatever else was staged.)"""
    lang = current_language()
    dirs = store.git.dirs
    found = rowcache.read(dirs, kind, lang, _code(lang))
    if found is None or not rowcache.still_fresh(store.root, dirs, found[0], ask_git=False):
        return None
    head = store.git.head()
    if head is None:
        return None
    return found[0], found[1], head


def after_save(
    store: Store, saved: SaveResult, before: tuple[rowcache.Fresh, bytes, str] | None
) -> None:
    """Bring the row cache up to date with one saved record (see the module's doc)."""
    dirs = store.git.dirs
    rowcache.drop(dirs)
    record = saved.record
    kind = record.id.kind
    if before is None or kind not in _IN_PLACE:
        return
    fresh, data, head = before
    try:
        updated = _with_row(store, data.decode("utf-8"), record)
    except _FORGED:
        return
    if updated is None:
        return
    folder = record.id.relpath.rsplit("/", 1)[0]
    after = rowcache.after_change(store.root, dirs, fresh, folder)
    if after is None or not store.git.is_only_commit_on(head, saved.sha, record.id.relpath):
        return  # another commit came between, a hook changed more, or more is staged
    if rowcache.index_checksum(dirs) != after.index:
        return  # another git wrote the index while we looked
    lang = current_language()
    rowcache.write(dirs, kind, lang, _code(lang), after, updated.encode("utf-8"))


def _with_row(store: Store, payload: str, record: Record) -> str | None:
    """``payload`` with ``record``'s row made again in its place, when the record is still of
    the plan in view and the layout of every other row stays as it was (no column gets wider
    or narrower); else None."""
    from dvtui.reports.listing import in_plan, record_cells

    head = f"{_ROW}{record.id}{_CELL}"
    start = payload.find(head)
    if start < 0:
        return None  # a new record: its place is not worth finding here
    end = payload.find(_ROW, start + 1)
    end = len(payload) if end < 0 else end
    meta = payload[: payload.index(_ROW)]
    view, opened, *columns = meta.split(";")
    context = store.context(record)
    if view:
        plan, _, year = view.partition("/")
        if not in_plan(record, plan, int(year), context):
            return None  # it left the plan in view (a period moved to another plan)
    open_at = int(opened)
    widths = [int(c.split(",")[0]) for c in columns]
    at_max = [int(c.split(",")[1]) for c in columns]
    was = [int(w) for w in payload[start + len(head) : end].split(_CELL, 1)[0].split(",")]
    new = [_encode_cell(c) for c in record_cells(record, context, store.settings)]
    for i, (w_old, cell) in enumerate(zip(was, new, strict=True)):
        if "\n" in cell or "\t" in cell or "\r" in cell:
            return None
        if cell.startswith(_DAY) and i != open_at:
            return None
        w_new = 0 if cell.startswith(_DAY) else width_of(cell)
        if w_new > widths[i] or (w_old == widths[i] > w_new and at_max[i] == 1):
            return None  # the column's width would change: every row with it
        at_max[i] += (w_new == widths[i]) - (w_old == widths[i])
    layout = _Layout.__new__(_Layout)
    layout.open, layout.widths, layout.at_max = open_at, widths, at_max
    row = _ROW + _row(str(record.id), layout, new)
    return f"{view};{layout.meta()}" + payload[len(meta) : start] + row + payload[end:]
