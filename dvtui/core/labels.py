"""What a person reads for each slug a record stores: one table per family, slug → message key.

Statuses, kinds, sectors and period kinds are stable English slugs on disk. Each table writes
its keys out in full (``N_``), so that extraction sees every one and a test finds a slug
without a label; :func:`label` shows one in the current language. Every place that shows a
family uses its table here: the UI, the CLI, the documents, commit messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from dvtui.i18n import N_, Translator, current_language, translator

if TYPE_CHECKING:  # records.py reads its fields' labels here: the slugs' types only for mypy
    from dvtui.core.records import (
        ModelField,
        ModelKind,
        PeriodKind,
        ReportStatus,
        TaskStatus,
        UnitKind,
    )

Slug = TypeVar("Slug", bound=str)
SlugTable = Mapping[Any, str]  # a table of any family, looked up by any text (label())

# Keyed by the slug's Literal: a key no record can hold, or a typo, fails the type check;
# tests/test_labels.py checks that every slug has one.
REPORT_STATUS: Mapping[ReportStatus, str] = {
    "missing": N_("status.report.missing"),
    "submitted": N_("status.report.submitted"),
    "returned": N_("status.report.returned"),
    "approved": N_("status.report.approved"),
}
TASK_STATUS: Mapping[TaskStatus, str] = {
    "not-started": N_("status.task.not-started"),
    "in-progress": N_("status.task.in-progress"),
    "done": N_("status.task.done"),
}
UNIT_KIND: Mapping[UnitKind, str] = {
    "agency": N_("kind.unit.agency"),
    "commune": N_("kind.unit.commune"),
    "ward": N_("kind.unit.ward"),
    "township": N_("kind.unit.township"),
    "front": N_("kind.unit.front"),
    "mass-organization": N_("kind.unit.mass-organization"),
}
MODEL_KIND: Mapping[ModelKind, str] = {
    "model": N_("kind.model.model"),
    "exemplary-person": N_("kind.model.exemplary-person"),
}
SECTOR: Mapping[ModelField, str] = {
    "economy": N_("sector.economy"),
    "culture-society": N_("sector.culture-society"),
    "defence-security": N_("sector.defence-security"),
    "political-system": N_("sector.political-system"),
}
PERIOD_KIND: Mapping[PeriodKind, str] = {  # short: a column heading, "6 tháng"
    "half-year": N_("period.short.half-year"),
    "year": N_("period.short.year"),
    "quarter": N_("period.short.quarter"),
    "ad-hoc": N_("period.short.ad-hoc"),
}
ACTION: Mapping[str, str] = {  # what a commit did to a record (its Action trailer)
    "create": N_("action.create"),
    "update": N_("action.update"),
    "delete": N_("action.delete"),
}


RECORD_KIND: Mapping[str, str] = {  # a kind of record, named once: "Báo cáo", "Đơn vị"
    "plans": N_("record.plans"),
    "units": N_("record.units"),
    "tasks": N_("record.tasks"),
    "periods": N_("record.periods"),
    "reports": N_("record.reports"),
    "models": N_("record.models"),
    "summaries": N_("record.summaries"),
    "reviews": N_("record.reviews"),
}
# Every field a record stores (dotted inside tables), by name: its label.
FIELD: Mapping[str, str] = {
    "assigned_units": N_("field.assigned_units"),
    "award": N_("field.award"),
    "causes": N_("field.causes"),
    "closing": N_("field.closing"),
    "code": N_("field.code"),
    "comment": N_("field.comment"),
    "commits": N_("field.commits"),
    "completed_on": N_("field.completed_on"),
    "contact.email": N_("field.contact.email"),
    "contact.person": N_("field.contact.person"),
    "contact.phone": N_("field.contact.phone"),
    "coordination_regulation.document_number": N_("field.coordination_regulation.document_number"),
    "coordination_regulation.signed_on": N_("field.coordination_regulation.signed_on"),
    "description": N_("field.description"),
    "direction": N_("field.direction"),
    "document_number": N_("field.document_number"),
    "due": N_("field.due"),
    "email": N_("field.email"),
    "ends_on": N_("field.ends_on"),
    "figures.citizen_receptions": N_("field.figures.citizen_receptions"),
    "figures.citizens_received": N_("field.figures.citizens_received"),
    "figures.commendations": N_("field.figures.commendations"),
    "figures.conference_attendees": N_("field.figures.conference_attendees"),
    "figures.conferences": N_("field.figures.conferences"),
    "figures.dialogues": N_("field.figures.dialogues"),
    "figures.exemplary_persons": N_("field.figures.exemplary_persons"),
    "figures.models_recognised": N_("field.figures.models_recognised"),
    "figures.models_registered": N_("field.figures.models_registered"),
    "figures.petitions_in_competence": N_("field.figures.petitions_in_competence"),
    "figures.petitions_received": N_("field.figures.petitions_received"),
    "figures.petitions_resolved": N_("field.figures.petitions_resolved"),
    "figures.voter_recommendations_received": N_("field.figures.voter_recommendations_received"),
    "figures.voter_recommendations_resolved": N_("field.figures.voter_recommendations_resolved"),
    "follow_up": N_("field.follow_up"),
    "gso_code": N_("field.gso_code"),
    "households_benefiting": N_("field.households_benefiting"),
    "issued_day": N_("field.issued_day"),
    "issued_month": N_("field.issued_month"),
    "issued_on": N_("field.issued_on"),
    "issued_year": N_("field.issued_year"),
    "issuer": N_("field.issuer"),
    "kind": N_("field.kind"),
    "lead_unit": N_("field.lead_unit"),
    "leadership": N_("field.leadership"),
    "legal_bases": N_("field.legal_bases"),
    "limitations": N_("field.limitations"),
    "name": N_("field.name"),
    "narrative": N_("field.narrative"),
    "notes": N_("field.notes"),
    "attachments": N_("field.attachments"),
    "number": N_("field.number"),
    "parent": N_("field.parent"),
    "person": N_("field.person"),
    "place": N_("field.place"),
    "plan": N_("field.plan"),
    "preamble": N_("field.preamble"),
    "proposals": N_("field.proposals"),
    "purposes": N_("field.purposes"),
    "recipients": N_("field.recipients"),
    "recognition_level": N_("field.recognition_level"),
    "report_to": N_("field.report_to"),
    "reporting": N_("field.reporting"),
    "resources_mobilised": N_("field.resources_mobilised"),
    "results": N_("field.results"),
    "retired_on": N_("field.retired_on"),
    "review_note": N_("field.review_note"),
    "reviewed_on": N_("field.reviewed_on"),
    "reviewer": N_("field.reviewer"),
    "sector": N_("field.sector"),
    "signature.authority": N_("field.signature.authority"),
    "signature.signer": N_("field.signature.signer"),
    "signature.title": N_("field.signature.title"),
    "signed_on": N_("field.signed_on"),
    "started_on": N_("field.started_on"),
    "starts_on": N_("field.starts_on"),
    "status": N_("field.status"),
    "strengths": N_("field.strengths"),
    "subject": N_("field.subject"),
    "submitted_on": N_("field.submitted_on"),
    "symbol": N_("field.symbol"),
    "targets.coordination_regulation_percent": N_("field.targets.coordination_regulation_percent"),
    "targets.exemplary_persons_per_unit": N_("field.targets.exemplary_persons_per_unit"),
    "targets.models_per_unit": N_("field.targets.models_per_unit"),
    "text": N_("field.text"),
    "title": N_("field.title"),
    "unit": N_("field.unit"),
    "upto": N_("field.upto"),
    "year": N_("field.year"),
}


# A figure summed from the reports, as the head of a narrow column (the report's appendix);
# its full label is FIELD's (figure_key).
FIGURE_SHORT: Mapping[str, str] = {
    "conferences": N_("doc.short.conferences"),
    "conference_attendees": N_("doc.short.conference_attendees"),
    "citizen_receptions": N_("doc.short.citizen_receptions"),
    "citizens_received": N_("doc.short.citizens_received"),
    "dialogues": N_("doc.short.dialogues"),
    "petitions_received": N_("doc.short.petitions_received"),
    "petitions_in_competence": N_("doc.short.petitions_in_competence"),
    "petitions_resolved": N_("doc.short.petitions_resolved"),
    "voter_recommendations_received": N_("doc.short.voter_recommendations_received"),
    "voter_recommendations_resolved": N_("doc.short.voter_recommendations_resolved"),
    "commendations": N_("doc.short.commendations"),
}


def figure_key(name: str) -> str:
    """The key of a figure's full label (the report's field ``figures.<name>``)."""
    return FIELD[f"figures.{name}"]


def label(table: Mapping[Slug, str], slug: str, tr: Translator | None = None) -> str:
    """The label of ``slug`` in ``table``, in ``tr``'s language (default: the current one);
    a slug no table knows (a newer dvtui's) as it is."""
    key = cast("Mapping[str, str]", table).get(slug)  # any text may be asked, not just a Slug
    return slug if key is None else (tr or translator(current_language())).t(key)


def timeliness_text(state: str, days: int, tr: Translator | None = None) -> str:
    """``Đúng hạn`` / ``Nộp muộn 3 ngày`` / ``Chưa đến hạn`` / ``Quá hạn 5 ngày``."""
    tr = tr or translator(current_language())
    if state == "late":
        return tr.tn("timeliness.late", days)
    if state == "overdue":
        return tr.tn("timeliness.overdue", days)
    if state == "on-time":
        return tr.t("timeliness.on-time")
    if state == "pending":
        return tr.t("timeliness.pending")
    return state
