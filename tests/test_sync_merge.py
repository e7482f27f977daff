"""The field-level three-way merge of one record, and the git merge driver around it."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from dvtui.core import codec
from dvtui.core.merge import (
    BASE,
    MINE,
    THEIRS,
    Choice,
    choice_from_text,
    merge_file,
    resolve_file,
)
from dvtui.core.problems import FieldError, InvalidRecord
from dvtui.services.setup import bundled_records

REPORT = "records/reports/2023-h1/ubnd-xa-quai-cang.toml"
TASK = "records/tasks/2023-ii-7.toml"


def bundled(path: str) -> bytes:
    return (bundled_records() / path.removeprefix("records/")).read_bytes()


def edit(data: bytes, **fields: object) -> bytes:
    """The canonical bytes of ``data`` with top-level fields set (None removes one)."""
    table = tomllib.loads(data.decode())
    for key, value in fields.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    return canonical(table)


def canonical(table: dict[str, object]) -> bytes:
    record, _problems = codec.decode(REPORT, codec.encode_table(table))
    if record is None:  # the task file, or an intentionally odd table
        return codec.encode_table(table)
    return codec.encode(record)


def parsed(data: bytes | None) -> dict[str, object]:
    assert data is not None
    return tomllib.loads(data.decode())


def note_texts(data: bytes | None) -> list[str]:
    """The texts of a task file's progress notes, in file order."""
    notes = parsed(data)["notes"]
    assert isinstance(notes, list)
    return [note["text"] for note in notes]


def assert_valid(path: str, data: bytes | None) -> None:
    assert data is not None
    assert b"<<<<<<<" not in data and b">>>>>>>" not in data
    record, problems = codec.decode(path, data)
    assert problems == [] and record is not None
    assert codec.encode(record) == data  # canonical


# --- fields ----------------------------------------------------------------------------------


def test_different_fields_both_win() -> None:
    base = bundled(REPORT)
    mine = edit(base, document_number="12/BC-UBND")
    theirs = edit(base, status="submitted", submitted_on=date(2023, 5, 10))
    result = merge_file(REPORT, base, mine, theirs)
    assert result.clean
    assert_valid(REPORT, result.data)
    table = parsed(result.data)
    assert table["document_number"] == "12/BC-UBND"
    assert table["status"] == "submitted"
    assert table["submitted_on"] == date(2023, 5, 10)


def test_the_same_change_on_both_sides_is_no_conflict() -> None:
    base = bundled(REPORT)
    mine = edit(base, document_number="12/BC", review_note="a")
    theirs = edit(base, document_number="12/BC")
    result = merge_file(REPORT, base, mine, theirs)
    assert result.clean
    assert parsed(result.data)["review_note"] == "a"


def test_nested_fields_merge_one_by_one() -> None:
    base = edit(bundled(REPORT), figures={"conferences": 1, "dialogues": 2})
    mine = edit(base, figures={"conferences": 5, "dialogues": 2})
    theirs = edit(base, figures={"conferences": 1, "dialogues": 7})
    result = merge_file(REPORT, base, mine, theirs)
    assert result.clean
    assert parsed(result.data)["figures"] == {"conferences": 5, "dialogues": 7}


def test_same_field_two_ways_is_a_conflict_and_the_output_is_mine_and_valid() -> None:
    base = edit(bundled(REPORT), document_number="1/BC")
    mine = edit(base, document_number="2/BC", review_note="ghi chú của Lan")
    theirs = edit(base, document_number="3/BC", reviewer="Minh")
    result = merge_file(REPORT, base, mine, theirs)
    assert not result.clean
    [conflict] = result.conflicts
    assert (conflict.field, conflict.base, conflict.mine, conflict.theirs) == (
        "document_number",
        "1/BC",
        "2/BC",
        "3/BC",
    )
    assert conflict.record == "reports/2023-h1/ubnd-xa-quai-cang"
    assert conflict.reason == "both-changed"
    assert_valid(REPORT, result.data)
    table = parsed(result.data)
    # The merged file holds my value where we disagree and both sides elsewhere.
    assert table["document_number"] == "2/BC"
    assert table["review_note"] == "ghi chú của Lan"
    assert table["reviewer"] == "Minh"


