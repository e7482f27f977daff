"""The Excel form a unit fills instead of typing a report: written here and read back here.

A workbook of three sheets:

- ``Số liệu``: the unit, period and deadline at the top, then one row per figure — its
  Vietnamese label and, to its right, the cell to fill (whole numbers ≥ 0, checked by the
  spreadsheet's data validation) — and the report's document number;
- ``Nhiệm vụ``: one row per task of the plan, with a cell for the unit's results;
- ``dvtui`` (hidden): what the form is for (data repo, plan, period, unit) and which cell
  holds which field, so that a form is read back by its map, never by guessing positions.

Every sheet is protected; only the input cells are unlocked. Text from a record is written
as inert text (never a formula). openpyxl is imported by this module only (lazily by callers).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dvtui.core.attachments import size_text
from dvtui.core.problems import DataError
from dvtui.core.text import format_date, inert
from dvtui.i18n import N_, t
from dvtui.storage.files import atomic_write

__all__ = ["FORM_MARK", "FilledForm", "FormSpec", "FormTask", "read_form", "write_form"]

FORM_MARK = "dvtui-form"
FORM_VERSION = 1
MAP_SHEET = "dvtui"
FONT = "Times New Roman"
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill, light yellow
THIN = Side(style="thin", color="999999")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DOCUMENT_FIELD = "document_number"
CELL = re.compile(r"[A-Z]{1,3}[1-9][0-9]{0,6}")
# What a form may unpack to: dvtui writes ~40 KB, Calc's own styles add ~100 KB; a bomb of a
# few KB could unpack to gigabytes, and openpyxl builds every cell of every sheet in memory.
MAX_UNPACKED = 4 << 20
MAX_PARTS = 500


@dataclass(frozen=True)
class FormTask:
    """One task row: its slug (the narrative's key), code, title, and what is filled in."""

    slug: str
    code: str
    title: str
    text: str = ""


@dataclass(frozen=True)
class FormSpec:
    """Everything a form shows and the identity it carries (all text already Vietnamese)."""

    repo: str  # the data repo's first commit: the same in every clone
    plan: str
    period: str
    unit: str
    unit_name: str
    period_name: str
    due: date
    title: str  # "Kế hoạch … năm 2023"
    figures: tuple[tuple[str, str, int | None], ...]  # (field, label, value filled in)
    tasks: tuple[FormTask, ...]
    send_to: str = ""  # who the unit sends it back to (reports.common.coordinator)
    document_number: str = ""


@dataclass(frozen=True)
class FilledForm:
    """What a filled form holds: its identity and each mapped cell's value and address."""

    path: Path
    repo: str
    plan: str
    period: str
    unit: str
    cells: tuple[tuple[str, str, str, Any], ...]  # (field, sheet, cell, value as read)


def _title_cell(ws: Worksheet, ref: str, text: str, *, bold: bool = True, size: int = 12) -> None:
    cell = ws[ref]
    cell.value = inert(text)
    cell.data_type = "s"
    cell.font = Font(name=FONT, bold=bold, size=size)
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _label(ws: Worksheet, row: int, column: int, text: str, *, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=column, value=inert(text))
    cell.data_type = "s"  # a record's text is never run as a formula
    cell.font = Font(name=FONT, size=11, bold=bold)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.border = BOX


def _input(ws: Worksheet, row: int, column: int, value: Any) -> str:
    cell = ws.cell(row=row, column=column, value=inert(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        cell.data_type = "s"
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL
    cell.border = BOX
    cell.font = Font(name=FONT, size=11)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    return str(cell.coordinate)


def _heading(ws: Worksheet, spec: FormSpec, columns: str) -> None:
    first, last = columns[0], columns[-1]
    lines = (
        (t("form.head.unit", unit=spec.unit_name), True, 13),
        (t("form.head.period", period=spec.period_name, due=format_date(spec.due)), True, 12),
        (spec.title, False, 11),
        (t("form.head.how", office=spec.send_to), False, 10),
    )
    for row, (text, bold, size) in enumerate(lines, start=1):
        ws.merge_cells(f"{first}{row}:{last}{row}")
        _title_cell(ws, f"{first}{row}", text, bold=bold, size=size)
    ws.row_dimensions[3].height = 30
    ws.row_dimensions[4].height = 30


def _protect(ws: Worksheet) -> None:
    # Labels cannot be changed, rows cannot be moved: the map of cells stays true.
    ws.protection.sheet = True
    ws.protection.formatCells = False
    ws.protection.formatColumns = False  # a unit may widen a column to read its text


def write_form(spec: FormSpec, path: Path) -> None:
    """Write the form of one unit's report to ``path`` (atomically)."""
    wb = Workbook()
    mapping: list[tuple[str, str, str]] = []  # (field, sheet, cell)

    figures = wb.active
    assert isinstance(figures, Worksheet)  # a new workbook's one sheet
    figures.title = t("form.sheet.figures")
    _heading(figures, spec, "ABC")
    figures.column_dimensions["A"].width = 6
    figures.column_dimensions["B"].width = 60
    figures.column_dimensions["C"].width = 18
    head = 6
    for column, key in enumerate(
        (N_("form.col.no"), N_("form.col.figure"), N_("form.col.value")), start=1
    ):
        _label(figures, head, column, t(key), bold=True)
    whole = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("form.invalid.title"),
        error=t("form.invalid.whole"),
        showInputMessage=True,
        promptTitle=t("form.prompt.title"),
        prompt=t("form.prompt.whole"),
    )
    figures.add_data_validation(whole)
    row = head
    for n, (name, label, value) in enumerate(spec.figures, start=1):
        row = head + n
        _label(figures, row, 1, str(n))
        _label(figures, row, 2, label)
        ref = _input(figures, row, 3, value)
        whole.add(ref)
        mapping.append((f"figures.{name}", figures.title, ref))
    row += 2
    _label(figures, row, 2, t("form.document_number"), bold=True)
    mapping.append((DOCUMENT_FIELD, figures.title, _input(figures, row, 3, spec.document_number)))
    _protect(figures)

    tasks = wb.create_sheet(t("form.sheet.tasks"))
    _heading(tasks, spec, "ABC")
    tasks.column_dimensions["A"].width = 9
    tasks.column_dimensions["B"].width = 45
    tasks.column_dimensions["C"].width = 70
    for column, key in enumerate(
        (N_("form.col.code"), N_("form.col.task"), N_("form.col.results")), start=1
    ):
        _label(tasks, head, column, t(key), bold=True)
    for n, task in enumerate(spec.tasks, start=1):
        row = head + n
        _label(tasks, row, 1, task.code)
        _label(tasks, row, 2, task.title)
        mapping.append((f"narrative.{task.slug}", tasks.title, _input(tasks, row, 3, task.text)))
        tasks.row_dimensions[row].height = 90
    _protect(tasks)

    hidden = wb.create_sheet(MAP_SHEET)
    rows: list[tuple[Any, ...]] = [
        (FORM_MARK, FORM_VERSION),
        ("repo", spec.repo),
        ("plan", spec.plan),
        ("period", spec.period),
        ("unit", spec.unit),
        *(("field", name, sheet, ref) for name, sheet, ref in mapping),
    ]
    for values in rows:
        hidden.append([inert(v) if isinstance(v, str) else v for v in values])
    hidden.sheet_state = "hidden"
    _protect(hidden)
    wb.security = WorkbookProtection(lockStructure=True)  # the map sheet stays hidden
    wb.properties.title = inert(f"{spec.unit_name} · {spec.period_name}")
    wb.properties.creator = "dvtui"
    buffer = BytesIO()
    wb.save(buffer)
    atomic_write(path, buffer.getvalue())  # never a half-written form


def read_form(path: Path, data: bytes) -> FilledForm:
    """Read a filled form back: its identity and the values of its mapped cells.

    ``data`` is the file's content (``path`` names it in messages). DataError (naming the
    file) when it is not an .xlsx dvtui wrote. Values are returned as
    the spreadsheet holds them (numbers, text, dates); their meaning is checked by the caller.
    """
    _check_unpacked(path, data)
    try:
        wb = load_workbook(BytesIO(data), data_only=True)  # a formula: the value it shows
    except Exception as exc:  # a file from outside: whatever openpyxl or its XML parser raise
        raise DataError("err.form.unreadable", file=str(path), detail=str(exc)[:200]) from None
    if MAP_SHEET not in wb.sheetnames:
        raise DataError("err.form.not_form", file=str(path))
    rows = [tuple(c for c in row) for row in wb[MAP_SHEET].iter_rows(values_only=True) if any(row)]
    if not rows or rows[0][:1] != (FORM_MARK,):
        raise DataError("err.form.not_form", file=str(path))
    if rows[0][1:2] != (FORM_VERSION,):
        version = rows[0][1] if len(rows[0]) > 1 else ""
        raise DataError("err.form.version", file=str(path), version=str(version))
    ident = {str(r[0]): str(r[1] or "") for r in rows[1:] if r[0] != "field" and len(r) > 1}
    cells = []
    for r in rows[1:]:
        if r[0] != "field":
            continue
        name, sheet, ref = (str(v) for v in (*r[1:4], "", "", "")[:3])
        if sheet not in wb.sheetnames:
            raise DataError("err.form.sheet_missing", file=str(path), sheet=sheet)
        if not CELL.fullmatch(ref):  # a map edited by hand: never read a range or a name
            raise DataError("err.form.not_form", file=str(path))
        try:
            value = wb[sheet][ref].value
        except ValueError:  # a cell beyond the sheet's last row or column
            raise DataError("err.form.not_form", file=str(path)) from None
        cells.append((name, sheet, ref, value))
    return FilledForm(
        path=path,
        repo=ident.get("repo", ""),
        plan=ident.get("plan", ""),
        period=ident.get("period", ""),
        unit=ident.get("unit", ""),
        cells=tuple(cells),
    )


def _check_unpacked(path: Path, data: bytes) -> None:
    """Refuse a workbook that would unpack to more than a form ever holds, before openpyxl
    unpacks anything: the sizes in the zip's directory bound what :mod:`zipfile` inflates."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataError("err.form.unreadable", file=str(path), detail=str(exc)[:200]) from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED or len(parts) > MAX_PARTS:
        raise DataError(
            "err.form.unpacked",
            file=str(path),
            size=size_text(unpacked),
            limit=size_text(MAX_UNPACKED),
        )
