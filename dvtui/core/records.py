"""The record kinds: one frozen dataclass per kind, the TOML schema of each file.

Field order here is the key order on disk. Optional fields default to ``None`` (left out
of the file); lists default to empty. Status values are stable English slugs; people read
their labels (``dvtui.core.labels``). A rule a record breaks raises
``FieldError(message key, values, field=…)``.

Each class is made by ``@record`` (:mod:`dvtui.core.recordclass`): what
``@dataclass(frozen=True, kw_only=True)`` makes, with its methods compiled once into
``dvtui/core/recordmethods.py`` instead of generated at every start. After changing the
fields of a class, run ``make records`` (a test fails until then).
"""

from __future__ import annotations

import re
from dataclasses import field
from datetime import date
from typing import ClassVar, Literal, get_args

from dvtui.core.attachments import SHA256, is_safe_name
from dvtui.core.ids import RecordId
from dvtui.core.labels import FIELD, MODEL_KIND, REPORT_STATUS, SECTOR, TASK_STATUS, UNIT_KIND
from dvtui.core.problems import FieldError
from dvtui.core.recordclass import record
from dvtui.core.schema import choice, count, members, ref
from dvtui.i18n import N_

SCHEMA_VERSION = 1

ReportStatus = Literal["missing", "submitted", "returned", "approved"]
TaskStatus = Literal["not-started", "in-progress", "done"]
UnitKind = Literal["agency", "commune", "ward", "township", "front", "mass-organization"]
PeriodKind = Literal["half-year", "year", "quarter", "ad-hoc"]
ModelKind = Literal["model", "exemplary-person"]
ModelField = Literal["economy", "culture-society", "defence-security", "political-system"]

REPORT_STATUSES: tuple[str, ...] = get_args(ReportStatus)
TASK_STATUSES: tuple[str, ...] = get_args(TaskStatus)
UNIT_KINDS: tuple[str, ...] = get_args(UnitKind)

# Units that are assigned work and report; the others are coordination partners.
ASSIGNEE_KINDS = frozenset({"agency", "commune", "ward", "township"})


@record
class Record:
    """Common to every kind: the address (the file path) is the identity."""

    KIND: ClassVar[str]
    id: RecordId


# --- files kept with a record -------------------------------------------------------------


@record
class Attachment:
    """A file kept with a record (the document a unit sent): its bytes are stored once, by
    content hash, at ``attachments/<sha256[:2]>/<sha256>`` (see :mod:`dvtui.core.attachments`)."""

    name: str  # the original file name, made safe (no folders, no control characters)
    sha256: str
    size: int = field(metadata={"min": 0})
    added_on: date
    added_by: str

    def __post_init__(self) -> None:
        if not SHA256.fullmatch(self.sha256):
            raise FieldError(N_("err.rule.sha256"), {"value": self.sha256}, field="sha256")
        if not is_safe_name(self.name):
            raise FieldError(N_("err.attach.bad_name"), {"name": self.name}, field="name")


# --- the plan -------------------------------------------------------------------------


@record
class LegalBasis:
    """A document the plan cites (văn bản căn cứ)."""

    kind: str  # "Kế hoạch", "Chỉ thị", "Nghị quyết" …
    number: str  # "1707/KH-UBND"
    issued_on: date | None = None
    issuer: str
    title: str = ""


@record
class Signature:
    """The signature block: authority lines (upper case as printed) and the signer."""

    authority: list[str]
    title: str  # "PHÓ CHỦ TỊCH"
    signer: str


@record
class Targets:
    """What the plan asks for, as numbers the dashboard measures against."""

    coordination_regulation_percent: int = field(default=100, metadata={"min": 0})
    models_per_unit: int = field(default=1, metadata={"min": 0})
    exemplary_persons_per_unit: int = field(default=1, metadata={"min": 0})


@record
class Plan(Record):
    """A yearly plan (kế hoạch) as issued: ``plans/<year>``."""

    KIND: ClassVar[str] = "plans"
    year: int
    title: str
    issuer: str  # "Ủy ban nhân dân huyện Tuần Giáo"
    place: str  # "Tuần Giáo"
    symbol: str  # "KH-UBND"
    number: str | None = None  # blank as printed: "Số: /KH-UBND"
    issued_day: int | None = None  # blank as printed: "ngày tháng 03 năm 2023"
    issued_month: int | None = None
    issued_year: int
    preamble: str = ""
    purposes: list[str] = field(default_factory=list)
    reporting: str = ""  # the plan's own words on reports and their deadlines (III.1)
    follow_up: str = ""  # who follows up (III.2)
    closing: str = ""
    recipients: list[str] = field(default_factory=list)
    report_to: list[str] = field(default_factory=list)  # who gets its reports (III.2)
    targets: Targets = field(default_factory=Targets)
    signature: Signature | None = None
    legal_bases: list[LegalBasis] = field(default_factory=list)
    attachments: list[Attachment] = members()  # merged as a set: two staff attaching both win


