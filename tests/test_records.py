"""The bundled 2023 dataset, the canonical round trip, and every kind of validation problem."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvtui.core import codec
from dvtui.core.dataset import Dataset
from dvtui.core.ids import RecordId
from dvtui.core.problems import Problem
from dvtui.core.records import Period, Plan, Report, Task, Unit
from dvtui.i18n import set_language
from dvtui.services.setup import bundled_records
from dvtui.storage import Store

BUNDLED = bundled_records()
BUNDLED_FILES = sorted(BUNDLED.rglob("*.toml"))


def relpath(path: Path) -> str:
    """``records/…`` as the loader names a bundled file."""
    return "records/" + path.relative_to(BUNDLED).as_posix()


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    """The bundled records, decoded straight from the source tree."""
    records, problems = [], []
    for path in BUNDLED_FILES:
        record, found = codec.decode(relpath(path), path.read_bytes())
        problems += found
        if record is not None:
            records.append(record)
    return Dataset(records, problems)


# --- round trip ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=relpath)
def test_bundled_record_round_trips_byte_identically(path: Path) -> None:
    data = path.read_bytes()
    record, problems = codec.decode(relpath(path), data)
    assert problems == []
    assert record is not None
    assert codec.encode(record) == data


def test_bundled_files_are_canonical_text() -> None:
    for path in BUNDLED_FILES:
        data = path.read_bytes()
        text = data.decode("utf-8")
        assert b"\r" not in data, path
        assert text.endswith("\n") and not text.startswith("\ufeff"), path
        assert text.startswith("schema = 1\n"), path


# --- the bundled 2023 dataset ----------------------------------------------------------------


def test_bundled_dataset_has_no_problems(bundled: Dataset) -> None:
    assert [str(p) for p in bundled.problems] == []
    assert len(bundled) == len(BUNDLED_FILES)


def test_the_plan_as_printed(bundled: Dataset) -> None:
    (plan,) = bundled.of(Plan)
    assert plan.id.name == "2023"
    assert plan.number is None  # "Số:    /KH-UBND": blank as printed
    assert plan.issued_day is None  # "ngày    tháng 03 năm 2023"
    assert plan.issued_month == 3
    assert plan.issued_year == 2023 and plan.year == 2023
    assert plan.symbol == "KH-UBND"
    assert plan.issuer == "Ủy ban nhân dân huyện Tuần Giáo"
    assert plan.signature is not None
    assert plan.signature.signer == "Mùa Va Hồ"
    assert plan.signature.title == "PHÓ CHỦ TỊCH"
    assert len(plan.purposes) == 5
    assert {b.number for b in plan.legal_bases} >= {"1707/KH-UBND", "33/CT-TTg", "20-CT/TU"}
    assert all(b.issuer for b in plan.legal_bases)
    by_number = {b.number: b for b in plan.legal_bases}
    assert by_number["1707/KH-UBND"].issued_on == date(2022, 6, 9)
    assert by_number["20-CT/TU"].title == ""  # the plan cites it by number and date only
    assert plan.targets.coordination_regulation_percent == 100
    assert plan.targets.models_per_unit == 1
    assert plan.targets.exemplary_persons_per_unit == 1
    assert "15/5/2023" in plan.reporting and "15/10/2023" in plan.reporting
    assert "Sở Nội vụ" in plan.recipients


def test_the_ten_tasks(bundled: Dataset) -> None:
    tasks = bundled.of(Task)
    assert [t.id.name for t in tasks] == [
        "2023-ii-1",
        "2023-ii-2",
        "2023-ii-2-1",
        "2023-ii-2-2",
        "2023-ii-3",
        "2023-ii-4",
        "2023-ii-5",
        "2023-ii-6",
        "2023-ii-7",
        "2023-ii-8",
    ]
    codes = {t.id.name: t.code for t in tasks}
    assert codes["2023-ii-2-1"] == "II.2.1" and codes["2023-ii-8"] == "II.8"
    by_id = {t.id.name: t for t in tasks}
    assert by_id["2023-ii-2-1"].parent == "2023-ii-2" and by_id["2023-ii-2-2"].parent == "2023-ii-2"
    assert by_id["2023-ii-8"].lead_unit == "phong-noi-vu"
    assert all(t.plan == "2023" and t.title for t in tasks)
    # II.2 is only a heading in the plan; its text is in II.2.1 and II.2.2
    assert [t.id.name for t in tasks if not t.text] == ["2023-ii-2"]
    assert all(t.status == "not-started" for t in tasks)


def test_the_units(bundled: Dataset) -> None:
    units = bundled.of(Unit)
    communes = [u for u in units if u.kind in ("commune", "township")]
    assert len(communes) == 19
    assert [u.name for u in communes if u.kind == "township"] == ["UBND thị trấn Tuần Giáo"]
    assert all(u.gso_code and len(u.gso_code) == 5 and u.gso_code.isdigit() for u in communes)
    assert len({u.gso_code for u in communes}) == 19
    names = {u.name for u in communes}
    assert {"UBND xã Quài Cang", "UBND xã Tỏa Tình", "UBND xã Chiềng Đông"} <= names
    agencies = {u.id.name for u in units if u.kind == "agency"}
    assert {"phong-noi-vu", "phong-tu-phap", "thanh-tra-huyen", "phong-y-te"} <= agencies
    assert len(agencies) == 15
    partners = [u for u in units if not u.is_assignee]
    assert any(u.kind == "front" for u in partners)
    assert len(partners) == 6  # Ủy ban MTTQ and the five đoàn thể


def test_the_two_periods(bundled: Dataset) -> None:
    periods = {p.id.name: p for p in bundled.of(Period)}
    assert set(periods) == {"2023-h1", "2023-year"}
    assert periods["2023-h1"].due == date(2023, 5, 15)
    assert periods["2023-year"].due == date(2023, 10, 15)
    assert periods["2023-h1"].kind == "half-year" and periods["2023-year"].kind == "year"


def test_a_report_for_every_assigned_unit_and_period(bundled: Dataset) -> None:
    assigned = {slug for task in bundled.of(Task) for slug in task.assigned_units}
    assert assigned == {u.id.name for u in bundled.assignees()}
    expected = {(p.id.name, u) for p in bundled.of(Period) for u in assigned}
    reports = bundled.of(Report)
    assert {(r.period, r.unit) for r in reports} == expected
    assert len(reports) == 2 * 34
    assert all(r.status == "missing" and r.submitted_on is None for r in reports)


# --- validation problems ---------------------------------------------------------------------

QUAI_CANG = "records/reports/2023-h1/ubnd-xa-quai-cang.toml"
UNIT = "records/units/ubnd-xa-quai-cang.toml"
PERIOD = "records/periods/2023-h1.toml"


def write(repo: Path, rel: str, content: str | bytes) -> None:
    """Put a hand-edited file into the data repo (as a user with a text editor would)."""
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)


def problems_of(repo: Path, rel: str) -> list[Problem]:
    """The problems a fresh load finds in one file."""
    return [p for p in Store(repo).load().problems if p.file == rel]


# (file, content, field, the start of the Vietnamese reason)
CASES = [
    pytest.param(
        QUAI_CANG, 'schema = 1\nstatus = "missing\n', "", "tệp TOML bị lỗi", id="malformed-toml"
    ),
    pytest.param(
        PERIOD,
        'schema = 1\nplan = "2023"\nname = "6 tháng"\nkind = "half-year"\ndue = "15/05/2023"\n',
        "due",
        "phải là một ngày",
        id="wrong-type-date",
    ),
    pytest.param(
        UNIT,
        'schema = 1\nname = 5\nkind = "commune"\n',
        "name",
        "phải là một chuỗi",
        id="wrong-type",
    ),
    pytest.param(
        QUAI_CANG,
        'schema = 1\nstatus = "done"\n',
        "status",
        "giá trị “done” không hợp lệ, chỉ nhận: missing, submitted, returned, approved",
        id="bad-enum",
    ),
    pytest.param(
        QUAI_CANG,
        'schema = 1\nstatus = "submitted"\nsubmitted_on = 2023-02-31\n',
        "",
        "tệp TOML bị lỗi: Invalid date",
        id="impossible-date",
    ),
    pytest.param(
        UNIT, 'schema = 1\nkind = "commune"\n', "name", "thiếu trường bắt buộc", id="missing-field"
    ),
    pytest.param(
        QUAI_CANG,
        'schema = 1\nstatus = "missing"\nnote = "x"\n',
        "note",
        "trường không có trong mẫu hồ sơ",
        id="unknown-key",
    ),
    pytest.param(
        QUAI_CANG,
        'schema = 1\nstatus = "missing"\n\n[figures]\ndialogs = 3\n',
        "figures.dialogs",
        "trường không có trong mẫu hồ sơ",
        id="unknown-nested-key",
    ),
    pytest.param(
        QUAI_CANG,
        'schema = 1\nstatus = "missing"\n\n[figures]\ndialogues = -1\n',
        "figures.dialogues",
        "không được nhỏ hơn 0",
        id="negative-figure",
    ),
    pytest.param(
        QUAI_CANG,
        'schema = 1\nstatus = "submitted"\n',
        "submitted_on",
        "báo cáo đã nộp phải có ngày nộp",
        id="rule-submitted-on",
    ),
    pytest.param(
        QUAI_CANG,
        "schema = 1\n\n[figures]\npetitions_received = 2\npetitions_resolved = 5\n",
        "figures.petitions_resolved",
        "không được lớn hơn Đơn thư khiếu nại, tố cáo, kiến nghị nhận được",
        id="nested-rule",
    ),
    pytest.param(
        "records/reports/2023-h1/ubnd-xa-khong-co.toml",
        'schema = 1\nstatus = "missing"\n',
        "(unit)",
        "không có hồ sơ “units/ubnd-xa-khong-co”",
        id="report-unknown-unit",
    ),
    pytest.param(
        "records/reports/2099-h1/ubnd-xa-quai-cang.toml",
        'schema = 1\nstatus = "missing"\n',
        "(period)",
        "không có hồ sơ “periods/2099-h1”",
        id="report-unknown-period",
    ),
    pytest.param(
        "records/tasks/2023-ii-9.toml",
        'schema = 1\nplan = "2023"\ncode = "II.9"\ntitle = "x"\n'
        'assigned_units = ["phong-noi-vu", "phong-khong-co"]\n',
        "assigned_units[2]",
        "không có hồ sơ “units/phong-khong-co”",
        id="task-unknown-unit",
    ),
    pytest.param(
        QUAI_CANG, 'status = "missing"\n', "schema", "thiếu số phiên bản mẫu", id="missing-schema"
    ),
    pytest.param(
        QUAI_CANG,
        'schema = 2\nstatus = "missing"\n',
        "schema",
        "hồ sơ được ghi bằng phiên bản dvtui mới hơn (mẫu 2), hãy cập nhật dvtui",
        id="newer-schema",
    ),
    pytest.param(
        QUAI_CANG, 'schema = "1"\nstatus = "missing"\n', "schema", "phiên bản mẫu", id="bad-schema"
    ),
    pytest.param(
        UNIT,
        # Windows-1258 stores Vietnamese decomposed: the letter, then the tone mark
        unicodedata.normalize(
            "NFD", 'schema = 1\nname = "UBND xã Quài Cang"\nkind = "commune"\n'
        ).encode("cp1258"),
        "",
        "tệp không phải UTF-8",
        id="not-utf8",
    ),
    pytest.param(
        UNIT,
        b'\xef\xbb\xbfschema = 1\nname = "UBND x\xc3\xa3"\nkind = "commune"\n',
        "",
        "tệp không phải UTF-8 (UTF-8 BOM)",
        id="utf8-bom",
    ),
    pytest.param(
        "records/units/UBND-Xa.toml",
        'schema = 1\nname = "x"\nkind = "commune"\n',
        "",
        "mã “units/UBND-Xa”",
        id="bad-file-name",
    ),
    pytest.param(
        "records/notes/x.toml", "schema = 1\n", "", "mã “notes/x” không bắt đầu", id="unknown-kind"
    ),
]


@pytest.mark.parametrize(("rel", "content", "field", "reason"), CASES)
def test_each_problem_names_file_field_and_reason(
    repo_path: Path, rel: str, content: str | bytes, field: str, reason: str
) -> None:
    write(repo_path, rel, content)
    found = problems_of(repo_path, rel)
    assert len(found) == 1, [str(p) for p in found]
    (problem,) = found
    assert problem.field == field
    where = f"{rel}: {field}: " if field else f"{rel}: "
    assert str(problem).startswith(where + reason), str(problem)
    assert "\n" not in str(problem)


def test_problems_in_english(repo_path: Path) -> None:
    write(repo_path, QUAI_CANG, 'schema = 1\nstatus = "done"\n')
    write(repo_path, UNIT, 'schema = 1\nkind = "commune"\n')
    write(repo_path, PERIOD, 'schema = 9\nplan = "2023"\n')
    set_language("en")
    problems = {p.file: str(p) for p in Store(repo_path).load().problems}
    assert problems[QUAI_CANG].startswith(f"{QUAI_CANG}: status: value “done” is not allowed")
    assert problems[UNIT] == f"{UNIT}: name: required field is missing"
    assert problems[PERIOD].endswith("written by a newer dvtui (schema 9); update dvtui")


def test_one_bad_file_never_stops_the_rest(repo_path: Path) -> None:
    bad: dict[str, str | bytes] = {
        QUAI_CANG: 'schema = 1\nstatus = "missing\n',
        "records/reports/2023-h1/ubnd-xa-ta-ma.toml": b"\xff\xfe\x00garbage",
        "records/reports/2023-year/phong-y-te.toml": 'schema = 1\nstatus = "done"\n',
        "records/tasks/2023-ii-7.toml": 'schema = 1\ntitle = "x"\n',
    }
    for rel, content in bad.items():
        write(repo_path, rel, content)
    data = Store(repo_path).load()
    assert {p.file for p in data.problems} == set(bad)
    assert len(data) == len(BUNDLED_FILES) - len(bad)
    assert data.unit("ubnd-xa-quai-cang") is not None
    assert len(data.reports(period="2023-h1")) == 34 - 2


def test_records_that_lean_on_a_broken_file_say_so(repo_path: Path) -> None:
    """A broken unit leaves out what points to it, each with a reason naming the unit."""
    write(repo_path, UNIT, 'schema = 1\nkind = "commune"\n')
    data = Store(repo_path).load()
    by_file = {p.file: str(p) for p in data.problems}
    assert by_file[UNIT].endswith("name: thiếu trường bắt buộc")
    assert by_file[QUAI_CANG] == (f"{QUAI_CANG}: (unit): không có hồ sơ “units/ubnd-xa-quai-cang”")
    assert data.unit("ubnd-xa-quai-cang") is None
    assert data.reports(unit="ubnd-xa-quai-cang") == []
    assert data.unit("ubnd-xa-quai-nua") is not None
    assert len(data.reports(unit="ubnd-xa-quai-nua")) == 2
    # a dangling item of a list is reported but keeps the record: one broken commune file
    # must not empty the task list
    assert len(data.of(Task)) == 10
    assert by_file["records/tasks/2023-ii-7.toml"].startswith(
        "records/tasks/2023-ii-7.toml: assigned_units[27]: không có hồ sơ “units/ubnd-xa-quai-cang”"
    )
    assert len(data.problems) == 1 + 2 + 10


def test_problems_are_sorted_and_stable(repo_path: Path) -> None:
    write(repo_path, "records/units/zz.toml", "schema = 1\n")
    write(repo_path, "records/units/aa.toml", "schema = 1\n")
    first = [str(p) for p in Store(repo_path).load().problems]
    second = [str(p) for p in Store(repo_path).load().problems]
    assert first == second == sorted(first)


def test_bad_settings_file_is_a_problem_not_a_crash(repo_path: Path) -> None:
    write(repo_path, "dvtui.toml", "schema = 1\ndeadline_inclusive = 3\n")
    store = Store(repo_path)
    assert store.settings.deadline_inclusive is True  # the default
    (problem,) = store.load().problems
    assert str(problem).startswith("dvtui.toml: deadline_inclusive: phải là true hoặc false")


@given(st.text())
def test_any_text_round_trips_canonically(text: str) -> None:
    rid = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
    data = codec.encode(Report(id=rid, review_note=text))
    back, problems = codec.decode(rid.relpath, data)
    assert problems == [] and isinstance(back, Report)
    assert codec.encode(back) == data  # a second write is byte-identical
    stored = re.sub("\r+\n", "\n", unicodedata.normalize("NFC", text))  # LF line breaks
    assert back.review_note == (stored or None)  # NFC, LF; an empty note is left out
    assert b"\r\n" not in data


# --- refusals carry their message key, values and field (one typed exception) -------------


def test_a_typed_value_refused_carries_its_key_and_values() -> None:
    from dvtui.core.problems import FieldError
    from dvtui.core.schema import parse_field_text

    with pytest.raises(FieldError) as refused:
        parse_field_text(date | None, "31/02/2023")
    assert (refused.value.code, refused.value.values) == (
        "err.type.date_text",
        {"value": "31/02/2023"},
    )
    problem = refused.value.problem("records/x.toml", "submitted_on")
    assert problem == Problem("records/x.toml", "submitted_on", "err.type.date_text")
    assert "31/02/2023" in str(problem) and "31/02/2023" in str(refused.value)


def test_a_rule_a_record_breaks_names_its_field() -> None:
    from dvtui.core.problems import FieldError

    with pytest.raises(FieldError) as refused:
        Report(id=RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang"), status="submitted")
    assert (refused.value.field, refused.value.code) == ("submitted_on", "err.rule.submitted_on")
    problem = refused.value.problem("records/reports/2023-h1/ubnd-xa-quai-cang.toml")
    assert problem.field == "submitted_on"


def test_a_bad_address_is_a_field_error_with_its_reason() -> None:
    from dvtui.core.ids import BadId
    from dvtui.core.problems import FieldError

    with pytest.raises(BadId) as refused:
        RecordId.parse("units/../plan")
    assert isinstance(refused.value, FieldError)
    assert refused.value.code == "err.id.path"
    assert refused.value.values == {"id": "units/../plan"}
    assert "units/../plan" in str(refused.value)


# --- closed sets of values: typed as the slug or as the label people read ------------------


def labelled_fields() -> list[tuple[str, tuple[str, ...], dict[str, str]]]:
    """Every field of every kind whose slugs have labels: (kind.field, slugs, slug → key)."""
    from dataclasses import fields
    from typing import get_args

    from dvtui.core.records import KINDS
    from dvtui.core.schema import field_type

    found = []
    for kind, cls in KINDS.items():
        for f in fields(cls):
            if "labels" in f.metadata:
                tp, _ = field_type(cls, f.name)
                found.append((f"{kind}.{f.name}", get_args(tp), dict(f.metadata["labels"])))
    return found


def test_every_labelled_slug_has_a_label_and_no_label_names_two() -> None:
    """Each label, as typed in its language, names its own slug: the first slug a label
    matches is chosen, so two slugs sharing a label (in either language) fail here."""
    from dvtui.core.schema import parse_choice
    from dvtui.i18n import LANGUAGES, language, translator

    seen = {name for name, _, _ in labelled_fields()}
    assert {"reports.status", "tasks.status", "units.kind", "models.kind", "models.sector"} <= seen
    for name, slugs, labels in labelled_fields():
        assert set(labels) == set(slugs), name  # a new slug needs its label
        for slug in slugs:
            for lang in LANGUAGES:
                label = translator(lang).t(labels[slug])
                assert label != labels[slug], (name, lang, slug)  # the catalog has it
                with language(lang):
                    assert parse_choice(slugs, label.upper(), labels) == slug, (name, label)
                    assert parse_choice(slugs, slug, labels) == slug
    models = next(labels for name, _, labels in labelled_fields() if name == "models.kind")
    assert parse_choice(("model", "exemplary-person"), 'Mo hinh "Dan van kheo"', models) == "model"
