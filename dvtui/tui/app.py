"""Placeholder until the UI lands: a plain summary."""

from __future__ import annotations

from datetime import date
from typing import Any


def run_app(store: Any, *, today: date) -> int:
    data = store.load()
    print(f"{len(data)} records, {len(data.problems)} problems")
    return 0
