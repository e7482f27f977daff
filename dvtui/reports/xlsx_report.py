"""The consolidated report as an .xlsx workbook (units × figures, tasks, totals), and any plain
table (the đôn đốc list) as a one-sheet workbook.

Cells hold numbers, dates and fractions formatted as percentages (not text) so that the office
can sort, filter and sum; the totals are written as values, the same numbers the .md and .docx
print. Every sheet prints as a reader expects: A4 landscape, fitted to the page width, the
title and the header row repeated on each page, rows tall enough for their wrapped text
(LibreOffice and Excel do not grow a row that has no height). Text from a record is inert:
control characters shown, never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from math import ceil
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from dvtui.core.labels import REPORT_STATUS, SECTOR, UNIT_KIND, figure_key
from dvtui.core.text import inert
from dvtui.i18n import Translator, t
from dvtui.reports.common import Progress, as_of_line, no_progress, save_atomic
from dvtui.reports.figures import REPORTED_FIGURES, ConsolidatedReport
from dvtui.reports.outline import models_table, subject, timeliness_text

FONT = "Times New Roman"
FONT_PT = 11
DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"  # 1.155 where the reader's locale is Vietnamese, 1,155 in English
LINE_PT = 15.0  # one line of 11 pt text
HEAD_ROW = 3  # rows 1-2: title and "Số liệu tính đến ngày …"; row 3: the column heads


class Percent(float):
    """A fraction (0.595) shown as a percentage (59,5%)."""


def write_report_xlsx(
    report: ConsolidatedReport, path: Path, tr: Translator, progress: Progress = no_progress
) -> None:
    """Write the workbook to ``path`` in ``tr``'s language: sheets of units, tasks, totals."""
    wb = Workbook()
    title = subject(report, tr)
    as_of = as_of_line(tr, report.as_of)
    progress(0, 4, t("xlsx.sheet.units"))
    _units_sheet(wb.active, report, tr, title, as_of)
    progress(1, 4, t("xlsx.sheet.tasks"))
    _tasks_sheet(wb.create_sheet(), report, tr, title, as_of)
    _models_sheet(wb.create_sheet(), report, tr, title, as_of)
    progress(2, 4, t("xlsx.sheet.totals"))
    _totals_sheet(wb.create_sheet(), report, tr, title, as_of)
    wb.properties.title = inert(title)
    wb.properties.creator = inert(report.plan.issuer)
    wb.properties.language = "vi-VN" if tr.lang == "vi" else tr.lang
    progress(3, 4, t("report.step.save"))
    save_atomic(wb, path)
    progress(4, 4, t("report.step.done"))


def write_table_xlsx(
    path: Path,
    sheet: str,
    title: str,
    as_of: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
) -> None:
    """One table as a one-sheet workbook, printed like the report's sheets."""
    wb = Workbook()
    ws = wb.active
    _sheet(ws, sheet, title, as_of, headers, widths)
    _rows(ws, [list(r) for r in rows], wrap=frozenset(range(1, len(headers) + 1)))
    _fit_rows(ws, widths)
    wb.properties.title = inert(title)
    save_atomic(wb, path)


def _cell(value: Any) -> Any:
    # Control characters are not allowed in the sheet's XML.
    return inert(value) if isinstance(value, str) else value


