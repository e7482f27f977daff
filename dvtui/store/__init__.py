"""Storage: canonical TOML files, the git repository, history. Knows nothing of the UI."""

from dvtui.store.store import HistoryEntry, SaveResult, Store

__all__ = ["HistoryEntry", "SaveResult", "Store"]
