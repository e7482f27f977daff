"""What ``dvtui show ID`` prints for a record — its file (``toml``), its fields (``json``), or
each field with its label and the names of the records it names (``text``) — and what
``dvtui log ID`` prints for its history.

Shared by the commands (``cli/records.py``, ``cli/history.py``) and their quick start
(``cli/quick.py``), so that both print the same bytes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from dvtui.core import codec
from dvtui.core.changes import Lookup, describe, field_label, flatten, value_text
from dvtui.core.records import Record
from dvtui.core.schema import to_table
from dvtui.core.text import inert

if TYPE_CHECKING:
    from dvtui.services.history import LogEntry

FORMATS = ("text", "toml", "json")


def show_record(record: Record, fmt: str, names: Callable[[], Lookup]) -> None:
    """Print ``record`` in ``fmt`` (one of :data:`FORMATS`); ``names`` gives the records it
    names (read only for ``text``)."""
    if fmt == "toml":
        sys.stdout.write(codec.encode(record).decode("utf-8"))
        return
    table = to_table(record)
    if fmt == "json":
        import json  # here: the quick ``show`` prints text (issue 15)

        print(
            json.dumps({"id": str(record.id), **table}, ensure_ascii=False, indent=2, default=str)
        )
        return
    print(str(record.id))
    named = names()
    for name, value in flatten(table).items():  # inert: record text never drives the terminal
        shown = value_text(name, value, named, limit=10_000)
        print(inert(f"  {field_label(name, named)}: {shown}"))


def show_record_log(entries: Sequence[LogEntry], names: Lookup) -> None:
    """Print one record's commits, newest first: who, when, the subject, each field's change."""
    for entry in entries:
        who = f"{entry.author} <{entry.email}>"
        print(inert(f"{entry.when:%d/%m/%Y %H:%M}  {who}  {entry.sha[:8]}"))
        print(inert(f"  {entry.subject}"))
        for change in entry.records:
            for c in change.changes:
                print(inert(f"    - {describe(c, names)}"))