def _sheet(
    ws: Any,
    name: str,
    title: str,
    as_of: str,
    headers: Sequence[str],
    widths: Sequence[float],
    freeze_col: int = 1,
) -> None:
    ws.title = name[:31]
    last = get_column_letter(len(headers))
    ws.append([inert(title)])
    ws.append([inert(as_of)])
    ws.merge_cells(f"A1:{last}1")
    ws.merge_cells(f"A2:{last}2")
    ws["A1"].font = Font(name=FONT, size=13, bold=True)
    ws["A1"].alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws["A2"].font = Font(name=FONT, size=FONT_PT, italic=True)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.row_dimensions[1].height = 2 * 18.0
    ws.append(list(headers))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for cell in ws[HEAD_ROW]:
        cell.font = Font(name=FONT, size=FONT_PT, bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.freeze_panes = f"{get_column_letter(freeze_col + 1)}{HEAD_ROW + 1}"
    ws.auto_filter.ref = f"A{HEAD_ROW}:{last}{HEAD_ROW}"
    _print_setup(ws)


def _print_setup(ws: Any) -> None:
    """A4 landscape, every column on the page's width, the head rows on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{HEAD_ROW}:{HEAD_ROW}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _rows(ws: Any, rows: list[list[Any]], wrap: frozenset[int] = frozenset()) -> None:
    for row in rows:
        ws.append([_cell(v) for v in row])
        for i, cell in enumerate(ws[ws.max_row], start=1):
            cell.font = Font(name=FONT, size=FONT_PT)
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a unit's text is never run as a formula
            if isinstance(row[i - 1], Percent):
                cell.number_format = PERCENT_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, int) and not isinstance(cell.value, bool):
                cell.number_format = COUNT_FORMAT
            cell.alignment = Alignment(wrap_text=i in wrap, vertical="top")


def _fit_rows(ws: Any, widths: Sequence[float]) -> None:
    """Give every row from the head row on the height its wrapped text needs."""
    for r in range(HEAD_ROW, ws.max_row + 1):
        lines = 1
        for c, width in enumerate(widths, start=1):
            value = ws.cell(row=r, column=c).value
            if isinstance(value, str) and value:
                per_line = max(1.0, width * 1.1)  # characters of 11 pt Times in a column
                lines = max(
                    lines, sum(ceil(max(1, len(part)) / per_line) for part in value.split("\n"))
                )
        ws.row_dimensions[r].height = lines * LINE_PT + 3


def _units_sheet(
    ws: Any, report: ConsolidatedReport, tr: Translator, title: str, as_of: str
) -> None:
    headers = [
        tr.t("doc.col.no"),
        tr.t("col.unit"),
        tr.t("col.kind"),
        tr.t("col.status"),
        tr.t("col.submitted_on"),
        tr.t("col.timeliness"),
        tr.t("xlsx.col.days_late"),
        tr.t("field.document_number"),
        tr.t("xlsx.col.regulation"),
        tr.t("xlsx.col.models"),
        tr.t("xlsx.col.persons"),
        *[tr.t(figure_key(f)) for f in REPORTED_FIGURES],
    ]
    widths = [5, 28, 10, 11, 11, 13, 7, 11, 11, 9, 9, *[9] * len(REPORTED_FIGURES)]
    _sheet(ws, tr.t("xlsx.sheet.units"), title, as_of, headers, widths, freeze_col=2)
    rows: list[list[Any]] = []
    for i, row in enumerate(report.units, start=1):
        rep = row.report
        rows.append(
            [
                i,
                row.unit.name,
                tr.t(UNIT_KIND[row.unit.kind]),
                tr.t(REPORT_STATUS[rep.status]) if rep else "",
                rep.submitted_on if rep else None,
                timeliness_text(row, tr),
                row.days_late,
                (rep.document_number or "") if rep else "",
                row.regulation.signed_on if row.regulation else None,
                len(row.models),
                len(row.persons),
                *[getattr(row.figures, f) for f in REPORTED_FIGURES],
            ]
        )
    rows.append(
        [
            None,
            tr.t("xlsx.row.sum_counted", returned=report.returned),
            None,
            None,
            None,
            None,
            None,
            None,
            report.regulation.part,
            sum(len(r.models) for r in report.units),
            sum(len(r.persons) for r in report.units),
            *[report.total(f) for f in REPORTED_FIGURES],
        ]
    )
    _rows(ws, rows, wrap=frozenset({2, 3, 4, 6}))
    for cell in ws[ws.max_row]:
        cell.font = Font(name=FONT, size=FONT_PT, bold=True)
    _fit_rows(ws, widths)


def _tasks_sheet(
    ws: Any, report: ConsolidatedReport, tr: Translator, title: str, as_of: str
) -> None:
    headers = [
        tr.t("col.code"),
        tr.t("col.title"),
        tr.t("xlsx.col.task_state"),
        tr.t("col.due"),
        tr.t("xlsx.col.narratives"),
        tr.t("xlsx.col.results"),
    ]
    widths = [8, 45, 24, 12, 12, 90]
    _sheet(ws, tr.t("xlsx.sheet.tasks"), title, as_of, headers, widths)
    rows = [
        [
            s.task.code,
            s.task.title,
            tr.tn("xlsx.task.reported", len(s.reporting), counted=report.counted)
            if s.reporting
            else tr.t("xlsx.task.none"),
            s.task.due,
            len(s.reporting),
            "\n".join(f"{e.unit}: {' '.join(e.text.split())}" for e in s.entries),
        ]
        for s in report.tasks
    ]
    _rows(ws, rows, wrap=frozenset({2, 3, 6}))
    _fit_rows(ws, widths)


def _models_sheet(
    ws: Any, report: ConsolidatedReport, tr: Translator, title: str, as_of: str
) -> None:
    """The year's models and exemplary persons by name, unit and field (the same list as the
    report's II.7)."""
    table = models_table(report, tr)
    widths = [6, 50, 24, 34, 28]
    _sheet(ws, tr.t("xlsx.sheet.models"), title, as_of, table.headers, widths)
    rows: list[list[Any]] = [[int(r[0]), *r[1:]] for r in table.rows]
    _rows(ws, rows, wrap=frozenset({2, 3, 4, 5}))
    _fit_rows(ws, widths)


def _totals_sheet(
    ws: Any, report: ConsolidatedReport, tr: Translator, title: str, as_of: str
) -> None:
    headers = [tr.t("doc.col.figure"), tr.t("doc.col.total"), tr.t("xlsx.col.base")]
    widths = [60, 14, 40]
    _sheet(ws, tr.t("xlsx.sheet.totals"), title, as_of, headers, widths)
    source = tr.t("xlsx.base.reports", counted=report.counted)
    rows: list[list[Any]] = [
        [tr.t(figure_key(f.field)), f.value, tr.tn("xlsx.base.units", f.units)]
        for f in report.totals
    ]
    p, v, g = report.petitions, report.voter_recommendations, report.regulation
    rows += [
        [tr.t("xlsx.row.expected"), report.expected, None],
        [tr.t("xlsx.row.received"), report.received, None],
        [tr.t("xlsx.row.on_time"), report.on_time, None],
        [tr.t("xlsx.row.late"), report.late, None],
        [tr.t("xlsx.row.returned"), report.returned, tr.t("xlsx.base.not_summed")],
        [tr.t("xlsx.row.approved"), report.approved, None],
        [tr.t("xlsx.row.missing"), len(report.missing_units), None],
        [tr.t("xlsx.row.petitions_rate"), Percent(p.percent / 100), _of(tr, p.part, p.whole)],
        [tr.t("xlsx.row.voters_rate"), Percent(v.percent / 100), _of(tr, v.part, v.whole)],
        [tr.t("xlsx.row.regulation"), g.part, tr.tn("xlsx.base.assignees", g.whole)],
        [tr.t("xlsx.row.regulation_rate"), Percent(g.percent / 100), _of(tr, g.part, g.whole)],
        [tr.t("xlsx.row.regulation_target"), Percent((g.target or 0) / 100), None],
    ]
    for s in report.sectors:
        sector = tr.t(SECTOR[s.sector])
        rows.append([tr.t("xlsx.row.models", sector=sector), s.models, tr.t("xlsx.base.models")])
        rows.append([tr.t("xlsx.row.persons", sector=sector), s.persons, tr.t("xlsx.base.models")])
    rows.append([tr.t("xlsx.row.source"), None, source])
    _rows(ws, rows, wrap=frozenset({1, 3}))
    _fit_rows(ws, widths)


def _of(tr: Translator, part: int, whole: int) -> str:
    return tr.t("xlsx.base.of", part=part, whole=whole)