@pytest.mark.parametrize(
    ("choice", "expected"),
    [(MINE, "2/BC"), (THEIRS, "3/BC"), (BASE, "1/BC"), (Choice.of("4/BC"), "4/BC")],
)
def test_a_choice_settles_the_conflict(choice: Choice, expected: str) -> None:
    base = edit(bundled(REPORT), document_number="1/BC")
    mine = edit(base, document_number="2/BC")
    theirs = edit(base, document_number="3/BC", reviewer="Minh")
    result = resolve_file(REPORT, base, mine, theirs, {"document_number": choice})
    assert result.clean
    assert_valid(REPORT, result.data)
    assert parsed(result.data)["document_number"] == expected
    assert parsed(result.data)["reviewer"] == "Minh"


def test_clearing_a_field_on_one_side_is_a_change() -> None:
    base = edit(bundled(REPORT), document_number="1/BC", review_note="x")
    mine = edit(base, review_note=None)
    theirs = edit(base, document_number="2/BC")
    result = merge_file(REPORT, base, mine, theirs)
    assert result.clean
    table = parsed(result.data)
    assert "review_note" not in table and table["document_number"] == "2/BC"


def test_changes_that_break_a_rule_together_are_a_conflict() -> None:
    """Each side is valid alone; together more petitions are resolved than received."""
    base = edit(bundled(REPORT), figures={"petitions_received": 10})
    mine = edit(base, figures={"petitions_received": 10, "petitions_resolved": 8})
    theirs = edit(base, figures={"petitions_received": 5})
    result = merge_file(REPORT, base, mine, theirs)
    assert [(c.field, c.reason) for c in result.conflicts] == [
        ("figures.petitions_resolved", "invalid")
    ]
    assert result.conflicts[0].problem
    assert result.data == mine  # a valid file, never a broken one
    fixed = resolve_file(REPORT, base, mine, theirs, {"figures.petitions_resolved": Choice.of(4)})
    assert fixed.clean
    assert parsed(fixed.data)["figures"] == {"petitions_received": 5, "petitions_resolved": 4}
    with pytest.raises(InvalidRecord):
        resolve_file(REPORT, base, mine, theirs, {"figures.petitions_resolved": Choice.of(9)})


def test_a_typed_answer_is_parsed_as_the_field_type() -> None:
    base = edit(bundled(REPORT), document_number="1/BC")
    result = merge_file(
        REPORT,
        base,
        edit(base, submitted_on=date(2023, 5, 1)),
        edit(base, submitted_on=date(2023, 5, 2)),
    )
    [conflict] = result.conflicts
    assert choice_from_text(conflict, "theirs") == THEIRS
    assert choice_from_text(conflict, "03/05/2023") == Choice.of(date(2023, 5, 3))
    with pytest.raises(FieldError) as refused:
        choice_from_text(conflict, "không phải ngày")
    assert refused.value.code == "err.type.date_text"
    assert refused.value.values == {"value": "không phải ngày"}


# --- lists that merge as sets ----------------------------------------------------------------


def note(day: int, author: str, text: str) -> dict[str, object]:
    return {"on": date(2023, 4, day), "author": author, "text": text}


def test_progress_notes_added_on_both_sides_are_all_kept_in_date_order() -> None:
    base = edit(bundled(TASK), notes=[note(1, "Lan", "đã giao")])
    mine = edit(base, notes=[note(1, "Lan", "đã giao"), note(9, "Lan", "đã đôn đốc")])
    theirs = edit(base, notes=[note(1, "Lan", "đã giao"), note(5, "Minh", "xã đã nộp")])
    result = merge_file(TASK, base, mine, theirs)
    assert result.clean
    assert_valid(TASK, result.data)
    texts = note_texts(result.data)
    assert texts == ["đã giao", "xã đã nộp", "đã đôn đốc"]
    # The same merge the other way round gives the same file: clones converge.
    assert merge_file(TASK, base, theirs, mine).data == result.data


