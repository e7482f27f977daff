"""The body of the consolidated report as a list of blocks, shared by the .md and .docx writers.

Building the words once and rendering them twice keeps the two formats saying the same
thing; each writer adds only its own layout (the header table, the signature block).
"""

from __future__ import annotations

from dataclasses import dataclass

from dvtui.core.text import format_date
from dvtui.i18n import t
from dvtui.reports.common import percent_text, period_phrase
from dvtui.reports.figures import KEY_FIGURES, ConsolidatedReport, UnitRow


@dataclass(frozen=True)
class Heading:
    """A numbered heading; ``level`` 1 = I., II. …; 2 = 1., 2. …; 3 = 2.1 …"""

    text: str
    level: int


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``lead`` is printed bold before the text (``Phòng Tư pháp:``)."""

    text: str
    lead: str = ""
    bullet: bool = False


@dataclass(frozen=True)
class Table:
    """A simple table: header row and text cells; ``numeric`` marks right-aligned columns."""

    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()


Block = Heading | Paragraph | Table


def paragraphs(text: str) -> list[str]:
    """Split a stored text into paragraphs (one per non-empty line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def body(report: ConsolidatedReport) -> list[Block]:
    """Sections I-V of the report, from the opening paragraph to the closing sentence."""
    out: list[Block] = [Paragraph(report.opening)]
    out += _leadership(report)
    out += _results(report)
    out += _assessment(report)
    out.append(Paragraph(t("doc.report.closing", span=_span(report)) + "./."))
    return out


def _span(report: ConsolidatedReport) -> str:
    return period_phrase(report.period, report.plan)


def _district_text(report: ConsolidatedReport, part: str) -> list[Block]:
    texts = paragraphs(report.text(part))
    if not texts:
        return [Paragraph(t("doc.report.empty", period=report.period.id.name, field=part))]
    return [Paragraph(p) for p in texts]


def _leadership(report: ConsolidatedReport) -> list[Block]:
    out: list[Block] = [Heading(f"I. {t('doc.report.h.leadership')}", 1)]
    out += [Paragraph(p) for p in paragraphs(report.text("leadership"))]
    out.append(
        Paragraph(
            t(
                "doc.report.conferences",
                n=report.total("conferences"),
                people=report.total("conference_attendees"),
            )
        )
    )
    return out


def _results(report: ConsolidatedReport) -> list[Block]:
    out: list[Block] = [Heading(f"II. {t('doc.report.h.results')}", 1)]
    out.append(Heading(t("doc.report.h.submission"), 2))
    out.append(
        Paragraph(
            t(
                "doc.report.submission",
                expected=report.expected,
                received=report.received,
                on_time=report.on_time,
                late=report.late,
                missing=len(report.not_reported),
            )
        )
    )
    if report.not_reported:
        out.append(
            Paragraph(
                t("doc.report.not_reported", units="; ".join(report.not_reported)) + ".",
            )
        )
    out.append(Heading(t("doc.report.h.figures"), 2))
    out.append(
        Table(
            [t("doc.col.no"), t("doc.col.figure"), t("doc.col.total"), t("doc.col.units")],
            [
                [str(i), f.label, str(f.value), str(f.units)]
                for i, f in enumerate(report.totals, start=1)
            ],
            frozenset({0, 2, 3}),
        )
    )
    out.append(
        Paragraph(
            t(
                "doc.report.petitions",
                received=report.petitions.whole,
                competence=report.petitions_in_competence.whole,
                resolved=report.petitions.part,
                rate=percent_text(report.petitions.part, report.petitions.whole),
            )
        )
    )
    out.append(
        Paragraph(
            t(
                "doc.report.voters",
                received=report.voter_recommendations.whole,
                resolved=report.voter_recommendations.part,
                rate=percent_text(
                    report.voter_recommendations.part, report.voter_recommendations.whole
                ),
            )
        )
    )
    for section in report.tasks:
        title = f"{section.number}. {section.task.title}"
        out.append(Heading(title, 2 if section.level == 1 else 3))
        out += _task_figures(report, section.task.code)
        if not section.entries:
            out.append(Paragraph(t("doc.report.no_narrative")))
        for entry in section.entries:
            texts = paragraphs(entry.text)
            out.append(Paragraph(texts[0], lead=f"{entry.unit}: ", bullet=True))
            out += [Paragraph(p) for p in texts[1:]]
    return out


def _task_figures(report: ConsolidatedReport, code: str) -> list[Block]:
    """The plan's measured targets sit under their own task groups (II.6, II.7)."""
    if code == "II.6":
        r = report.regulation
        key = "doc.report.regulation_met" if r.met else "doc.report.regulation_unmet"
        return [
            Paragraph(
                t(
                    key,
                    part=r.part,
                    whole=r.whole,
                    rate=percent_text(r.part, r.whole),
                    target=r.target,
                )
            )
        ]
    if code == "II.7":
        return [
            Paragraph(
                t(
                    "doc.report.models",
                    year=report.plan.year,
                    models=report.models_total,
                    persons=report.persons_total,
                )
            ),
            Table(
                [t("doc.col.sector"), t("doc.col.models"), t("doc.col.persons")],
                [[t(f"sector.{s.sector}"), str(s.models), str(s.persons)] for s in report.sectors]
                + [[t("doc.col.sum"), str(report.models_total), str(report.persons_total)]],
                frozenset({1, 2}),
            ),
        ]
    return []


def _assessment(report: ConsolidatedReport) -> list[Block]:
    out: list[Block] = [Heading(f"III. {t('doc.report.h.assessment')}", 1)]
    for i, part in enumerate(("strengths", "limitations", "causes"), start=1):
        out.append(Heading(f"{i}. {t(f'field.{part}')}", 2))
        out += _district_text(report, part)
    out.append(Heading(f"IV. {t('doc.report.h.direction')}", 1))
    out += _district_text(report, "direction")
    out.append(Heading(f"V. {t('doc.report.h.proposals')}", 1))
    out += _district_text(report, "proposals")
    return out


def appendix_table(report: ConsolidatedReport, fields: tuple[str, ...] = KEY_FIGURES) -> Table:
    """One row per unit: when it reported, on time or not, its status and figures."""
    headers = [
        t("doc.col.no"),
        t("col.unit"),
        t("col.submitted_on"),
        t("col.timeliness"),
        t("col.status"),
        *[t(f"doc.short.{f}") for f in fields],
    ]
    rows = [
        [
            str(i),
            row.unit.name,
            format_date(row.report.submitted_on) if row.report else "",
            timeliness_text(row),
            t(f"status.report.{row.report.status}") if row.report else "",
            *[_num(getattr(row.figures, f)) for f in fields],
        ]
        for i, row in enumerate(report.units, start=1)
    ]
    total = ["", t("doc.col.sum"), "", "", "", *[str(report.total(f)) for f in fields]]
    numeric = frozenset({0, *range(5, 5 + len(fields))})
    return Table(headers, [*rows, total], numeric)


def timeliness_text(row: UnitRow) -> str:
    """``Đúng hạn`` / ``Nộp muộn 3 ngày`` / ``Quá hạn 5 ngày`` / ``Chưa đến hạn``."""
    if row.timeliness is None:
        return t("timeliness.none")
    return t(f"timeliness.{row.timeliness}", days=row.days_late)


def _num(value: int | None) -> str:
    return "" if value is None else str(value)
