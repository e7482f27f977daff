"""The words of the consolidated report as a list of blocks, shared by the .md and .docx writers.

The first stage of rendering: the report model holds values, these functions put them into
sentences with the Translator the writer chose (the .docx always Vietnamese, the .md in the
user's language), so that the two formats say the same thing; each writer adds only its own
layout (the header table, the signature block).
"""

from __future__ import annotations

from dataclasses import dataclass

from dvtui.core import labels
from dvtui.core.issuer import issuer_area, issuer_short
from dvtui.core.labels import FIGURE_SHORT, MODEL_KIND, REPORT_STATUS, SECTOR, figure_key
from dvtui.core.records import Model
from dvtui.core.text import format_date
from dvtui.i18n import N_, Translator
from dvtui.reports.common import (
    lower_first,
    number,
    percent_text,
    period_phrase,
    plan_citation,
)
from dvtui.reports.figures import (
    REPORTED_FIGURES,
    ConsolidatedReport,
    TaskSection,
    UnitRow,
)


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
    italic: bool = False


@dataclass(frozen=True)
class Table:
    """A table: header row and text cells; ``numeric`` marks right-aligned columns and the
    last ``totals`` rows are printed bold (``Tổng cộng``)."""

    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    totals: int = 0


Block = Heading | Paragraph | Table

# The summary's assessment fields, each headed by its label.
DISTRICT_PARTS = ("strengths", "limitations", "causes")


def paragraphs(text: str) -> list[str]:
    """Split a stored text into paragraphs (one per non-empty line)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def subject(report: ConsolidatedReport, tr: Translator) -> str:
    """The trích yếu: the office's own, else the standard one made from the period."""
    if report.subject:
        return report.subject
    return tr.t(
        "doc.report.subject",
        span=period_phrase(tr, report.period, report.plan),
        area=issuer_area(report.plan.issuer),
    )


def body(report: ConsolidatedReport, tr: Translator) -> list[Block]:
    """Sections I-V of the report, from the opening paragraph to the closing sentence."""
    span = period_phrase(tr, report.period, report.plan)
    out: list[Block] = [
        Paragraph(
            tr.t(
                "doc.report.opening",
                citation=plan_citation(tr, report.plan),
                issuer=report.plan.issuer,
                title=lower_first(report.plan.title),
                span=span,
            )
        )
    ]
    out += _leadership(report, tr)
    out += _results(report, tr)
    out += _assessment(report, tr)
    closing = tr.t("doc.report.closing", span=span, issuer=issuer_short(report.plan.issuer))
    out.append(Paragraph(closing + "./."))
    return out


def _names(rows: tuple[UnitRow, ...] | list[UnitRow]) -> str:
    return "; ".join(r.unit.name for r in rows)


def _office_text(report: ConsolidatedReport, tr: Translator, part: str) -> list[Block]:
    texts = paragraphs(report.text(part))
    if not texts:
        return [Paragraph(tr.t("doc.report.empty", period=report.period.id.name, field=part))]
    return [Paragraph(p) for p in texts]


def _leadership(report: ConsolidatedReport, tr: Translator) -> list[Block]:
    out: list[Block] = [Heading("I. " + tr.t("doc.report.h.leadership"), 1)]
    out += [Paragraph(p) for p in paragraphs(report.text("leadership"))]
    out.append(
        Paragraph(
            tr.tn(
                "doc.report.conferences",
                report.total("conferences") or 0,
                n=number(report.total("conferences")),
                people=number(report.total("conference_attendees")),
                units=report.counted,
            )
        )
    )
    return out


def submission(report: ConsolidatedReport, tr: Translator) -> list[Block]:
    """Who had reported by the day: counts, then the late, returned and missing units by name."""
    out: list[Block] = [
        Paragraph(
            tr.t(
                "doc.report.submission",
                date=format_date(report.as_of),
                expected=report.expected,
                received=report.received,
                on_time=report.on_time,
                late=report.late,
                returned=report.returned,
                missing=len(report.missing_units),
            )
        )
    ]
    if report.late_units:
        late = "; ".join(
            tr.t("doc.report.unit_days", unit=r.unit.name, days=r.days_late)
            for r in report.late_units
        )
        out.append(Paragraph(late + ".", lead=tr.t("doc.report.late_units"), bullet=True))
    if report.returned_units:
        returned = "; ".join(
            tr.t("doc.report.unit_note", unit=r.unit.name, note=note)
            if (note := ((r.report.review_note if r.report else "") or "").strip().rstrip(".;"))
            else r.unit.name
            for r in report.returned_units
        )
        out.append(Paragraph(returned + ".", lead=tr.t("doc.report.returned_units"), bullet=True))
    if report.missing_units:
        out.append(
            Paragraph(
                _names(report.missing_units) + ".",
                lead=tr.tn("doc.report.missing_units", len(report.missing_units)),
                bullet=True,
            )
        )
    out.append(
        Paragraph(
            tr.t("doc.report.counted", counted=report.counted, returned=report.returned),
            italic=True,
        )
    )
    return out


