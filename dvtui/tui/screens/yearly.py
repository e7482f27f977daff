"""The yearly cycle in the UI: next year's plan, and new units, tasks and reporting periods.

Each new record goes through the same form and the same save as an edit (one commit); its
address is made from what is typed (a unit's name, a task's code, a period's kind and year).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from dvtui.core.ids import SLUG, RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import Period, PeriodKind, Plan, Task, Unit
from dvtui.core.text import slugify
from dvtui.i18n import N_, t
from dvtui.tui.screens.form import FieldSpec, FormScreen
from dvtui.tui.screens.forms import unit_fields, unit_options
from dvtui.tui.translated import TranslatedModal
from dvtui.tui.widgets.fields import TextInput

if TYPE_CHECKING:
    from dvtui.tui.backend import Host

PERIOD_KINDS: tuple[tuple[PeriodKind, str], ...] = (
    ("half-year", N_("period.short.half-year")),
    ("year", N_("period.short.year")),
    ("quarter", N_("period.short.quarter")),
    ("ad-hoc", N_("period.short.ad-hoc")),
)


# --- next year's plan ---------------------------------------------------------------------


class PlanNewScreen(TranslatedModal[tuple[str, int] | None]):
    """Ask which plan to copy and for which year; dismiss with (source slug, year)."""

    BINDINGS = [Binding("escape", "cancel", N_("ui.key.cancel"))]

    def __init__(self, plans: list[Plan]) -> None:
        super().__init__()
        self.plans = plans  # newest first

    def compose(self) -> ComposeResult:
        newest = self.plans[0]
        with Vertical(classes="dialog"):
            yield Static(Text(t("ui.plan_new.explain")))
            yield Label(t("ui.plan_new.source"))
            yield Select(
                [(Text(t("ui.plan_of_year", year=p.year)), p.id.name) for p in self.plans],
                value=newest.id.name,
                allow_blank=False,
                prompt=t("ui.choose"),
                id="source",
                compact=True,
            )
            yield Label(t("ui.plan_new.year"))
            yield TextInput(str(newest.year + 1), id="year", compact=True)
            yield Static("", id="plan-new-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("ui.button.plan_new"), id="ok", variant="primary")
                yield Button(t("ui.button.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#year", Input).focus()  # the year is what is typed; Enter makes it

    @on(Button.Pressed, "#ok")
    @on(Input.Submitted)
    def _ok(self) -> None:
        text = self.query_one("#year", Input).value.strip()
        source = str(self.query_one("#source", Select).value)
        if not (text.isdigit() and len(text) == 4):
            self.query_one("#plan-new-error", Static).update(
                Text(t("err.type.int_text", value=text))
            )
            return
        self.dismiss((source, int(text)))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Nothing is made."""
        self.dismiss(None)


def new_plan_form(app: Host) -> FormScreen:
    """A new office's first plan, typed in: its address is its year (``plans/2026``); the
    issuer and place come from dvtui.toml (``dvtui init --empty --issuer …``)."""
    from dvtui.services.create import defaults_for

    fields = [
        FieldSpec("year", "int"),
        FieldSpec("title"),
        FieldSpec("issuer"),
        FieldSpec("place"),
        FieldSpec("symbol"),
        FieldSpec("number"),
        FieldSpec("issued_day", "int"),
        FieldSpec("issued_month", "int"),
        FieldSpec("issued_year", "int"),
    ]

    def make_id(table: dict[str, Any]) -> RecordId:
        return _new_id(app, "plans", str(table.get("year", "")))

    form = FormScreen(Plan, fields, title=t("ui.new_plan_title"), make_id=make_id)
    year = str(app.today.year)
    form.base.update(defaults_for(RecordId("plans", (year,)), app.settings))
    return form


# --- units -----------------------------------------------------------------------------


def new_unit_form(app: Host) -> FormScreen:
    """Add a unit; its address is made from its name (``UBND xã Mới`` -> ``ubnd-xa-moi``)."""

    def make_id(table: dict[str, Any]) -> RecordId:
        return _new_id(app, "units", slugify(str(table.get("name", ""))))

    return FormScreen(Unit, unit_fields(), title=t("ui.new_unit_title"), make_id=make_id)


# --- tasks ------------------------------------------------------------------------------


def new_task_form(app: Host, plan: Plan) -> FormScreen:
    """Add a task to ``plan``; its address is the plan's year and the code (``2024-ii-9``)."""
    fields = [
        FieldSpec("code"),
        FieldSpec("title"),
        FieldSpec("text", "multiline"),
        FieldSpec("due", "date"),
        FieldSpec("lead_unit", "select", unit_options(app), blank=True),
        FieldSpec("assigned_units", "units", unit_options(app)),
    ]

    def make_id(table: dict[str, Any]) -> RecordId:
        code = slugify(str(table.get("code", "")))
        return _new_id(app, "tasks", f"{plan.id.name}-{code}" if code else "")

    form = FormScreen(Task, fields, title=t("ui.new_task_title", year=plan.year), make_id=make_id)
    form.base["plan"] = plan.id.name
    return form


# --- periods ----------------------------------------------------------------------------


def period_fields() -> list[FieldSpec]:
    """A period's fields, in form order."""
    return [
        FieldSpec("name"),
        FieldSpec("kind", "select", tuple((t(label), k) for k, label in PERIOD_KINDS)),
        FieldSpec("due", "date"),
        FieldSpec("starts_on", "date"),
        FieldSpec("ends_on", "date"),
    ]


def period_form(app: Host, record: Period) -> FormScreen:
    """Edit a reporting period: its name and deadline above all."""
    return FormScreen(Period, period_fields(), title=record.name, record=record)


def new_period_form(app: Host, plan: Plan) -> FormScreen:
    """Add a period to ``plan``; its address says the year and the kind (``2024-h2``,
    ``2024-q3``, ``2024-year``; an ad-hoc one is named after its name)."""

    def make_id(table: dict[str, Any]) -> RecordId:
        kind = str(table.get("kind", ""))
        if kind == "ad-hoc":
            return _new_id(app, "periods", f"{plan.id.name}-{slugify(str(table.get('name', '')))}")
        if kind == "year":
            return _new_id(app, "periods", f"{plan.id.name}-year")
        prefix = {"half-year": "h", "quarter": "q"}.get(kind, "")
        if not prefix:
            raise DataError("err.required_kind")
        for n in range(1, 5):
            rid = RecordId("periods", (f"{plan.id.name}-{prefix}{n}",))
            if app.data is None or rid not in app.data:
                return rid
        return _new_id(app, "periods", f"{plan.id.name}-{prefix}4")  # says: exists

    form = FormScreen(
        Period, period_fields(), title=t("ui.new_period_title", year=plan.year), make_id=make_id
    )
    form.base["plan"] = plan.id.name
    return form


def _new_id(app: Host, kind: str, slug: str) -> RecordId:
    """The address of a new record; DataError when it cannot be made or already exists."""
    slug = slug.strip("-")[:64].strip("-")
    if not slug or not SLUG.fullmatch(slug):
        raise DataError("err.name_needed")
    rid = RecordId(kind, (slug,))
    if app.data is not None and rid in app.data:
        raise DataError("err.exists", id=str(rid))
    return rid
