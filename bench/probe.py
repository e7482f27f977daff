"""One measurement in a fresh process: ``python bench/probe.py WHAT REPO [ARGS]``.

Each probe prints one JSON object on stdout: ``seconds`` (the timed part) plus what else it
saw. The runner starts a new process per run, so nothing warm is carried between runs and
the child's peak memory (``ru_maxrss``) belongs to that one operation.

- ``load REPO [--cold] [--paged-out]``: ``Store(REPO).load()`` (``--cold``: the load cache is
  removed first; ``--paged-out``: the repo's records and git objects are dropped from the
  system's file cache first, as after a reboot — ``posix_fadvise``, this repo's files only).
- ``history REPO ID [LIMIT]``: ``store.history(ID, limit=LIMIT)`` on an opened store.
- ``tui REPO``: DvtuiApp under ``run_test``, started as ``dvtui`` starts it (the first load
  begun before Textual is imported), until the dashboard is painted with data;
  ``seconds`` is measured from the process start (interpreter and imports included).
- ``filter REPO``: in the running app, keystrokes in the filter box of its largest list, and
  in a RecordTable holding every record of the repo; seconds per keystroke.
- ``sync REPO``: ``dvtui.services.sync.sync(store)`` (the runner prepares both sides).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()  # as close to the process start as Python allows
TODAY = date(2025, 11, 20)


def _emit(**values: Any) -> None:
    print(json.dumps(values))


def probe_load(repo: Path, cold: bool, paged_out: bool = False) -> None:
    from dvtui.storage import Store

    if cold:
        _remove_cache(repo)
    if paged_out:
        _page_out(repo / "records", repo / ".git" / "objects")
    t0 = time.perf_counter()
    store = Store(repo)
    data = store.load()
    seconds = time.perf_counter() - t0
    _emit(seconds=seconds, records=len(data), problems=len(data.problems))


def _page_out(*folders: Path) -> None:
    """Drop these files' pages from the system's file cache (clean pages: nothing is lost)."""
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)


def _remove_cache(repo: Path) -> None:
    try:
        from dvtui.storage.loadcache import cache_file
    except ImportError:  # no load cache in this version: every load is cold
        return
    cache_file(repo).unlink(missing_ok=True)


def probe_history(repo: Path, rid_text: str, limit: int | None) -> None:
    from dvtui.core.ids import RecordId
    from dvtui.storage import Store

    store = Store(repo)
    rid = RecordId.parse(rid_text)
    t0 = time.perf_counter()
    entries = store.history(rid, limit=limit)
    seconds = time.perf_counter() - t0
    _emit(seconds=seconds, entries=len(entries))


def probe_sync(repo: Path) -> None:
    from dvtui.services.sync import sync
    from dvtui.storage import Store

    store = Store(repo)
    t0 = time.perf_counter()
    result = sync(store)
    seconds = time.perf_counter() - t0
    _emit(seconds=seconds, outcome=result.outcome)


class _Paints:
    """When the app hands a rendered screen to its (headless) terminal: a paint.

    Timing stops at the paint itself, not when Pilot notices that the app went idle (it
    samples CPU time for tens of milliseconds before it says so).
    """

    def __init__(self, app: Any) -> None:
        self.times: list[float] = []
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:
            self.times.append(time.perf_counter())
            display(screen, renderable)

        app._display = spy

    def first_after(self, moment: float) -> float | None:
        return next((t for t in self.times if t >= moment), None)


class _Marks:
    """When each RecordTable last finished updating its rows (a filter or a reload)."""

    def __init__(self) -> None:
        from dvtui.tui.widgets.record_table import RecordTable

        self.done = 0.0
        apply = RecordTable._apply_filter

        def spy(table: Any, *args: Any, **kw: Any) -> None:
            apply(table, *args, **kw)
            self.done = time.perf_counter()

        RecordTable._apply_filter = spy  # type: ignore[method-assign]


async def _tui(repo: Path, filter_too: bool) -> dict[str, Any]:
    from dvtui.storage import Store
    from dvtui.tui.start import begin

    store = Store(repo)
    first = begin(store)  # as ``dvtui`` starts: the records read while Textual is imported
    from dvtui.tui.app import DvtuiApp
    from dvtui.tui.widgets.dashboard import Dashboard

    marks = _Marks()
    shown: list[float] = []
    show = Dashboard.show

    def spy_show(widget: Any, content: Any) -> None:
        show(widget, content)
        if widget.app.data is not None:  # the dashboard with the records, not a placeholder
            shown.append(time.perf_counter())

    Dashboard.show = spy_show  # type: ignore[method-assign]
    app = DvtuiApp(store, today=TODAY, watch=False, first=first)
    paints = _Paints(app)
    out: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        # The load runs in a worker; the dashboard is painted once its data arrived.
        deadline = time.perf_counter() + 300
        while not shown:
            if time.perf_counter() > deadline:
                raise SystemExit("the dashboard never showed the records")
            await asyncio.sleep(0.002)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        painted = paints.first_after(shown[0]) or time.perf_counter()
        out["seconds"] = painted - STARTED
        # The runner subtracts the moment it spawned us (interpreter start included).
        out["painted_at"] = time.time() - (time.perf_counter() - painted)
        out["records"] = len(app.data) if app.data is not None else 0
        if filter_too:
            out.update(await _filter_in_app(app, pilot, paints, marks))
    return out


def _matching_query(rows: list[Any]) -> str:
    """A query narrowing the list one letter at a time, like a person typing a name."""
    return "ubnd xa" if any("ubnd" in r.haystack for r in rows) else "a"


async def _type(
    pilot: Any, table: Any, query: str, paints: _Paints, marks: _Marks | None
) -> list[float]:
    """Seconds from each key press to the first paint after the list was updated.

    Without ``marks`` (a filter box that filters nothing): to the first paint after the key.
    """
    from textual.widgets import Input

    table.query_one(Input).focus()
    await pilot.pause()
    times = []
    keys = [" " if ch == " " else ch for ch in query] + ["backspace"] * len(query)
    for key in keys:  # typed, then deleted: each deletion widens the list again
        t0 = time.perf_counter()
        await pilot.press("space" if key == " " else key)
        await pilot.pause()
        ready = max(t0, marks.done) if marks is not None else t0
        painted = paints.first_after(ready)
        times.append((painted if painted is not None else time.perf_counter()) - t0)
    return times


async def _tab(app: Any, tab: str) -> None:
    """Show a tab as its key does (a tab shown for the first time is filled first)."""
    filling = app.screen.action_tab(tab)
    if filling is not None:
        await filling


async def _filter_in_app(app: Any, pilot: Any, paints: _Paints, marks: _Marks) -> dict[str, Any]:
    from dvtui.tui.widgets.record_table import RecordTable

    # The app's largest list: every tab's table is visited so each is built.
    best: Any = None
    best_rows = -1
    for tab in ("tasks", "units", "reports", "models"):
        await _tab(app, tab)
        await pilot.pause()
        for table in app.screen.query(RecordTable):
            n = len(table._rows)
            if n > best_rows and table.display:
                best, best_rows = table, n
    tab_of = {
        "tasks-table": "tasks",
        "units-table": "units",
        "reports-table": "reports",
        "models-table": "models",
    }
    await _tab(app, tab_of.get(best.id, "reports"))
    await pilot.pause()
    query = _matching_query(best._rows)
    times = await _type(pilot, best, query, paints, marks)
    return {"app_list_rows": best_rows, "app_list": best.id, "app_keystrokes": times}


async def _all_records_table(repo: Path) -> dict[str, Any]:
    """A RecordTable over every record of the repo: the largest list anyone could have."""
    from textual.app import App, ComposeResult

    from dvtui.core.records import KINDS
    from dvtui.reports.listing import list_rows
    from dvtui.storage import Store
    from dvtui.tui.widgets.record_table import RecordTable

    store = Store(repo)
    data = store.load()

    def provider() -> tuple[list[str], list[Any]]:
        rows: list[Any] = []
        for kind in KINDS:
            if kind in ("summaries", "reviews"):
                continue
            _columns, kind_rows = list_rows(data, store.settings, kind, today=TODAY)
            rows += kind_rows
        return ["a", "b", "c", "d", "e"], rows

    from textual.containers import Vertical
    from textual.widgets import Input

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield RecordTable(provider, id="all")
            with Vertical(id="idle"):  # a filter box that filters nothing: Pilot's own cost
                yield Input()

    app = Bench()
    marks = _Marks()
    paints = _Paints(app)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.query_one(RecordTable)
        t0 = time.perf_counter()
        table.reload()
        await pilot.pause()
        reload_seconds = time.perf_counter() - t0
        query = _matching_query(table._rows)
        baseline = await _type(pilot, app.query_one("#idle"), query, paints, None)
        times = await _type(pilot, table, query, paints, marks)
    return {
        "all_rows": len(table._rows),
        "all_keystrokes": times,
        "pilot_baseline": baseline,
        "reload": reload_seconds,
    }


def main(argv: list[str]) -> None:
    what, repo = argv[0], Path(argv[1])
    os.environ.setdefault("DVTUI_LANG", "vi")
    if what == "load":
        probe_load(repo, cold="--cold" in argv, paged_out="--paged-out" in argv)
    elif what == "history":
        probe_history(repo, argv[2], int(argv[3]) if len(argv) > 3 else None)
    elif what == "sync":
        probe_sync(repo)
    elif what == "tui":
        _emit(**asyncio.run(_tui(repo, filter_too=False)))
    elif what == "filter":
        result = asyncio.run(_tui(repo, filter_too=True))
        result.update(asyncio.run(_all_records_table(repo)))
        _emit(**result)
    else:
        raise SystemExit(f"unknown probe {what}")


if __name__ == "__main__":
    main(sys.argv[1:])
