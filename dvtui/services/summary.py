"""The district's own text for a period's report (``summaries/<period>``), created on first save.

``dvtui set`` changes records that exist; the summary of a period usually does not yet, so
this writes it from ``field=value`` texts in one commit, creating it when missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError, FieldError, InvalidRecord, Problem
from dvtui.core.records import Summary
from dvtui.core.schema import field_type, from_table, parse_field_text

if TYPE_CHECKING:
    from dvtui.storage.store import SaveResult, Store


def save_summary(store: Store, period: str, assignments: dict[str, str]) -> SaveResult:
    """Create or update ``summaries/<period>`` with ``assignments``; one commit."""
    rid = RecordId.parse(f"summaries/{period}")
    data = store.load()
    if data.period(period) is None:
        raise DataError("err.not_found", id=f"periods/{period}")
    if data.get(rid) is not None:
        if not assignments:
            raise DataError("err.no_change")
        return store.set_fields(rid, assignments)
    if any(p.file == rid.relpath for p in data.problems):
        store.get(rid)  # raises InvalidRecord with the file's problems
    table: dict[str, Any] = {}
    for name, text in assignments.items():
        try:
            tp, _meta = field_type(Summary, name)
        except KeyError:
            raise DataError("err.unknown_field", id=str(rid), field=name) from None
        try:
            value = parse_field_text(tp, text)
        except FieldError as exc:
            raise InvalidRecord([exc.problem(rid.relpath, name)]) from None
        if value is not None:
            *parents, leaf = name.split(".")
            node = table
            for part in parents:
                node = node.setdefault(part, {})
            node[leaf] = value
    record, issues = from_table(Summary, table, id=rid)
    if issues:
        raise InvalidRecord([Problem(rid.relpath, i.field, i.code, i.args) for i in issues])
    result: SaveResult = store.save(record, create=True)
    return result
