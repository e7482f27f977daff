"""Labels, not keys; names, not slugs: wherever a person reads a field or a value."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path

from conftest import cli, git

from dvtui.core import labels
from dvtui.core.changes import Change, describe, field_label, value_text
from dvtui.core.facts import address_title
from dvtui.core.problems import Problem
from dvtui.core.records import (
    KINDS,
    ModelField,
    ModelKind,
    PeriodKind,
    ReportStatus,
    TaskStatus,
    UnitKind,
)
from dvtui.core.schema import hints, stored_fields
from dvtui.i18n import language, translator
from dvtui.storage import Store

QUAI_CANG = "ubnd-xa-quai-cang"
QUAI_CANG_H1 = "reports/2023-h1/ubnd-xa-quai-cang"


def test_every_slug_a_record_allows_has_a_label_in_its_family_table() -> None:
    for table, literal in (
        (labels.REPORT_STATUS, ReportStatus),
        (labels.TASK_STATUS, TaskStatus),
        (labels.UNIT_KIND, UnitKind),
        (labels.MODEL_KIND, ModelKind),
        (labels.SECTOR, ModelField),
        (labels.PERIOD_KIND, PeriodKind),
    ):
        assert tuple(table) == typing.get_args(literal)  # every slug, in the records' order
    assert set(labels.RECORD_KIND) == set(KINDS)


def _dotted(cls: type, prefix: str = "") -> list[str]:
    out = []
    for f in stored_fields(cls):
        tp = hints(cls)[f.name]
        if typing.get_origin(tp) is not list:  # Optional[X] → X; a list is one value
            tp = next((a for a in typing.get_args(tp) if a is not type(None)), tp)
        if dataclasses.is_dataclass(tp) and isinstance(tp, type):
            out += _dotted(tp, f"{prefix}{f.name}.")
        else:
            out.append(prefix + f.name)
    return out


def test_every_stored_field_of_every_kind_has_a_label() -> None:
    fields = {name for cls in KINDS.values() for name in _dotted(cls)}
    assert fields <= set(labels.FIELD), sorted(fields - set(labels.FIELD))


def test_a_change_names_units_tasks_and_plans_not_their_slugs(store: Store) -> None:
    data = store.load()
    lead = describe(Change("lead_unit", None, QUAI_CANG), data)
    assert lead == "Đơn vị chủ trì: (trống) → UBND xã Quài Cang"
    units = value_text("assigned_units", ["phong-noi-vu", QUAI_CANG], data, limit=200)
    assert units == "Phòng Nội vụ, UBND xã Quài Cang"
    assert describe(Change("plan", "2022", "2023"), data) == "Kế hoạch: 2022 → Kế hoạch năm 2023"
    label = field_label("narrative.2023-ii-1", data)
    assert label.startswith("Kết quả nhiệm vụ II.1 Tổ chức quán triệt")
    assert "narrative" not in label and "2023-ii-1" not in label
    # a slug nothing is named by any more (a unit deleted since) is shown as it is
    assert value_text("lead_unit", "ubnd-xa-da-giai-the", data) == "ubnd-xa-da-giai-the"
    with language("en"):
        assert describe(Change("lead_unit", None, QUAI_CANG), data) == (
            "Lead unit: (empty) → UBND xã Quài Cang"
        )


def test_a_record_address_is_named_as_a_person_names_it(store: Store) -> None:
    data = store.load()
    assert address_title(QUAI_CANG_H1, data) == "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang"
    assert address_title("units/ubnd-xa-da-giai-the", data) == "Đơn vị ubnd-xa-da-giai-the"
    assert address_title("dvtui.toml", data) == "dvtui.toml"


def test_a_rule_names_the_other_field_by_its_label_in_the_language_it_is_read_in() -> None:
    problem = Problem(
        "records/reports/2023-h1/x.toml",
        "figures.petitions_resolved",
        "err.rule.not_more_than",
        {"other_key": labels.FIELD["figures.petitions_received"]},
    )
    received = translator("vi").t("field.figures.petitions_received")
    assert problem.reason() == f"không được lớn hơn {received}"
    with language("en"):
        assert problem.reason() == "must not be more than Petitions received"


def test_show_prints_labels_and_names(repo_path: Path) -> None:
    out = cli("--repo", str(repo_path), "show", "tasks/2023-ii-1").stdout
    assert "  Kế hoạch: Kế hoạch năm 2023" in out
    assert "Phòng Nội vụ" in out and "phong-noi-vu" not in out
    assert "\n  plan:" not in out


def test_commit_log_and_review_name_the_task_of_a_narrative_and_the_unit_of_a_slug(
    repo_path: Path,
) -> None:
    args = ("--repo", str(repo_path))
    done = cli(*args, "set", QUAI_CANG_H1, "narrative.2023-ii-1=Đã tổ chức 3 hội nghị")
    assert done.returncode == 0, done.stderr
    cli(*args, "set", "tasks/2023-ii-7", f"lead_unit={QUAI_CANG}")
    body = git(repo_path, "log", "-2", "--format=%B")
    assert "Kết quả nhiệm vụ II.1 " in body and "narrative." not in body.split("Field:")[0]
    assert "Đơn vị chủ trì: " in body and "→ UBND xã Quài Cang" in body
    log = cli(*args, "log", QUAI_CANG_H1).stdout
    assert "Kết quả nhiệm vụ II.1" in log and "narrative.2023-ii-1" not in log
    review = cli(*args, "review").stdout
    assert "II.7 " in review and "→ UBND xã Quài Cang" in review
    assert "tasks/2023-ii-7 · " not in review
    english = cli(*args, "--lang", "en", "log", "tasks/2023-ii-7").stdout
    assert "Lead unit: " in english and "→ UBND xã Quài Cang" in english


def test_a_set_commit_names_the_units_a_field_held_before_not_only_after(
    repo_path: Path,
) -> None:
    # `dvtui set` reads only the record and what it names now: the units it named before
    # must still be named in the commit, which stays in the shared history for good.
    args = ("--repo", str(repo_path))
    moved = cli(*args, "set", "tasks/2023-ii-8", "lead_unit=ubnd-xa-pu-xi")
    assert moved.returncode == 0, moved.stderr
    subject, body = git(repo_path, "log", "-1", "--format=%s%n%b").split("\n", 1)
    assert subject.endswith("Đơn vị chủ trì: Phòng Nội vụ → UBND xã Pú Xi"), subject
    assert "- Đơn vị chủ trì: Phòng Nội vụ → UBND xã Pú Xi" in body
    narrowed = cli(*args, "set", "tasks/2023-ii-7", "assigned_units=ubnd-xa-pu-xi")
    assert narrowed.returncode == 0, narrowed.stderr
    words = git(repo_path, "log", "-1", "--format=%B").split("Record:")[0]
    assert "Đơn vị thực hiện: Phòng Dân tộc, " in words, words
    assert "phong-" not in words and "ubnd-" not in words


def test_a_merge_commit_resolved_under_english_is_written_in_vietnamese(tmp_path: Path) -> None:
    from synchelp import QUAI_CANG as REPORT
    from synchelp import make_clone, make_remote

    from dvtui.services.sync import sync

    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    lan.set_fields(REPORT, {"document_number": "1/BC", "review_note": "của Lan"})
    sync(lan)
    minh.set_fields(REPORT, {"document_number": "2/BC", "review_note": "của Minh"})
    assert sync(minh).outcome == "conflict"
    args = ("--lang", "en", "--repo", str(minh.root), "resolve", str(REPORT))
    done = cli(*args, "document_number=3/BC", "review_note=mine")
    assert done.returncode == 0, done.stderr
    assert "Conflicts resolved; merge committed as" in done.stdout  # the user's language
    message = git(minh.root, "log", "-1", "--format=%B")
    assert message.startswith("Hợp nhất thay đổi từ máy chủ (origin/main), giải quyết 2 xung đột")
    assert "- Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang: Số văn bản: " in message
    assert "Document number" not in message and "Merge changes" not in message
