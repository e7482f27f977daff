"""The consolidated report as Markdown: the same blocks as the .docx, in plain text.

Written in the language it is given (the user's, for reading on screen or mailing as a
draft); every text from a record is escaped and made inert, in a file as on a terminal.
"""

from __future__ import annotations

import re

from dvtui.core.issuer import signature_or_default
from dvtui.core.text import inert
from dvtui.i18n import Translator, t
from dvtui.reports.common import (
    Progress,
    as_of_line,
    date_line,
    issuer_lines,
    no_progress,
)
from dvtui.reports.figures import ConsolidatedReport
from dvtui.reports.outline import (
    Block,
    Heading,
    Paragraph,
    Table,
    appendix_note,
    appendix_table,
    body,
    subject,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """User text shown literally: Markdown and HTML characters escaped, lines joined,
    control characters (ESC, BEL …) shown as ``\\x1b`` rather than written raw."""
    return inert(_SPECIAL.sub(r"\\\1", " ".join(text.split())))


def render_markdown(
    report: ConsolidatedReport, tr: Translator, progress: Progress = no_progress
) -> str:
    """The whole report as a Markdown document in ``tr``'s language."""
    progress(0, 3, t("report.step.header"))
    lines = [
        *[f"**{escape(line)}**  " for line in issuer_lines(report.plan.issuer)],
        escape(tr.t("doc.number", number=report.number or "…", symbol=report.symbol)),
        "",
        "**" + tr.t("doc.nation") + "**  ",
        "**" + tr.t("doc.motto") + "**  ",
        f"*{escape(date_line(tr, report.plan.place, report.issued_on))}*",
        "",
        "# " + tr.t("doc.report.title"),
        "",
        f"## {escape(subject(report, tr))}",
        "",
        f"*{escape(as_of_line(tr, report.as_of))}*",
        "",
    ]
    progress(1, 3, t("report.step.body"))
    for block in body(report, tr):
        lines += _block(block)
    lines += _signature(report, tr)
    progress(2, 3, t("report.step.appendix"))
    lines += [
        "",
        "## " + escape(tr.t("doc.report.appendix", period=report.period.name)),
        "",
        f"*{escape(as_of_line(tr, report.as_of))}*",
        "",
        *_table(appendix_table(report, tr)),
        "",
        f"*{escape(appendix_note(report, tr))}*",
    ]
    progress(3, 3, t("report.step.done"))
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * (block.level + 1)} {escape(block.text)}", ""]
    if isinstance(block, Paragraph):
        lead = f"**{escape(block.lead.strip())}** " if block.lead else ""
        prefix = "- " if block.bullet else ""
        text = f"*{escape(block.text)}*" if block.italic else escape(block.text)
        return [f"{prefix}{lead}{text}", ""]
    return [*_table(block), ""]


def _table(table: Table) -> list[str]:
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    out = ["| " + " | ".join(escape(h) for h in table.headers) + " |"]
    out.append("| " + " | ".join(align) + " |")
    first_total = len(table.rows) - table.totals
    for i, row in enumerate(table.rows):
        cells = [escape(c) for c in row]
        if i >= first_total:
            cells = [f"**{c}**" if c else c for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    return out


def _signature(report: ConsolidatedReport, tr: Translator) -> list[str]:
    sig = signature_or_default(report.signature, report.plan.issuer)
    out = [*[f"**{escape(a)}**  " for a in sig.authority], f"**{escape(sig.title)}**  "]
    out += ["", f"**{escape(sig.signer)}**" if sig.signer else "", ""]
    out.append("***" + tr.t("doc.recipients") + "***  ")
    out += [f"- {escape(r)};  " for r in report.recipients[:-1]]
    if report.recipients:
        out.append(f"- {escape(report.recipients[-1])}.")
    return out
