"""The consolidated report as an .xlsx workbook: units × figures, tasks, and the totals.

Cells hold numbers and dates (not text) so that the office can sort, filter and sum;
the totals are written as values, the same numbers the .md and .docx print.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dvtui.core.text import inert
from dvtui.i18n import t
from dvtui.reports.common import Progress, no_progress, save_atomic
from dvtui.reports.figures import FIGURE_FIELDS, ConsolidatedReport
from dvtui.reports.outline import timeliness_text

FONT = "Times New Roman"
DATE_FORMAT = "DD/MM/YYYY"


def write_report_xlsx(
    report: ConsolidatedReport, path: Path, progress: Progress = no_progress
) -> None:
    """Write the workbook to ``path``: sheets of units, tasks and totals."""
    wb = Workbook()
    progress(0, 4, t("xlsx.sheet.units"))
    _units_sheet(wb.active, report)
    progress(1, 4, t("xlsx.sheet.tasks"))
    _tasks_sheet(wb.create_sheet(), report)
    progress(2, 4, t("xlsx.sheet.totals"))
    _totals_sheet(wb.create_sheet(), report)
    wb.properties.title = report.subject
    wb.properties.creator = report.plan.issuer
    progress(3, 4, t("report.step.save"))
    save_atomic(wb, path)
    progress(4, 4, t("report.step.done"))


def _cell(value: Any) -> Any:
    # Control characters are not allowed in the sheet's XML.
    return inert(value) if isinstance(value, str) else value


def _sheet(
    ws: Any, title: str, headers: Sequence[str], widths: Sequence[float], freeze: str = "A2"
) -> None:
    ws.title = title[:31]
    ws.append(list(headers))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for cell in ws[1]:
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.freeze_panes = freeze
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}1"


def _rows(ws: Any, rows: list[list[Any]], wrap: frozenset[int] = frozenset()) -> None:
    for row in rows:
        ws.append([_cell(v) for v in row])
        for i, cell in enumerate(ws[ws.max_row], start=1):
            cell.font = Font(name=FONT)
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a unit's text is never run as a formula
            if hasattr(cell.value, "year"):
                cell.number_format = DATE_FORMAT
            if i in wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _units_sheet(ws: Any, report: ConsolidatedReport) -> None:
    headers = [
        t("doc.col.no"),
        t("col.unit"),
        t("col.kind"),
        t("col.status"),
        t("col.submitted_on"),
        t("col.timeliness"),
        t("xlsx.col.days_late"),
        t("field.document_number"),
        t("xlsx.col.regulation"),
        t("doc.col.models"),
        t("doc.col.persons"),
        *[t(f"field.figures.{f}") for f in FIGURE_FIELDS],
    ]
    widths = [6, 42, 16, 16, 12, 18, 10, 16, 12, 10, 10, *[14] * len(FIGURE_FIELDS)]
    _sheet(ws, t("xlsx.sheet.units"), headers, widths, freeze="C2")
    rows: list[list[Any]] = []
    for i, row in enumerate(report.units, start=1):
        rep = row.report
        rows.append(
            [
                i,
                row.unit.name,
                t(f"kind.unit.{row.unit.kind}"),
                t(f"status.report.{rep.status}") if rep else "",
                rep.submitted_on if rep else None,
                timeliness_text(row),
                row.days_late,
                (rep.document_number or "") if rep else "",
                t("ui.yes") if row.has_regulation else t("ui.no"),
                row.models,
                row.persons,
                *[getattr(row.figures, f) for f in FIGURE_FIELDS],
            ]
        )
    rows.append(
        [
            None,
            t("doc.col.sum"),
            None,
            None,
            None,
            None,
            None,
            None,
            report.regulation.part,
            sum(r.models for r in report.units),
            sum(r.persons for r in report.units),
            *[report.total(f) for f in FIGURE_FIELDS],
        ]
    )
    _rows(ws, rows)
    for cell in ws[ws.max_row]:
        cell.font = Font(name=FONT, bold=True)


def _tasks_sheet(ws: Any, report: ConsolidatedReport) -> None:
    headers = [
        t("col.code"),
        t("col.title"),
        t("col.status"),
        t("col.due"),
        t("xlsx.col.narratives"),
        t("xlsx.col.results"),
    ]
    _sheet(ws, t("xlsx.sheet.tasks"), headers, [9, 60, 16, 12, 14, 100])
    rows = [
        [
            s.task.code,
            s.task.title,
            t(f"status.task.{s.task.status}"),
            s.task.due,
            len(s.entries),
            "\n".join(f"{e.unit}: {e.text}" for e in s.entries),
        ]
        for s in report.tasks
    ]
    _rows(ws, rows, wrap=frozenset({2, 6}))


def _totals_sheet(ws: Any, report: ConsolidatedReport) -> None:
    headers = [t("doc.col.figure"), t("doc.col.total"), t("doc.col.units")]
    _sheet(ws, t("xlsx.sheet.totals"), headers, [60, 14, 16])
    rows: list[list[Any]] = [[f.label, f.value, f.units] for f in report.totals]
    rows += [
        [t("xlsx.row.expected"), report.expected, None],
        [t("xlsx.row.received"), report.received, None],
        [t("xlsx.row.on_time"), report.on_time, None],
        [t("xlsx.row.late"), report.late, None],
        [t("xlsx.row.missing"), len(report.not_reported), None],
        [t("xlsx.row.petitions_rate"), round(report.petitions.percent, 1), None],
        [t("xlsx.row.regulation"), report.regulation.part, report.regulation.whole],
        [t("xlsx.row.regulation_rate"), round(report.regulation.percent, 1), None],
        [t("xlsx.row.regulation_target"), report.regulation.target, None],
    ]
    for s in report.sectors:
        rows.append([t("xlsx.row.models", sector=t(f"sector.{s.sector}")), s.models, None])
        rows.append([t("xlsx.row.persons", sector=t(f"sector.{s.sector}")), s.persons, None])
    _rows(ws, rows, wrap=frozenset({1}))
