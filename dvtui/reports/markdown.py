"""The consolidated report as Markdown: the same blocks as the .docx, in plain text."""

from __future__ import annotations

import re

from dvtui.i18n import t
from dvtui.reports.common import (
    Progress,
    date_line,
    issuer_lines,
    no_progress,
    signature_or_default,
)
from dvtui.reports.figures import ConsolidatedReport
from dvtui.reports.outline import Block, Heading, Paragraph, Table, appendix_table, body

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape(text: str) -> str:
    """User text shown literally: Markdown and HTML characters escaped, lines joined."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(report: ConsolidatedReport, progress: Progress = no_progress) -> str:
    """The whole report as a Markdown document."""
    progress(0, 3, t("report.step.header"))
    lines = [
        *[f"**{escape(line)}**  " for line in issuer_lines(report.plan.issuer)],
        escape(t("doc.number", number=report.number or "…", symbol=report.symbol)),
        "",
        f"**{t('doc.nation')}**  ",
        f"**{t('doc.motto')}**  ",
        f"*{escape(date_line(report.plan.place, report.issued_on))}*",
        "",
        f"# {t('doc.report.title')}",
        "",
        f"## {escape(report.subject)}",
        "",
    ]
    progress(1, 3, t("report.step.body"))
    for block in body(report):
        lines += _block(block)
    lines += _signature(report)
    progress(2, 3, t("report.step.appendix"))
    lines += [
        "",
        f"## {t('doc.report.appendix', period=escape(report.period.name))}",
        "",
        *_table(appendix_table(report)),
    ]
    progress(3, 3, t("report.step.done"))
    return "\n".join(lines).rstrip("\n") + "\n"


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * (block.level + 1)} {escape(block.text)}", ""]
    if isinstance(block, Paragraph):
        lead = f"**{escape(block.lead.strip())}** " if block.lead else ""
        prefix = "- " if block.bullet else ""
        return [f"{prefix}{lead}{escape(block.text)}", ""]
    return [*_table(block), ""]


def _table(table: Table) -> list[str]:
    align = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    out = ["| " + " | ".join(escape(h) for h in table.headers) + " |"]
    out.append("| " + " | ".join(align) + " |")
    out += ["| " + " | ".join(escape(c) for c in row) + " |" for row in table.rows]
    return out


def _signature(report: ConsolidatedReport) -> list[str]:
    sig = signature_or_default(report.signature)
    out = [*[f"**{escape(a)}**  " for a in sig.authority], f"**{escape(sig.title)}**  "]
    out += ["", f"**{escape(sig.signer)}**" if sig.signer else "", ""]
    out.append(f"***{t('doc.recipients')}***  ")
    out += [f"- {escape(r)};  " for r in report.recipients[:-1]]
    if report.recipients:
        out.append(f"- {escape(report.recipients[-1])}.")
    return out
