"""Cells of the record lists, the day-dependent ones kept until the day they are shown.

Light on purpose (no record classes): ``dvtui list`` prints cached rows through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dvtui.core.text import inert
from dvtui.i18n import N_, text

__all__ = ["COLUMNS", "Cell", "PastDue", "cell_text", "width_of"]

# Characters one column wide whatever the terminal (ASCII, Latin-1 to spacing modifiers,
# Vietnamese letters): a cell of these alone is as wide as it is long (checked against Rich
# in tests/test_plaintable.py), so it needs no lookup per character.
_NARROW = re.compile(r"[\u0020-\u007e\u00a0-\u02ff\u1e00-\u1eff]*")

# The columns of each kind's list (message keys).
COLUMNS: dict[str, list[str]] = {
    "plans": [N_("col.id"), N_("col.year"), N_("col.title")],
    "units": [N_("col.id"), N_("col.name"), N_("col.kind"), N_("col.gso")],
    "tasks": [N_("col.code"), N_("col.title"), N_("col.lead"), N_("col.status"), N_("col.due")],
    "periods": [N_("col.id"), N_("col.name"), N_("col.due")],
    "reports": [
        N_("col.period"),
        N_("col.unit"),
        N_("col.status"),
        N_("col.submitted_on"),
        N_("col.timeliness"),
    ],
    "models": [N_("col.year"), N_("col.kind"), N_("col.name"), N_("col.unit"), N_("col.sector")],
    "summaries": [N_("col.period"), N_("col.document"), N_("col.issued_on")],
    "reviews": [
        N_("col.id"),
        N_("col.reviewer"),
        N_("col.signed_on"),
        N_("col.upto"),
        N_("col.commits"),
    ],
}


@dataclass(frozen=True)
class PastDue:
    """A cell that reads ``before`` until the day ``last`` and changes once it is past: the
    only cells of a list that depend on the day (a missing report's lateness, an overdue
    task), so that a list's rows can be kept ready (``dvtui list``'s row cache) and this one
    cell worked out on the day it is shown."""

    last: date
    before: str
    prefix: str  # what stays before the changing part once past (a task's status)
    key: str  # the message once past, counting the days past ``last`` (``n``)

    def text(self, today: date) -> str:
        """The cell as of ``today``."""
        if today <= self.last:
            return self.before
        return self.prefix + text(self.key, {"n": (today - self.last).days})


Cell = str | PastDue


def cell_text(cell: Cell, today: date) -> str:
    """A cell as of ``today``, made inert (no control character reaches a terminal)."""
    return inert(cell if isinstance(cell, str) else cell.text(today))


def width_of(cell: str) -> int:
    """Columns ``cell`` takes on a terminal, as Rich counts them."""
    if _NARROW.fullmatch(cell):
        return len(cell)
    from rich.cells import cell_len

    return cell_len(cell)