def figures_table(report: ConsolidatedReport, tr: Translator) -> Table:
    """Every figure summed from the accepted reports, with how many units gave it."""
    return Table(
        [tr.t("doc.col.no"), tr.t("doc.col.figure"), tr.t("doc.col.total"), tr.t("doc.col.units")],
        [
            [str(i), tr.t(figure_key(f.field)), number(f.value), str(f.units)]
            for i, f in enumerate(report.totals, start=1)
        ],
        frozenset({0, 2, 3}),
    )


def rates(report: ConsolidatedReport, tr: Translator) -> list[Block]:
    """The petition and voter-recommendation rates, each with its base."""
    p, v = report.petitions, report.voter_recommendations
    if not p.whole and not v.whole:
        return [Paragraph(tr.t("doc.report.no_rates"))]
    petitions = tr.t(
        "doc.report.petitions",
        received=number(p.whole),
        competence=number(report.total("petitions_in_competence")),
        resolved=number(p.part),
        rate=percent_text(p.part, p.whole),
    )
    voters = tr.t(
        "doc.report.voters",
        received=number(v.whole),
        resolved=number(v.part),
        rate=percent_text(v.part, v.whole),
    )
    # a rate over nothing ("0/0, đạt 0%") says what nobody reported, in words
    return [
        Paragraph(petitions if p.whole else tr.t("doc.report.no_petitions")),
        Paragraph(voters if v.whole else tr.t("doc.report.no_voters")),
    ]


def _results(report: ConsolidatedReport, tr: Translator) -> list[Block]:
    out: list[Block] = [Heading("II. " + tr.t("doc.report.h.results"), 1)]
    out.append(Heading(tr.t("doc.report.h.submission"), 2))
    out += submission(report, tr)
    out.append(Heading(tr.t("doc.report.h.figures"), 2))
    out.append(Paragraph(tr.t("doc.report.figures_source", counted=report.counted), italic=True))
    out.append(figures_table(report, tr))
    out += rates(report, tr)
    for section in report.tasks:
        out += _task(report, tr, section)
    return out


def _task(report: ConsolidatedReport, tr: Translator, section: TaskSection) -> list[Block]:
    """A task group: who reported on it, its measured results, then what each unit wrote."""
    out: list[Block] = [
        Heading(f"{section.number}. {section.task.title}", 2 if section.level == 1 else 3)
    ]
    if section.reporting:
        out.append(
            Paragraph(
                tr.tn(
                    "doc.report.task_reporting",
                    len(section.reporting),
                    counted=report.counted,
                    units=", ".join(section.reporting),
                )
            )
        )
    elif not section.children:
        out.append(Paragraph(tr.t("doc.report.no_narrative")))
    out += _task_figures(report, tr, section.task.code)
    for entry in section.entries:
        texts = paragraphs(entry.text)
        out.append(Paragraph(texts[0], lead=f"{entry.unit}: ", bullet=True))
        out += [Paragraph(p) for p in texts[1:]]
    if section.children:
        out.append(
            Paragraph(tr.t("doc.report.task_children", children=", ".join(section.children)))
        )
    return out


def _task_figures(report: ConsolidatedReport, tr: Translator, code: str) -> list[Block]:
    """The plan's measured targets sit under their own task groups (II.6, II.7)."""
    if code == "II.6":
        r = report.regulation
        key = N_("doc.report.regulation_met") if r.met else N_("doc.report.regulation_unmet")
        return [
            Paragraph(
                tr.t(
                    key,
                    part=r.part,
                    whole=r.whole,
                    rate=percent_text(r.part, r.whole),
                    target=r.target,
                )
            )
        ]
    if code == "II.7":
        return models_blocks(report, tr)
    return []


