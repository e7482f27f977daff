"""The consolidated report as a .docx laid out per Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.shared import Mm

from dvtui.core.text import format_date
from dvtui.i18n import language, t
from dvtui.reports import docx_layout as layout
from dvtui.reports.common import (
    Progress,
    date_line,
    issuer_lines,
    no_progress,
    save_atomic,
    signature_or_default,
)
from dvtui.reports.figures import ConsolidatedReport
from dvtui.reports.outline import appendix_table, body


def write_report_docx(
    report: ConsolidatedReport, path: Path, progress: Progress = no_progress
) -> None:
    """Write the report to ``path`` (always in Vietnamese: it is an official document)."""
    with language("vi"):
        blocks = body(report)
        steps = len(blocks) + 3
        doc = layout.new_document(report.subject, report.plan.issuer)
        progress(0, steps, t("report.step.header"))
        layout.header(
            doc,
            issuer_lines(report.plan.issuer),
            t("doc.number", number=report.number or "…", symbol=report.symbol),
            date_line(report.plan.place, report.issued_on),
        )
        layout.title(doc, t("doc.report.title"), report.subject)
        for i, block in enumerate(blocks, start=1):
            progress(i, steps, t("report.step.body"))
            layout.block(doc, block)
        layout.signature(doc, report.recipients, signature_or_default(report.signature))
        progress(len(blocks) + 1, steps, t("report.step.appendix"))
        _appendix(doc, report)
        progress(len(blocks) + 2, steps, t("report.step.save"))
        save_atomic(doc, path)
        progress(steps, steps, t("report.step.done"))


def _appendix(doc: layout.DocumentT, report: ConsolidatedReport) -> None:
    """The per-unit table on landscape pages: thirteen columns do not fit a portrait page."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(layout.PAGE_MM[1]), Mm(layout.PAGE_MM[0])
    section.different_first_page_header_footer = False  # numbered from its first page on
    layout.para(doc, t("doc.appendix"), align="center", bold=True, after=0)
    layout.para(
        doc,
        t("doc.report.appendix", period=report.period.name).upper(),
        align="center",
        bold=True,
        after=0,
    )
    layout.para(
        doc,
        t(
            "doc.appendix_ref",
            number=report.number or "…",
            symbol=report.symbol,
            date=format_date(report.issued_on),
        ),
        align="center",
        italic=True,
    )
    table = appendix_table(report)
    fixed = [12.0, 48.0, 22.0, 24.0, 20.0]  # STT, unit, submitted, timeliness, status
    rest = (layout.PAGE_MM[1] - 45 - sum(fixed)) / (len(table.headers) - len(fixed))
    layout.grid(doc, table, size=10, widths_mm=[*fixed, *[rest] * (len(table.headers) - 5)])
