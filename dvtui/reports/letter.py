"""The urging letter (công văn đôn đốc) from the issuer of the plan to the units that still owe
their report: what each owes for the period, how many days since the deadline, and the new
deadline (``by``). Always Vietnamese, laid out per Nghị định 30/2020/NĐ-CP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dvtui.core.dataset import Dataset
from dvtui.core.issuer import issuer_short, letter_symbol, signature_or_default
from dvtui.core.problems import DataError
from dvtui.core.records import Period, Plan
from dvtui.core.settings import Settings
from dvtui.core.text import format_date
from dvtui.i18n import Translator, t, translator
from dvtui.reports.common import (
    Progress,
    as_of_line,
    date_line,
    issuer_lines,
    lower_first,
    no_progress,
    plan_citation,
    save_atomic,
)
from dvtui.reports.followup import OverdueItem, owes_text
from dvtui.reports.outline import Table

MAX_NAMED = 8  # more addressees than this are named in the table, not after "Kính gửi"
KINH_GUI_MM = (20.0, 45.0)  # where "Kính gửi:" starts and where the addressees line up


@dataclass(frozen=True)
class UrgingLetter:
    """The letter's content: who it goes to, what each still owes as of which day, and by
    when it is now due."""

    plan: Plan
    periods: tuple[Period, ...]
    today: date  # the letter's date
    by: date  # the new deadline
    items: tuple[OverdueItem, ...]  # only those that still owe their report
    as_of: date  # the day its list stands at (the letter's date unless told)
    coordinator: str  # who the reports go through (dvtui.toml); empty: straight to the issuer
    symbol: str  # after the letter's number ("UBND-NV"); empty: none

    @property
    def units(self) -> list[str]:
        """The addressees' names, each once, in list order."""
        seen: dict[str, None] = {}
        for item in self.items:
            seen.setdefault(item.unit.name, None)
        return list(seen)


def urging_letter(
    data: Dataset,
    settings: Settings,
    items: list[OverdueItem],
    today: date,
    by: date,
    as_of: date | None = None,
) -> UrgingLetter:
    """The letter of ``today`` for ``items`` (the list as of ``as_of``; late-but-complete
    reports are left out); DataError if nobody owes, or if the new deadline ``by`` is not
    after the letter's day."""
    if by <= today:
        raise DataError("err.letter.by", by=format_date(by), date=format_date(today))
    owing = tuple(i for i in items if i.still_owes_report)
    if not owing:
        raise DataError("err.letter.nobody")
    periods = tuple(dict.fromkeys(i.period for i in owing))
    plan = next((p for p in data.plans() if p.id.name == periods[0].plan), None)
    if plan is None:
        raise DataError("err.not_found", id=f"plans/{periods[0].plan}")
    symbol = letter_symbol(settings, plan.issuer)
    return UrgingLetter(
        plan, periods, today, by, owing, as_of or today, settings.coordinator, symbol
    )


def letter_table(letter: UrgingLetter, tr: Translator) -> Table:
    """One row per unit and period: what it still owes and how many days since the deadline."""
    return Table(
        [tr.t("doc.col.no"), tr.t("col.unit"), tr.t("doc.col.owes"), tr.t("doc.col.days")],
        [
            [str(n), item.unit.name, owes_text(item, tr), str(item.days)]
            for n, item in enumerate(letter.items, start=1)
        ],
        frozenset({0, 3}),
    )


def letter_subject(letter: UrgingLetter, tr: Translator) -> str:
    """``đôn đốc nộp báo cáo 6 tháng năm 2023 về công tác dân vận``."""
    names = ", ".join(lower_first(p.name) for p in letter.periods)
    return tr.t("doc.letter.subject", periods=names)


def write_letter_docx(
    letter: UrgingLetter,
    path: Path,
    progress: Progress = no_progress,
    when: datetime | None = None,
) -> None:
    """Write the urging letter as a .docx in the Nghị định 30 layout (always Vietnamese)."""
    from dvtui.reports import docx_layout as layout

    tr = translator("vi")
    issuer = issuer_short(letter.plan.issuer)
    progress(0, 3, t("report.step.header"))
    subject = letter_subject(letter, tr)
    doc = layout.new_document(subject, letter.plan.issuer, when)
    layout.header(
        doc,
        tr,
        issuer_lines(letter.plan.issuer),
        tr.t("doc.number", number="…", symbol=letter.symbol)
        if letter.symbol
        else tr.t("doc.number_only", number="…"),
        date_line(tr, letter.plan.place, letter.today),
        subject_line=tr.t("doc.letter.about", subject=subject),
    )
    _addressees(doc, tr, letter)
    progress(1, 3, t("report.step.body"))
    # "(qua Phòng Nội vụ huyện)": only when the office says who the reports go through.
    via = tr.t("doc.letter.via", office=letter.coordinator) if letter.coordinator else ""
    deadlines = "; ".join(
        tr.t("doc.letter.deadline", period=lower_first(p.name), due=format_date(p.due))
        for p in letter.periods
    )
    layout.para(
        doc,
        tr.t(
            "doc.letter.opening",
            citation=plan_citation(tr, letter.plan),
            issuer=letter.plan.issuer,
            to=issuer,
            via=via,
            title=lower_first(letter.plan.title),
            deadlines=deadlines,
        ),
        indent=True,
    )
    layout.para(
        doc,
        tr.tn("doc.letter.status", len(letter.units), date=format_date(letter.as_of)),
        indent=True,
        keep=True,
    )
    layout.grid(doc, letter_table(letter, tr))
    layout.para(doc, as_of_line(tr, letter.as_of), size=11, italic=True)  # the table's note
    layout.para(
        doc,
        tr.t("doc.letter.request", issuer=issuer, via=via, by=format_date(letter.by)),
        indent=True,
    )
    contact = letter.coordinator or issuer
    layout.para(doc, tr.t("doc.letter.closing", office=contact) + "./.", indent=True)
    sig = signature_or_default(letter.plan.signature, letter.plan.issuer)
    layout.signature(doc, tr, (tr.t("doc.letter.cc_above"), *_tail(letter)), sig)
    progress(2, 3, t("report.step.save"))
    save_atomic(doc, path)
    progress(3, 3, t("report.step.done"))


def _tail(letter: UrgingLetter) -> list[str]:
    """The plan's leadership and archive lines of its own recipients (``LĐ …``, ``Lưu: …``)."""
    return [r for r in letter.plan.recipients if r.startswith(("LĐ", "Lưu"))]


def _addressees(doc: object, tr: Translator, letter: UrgingLetter) -> None:
    """``Kính gửi:`` at the left, the addressees lined up after it, one a line, ``;`` between
    them and nothing after the last (Nghị định 30); a long list points to the table."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    from dvtui.reports import docx_layout as layout

    start, names_at = KINH_GUI_MM
    names = letter.units if len(letter.units) <= MAX_NAMED else []
    lines = [f"- {n};" for n in names] if len(names) > 1 else names
    if lines:
        lines[-1] = lines[-1].rstrip(";")
    else:
        lines = [tr.t("doc.letter.to_listed")]
    for i, line in enumerate(lines):
        p = layout.para(doc, align="left", after=0 if i < len(lines) - 1 else 6)
        fmt = p.paragraph_format
        fmt.left_indent = Mm(names_at)
        if i == 0:
            fmt.first_line_indent = Mm(start - names_at)
            fmt.tab_stops.add_tab_stop(Mm(names_at), WD_TAB_ALIGNMENT.LEFT)
            layout.run(p, tr.t("doc.letter.to") + "\t")
        layout.run(p, line)
