"""The forms of each kind: which fields, in what order, and their extra actions."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from rich.text import Text
from textual import on
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Button, Static

from dvtui.core.facts import title_of
from dvtui.core.ids import RecordId
from dvtui.core.labels import MODEL_KIND, REPORT_STATUS, SECTOR, UNIT_KIND, Slug
from dvtui.core.problems import DataError, FieldError
from dvtui.core.records import Figures, Model, Report, Task, Unit
from dvtui.core.text import inert, slugify
from dvtui.i18n import N_, t, tn
from dvtui.reports.listing import report_timeliness_text
from dvtui.tui.backend import Host
from dvtui.tui.screens.form import FieldSpec, FormScreen


def options(labels: Mapping[Slug, str]) -> tuple[tuple[str, str], ...]:
    """(label, slug) of every slug of a family (``dvtui.core.labels``), for a select."""
    return tuple((t(key), slug) for slug, key in labels.items())


def unit_options(app: Host, *, assignees_only: bool = True) -> tuple[tuple[str, str], ...]:
    """(name, slug) of the units, in the usual order."""
    assert app.data is not None
    units = app.data.assignees() if assignees_only else app.data.of(Unit)
    return tuple((u.name, u.id.name) for u in units)


# --- reports ---------------------------------------------------------------------------


class ReportForm(FormScreen):
    """Record a unit's report as received, fill its figures and narrative, review it."""

    # Keys of their own: F8/F9 are Đôn đốc/Đồng bộ on the main screen.
    BINDINGS = [
        Binding("ctrl+o", "review('approved')", N_("ui.button.approve"), priority=True),
        Binding("ctrl+t", "review('returned')", N_("ui.key.return"), priority=True),
        Binding("ctrl+f", "attachments", N_("ui.key.attachments"), priority=True),
    ]

    def __init__(self, app: Host, record: Report) -> None:
        assert app.data is not None
        figures = [FieldSpec(f"figures.{f.name}", "int") for f in dataclasses.fields(Figures)]
        covered = _tasks_of_period(app, record)
        narrative = [
            FieldSpec(f"narrative.{task.id.name}", "multiline", label=f"{task.code} {task.title}")
            for task in app.data.of(Task)
            if task.id.name in covered
        ]
        fields = [
            FieldSpec("status", "select", options(REPORT_STATUS)),
            FieldSpec("submitted_on", "date"),
            FieldSpec("document_number"),
            *figures,
            *narrative,
            FieldSpec("review_note", "multiline"),
        ]
        super().__init__(Report, fields, title=title_of(record, app.data), record=record)
        self.report = record

    def compose_top(self) -> Iterable[Widget]:
        app = self.dvtui
        assert app.data is not None
        period = app.data.period(self.report.period)
        if period is not None:
            state = report_timeliness_text(self.report, period, app.today, app.settings)
            yield Static(Text(t("col.timeliness") + ": " + state), classes="form-note")
        if self.report.reviewer:
            yield Static(
                Text(t("ui.reviewed_by", name=inert(self.report.reviewer))), classes="form-note"
            )
        yield Static(Text(tn("ui.attach.note", len(self.report.attachments))), classes="form-note")

    def extra_buttons(self) -> list[tuple[str, str]]:
        return [("approve", t("ui.button.approve_key")), ("return", t("ui.button.return_key"))]

    def action_attachments(self) -> None:
        """Ctrl+F: the files the unit sent (listed, attached, opened; a filled Excel form
        imported from there). The button row has no room left at 80 columns: the key is in
        the footer and the note at the top of the form."""
        from dvtui.tui.screens.attachments import AttachmentsScreen

        def closed(changed: bool | None) -> None:
            if changed and not self.unsaved():
                self.dismiss(True)  # the report changed: reopen it to see it as saved

        self.app.push_screen(AttachmentsScreen(self.report, self.heading), closed)

    def save(self, **overrides: object) -> None:
        """Saving a received date on a missing report records it as submitted."""
        if "status" not in overrides:
            status = self._raw(self._spec("status"))
            try:
                received = self._parse(self._spec("submitted_on"))
            except FieldError:
                received = None
            if status == "missing" and received is not None:
                overrides["status"] = "submitted"
        super().save(**overrides)

    def _spec(self, name: str) -> FieldSpec:
        return next(s for s in self.fields if s.name == name)

    def action_review(self, status: str) -> None:
        """Ctrl+O approve, Ctrl+T return (with the note saying what to add)."""
        self._review(status)

    def _review(self, status: str) -> None:
        """Ask first (a decision the unit is told of), then save it as the reviewer."""
        from dvtui.tui.screens.confirm import ConfirmScreen

        if status == "returned" and not self._raw(self._spec("review_note")):
            self._set_error("review_note", t("ui.return_needs_note"), focus=True)
            return
        question = t("ui.confirm_approve") if status == "approved" else t("ui.confirm_return")

        def answer(yes: bool | None) -> None:
            if yes:
                self._decide(status)

        self.app.push_screen(ConfirmScreen(question), answer)

    def _decide(self, status: str) -> None:
        identity = self.dvtui.identity
        if identity is None:  # asked once; the decision is saved right after
            self.dvtui.ask_identity(lambda: self._decide(status))
            return
        self.save(status=status, reviewer=identity.name, reviewed_on=self.dvtui.today)

    @on(Button.Pressed, "#approve")
    def _approve(self) -> None:
        self._review("approved")

    @on(Button.Pressed, "#return")
    def _return(self) -> None:
        self._review("returned")


