"""The district's own text for a period's report (``summaries/<period>``), created on first save.

``dvtui set`` changes records that exist; the summary of a period usually does not yet, so
this writes it from ``field=value`` texts in one commit, creating it when missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError

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
    return store.add_fields(rid, assignments)
