"""Field-level differences between two versions of a record, and how to say them in words.

Works on plain TOML tables (not dataclasses), so that history can diff old versions
that no longer validate.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from dvtui.core.text import format_date
from dvtui.i18n import has, t


@dataclass(frozen=True)
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
    key = lambda item: json.dumps(item, sort_keys=True, default=str)  # noqa: E731
    return sorted(map(key, a)) == sorted(map(key, b))


def field_label(name: str) -> str:
    """The label of a (dotted) field name, or the name itself when the catalog has none."""
    key = f"field.{name}"
    return t(key) if has(key) else name


def value_text(field: str, value: Any, *, limit: int = 60) -> str:
    """A value the way a person reads it: dates dd/mm/yyyy, status labels, short text."""
    if value is None or value == "" or value == []:
        return t("ui.empty_value")
    if isinstance(value, bool):
        return t("ui.yes") if value else t("ui.no")
    if isinstance(value, date):
        return format_date(value)
    leaf = field.rsplit(".", 1)[-1]
    for key in (
        f"status.report.{value}",
        f"status.task.{value}",
        f"kind.unit.{value}",
        f"kind.model.{value}",
        f"sector.{value}",
    ):
        if leaf in ("status", "kind", "sector") and has(key):
            return t(key)
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
    if isinstance(change.new, list) and change.new and isinstance(change.new[0], dict):
        added = [item for item in change.new if item not in (change.old or [])]
        if added and len(change.new) == len(change.old or []) + len(added):
            texts = "; ".join(value_text("", item.get("text", "")) for item in added)
            return f"{field_label(change.field)}: + {texts}"
    old = value_text(change.field, change.old)
    new = value_text(change.field, change.new)
    return f"{field_label(change.field)}: {old} → {new}"