def models_blocks(report: ConsolidatedReport, tr: Translator) -> list[Block]:
    """How many models and persons, per field, then each one by name, unit and field."""
    out: list[Block] = [
        Paragraph(
            tr.t(
                "doc.report.models",
                year=report.plan.year,
                models=report.models_total,
                recognised=report.models_recognised,
                persons=report.persons_total,
            )
        ),
        Table(
            [tr.t("doc.col.sector"), tr.t("doc.col.models"), tr.t("doc.col.persons")],
            [[tr.t(SECTOR[s.sector]), str(s.models), str(s.persons)] for s in report.sectors]
            + [[tr.t("doc.col.sum"), str(report.models_total), str(report.persons_total)]],
            frozenset({1, 2}),
            totals=1,
        ),
    ]
    if report.models:
        out.append(Paragraph(tr.t("doc.report.models_list")))
        out.append(models_table(report, tr))
    return out


def models_table(report: ConsolidatedReport, tr: Translator) -> Table:
    """Every model and exemplary person of the year, by unit then field."""
    units = {r.unit.id.name: (i, r.unit.name) for i, r in enumerate(report.units)}

    def order(m: Model) -> tuple[int, bool, str, str]:
        return (units.get(m.unit, (len(units), ""))[0], m.kind != "model", m.sector, m.name)

    rows = []
    for i, m in enumerate(sorted(report.models, key=order), start=1):
        name = m.name if not m.person or m.person in m.name else f"{m.name} ({m.person})"
        rows.append(
            [
                str(i),
                name,
                tr.t(MODEL_KIND[m.kind]),
                units.get(m.unit, (0, m.unit))[1],
                tr.t(SECTOR[m.sector]),
            ]
        )
    return Table(
        [
            tr.t("doc.col.no"),
            tr.t("doc.col.model_name"),
            tr.t("doc.col.model_kind"),
            tr.t("col.unit"),
            tr.t("doc.col.sector"),
        ],
        rows,
        frozenset({0}),
    )


def _assessment(report: ConsolidatedReport, tr: Translator) -> list[Block]:
    out: list[Block] = [Heading("III. " + tr.t("doc.report.h.assessment"), 1)]
    for i, part in enumerate(DISTRICT_PARTS, start=1):
        out.append(Heading(f"{i}. {tr.t(labels.FIELD[part])}", 2))
        out += _office_text(report, tr, part)
    out.append(Heading("IV. " + tr.t("doc.report.h.direction"), 1))
    out += _office_text(report, tr, "direction")
    out.append(Heading("V. " + tr.t("doc.report.h.proposals"), 1))
    out += _office_text(report, tr, "proposals")
    return out


def appendix_table(report: ConsolidatedReport, tr: Translator) -> Table:
    """One row per unit: when it reported, on time or not, its status, every figure of its
    report, its models and persons (from the model records) and its regulation; the total
    row sums the accepted reports only."""
    headers = [
        tr.t("doc.col.no"),
        tr.t("col.unit"),
        tr.t("col.submitted_on"),
        tr.t("col.timeliness"),
        tr.t("col.status"),
        *[tr.t(FIGURE_SHORT[f]) for f in REPORTED_FIGURES],
        tr.t("doc.short.models"),
        tr.t("doc.short.persons"),
        tr.t("doc.short.regulation"),
    ]
    rows = [
        [
            str(i),
            row.unit.name,
            format_date(row.report.submitted_on) if row.report else "",
            timeliness_text(row, tr),
            tr.t(REPORT_STATUS[row.report.status]) if row.report else "",
            *[number(getattr(row.figures, f)) for f in REPORTED_FIGURES],
            str(len(row.models)),
            str(len(row.persons)),
            format_date(row.regulation.signed_on) if row.regulation else "",
        ]
        for i, row in enumerate(report.units, start=1)
    ]
    total = [
        "",
        tr.t("doc.col.sum"),
        "",
        "",
        "",
        *[number(report.total(f)) for f in REPORTED_FIGURES],
        str(sum(len(r.models) for r in report.units)),
        str(sum(len(r.persons) for r in report.units)),
        str(report.regulation.part),
    ]
    numeric = frozenset({0, *range(5, len(headers) - 1)})
    return Table(headers, [*rows, total], numeric, totals=1)


def appendix_note(report: ConsolidatedReport, tr: Translator) -> str:
    """What the appendix's total row counts, and where models and regulations come from."""
    return tr.t("doc.report.appendix_note", returned=report.returned)


def timeliness_text(row: UnitRow, tr: Translator) -> str:
    """``Đúng hạn`` / ``Nộp muộn 3 ngày`` / ``Quá hạn 5 ngày`` / ``Chưa đến hạn``."""
    if row.timeliness is None:
        return tr.t("timeliness.none")
    return labels.timeliness_text(row.timeliness, row.days_late, tr)
