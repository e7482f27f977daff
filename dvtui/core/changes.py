"""Field-level differences between two versions of a record, and how to say them in words.

Works on plain TOML tables (not dataclasses), so that history can diff old versions
that no longer validate.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from datetime import date
from functools import cache
from typing import Any, Protocol

from dvtui.core.ids import SLUG, RecordId
from dvtui.core.labels import (
    FIELD,
    MODEL_KIND,
    PERIOD_KIND,
    REPORT_STATUS,
    SECTOR,
    TASK_STATUS,
    UNIT_KIND,
    SlugTable,
    label,
)
from dvtui.core.recordclass import frozen
from dvtui.core.records import KINDS, Period, Plan, Record, Task, Unit
from dvtui.core.text import format_date
from dvtui.i18n import t, tn


@frozen
class Change:
    """One field's old and new value (``None`` = absent); ``field`` is dotted (``figures.x``)."""

    field: str
    old: Any
    new: Any


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables to dotted keys; lists stay whole values."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict) and value:
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def diff(
    old: dict[str, Any] | None, new: dict[str, Any] | None, *, sets: Collection[str] = ()
) -> list[Change]:
    """The fields that differ between two tables, in the new table's order.

    ``sets`` names fields whose order means nothing (``schema.set_fields``): the same
    members in another order are no change.
    """
    a = flatten(old or {})
    b = flatten(new or {})
    a.pop("schema", None)
    b.pop("schema", None)
    keys = list(b) + [k for k in a if k not in b]
    return [
        Change(k, a.get(k), b.get(k))
        for k in keys
        if a.get(k) != b.get(k) and not (k in sets and _same_members(a.get(k), b.get(k)))
    ]


def _same_members(a: Any, b: Any) -> bool:
    if not isinstance(a, list) or not isinstance(b, list):
        return False
    import json  # here: ``show`` compares no sets (issue 15)

    key = lambda item: json.dumps(item, sort_keys=True, default=str)  # noqa: E731
    return sorted(map(key, a)) == sorted(map(key, b))


class Lookup(Protocol):
    """Where the words for a change find the records its values name: a ``Dataset``."""

    def get(self, rid: RecordId) -> Record | None:
        """The record at ``rid``, or None (a unit deleted since, a record never loaded)."""
        ...


class _NoRecords:
    def get(self, rid: RecordId) -> Record | None:
        return None


NO_RECORDS: Lookup = _NoRecords()  # before the data is loaded: every slug shown as it is


def field_label(name: str, names: Lookup) -> str:
    """The label of a (dotted) field: ``Số hội nghị``, ``Kết quả nhiệm vụ II.1 …``.

    A field no table knows (from a newer dvtui, or a hand edit) is shown as its name.
    """
    key = FIELD.get(name)
    if key is not None:
        return t(key)
    head, _, slug = name.partition(".")
    if head == "narrative" and slug:
        return t("field.narrative_of", task=_shortened(record_name("tasks", slug, names), 50))
    return name


def record_name(kind: str, slug: str, names: Lookup) -> str:
    """How a person names the record ``kind/slug``: a unit's name, a task's code and title …"""
    record = names.get(RecordId(kind, (slug,))) if SLUG.fullmatch(slug) else None
    if isinstance(record, Unit | Period):
        return record.name
    if isinstance(record, Task):
        return f"{record.code} {record.title}"
    if isinstance(record, Plan):
        return t("record.plan_of_year", year=record.year)
    return slug


def value_text(field: str, value: Any, names: Lookup, *, limit: int = 60) -> str:
    """A value the way a person reads it: dates dd/mm/yyyy, labels of slugs, names of records."""
    if value is None or value == "" or value == []:
        return t("ui.empty_value")
    if isinstance(value, bool):
        return t("ui.yes") if value else t("ui.no")
    if isinstance(value, date):
        return format_date(value)
    leaf = field.rsplit(".", 1)[-1]
    kind = _refs().get(field)
    if isinstance(value, str):
        for table in _SLUG_TABLES.get(leaf, ()):
            if value in table:
                return label(table, value)
        if kind is not None:
            value = record_name(kind, value, names)
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return tn("ui.n_items", len(value))
        if kind is not None:
            value = [record_name(kind, v, names) if isinstance(v, str) else v for v in value]
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    return _shortened(" ".join(text.split()), limit)


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Fields whose value is a slug with a label, by the field's own name.
_SLUG_TABLES: dict[str, tuple[SlugTable, ...]] = {
    "status": (REPORT_STATUS, TASK_STATUS),
    "kind": (UNIT_KIND, MODEL_KIND, PERIOD_KIND),
    "sector": (SECTOR,),
}


@cache
def _refs() -> dict[str, str]:
    """Field name → the kind of record its value names (``lead_unit`` → ``units``)."""
    return {
        f.name: f.metadata["ref"]
        for cls in KINDS.values()
        for f in dataclasses.fields(cls)
        if "ref" in f.metadata
    }


def describe(change: Change, names: Lookup) -> str:
    """``Trạng thái: Chưa nộp → Đã nộp``; ``Đơn vị chủ trì: (trống) → UBND xã Quài Cang``."""
    label_ = field_label(change.field, names)
    new_items = change.new
    old_items = change.old if isinstance(change.old, list) else []
    if isinstance(new_items, list) and new_items and isinstance(new_items[0], dict):
        # Notes (their text) or attachments (their file name) added: say only what was added.
        added = [item for item in new_items if item not in old_items]
        if added and len(new_items) == len(old_items) + len(added):
            texts = "; ".join(
                value_text("", item.get("text") or item.get("name", ""), names) for item in added
            )
            return f"{label_}: + {texts}"
    old = value_text(change.field, change.old, names)
    new = value_text(change.field, change.new, names)
    return f"{label_}: {old} → {new}"
