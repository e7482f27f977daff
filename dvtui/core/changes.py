"""Field-level differences between two versions of a record, and how to say them in words.

Works on plain TOML tables (not dataclasses), so that history can diff old versions
that no longer validate.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from dvtui.core.records import (
    MODEL_FIELD_LABELS,
    MODEL_KIND_LABELS,
    REPORT_STATUS_LABELS,
    TASK_STATUS_LABELS,
    UNIT_KIND_LABELS,
)
from dvtui.core.text import format_date
from dvtui.i18n import has, t


@dataclass(frozen=True)
class Change:
    """One field's old and new value (``None`` = absent); ``field`` is dotted (``figures.x``)."""

    field: str
    old: object  # a TOML value: text, number, date, list or table
    new: object


def flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, object]:
    """Nested tables to dotted keys; lists stay whole values."""
    out: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict) and value:
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def diff(
    old: Mapping[str, object] | None,
    new: Mapping[str, object] | None,
    *,
    sets: Collection[str] = (),
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


def _same_members(a: object, b: object) -> bool:
    if not isinstance(a, list) or not isinstance(b, list):
        return False
    key = lambda item: json.dumps(item, sort_keys=True, default=str)  # noqa: E731
    return sorted(map(key, a)) == sorted(map(key, b))


# The labels of a slug by the field's name (a history diffs tables, not typed records; the
# slugs of report and task statuses, and of unit and model kinds, are all different).
_LABELS: dict[str, dict[str, str]] = {
    "status": REPORT_STATUS_LABELS | TASK_STATUS_LABELS,
    "kind": UNIT_KIND_LABELS | MODEL_KIND_LABELS,
    "sector": MODEL_FIELD_LABELS,
}


def field_label(name: str) -> str:
    """The label of a (dotted) field name, or the name itself when the catalog has none."""
    key = f"field.{name}"
    return t(key) if has(key) else name


def value_text(field: str, value: object, *, limit: int = 60) -> str:
    """A value the way a person reads it: dates dd/mm/yyyy, status labels, short text."""
    if value is None or value == "" or value == []:
        return t("ui.empty_value")
    if isinstance(value, bool):
        return t("ui.yes") if value else t("ui.no")
    if isinstance(value, date):
        return format_date(value)
    label = _LABELS.get(field.rsplit(".", 1)[-1], {}).get(value) if isinstance(value, str) else None
    if label is not None:
        return t(label)
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return t("ui.n_items", n=len(value))
        text = ", ".join(str(v) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(change: Change) -> str:
    """``Trạng thái: Chưa nộp → Đã nộp``."""
    new_items = change.new
    old_items = change.old if isinstance(change.old, list) else []
    if isinstance(new_items, list) and new_items and isinstance(new_items[0], dict):
        # Notes added to the end of a list: say only what was added.
        added = [item for item in new_items if item not in old_items]
        if added and len(new_items) == len(old_items) + len(added):
            texts = "; ".join(value_text("", item.get("text", "")) for item in added)
            return f"{field_label(change.field)}: + {texts}"
    old = value_text(change.field, change.old)
    new = value_text(change.field, change.new)
    return f"{field_label(change.field)}: {old} → {new}"