# --- units ----------------------------------------------------------------------------


@record
class Contact:
    """Who to call when urging (đôn đốc)."""

    person: str = ""
    phone: str = ""
    email: str = ""


@record
class Regulation:
    """A coordination regulation (quy chế phối hợp) with Ủy ban MTTQ."""

    document_number: str = ""
    signed_on: date | None = None


@record
class Unit(Record):
    """An agency, commune or partner: ``units/<slug>``."""

    KIND: ClassVar[str] = "units"
    name: str
    kind: UnitKind = choice(UNIT_KIND)
    gso_code: str | None = None  # the statistics office's code of a xã / thị trấn
    contact: Contact | None = None
    coordination_regulation: Regulation | None = None
    # From this day the unit no longer exists (merged, dissolved): kept with its history and
    # its old reports, not expected in periods due on or after it (facts.expected_in).
    retired_on: date | None = None
    attachments: list[Attachment] = members()  # merged as a set: two staff attaching both win

    @property
    def is_assignee(self) -> bool:
        """True for units that are assigned tasks and must report (retired or not)."""
        return self.kind in ASSIGNEE_KINDS


# --- tasks ----------------------------------------------------------------------------


@record
class Note:
    """A dated progress note on a task."""

    on: date
    author: str
    text: str


@record
class Task(Record):
    """A task group of the plan (II.1 … II.8, II.2.1, II.2.2): ``tasks/<slug>``."""

    KIND: ClassVar[str] = "tasks"
    plan: str = ref("plans")
    code: str  # "II.2.1"
    parent: str | None = ref("tasks", default=None)  # II.2.1 and II.2.2 belong to II.2
    title: str
    text: str = ""
    lead_unit: str | None = ref("units", default=None)
    assigned_units: list[str] = members(refers_to="units")
    status: TaskStatus = choice(TASK_STATUS, default="not-started")
    due: date | None = None
    completed_on: date | None = None
    notes: list[Note] = members(order="date")
    attachments: list[Attachment] = members()  # merged as a set: two staff attaching both win

    def __post_init__(self) -> None:
        if self.status == "done" and self.completed_on is None:
            raise FieldError(N_("err.rule.completed_on"), field="completed_on")

    @property
    def sort_key(self) -> tuple[int, ...]:
        """Order by the numbers of the code: II.2.1 after II.2, before II.3."""
        return tuple(int(n) for n in re.findall(r"\d+", self.code))


# --- periods and reports ----------------------------------------------------------------


@record
class Period(Record):
    """A reporting period with its deadline: ``periods/<slug>``."""

    KIND: ClassVar[str] = "periods"
    plan: str = ref("plans")
    name: str
    kind: PeriodKind
    due: date
    starts_on: date | None = None
    ends_on: date | None = None


@record
class Figures:
    """The numbers a unit's report gives (all optional, none negative)."""

    conferences: int | None = count()
    conference_attendees: int | None = count()
    citizen_receptions: int | None = count()
    citizens_received: int | None = count()
    dialogues: int | None = count()
    petitions_received: int | None = count()
    petitions_in_competence: int | None = count()
    petitions_resolved: int | None = count()
    voter_recommendations_received: int | None = count()
    voter_recommendations_resolved: int | None = count()
    models_registered: int | None = count()
    models_recognised: int | None = count()
    exemplary_persons: int | None = count()
    commendations: int | None = count()

    def __post_init__(self) -> None:
        for done, total in (
            ("petitions_resolved", "petitions_received"),
            ("petitions_in_competence", "petitions_received"),
            ("voter_recommendations_resolved", "voter_recommendations_received"),
            ("models_recognised", "models_registered"),
        ):
            a, b = getattr(self, done), getattr(self, total)
            if a is not None and b is not None and a > b:
                other = FIELD[f"figures.{total}"]  # its label, in the language it is shown in
                raise FieldError(
                    N_("err.rule.not_more_than"), {"other_key": other}, field=f"figures.{done}"
                )


