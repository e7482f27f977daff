"""Small helpers shared by the report builders: progress callbacks, dates, document words."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Protocol

from dvtui.core.records import Period, Plan
from dvtui.core.text import format_date
from dvtui.i18n import N_, Translator
from dvtui.storage.files import atomic_write

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, what)``; ``what`` is a short label of the current step."""


def no_progress(done: int, total: int, what: str) -> None:
    """A progress callback that ignores everything."""


@dataclass(frozen=True)
class Msg:
    """A message held by a report model as its key and values; a renderer translates it."""

    key: str
    values: tuple[tuple[str, str | int], ...] = ()

    @classmethod
    def of(cls, key: str, **values: str | int) -> Msg:
        """``Msg.of("owe.report", period="Báo cáo 6 tháng năm 2023")``."""
        return cls(key, tuple(values.items()))

    def text(self, tr: Translator) -> str:
        """The message in ``tr``'s language."""
        return tr.text(self.key, dict(self.values))


def number(value: int | None) -> str:
    """``1.155``: Vietnamese groups thousands with a dot; "" for no value."""
    return "" if value is None else f"{value:,}".replace(",", ".")


def percent(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole`` (0 when there is no whole)."""
    return 100.0 * part / whole if whole else 0.0


def percent_text(part: int, whole: int) -> str:
    """``87,5%`` — one decimal, Vietnamese decimal comma, none for whole numbers."""
    value = round(percent(part, whole), 1)
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text}%"


def date_line(tr: Translator, place: str, when: date) -> str:
    """``Tuần Giáo, ngày 05 tháng 5 năm 2023`` (Nghị định 30: days < 10 and months 1-2 padded)."""
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return tr.t("doc.date_line", place=place, day=f"{when.day:02d}", month=month, year=when.year)


def issuer_lines(issuer: str) -> list[str]:
    """The issuing authority in upper case on two lines: ``ỦY BAN NHÂN DÂN`` / ``HUYỆN …``."""
    upper = issuer.upper()
    for head in ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "):
        if upper.startswith(head):
            return ["ỦY BAN NHÂN DÂN", upper[len(head) :].strip()]
    return [upper]


def plan_citation(tr: Translator, plan: Plan) -> str:
    """``Kế hoạch số …/KH-UBND ngày … tháng 03 năm 2023`` — blanks as printed shown as ``…``."""
    number = plan.number or "…"
    day = f"{plan.issued_day:02d}" if plan.issued_day else "…"
    month = f"{plan.issued_month:02d}" if plan.issued_month else "…"
    return tr.t(
        "doc.plan_citation",
        number=number,
        symbol=plan.symbol,
        day=day,
        month=month,
        year=plan.issued_year,
    )


def lower_first(text: str) -> str:
    """``Về tăng cường …`` → ``về tăng cường …`` (a title quoted inside a sentence)."""
    return text[:1].lower() + text[1:] if text else text


SPANS = {"half-year": N_("doc.span.half-year"), "year": N_("doc.span.year")}


def period_phrase(tr: Translator, period: Period, plan: Plan) -> str:
    """How a report names its time span: ``6 tháng đầu năm 2023``, ``năm 2023``."""
    key = SPANS.get(period.kind)
    return tr.t(key, year=plan.year) if key else lower_first(period.name)


def as_of_line(tr: Translator, as_of: date) -> str:
    """``Số liệu tính đến ngày 20/05/2023``: printed in every document."""
    return tr.t("doc.as_of", date=format_date(as_of))


class Savable(Protocol):
    """What python-docx's Document and openpyxl's Workbook share: saving into a stream."""

    def save(self, stream: BytesIO, /) -> None: ...


def save_atomic(document: Savable, path: Path) -> None:
    """Save a python-docx Document or openpyxl Workbook so that ``path`` is never half written."""
    buffer = BytesIO()
    document.save(buffer)
    atomic_write(Path(path), buffer.getvalue())