def _tasks_of_period(app: Host, report: Report) -> set[str]:
    """Slugs of the tasks a report covers: those of its period's plan, except group headings."""
    assert app.data is not None
    period = app.data.period(report.period)
    tasks = [task for task in app.data.of(Task) if period is None or task.plan == period.plan]
    parents = {task.parent for task in tasks if task.parent}
    return {task.id.name for task in tasks if task.id.name not in parents}


def report_form(app: Host, record: Report) -> ReportForm:
    """The form of one unit's report for one period."""
    return ReportForm(app, record)


# --- units -----------------------------------------------------------------------------


def unit_fields() -> list[FieldSpec]:
    """A unit's fields, in form order (the new unit's form and the edit form alike)."""
    return [
        FieldSpec("name"),
        FieldSpec("kind", "select", options(UNIT_KIND)),
        FieldSpec("gso_code"),
        FieldSpec("contact.person"),
        FieldSpec("contact.phone"),
        FieldSpec("contact.email"),
        FieldSpec("coordination_regulation.document_number"),
        FieldSpec("coordination_regulation.signed_on", "date"),
        FieldSpec("retired_on", "date"),
    ]


def unit_form(app: Host, record: Unit) -> FormScreen:
    """A unit's details: name, contact, coordination regulation with Ủy ban MTTQ, and the
    day it stopped existing (retired: not expected in later periods)."""
    return FormScreen(Unit, unit_fields(), title=record.name, record=record)


# --- models ------------------------------------------------------------------------------


def _model_fields(app: Host) -> list[FieldSpec]:
    return [
        FieldSpec("kind", "select", options(MODEL_KIND)),
        FieldSpec("name"),
        FieldSpec("unit", "select", unit_options(app, assignees_only=False)),
        FieldSpec("person"),
        FieldSpec("place"),
        FieldSpec("sector", "select", options(SECTOR)),
        FieldSpec("started_on", "date"),
        FieldSpec("description", "multiline"),
        FieldSpec("results", "multiline"),
        FieldSpec("households_benefiting", "int"),
        FieldSpec("resources_mobilised"),
        FieldSpec("recognition_level"),
        FieldSpec("award"),
    ]


def model_form(app: Host, record: Model) -> FormScreen:
    """Edit a "Dân vận khéo" model or an exemplary person."""
    return FormScreen(Model, _model_fields(app), title=record.name, record=record)


def new_model_form(app: Host, year: int) -> FormScreen:
    """Add a model or exemplary person for ``year``; its ID is made from its name."""

    def make_id(table: dict[str, Any]) -> RecordId:
        slug = slugify(str(table.get("name", "")))
        if not slug:
            raise DataError("err.name_needed")
        rid = RecordId("models", (str(year), slug))
        if app.data is not None and rid in app.data:
            raise DataError("err.exists", id=str(rid))
        return rid

    return FormScreen(
        Model, _model_fields(app), title=t("ui.new_model_title", year=year), make_id=make_id
    )
