"""Storage: record files on disk, the save journal and lock, the load cache, and the Store.

May import ``dvtui.git`` and ``dvtui.core``; never the services, reports, CLI or UI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dvtui.storage.store import HistoryEntry, SaveResult, Store

__all__ = ["HistoryEntry", "SaveResult", "Store"]


def __getattr__(name: str) -> Any:
    """Load the Store on first use: git starts the merge driver (``dvtui.storage.merge_driver``)
    once per merged file, and it needs none of the Store's imports."""
    if name in __all__:
        from dvtui.storage import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
