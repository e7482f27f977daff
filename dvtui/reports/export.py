"""Writing a document to a file, one way for the CLI and the UI: the consolidated report (.md,
.docx, .xlsx, .pdf), the urging letter (.docx, .pdf) and the đôn đốc list (.csv, .xlsx).

The format is the one asked for, else the file's extension; any other extension is refused
before anything is written. A PDF is the .docx (or .xlsx) printed by LibreOffice: refused
with one line naming what to install when LibreOffice is not there. Official documents (the
.docx report, the letter, and their PDF) are Vietnamese whatever the user's language; the
.md, .xlsx, .csv and what is shown are in the user's language. Every file is written whole
or not at all.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from dvtui.core.problems import DataError
from dvtui.core.text import format_date, inert
from dvtui.i18n import N_, Translator, t
from dvtui.reports.common import Progress, as_of_line, no_progress
from dvtui.reports.figures import ConsolidatedReport
from dvtui.reports.followup import OverdueItem, contact_text, owes_text, state_text
from dvtui.reports.letter import UrgingLetter
from dvtui.storage.files import atomic_write

REPORT_FORMATS = ("md", "docx", "xlsx", "pdf")
LETTER_FORMATS = ("docx", "pdf")
LIST_FORMATS = ("csv", "xlsx")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+([.,]\d+)?")


def format_of(path: Path | None, given: str | None, allowed: Sequence[str]) -> str:
    """The format asked for, else the extension of ``path``; DataError for any other."""
    if given:
        fmt = given
    elif path is not None:
        fmt = path.suffix.lower().lstrip(".")
    else:
        return allowed[0]
    if fmt not in allowed:
        raise DataError("err.output_ext", ext=fmt or "—", allowed=", ".join(allowed))
    return fmt


PDF_PACKAGES = "libreoffice-writer libreoffice-calc"  # what to install for -o FILE.pdf


def require_pdf() -> None:
    """Refuse (one line naming the packages) when LibreOffice is not installed."""
    from dvtui.programs import soffice

    if soffice() is None:
        raise DataError("err.pdf.no_soffice", packages=PDF_PACKAGES)


def write_report(
    report: ConsolidatedReport,
    path: Path,
    fmt: str,
    tr: Translator,
    progress: Progress = no_progress,
) -> None:
    """The report as ``fmt`` at ``path``; ``tr`` is the user's language (.md and .xlsx)."""
    if fmt == "md":
        from dvtui.reports.markdown import render_markdown

        atomic_write(path, render_markdown(report, tr, progress).encode("utf-8"))
    elif fmt == "docx":
        from dvtui.reports.docx_report import write_report_docx

        write_report_docx(report, path, progress)
    elif fmt == "xlsx":
        from dvtui.reports.xlsx_report import write_report_xlsx

        write_report_xlsx(report, path, tr, progress)
    elif fmt == "pdf":
        from dvtui.reports.docx_report import write_report_docx

        _as_pdf(lambda docx: write_report_docx(report, docx, progress), path, progress)
    else:
        raise DataError("err.output_ext", ext=fmt, allowed=", ".join(REPORT_FORMATS))


def write_letter(
    letter: UrgingLetter, path: Path, fmt: str, progress: Progress = no_progress
) -> None:
    """The urging letter as .docx or .pdf at ``path`` (Vietnamese)."""
    from dvtui.reports.letter import write_letter_docx

    if fmt == "docx":
        write_letter_docx(letter, path, progress)
    elif fmt == "pdf":
        _as_pdf(lambda docx: write_letter_docx(letter, docx, progress), path, progress)
    else:
        raise DataError("err.output_ext", ext=fmt, allowed=", ".join(LETTER_FORMATS))


def _as_pdf(write_docx: Callable[[Path], None], path: Path, progress: Progress) -> None:
    from dvtui.programs import convert_to_pdf

    require_pdf()
    with tempfile.TemporaryDirectory(prefix="dvtui-pdf-") as tmp:
        source = (Path(tmp) / (path.stem or "document")).with_suffix(".docx")
        write_docx(source)
        progress(0, 0, t("report.step.pdf"))  # seconds of LibreOffice: say so, not "100%"
        done = convert_to_pdf(source, Path(tmp))
        if done.reason == "missing":
            raise DataError("err.pdf.no_soffice", packages=PDF_PACKAGES)
        if not done.ok or done.output is None:
            raise DataError("err.pdf.failed", detail=inert(done.detail or done.reason))
        atomic_write(path, done.output.read_bytes())


# --- the đôn đốc list ------------------------------------------------------------------------

LIST_HEADERS = (
    N_("col.period"),
    N_("col.unit"),
    N_("cli.overdue.col.state"),
    N_("cli.overdue.col.days"),
    N_("doc.col.owes"),
    N_("cli.overdue.col.contact"),
)
LIST_WIDTHS = (26, 34, 26, 10, 50, 34)


def overdue_table(
    items: Sequence[OverdueItem], tr: Translator
) -> tuple[list[str], list[list[str]]]:
    """The đôn đốc list's heads and rows, as the table, the .csv and the .xlsx show them."""
    rows = [
        [
            i.period.name,
            i.unit.name,
            state_text(i, tr),
            str(i.days),
            owes_text(i, tr),
            contact_text(i.contact),
        ]
        for i in items
    ]
    return [tr.t(h) for h in LIST_HEADERS], rows


def neutral(cell: str) -> str:
    """A cell no spreadsheet evaluates (OWASP, CSV injection): text starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a CR gets a leading ``'``; a plain number stays a number."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def overdue_csv(items: Sequence[OverdueItem], tr: Translator, line_end: str = "\r\n") -> bytes:
    """The list as CSV that LibreOffice's and Excel's default import read right: UTF-8 with a
    BOM, commas, every field quoted, CRLF line ends (``\n`` for a terminal); inert and
    formula-safe cells."""
    headers, rows = overdue_table(items, tr)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator=line_end)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([neutral(inert(c)) for c in row])
    return buffer.getvalue().encode("utf-8-sig")


def write_overdue(
    items: Sequence[OverdueItem], path: Path, fmt: str, tr: Translator, as_of: date
) -> None:
    """The list as .csv or .xlsx at ``path``."""
    if fmt == "csv":
        atomic_write(path, overdue_csv(items, tr))
        return
    if fmt != "xlsx":
        raise DataError("err.output_ext", ext=fmt, allowed=", ".join(LIST_FORMATS))
    from dvtui.reports.xlsx_report import write_table_xlsx

    headers, rows = overdue_table(items, tr)
    typed = [[*r[:3], int(r[3]), *r[4:]] for r in rows]
    write_table_xlsx(
        path,
        tr.t("xlsx.sheet.overdue"),
        tr.tn("cli.overdue.title", len(items), date=format_date(as_of)),
        as_of_line(tr, as_of),
        headers,
        typed,
        LIST_WIDTHS,
    )
