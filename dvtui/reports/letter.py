"""The urging letter (công văn đôn đốc) from UBND huyện to the units that still owe reports."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dvtui.core.dataset import Dataset
from dvtui.core.problems import DataError
from dvtui.core.records import Period, Plan
from dvtui.core.text import format_date
from dvtui.i18n import language, t
from dvtui.reports.common import (
    Progress,
    date_line,
    issuer_lines,
    lower_first,
    no_progress,
    plan_citation,
    save_atomic,
    signature_or_default,
)
from dvtui.reports.followup import OverdueItem
from dvtui.reports.outline import Table

LETTER_SYMBOL = "UBND-NV"  # a công văn of UBND huyện drafted by Phòng Nội vụ
LETTER_RECIPIENTS_TAIL = ("Như trên", "LĐ UBND huyện", "Lưu: VT, NV")
MAX_NAMED = 8  # more addressees than this are named in the table, not after "Kính gửi"


@dataclass(frozen=True)
class UrgingLetter:
    """The letter's content: who it goes to, what each still owes, as of which day."""

    plan: Plan
    periods: tuple[Period, ...]
    today: date
    items: tuple[OverdueItem, ...]  # only those that still owe their report

    @property
    def units(self) -> list[str]:
        """The addressees' names, each once, in list order."""
        seen: dict[str, None] = {}
        for item in self.items:
            seen.setdefault(item.unit.name, None)
        return list(seen)


def urging_letter(data: Dataset, items: list[OverdueItem], today: date) -> UrgingLetter:
    """The letter for ``items`` (late-but-complete reports are left out); DataError if none."""
    owing = tuple(i for i in items if i.still_owes_report)
    if not owing:
        raise DataError("err.letter.nobody")
    periods = tuple(dict.fromkeys(i.period for i in owing))
    plan = next((p for p in data.plans() if p.id.name == periods[0].plan), None)
    if plan is None:
        raise DataError("err.not_found", id=f"plans/{periods[0].plan}")
    return UrgingLetter(plan, periods, today, owing)


def letter_table(letter: UrgingLetter) -> Table:
    """One row per unit and period: what it still owes and how many days overdue."""
    return Table(
        [t("doc.col.no"), t("col.unit"), t("doc.col.owes"), t("doc.col.days")],
        [
            [
                str(n),
                item.unit.name,
                "; ".join(o.text for o in item.owes),
                str(item.days),
            ]
            for n, item in enumerate(letter.items, start=1)
        ],
        frozenset({0, 3}),
    )


def write_letter_docx(letter: UrgingLetter, path: Path, progress: Progress = no_progress) -> None:
    """Write the urging letter as a .docx in the Nghị định 30 layout (always Vietnamese)."""
    from dvtui.reports import docx_layout as layout

    with language("vi"):
        progress(0, 3, t("report.step.header"))
        names = " ".join(p.name for p in letter.periods)
        subject = t("doc.letter.subject", periods=lower_first(names))
        doc = layout.new_document(subject, letter.plan.issuer)
        layout.header(
            doc,
            issuer_lines(letter.plan.issuer),
            t("doc.number", number="…", symbol=LETTER_SYMBOL),
            date_line(letter.plan.place, letter.today),
            subject_line=t("doc.letter.about", subject=subject),
        )
        p = layout.para(doc, align="center")
        layout.run(p, t("doc.letter.to"), bold=False)
        if len(letter.units) > MAX_NAMED:  # a page of names: the table below names them
            layout.run(p, " " + t("doc.letter.to_listed"))
        else:
            for i, name in enumerate(letter.units):
                end = "." if i == len(letter.units) - 1 else ";"
                layout.para(doc, f"- {name}{end}", align="center", after=0)
        layout.para(doc, after=6)
        progress(1, 3, t("report.step.body"))
        deadlines = "; ".join(
            t("doc.letter.deadline", period=lower_first(p.name), due=format_date(p.due))
            for p in letter.periods
        )
        layout.para(
            doc,
            t(
                "doc.letter.opening",
                citation=plan_citation(letter.plan),
                title=lower_first(letter.plan.title),
                deadlines=deadlines,
            ),
            indent=True,
        )
        layout.para(
            doc,
            t("doc.letter.status", date=format_date(letter.today), n=len(letter.units)),
            indent=True,
        )
        layout.grid(doc, letter_table(letter), widths_mm=(12, 58, 70, 25))
        layout.para(doc, t("doc.letter.request"), indent=True)
        layout.para(doc, t("doc.letter.closing") + "./.", indent=True)
        sig = signature_or_default(letter.plan.signature)
        layout.signature(doc, LETTER_RECIPIENTS_TAIL, sig)
        progress(2, 3, t("report.step.save"))
        save_atomic(doc, path)
        progress(3, 3, t("report.step.done"))
