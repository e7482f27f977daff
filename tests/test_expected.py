"""One rule of who must report (core.facts.expected_in), the same on every surface: the
dashboard, ``status``, the consolidated report, the đôn đốc list and its letter."""

from __future__ import annotations

import dataclasses
import io
from datetime import date
from pathlib import Path

from rich.console import Console

from dvtui.core.facts import expected_in, summarize_period, targets
from dvtui.core.ids import RecordId
from dvtui.core.records import Period, Unit
from dvtui.reports.figures import build_report
from dvtui.reports.followup import overdue_list
from dvtui.reports.letter import urging_letter
from dvtui.reports.listing import period_report_rows, unit_compliance_rows
from dvtui.reports.status import build_status
from dvtui.storage import Store
from dvtui.tui.widgets.dashboard import render_dashboard

AFTER_H1 = date(2023, 5, 25)
AFTER_YEAR = date(2023, 10, 20)
NEW = Unit(id=RecordId.parse("units/ubnd-xa-moi"), name="UBND xã Mới", kind="commune")


def dashboard_text(store: Store, today: date) -> str:
    data = store.data
    console = Console(width=140, record=True, file=io.StringIO())
    console.print(render_dashboard(data, data.plans()[0], store.settings, today, None))
    return console.export_text()


def period(store: Store, slug: str) -> Period:
    found = store.data.period(slug)
    assert found is not None
    return found


def test_a_unit_added_without_reports_is_expected_everywhere(store: Store) -> None:
    store.save(NEW, create=True)  # no report record made for it
    data = store.data
    h1 = period(store, "2023-h1")
    summary = summarize_period(data, h1, AFTER_H1, store.settings)
    assert summary.total == 35 and "ubnd-xa-moi" in summary.missing_units
    assert "0/35" in dashboard_text(store, AFTER_H1)
    status = build_status(data, store.settings, AFTER_H1, "2023-h1")[0]
    assert status.periods[0].summary.total == 35
    report = build_report(data, store.settings, "2023-h1", AFTER_H1)
    assert report.expected == 35 and "UBND xã Mới" in report.not_reported
    items = overdue_list(data, store.settings, AFTER_H1, "2023-h1")
    mine = [i for i in items if i.unit.id.name == "ubnd-xa-moi"]
    assert [i.state for i in mine] == ["overdue"]
    assert (
        "UBND xã Mới"
        in urging_letter(data, store.settings, items, AFTER_H1, date(2023, 6, 5)).units
    )
    _cols, rows = period_report_rows(data, store.settings, AFTER_H1, h1)
    assert "UBND xã Mới" in [r.cells[0] for r in rows]


def test_a_partner_is_never_expected(store: Store) -> None:
    partner = dataclasses.replace(NEW, id=RecordId.parse("units/hoi-moi"), kind="front")
    store.save(partner, create=True)
    h1 = period(store, "2023-h1")
    assert not expected_in(partner, h1)
    assert summarize_period(store.data, h1, AFTER_H1, store.settings).total == 34


def test_a_retired_unit_counts_in_the_periods_before_and_not_after(store: Store) -> None:
    ta_ma = store.data.unit("ubnd-xa-ta-ma")
    assert ta_ma is not None
    store.save(dataclasses.replace(ta_ma, retired_on=date(2023, 7, 1)))
    data = store.data
    h1, year = period(store, "2023-h1"), period(store, "2023-year")
    assert summarize_period(data, h1, AFTER_YEAR, store.settings).total == 34
    assert summarize_period(data, year, AFTER_YEAR, store.settings).total == 33
    # Its report record of the year stays (history), but is not expected any more.
    assert data.get(RecordId.parse("reports/2023-year/ubnd-xa-ta-ma")) is not None
    assert build_report(data, store.settings, "2023-year", AFTER_YEAR).expected == 33
    assert build_report(data, store.settings, "2023-h1", AFTER_YEAR).expected == 34
    late = {i.unit.id.name for i in overdue_list(data, store.settings, AFTER_YEAR, "2023-year")}
    assert "ubnd-xa-ta-ma" not in late and "ubnd-xa-quai-cang" in late
    # Expected in the plan's first period: still counted for the year's targets.
    plan = data.plans()[0]
    assert {tg.total for tg in targets(data, plan)} == {34}
    _cols, rows = unit_compliance_rows(data, store.settings, AFTER_YEAR, plan)
    row = next(r for r in rows if r.record.id == ta_ma.id)
    assert row.cells[2] == "—"  # the annual report: not expected


def test_a_unit_retired_before_the_plan_is_left_out_of_it(store: Store, repo_path: Path) -> None:
    ta_ma = store.data.unit("ubnd-xa-ta-ma")
    assert ta_ma is not None
    store.save(dataclasses.replace(ta_ma, retired_on=date(2022, 12, 31)))
    data = store.data
    plan = data.plans()[0]
    assert {tg.total for tg in targets(data, plan)} == {33}
    _cols, rows = unit_compliance_rows(data, store.settings, AFTER_H1, plan)
    last = [r for r in rows if r.record.id == ta_ma.id]
    assert last and last[0].cells[-1] == "ngừng hoạt động từ 31/12/2022"
    assert rows.index(last[0]) >= 33  # after every unit the plan counts