@record
class Report(Record):
    """One unit's report for one period: ``reports/<period>/<unit>``."""

    KIND: ClassVar[str] = "reports"
    status: ReportStatus = choice(REPORT_STATUS, default="missing")
    submitted_on: date | None = None
    document_number: str | None = None
    figures: Figures = field(default_factory=Figures)
    narrative: dict[str, str] = ref("tasks", default_factory=dict)  # task slug → text
    reviewer: str | None = None
    reviewed_on: date | None = None
    review_note: str | None = None
    attachments: list[Attachment] = members()  # merged as a set: two staff attaching both win

    def __post_init__(self) -> None:
        if self.status != "missing" and self.submitted_on is None:
            raise FieldError(N_("err.rule.submitted_on"), field="submitted_on")
        if self.status in ("returned", "approved") and self.reviewed_on is None:
            raise FieldError(N_("err.rule.reviewed_on"), field="reviewed_on")

    @property
    def period(self) -> str:
        """The period slug (from the path)."""
        return self.id.parts[0]

    @property
    def unit(self) -> str:
        """The unit slug (from the path)."""
        return self.id.parts[1]


# --- "Dân vận khéo" models and exemplary persons ----------------------------------------


@record
class Model(Record):
    """A "Dân vận khéo" model or an exemplary person of a year: ``models/<year>/<slug>``."""

    KIND: ClassVar[str] = "models"
    kind: ModelKind = choice(MODEL_KIND)
    name: str
    unit: str = ref("units")
    person: str | None = None
    place: str | None = None
    sector: ModelField = choice(SECTOR)
    started_on: date | None = None
    description: str | None = None
    results: str | None = None
    households_benefiting: int | None = count()
    resources_mobilised: str | None = None
    recognition_level: str | None = None
    award: str | None = None
    attachments: list[Attachment] = members()  # merged as a set: two staff attaching both win

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d{4}", self.id.parts[0]):
            raise FieldError(N_("err.id.year"), {"part": self.id.parts[0]}, field="id")

    @property
    def year(self) -> int:
        """The year from the path (``models/2023/…``)."""
        return int(self.id.parts[0])


# --- the office's own words for a consolidated report -------------------------------------


@record
class Summary(Record):
    """What the office writes for its consolidated report of a period: ``summaries/<period>``.

    The figures and the per-task results come from the units' reports; this record holds
    the parts only the office can write (assessment, direction, proposals) and the
    document's own particulars (number, date, signer, recipients).
    """

    KIND: ClassVar[str] = "summaries"
    number: str | None = None  # "125" of "Số: 125/BC-UBND"; blank as printed when unknown
    symbol: str = "BC-UBND"
    issued_on: date | None = None
    subject: str | None = None  # trích yếu; a standard one is made from the period when empty
    leadership: str = ""  # I. leadership, direction and dissemination
    strengths: str = ""  # III. ưu điểm
    limitations: str = ""  # III. hạn chế
    causes: str = ""  # III. nguyên nhân
    direction: str = ""  # IV. phương hướng, nhiệm vụ
    proposals: str = ""  # V. đề xuất, kiến nghị
    recipients: list[str] = field(default_factory=list)
    signature: Signature | None = None  # the plan's signature block when empty
    attachments: list[Attachment] = members()  # merged as a set: two staff attaching both win

    @property
    def period(self) -> str:
        """The period slug (from the path)."""
        return self.id.parts[0]


# --- review sign-offs ---------------------------------------------------------------------


@record
class Review(Record):
    """A reviewer's sign-off on the history up to one commit: ``reviews/<yyyymmdd-hhmmss-who>``.

    Stored as a record (not a git note or tag) so that it syncs and shows in history like
    any other change; the commits it covers are never rewritten.
    """

    KIND: ClassVar[str] = "reviews"
    reviewer: str
    email: str = ""
    signed_on: date
    upto: str  # full sha of the last commit reviewed
    commits: int | None = count()  # how many unreviewed commits the sign-off covered
    comment: str | None = None

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[0-9a-f]{40}", self.upto):
            raise FieldError(N_("err.rule.sha"), {"value": self.upto}, field="upto")


KINDS: dict[str, type[Record]] = {
    cls.KIND: cls for cls in (Plan, Unit, Task, Period, Report, Model, Summary, Review)
}
