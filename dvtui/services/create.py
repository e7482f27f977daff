"""Adding a record of any kind from ``field=value`` texts, with the defaults its address gives.

``dvtui add plans/2026 title=…`` needs no year: the address says it, and the office's issuer
and place come from ``dvtui.toml`` (``dvtui init --empty --issuer …``); a task or a period
whose slug starts with a plan's year (``tasks/2026-ii-1``, ``periods/2026-h1``) belongs to
that plan. A value given on the command line always wins.
"""

from __future__ import annotations

import re
from typing import Any

from dvtui.core.ids import RecordId
from dvtui.core.settings import Settings
from dvtui.storage.store import SaveResult, Store

PLAN_SYMBOL = "KH-UBND"  # Kế hoạch of an Ủy ban nhân dân (Nghị định 30/2020/NĐ-CP)
_YEAR = re.compile(r"^(\d{4})(?:-|$)")


def defaults_for(rid: RecordId, settings: Settings) -> dict[str, Any]:
    """The fields a new record at ``rid`` gets unless the user gives them."""
    year = _YEAR.match(rid.name)
    if rid.kind == "plans" and year is not None and year.group(0) == rid.name:
        found: dict[str, Any] = {"year": int(rid.name), "issued_year": int(rid.name)}
        found["symbol"] = PLAN_SYMBOL
        if settings.issuer:
            found["issuer"] = settings.issuer
        if settings.place:
            found["place"] = settings.place
        return found
    if rid.kind in ("tasks", "periods") and year is not None:
        return {"plan": year.group(1)}
    return {}


def add_record(store: Store, rid: RecordId, assignments: dict[str, str]) -> SaveResult:
    """Create ``rid`` from ``assignments`` (validated as ``set`` validates); one commit."""
    return store.add_fields(rid, assignments, defaults_for(rid, store.settings))