def test_a_note_removed_on_one_side_stays_removed() -> None:
    base = edit(bundled(TASK), notes=[note(1, "Lan", "a"), note(2, "Lan", "b")])
    mine = edit(base, notes=[note(1, "Lan", "a")])
    theirs = edit(base, notes=[note(1, "Lan", "a"), note(2, "Lan", "b"), note(3, "Minh", "c")])
    result = merge_file(TASK, base, mine, theirs)
    texts = note_texts(result.data)
    assert texts == ["a", "c"]


def test_assigned_units_merge_as_a_set() -> None:
    base = edit(bundled(TASK), assigned_units=["phong-noi-vu", "phong-tu-phap"])
    mine = edit(base, assigned_units=["phong-noi-vu", "phong-tu-phap", "phong-y-te"])
    theirs = edit(base, assigned_units=["phong-noi-vu", "thanh-tra-huyen"])
    result = merge_file(TASK, base, mine, theirs)
    assert result.clean
    assert parsed(result.data)["assigned_units"] == [
        "phong-noi-vu",
        "phong-y-te",
        "thanh-tra-huyen",
    ]


# --- whole files -----------------------------------------------------------------------------


def test_deleted_on_one_side_and_changed_on_the_other_is_a_whole_file_conflict() -> None:
    base = bundled(REPORT)
    theirs = edit(base, document_number="9/BC")
    result = merge_file(REPORT, base, None, theirs)
    [conflict] = result.conflicts
    assert (conflict.field, conflict.reason, conflict.mine) == ("", "deleted", None)
    assert resolve_file(REPORT, base, None, theirs, {"": THEIRS}).data == theirs
    assert resolve_file(REPORT, base, None, theirs, {"": MINE}).data is None


def test_an_unreadable_version_is_a_whole_file_conflict_never_a_mix() -> None:
    base = bundled(REPORT)
    mine = b"schema = 1\nstatus = \n"  # broken by hand
    theirs = edit(base, document_number="9/BC")
    result = merge_file(REPORT, base, mine, theirs)
    [conflict] = result.conflicts
    assert conflict.reason == "whole-file"
    assert result.data == mine  # untouched: the person fixes it
    assert resolve_file(REPORT, base, mine, theirs, {"": THEIRS}).data == theirs


def test_identical_or_one_sided_changes_pass_through_byte_for_byte() -> None:
    base = bundled(REPORT)
    mine = edit(base, document_number="1")
    assert merge_file(REPORT, base, mine, base).data == mine
    assert merge_file(REPORT, base, base, mine).data == mine
    assert merge_file(REPORT, base, mine, mine).data == mine


# --- the driver as git runs it ---------------------------------------------------------------


def run_driver(tmp_path: Path, base: bytes, mine: bytes, theirs: bytes) -> tuple[int, bytes]:
    files = []
    for name, data in (("O", base), ("A", mine), ("B", theirs)):
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    proc = subprocess.run(
        [sys.executable, "-m", "dvtui.storage.merge_driver", *files, REPORT],
        capture_output=True,
        cwd=tmp_path,
    )
    assert b"Warning" not in proc.stderr
    return proc.returncode, (tmp_path / "A").read_bytes()


def test_driver_merges_into_the_mine_file_and_exits_zero(tmp_path: Path) -> None:
    base = bundled(REPORT)
    code, merged = run_driver(
        tmp_path, base, edit(base, document_number="1"), edit(base, review_note="x")
    )
    assert code == 0
    assert_valid(REPORT, merged)
    assert parsed(merged)["document_number"] == "1" and parsed(merged)["review_note"] == "x"


def test_driver_on_a_conflict_exits_one_and_leaves_a_valid_file(tmp_path: Path) -> None:
    base = bundled(REPORT)
    code, merged = run_driver(
        tmp_path, base, edit(base, document_number="1"), edit(base, document_number="2")
    )
    assert code == 1
    assert_valid(REPORT, merged)
    assert parsed(merged)["document_number"] == "1"


def test_driver_treats_an_empty_base_as_a_file_added_on_both_sides(tmp_path: Path) -> None:
    base = bundled(REPORT)
    code, merged = run_driver(
        tmp_path, b"", edit(base, document_number="1"), edit(base, review_note="x")
    )
    # Added twice with different values: "status" agrees, the two other fields are new.
    assert code == 0
    assert parsed(merged)["document_number"] == "1" and parsed(merged)["review_note"] == "x"
