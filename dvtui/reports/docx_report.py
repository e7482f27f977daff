"""The consolidated report as a .docx laid out per Nghị định 30/2020/NĐ-CP, always Vietnamese."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Mm

from dvtui.core.issuer import signature_or_default
from dvtui.core.text import format_date
from dvtui.i18n import Translator, t, translator
from dvtui.reports import docx_layout as layout
from dvtui.reports.common import (
    Progress,
    as_of_line,
    date_line,
    issuer_lines,
    no_progress,
    save_atomic,
)
from dvtui.reports.figures import ConsolidatedReport
from dvtui.reports.outline import appendix_note, appendix_table, body, subject

APPENDIX_FIXED_MM = (9.0, 36.0, 17.0, 17.0, 15.0)  # STT, unit, submitted, timeliness, status
REGULATION_MM = 17.0  # the last column: the date the regulation was signed


def write_report_docx(
    report: ConsolidatedReport,
    path: Path,
    progress: Progress = no_progress,
    when: datetime | None = None,
) -> None:
    """Write the report to ``path`` — in Vietnamese whatever the user's language: it is an
    official document. ``progress`` labels are in the user's language (they are shown)."""
    tr = translator("vi")
    blocks = body(report, tr)
    steps = len(blocks) + 3
    title = subject(report, tr)
    doc = layout.new_document(title, report.plan.issuer, when)
    progress(0, steps, t("report.step.header"))
    layout.header(
        doc,
        tr,
        issuer_lines(report.plan.issuer),
        tr.t("doc.number", number=report.number or "…", symbol=report.symbol),
        date_line(tr, report.plan.place, report.issued_on),
    )
    layout.title(doc, tr.t("doc.report.title"), title, as_of_line(tr, report.as_of))
    for i, block in enumerate(blocks, start=1):
        progress(i, steps, t("report.step.body"))
        layout.block(doc, block)
    layout.signature(
        doc, tr, report.recipients, signature_or_default(report.signature, report.plan.issuer)
    )
    progress(len(blocks) + 1, steps, t("report.step.appendix"))
    _appendix(doc, tr, report)
    progress(len(blocks) + 2, steps, t("report.step.save"))
    save_atomic(doc, path)
    progress(steps, steps, t("report.step.done"))


def _appendix(doc: layout.DocumentT, tr: Translator, report: ConsolidatedReport) -> None:
    """The per-unit table on landscape pages: nineteen columns do not fit a portrait page."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(layout.PAGE_MM[1]), Mm(layout.PAGE_MM[0])
    section.different_first_page_header_footer = False  # numbered from its first page on
    layout.para(doc, tr.t("doc.appendix"), align="center", bold=True, after=0, keep=True)
    layout.para(
        doc,
        tr.t("doc.report.appendix", period=report.period.name).upper(),
        align="center",
        bold=True,
        after=0,
        keep=True,
    )
    layout.para(
        doc,
        tr.t(
            "doc.appendix_ref",
            number=report.number or "…",
            symbol=report.symbol,
            date=format_date(report.issued_on),
            issuer=report.plan.issuer,
        ),
        align="center",
        italic=True,
        after=0,
        keep=True,
    )
    layout.para(doc, as_of_line(tr, report.as_of), align="center", italic=True, keep=True)
    table = appendix_table(report, tr)
    width = layout.PAGE_MM[1] - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]
    narrow = len(table.headers) - len(APPENDIX_FIXED_MM) - 1  # the figures, models, persons
    rest = (width - sum(APPENDIX_FIXED_MM) - REGULATION_MM) / narrow
    widths = [*APPENDIX_FIXED_MM, *[rest] * narrow, REGULATION_MM]
    layout.grid(doc, table, size=9, widths_mm=widths, head_size=8, padding_mm=0.8)
    layout.para(doc, appendix_note(report, tr), size=11, italic=True)
