"""Small helpers shared by the report builders: progress callbacks, dates, document words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from dvtui.core.records import Period, Plan, Signature
from dvtui.i18n import t
from dvtui.storage.files import atomic_write

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, what)``; ``what`` is a short label of the current step."""


def no_progress(done: int, total: int, what: str) -> None:
    """A progress callback that ignores everything."""


def percent(part: int, whole: int) -> float:
    """``part`` as a percentage of ``whole`` (0 when there is no whole)."""
    return 100.0 * part / whole if whole else 0.0


def percent_text(part: int, whole: int) -> str:
    """``87,5%`` — one decimal, Vietnamese decimal comma, none for whole numbers."""
    value = round(percent(part, whole), 1)
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}".replace(".", ",")
    return f"{text}%"


def date_line(place: str, when: date) -> str:
    """``Tuần Giáo, ngày 05 tháng 5 năm 2023`` (Nghị định 30: days < 10 and months 1-2 padded)."""
    month = f"{when.month:02d}" if when.month < 3 else str(when.month)
    return t("doc.date_line", place=place, day=f"{when.day:02d}", month=month, year=when.year)


def issuer_lines(issuer: str) -> list[str]:
    """The issuing authority in upper case on two lines: ``ỦY BAN NHÂN DÂN`` / ``HUYỆN …``."""
    upper = issuer.upper()
    for head in ("ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN "):
        if upper.startswith(head):
            return ["ỦY BAN NHÂN DÂN", upper[len(head) :].strip()]
    return [upper]


def plan_citation(plan: Plan) -> str:
    """``Kế hoạch số …/KH-UBND ngày … tháng 03 năm 2023`` — blanks as printed shown as ``…``."""
    number = plan.number or "…"
    day = f"{plan.issued_day:02d}" if plan.issued_day else "…"
    month = f"{plan.issued_month:02d}" if plan.issued_month else "…"
    return t(
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


def period_phrase(period: Period, plan: Plan) -> str:
    """How a report names its time span: ``6 tháng đầu năm 2023``, ``năm 2023``."""
    if period.kind in ("half-year", "year"):
        return t(f"doc.span.{period.kind}", year=plan.year)
    return lower_first(period.name)


def signature_or_default(signature: Signature | None) -> Signature:
    """The signature block to print; an empty one with the usual authority when none is set."""
    if signature is not None:
        return signature
    return Signature(authority=["TM. ỦY BAN NHÂN DÂN"], title="CHỦ TỊCH", signer="")


def save_atomic(document: Any, path: Path) -> None:
    """Save a python-docx Document or openpyxl Workbook so that ``path`` is never half written."""
    buffer = BytesIO()
    document.save(buffer)
    atomic_write(Path(path), buffer.getvalue())
