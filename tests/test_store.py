"""The Store: canonical atomic writes, crash safety, path safety, history with field diffs."""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from conftest import USER_EMAIL, USER_NAME, git

from dvtui.core import codec
from dvtui.core.ids import BadId, RecordId
from dvtui.core.problems import DataError, InvalidRecord
from dvtui.core.records import Report, Unit
from dvtui.storage import Store
from dvtui.storage.files import TMP_SUFFIX, resolve_inside

QUAI_CANG = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
QUAI_CANG_FILE = "records/reports/2023-h1/ubnd-xa-quai-cang.toml"


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()


def commit_count(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def snapshot(repo: Path) -> dict[str, bytes]:
    """Every file under records/ (and the settings), to prove nothing changed."""
    files = {p: p.read_bytes() for p in (repo / "records").rglob("*") if p.is_file()}
    return {str(p.relative_to(repo)): data for p, data in files.items()}


# --- canonical writes ------------------------------------------------------------------------


def test_set_changes_exactly_those_lines_of_that_one_file(store: Store) -> None:
    repo = store.root
    before = head(repo)
    result = store.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    assert result.sha == head(repo)
    assert git(repo, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    assert git(repo, "show", "--format=", "--name-only", "HEAD").split() == [QUAI_CANG_FILE]
    stat = git(repo, "show", "--format=", "--shortstat", "HEAD").strip()
    assert stat == "1 file changed, 2 insertions(+), 1 deletion(-)"
    diff = git(repo, "show", "--format=", "-U0", "HEAD").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ['-status = "missing"', '+status = "submitted"', "+submitted_on = 2023-05-10"]
    assert (repo / QUAI_CANG_FILE).read_bytes() == (
        b'schema = 1\nstatus = "submitted"\nsubmitted_on = 2023-05-10\n'
    )
    assert git(repo, "status", "--porcelain") == ""


def test_one_field_change_is_a_one_line_diff(store: Store) -> None:
    rid = RecordId.parse("tasks/2023-ii-7")
    store.set_fields(rid, {"status": "in-progress"})
    stat = git(store.root, "show", "--format=", "--shortstat", "HEAD").strip()
    assert stat == "1 file changed, 1 insertion(+), 1 deletion(-)"
    assert git(store.root, "show", "--format=", "--name-only", "HEAD").split() == [
        "records/tasks/2023-ii-7.toml"
    ]


def test_key_order_is_deterministic_whatever_the_input_order(store: Store) -> None:
    store.set_fields(
        QUAI_CANG, {"figures.dialogues": "3", "submitted_on": "2023-05-10", "status": "submitted"}
    )
    text = (store.root / QUAI_CANG_FILE).read_text(encoding="utf-8")
    assert text == (
        'schema = 1\nstatus = "submitted"\nsubmitted_on = 2023-05-10\n\n[figures]\ndialogues = 3\n'
    )
    record = store.get(QUAI_CANG)
    assert codec.encode(record) == text.encode("utf-8")


def test_nfd_input_is_stored_as_nfc_lf_utf8(store: Store) -> None:
    rid = RecordId.parse("units/ubnd-xa-quai-cang")
    nfd_name = unicodedata.normalize("NFD", "UBND xã Quài Cang (mới)")
    assert nfd_name != unicodedata.normalize("NFC", nfd_name)
    store.set_fields(rid, {"name": nfd_name, "contact.person": "Lò Văn Thắng"})
    data = (store.root / "records/units/ubnd-xa-quai-cang.toml").read_bytes()
    text = data.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert 'name = "UBND xã Quài Cang (mới)"' in text
    assert b"\r" not in data
    unit = store.get(rid)
    assert isinstance(unit, Unit) and unit.name == "UBND xã Quài Cang (mới)"


def test_windows_line_endings_in_text_are_stored_as_lf(store: Store) -> None:
    record = store.get(QUAI_CANG)
    assert isinstance(record, Report)
    note = "Dòng một\r\nDòng hai\r\n"
    store.save(dataclasses.replace(record, review_note=note))
    data = (store.root / QUAI_CANG_FILE).read_bytes()
    assert b"\r" not in data
    saved = store.get(QUAI_CANG)
    assert isinstance(saved, Report) and saved.review_note == "Dòng một\nDòng hai\n"
    # and what was written reads back to the same bytes
    assert codec.encode(saved) == data


def test_saving_an_unchanged_record_is_refused_and_changes_nothing(store: Store) -> None:
    before = head(store.root)
    with pytest.raises(DataError) as caught:
        store.save(store.get(QUAI_CANG))
    assert caught.value.code == "err.no_change"
    assert head(store.root) == before


def test_invalid_values_change_nothing(store: Store) -> None:
    before, files = head(store.root), snapshot(store.root)
    bad = [
        {"status": "done"},
        {"submitted_on": "31/02/2023", "status": "submitted"},
        {"status": "submitted"},  # a submitted report needs its date
        {"figures.dialogues": "-2"},
        {"figures.petitions_received": "2", "figures.petitions_resolved": "5"},
        {"narrative.2023-ii-99": "text for a task that does not exist"},
    ]
    for assignments in bad:
        with pytest.raises(InvalidRecord):
            store.set_fields(QUAI_CANG, assignments)
    with pytest.raises(DataError) as caught:
        store.set_fields(QUAI_CANG, {"colour": "red"})
    assert caught.value.code == "err.unknown_field"
    assert head(store.root) == before
    assert snapshot(store.root) == files


def test_clearing_a_field_removes_its_line(store: Store) -> None:
    store.set_fields(QUAI_CANG, {"document_number": "12/BC-UBND"})
    store.set_fields(QUAI_CANG, {"document_number": ""})
    assert (store.root / QUAI_CANG_FILE).read_bytes() == b'schema = 1\nstatus = "missing"\n'


def test_create_a_new_record(store: Store) -> None:
    rid = RecordId.parse("reports/2023-h1/ubnd-xa-khong-co")
    unit = Unit(
        id=RecordId.parse("units/ubnd-xa-khong-co"), name="UBND xã Không Có", kind="commune"
    )
    with pytest.raises(DataError):
        store.save(unit)  # not create=True: it must exist
    store.save(unit, create=True)
    result = store.save(Report(id=rid), create=True)
    assert result.changes[0].field == "status"
    assert git(store.root, "log", "-1", "--format=%(trailers:key=Action,valueonly)").strip() == (
        "create"
    )
    with pytest.raises(DataError) as caught:
        store.save(Report(id=rid), create=True)
    assert caught.value.code == "err.exists"


# --- crash between temp file and rename ------------------------------------------------------

CRASH = """
import os, sys
from pathlib import Path
from dvtui.core.ids import RecordId
from dvtui.storage import Store

store = Store(Path(sys.argv[1]))
store.before_rename = lambda: os._exit(9)
store.set_fields(RecordId.parse(sys.argv[2]), {"status": "submitted", "submitted_on": "10/05/2023"})
"""


def test_crash_between_temp_file_and_rename_leaves_the_old_record(repo_path: Path) -> None:
    target = repo_path / QUAI_CANG_FILE
    old = target.read_bytes()
    before = head(repo_path)
    run = subprocess.run(
        [sys.executable, "-c", CRASH, str(repo_path), str(QUAI_CANG)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 9, run.stderr
    assert target.read_bytes() == old
    assert head(repo_path) == before
    leftovers = [p for p in target.parent.iterdir() if p.name.endswith(TMP_SUFFIX)]
    assert len(leftovers) == 1  # the half-done temp file, complete but never renamed
    assert git(repo_path, "diff", "--cached", "--name-only") == ""

    # the leftover does not disturb loading, and the next save works
    store = Store(repo_path)
    data = store.load()
    assert data.problems == []
    assert isinstance(store.get(QUAI_CANG), Report)
    store.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    assert commit_count(repo_path) == 2
    assert b'status = "submitted"' in target.read_bytes()
    assert git(repo_path, "show", "--format=", "--name-only", "HEAD").split() == [QUAI_CANG_FILE]


def test_failed_commit_puts_the_file_back(store: Store) -> None:
    hook = store.root / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho refused by hook >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    old = (store.root / QUAI_CANG_FILE).read_bytes()
    before = head(store.root)
    with pytest.raises(DataError) as caught:
        store.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    assert caught.value.code == "err.git.failed"
    assert (store.root / QUAI_CANG_FILE).read_bytes() == old
    assert head(store.root) == before
    assert git(store.root, "status", "--porcelain") == ""


# --- path safety -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "../x",
        "reports/../../x",
        "/etc/passwd",
        "reports\\x",
        "reports/2023-h1/ubnd-xa-quai-cang\x00",
        "units/" + "a" * 65,
        "units/UBND-xa-quai-cang",
        "units/ubnd xa",
        "units/-leading-dash",
        "units/ubnd-xa-quai-cang\n",
        "units/ubnd-xã",
        "units",
        "units/a/b",
        "secrets/x",
        "",
    ],
)
def test_path_like_ids_are_refused(text: str) -> None:
    with pytest.raises(BadId):
        RecordId.parse(text)


def test_the_longest_slug_is_allowed() -> None:
    rid = RecordId.parse("units/" + "a" * 64)
    assert rid.relpath == f"records/units/{'a' * 64}.toml"


def test_a_record_id_tolerates_the_file_name() -> None:
    assert RecordId.parse("records/tasks/2023-ii-7.toml") == RecordId.parse("tasks/2023-ii-7")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the data repo holding a valid-looking record."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "evil.toml").write_bytes(b'schema = 1\nstatus = "missing"\n')
    (folder / "evil-unit.toml").write_bytes(b'schema = 1\nname = "Evil"\nkind = "agency"\n')
    return folder


def test_a_symlinked_file_is_reported_and_skipped(repo_path: Path, outside: Path) -> None:
    link = repo_path / "records/units/evil-unit.toml"
    link.symlink_to(outside / "evil-unit.toml")
    data = Store(repo_path).load()
    assert [str(p) for p in data.problems] == [
        "records/units/evil-unit.toml: là liên kết tượng trưng (symlink), dvtui không đọc"
    ]
    assert data.unit("evil-unit") is None


def test_a_symlinked_folder_is_reported_and_skipped(repo_path: Path, outside: Path) -> None:
    (repo_path / "records/reports/2023-h1").rename(repo_path / "h1-moved")
    (repo_path / "records/reports/2023-h1").symlink_to(outside)
    data = Store(repo_path).load()
    assert [p.file for p in data.problems] == ["records/reports/2023-h1"]
    assert data.problems[0].code == "err.symlink"
    assert data.reports(period="2023-h1") == []


def test_writing_through_a_symlink_is_refused(repo_path: Path, outside: Path) -> None:
    (repo_path / "records/reports/2023-h9").symlink_to(outside)
    with pytest.raises(DataError) as caught:
        resolve_inside(repo_path, "records/reports/2023-h9/evil.toml")
    assert caught.value.code == "err.path_escape"
    with pytest.raises(DataError):
        resolve_inside(repo_path, "records/reports/2023-h9/new-file.toml")
    # a symlinked file is refused even when it points inside the repo
    (repo_path / "records/units/alias.toml").symlink_to(
        repo_path / "records/units/ubnd-xa-quai-cang.toml"
    )
    with pytest.raises(DataError):
        resolve_inside(repo_path, "records/units/alias.toml")
    assert resolve_inside(repo_path, QUAI_CANG_FILE) == repo_path / QUAI_CANG_FILE


def test_save_through_a_symlinked_folder_touches_nothing(repo_path: Path, outside: Path) -> None:
    (repo_path / "records/reports/2023-h9").symlink_to(outside)
    store = Store(repo_path)
    before = {p.name: p.read_bytes() for p in outside.iterdir()}
    for slug in ("evil", "brand-new"):
        rid = RecordId.parse(f"reports/2023-h9/{slug}")
        with pytest.raises(DataError) as caught:
            store.save(Report(id=rid, status="missing", review_note="x"), create=slug != "evil")
        assert caught.value.code == "err.path_escape"
    assert {p.name: p.read_bytes() for p in outside.iterdir()} == before
    assert commit_count(repo_path) == 1


# --- history ---------------------------------------------------------------------------------


def test_history_gives_field_diffs_newest_first(store: Store) -> None:
    store.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    store.set_fields(QUAI_CANG, {"figures.dialogues": "4", "document_number": "45/BC-UBND"})
    entries = store.history(QUAI_CANG)
    assert [e.action for e in entries] == ["update", "update", "create"]
    newest, first, created = entries
    assert {(c.field, c.old, c.new) for c in newest.changes} == {
        ("figures.dialogues", None, 4),
        ("document_number", None, "45/BC-UBND"),
    }
    assert [(c.field, c.old, c.new) for c in first.changes] == [
        ("status", "missing", "submitted"),
        ("submitted_on", None, date(2023, 5, 10)),
    ]
    assert [(c.field, c.old, c.new) for c in created.changes] == [("status", None, "missing")]
    assert all(e.author == USER_NAME and e.email == USER_EMAIL for e in entries)
    assert first.subject == "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang: Chưa nộp → Đã nộp"
    assert first.message.record == str(QUAI_CANG)
    assert first.message.fields == ["status", "submitted_on"]
    assert newest.subject.endswith(": cập nhật 2 trường")
    assert len(store.history(QUAI_CANG, limit=1)) == 1


def test_history_of_a_record_only_lists_its_own_commits(store: Store) -> None:
    store.set_fields(RecordId.parse("tasks/2023-ii-7"), {"status": "in-progress"})
    assert len(store.history(QUAI_CANG)) == 1
    assert len(store.history(RecordId.parse("tasks/2023-ii-7"))) == 2


def test_history_survives_an_old_version_that_no_longer_parses(store: Store) -> None:
    path = store.root / QUAI_CANG_FILE
    path.write_bytes(b'schema = 1\nstatus = "missing\n')
    git(store.root, "commit", "-qam", "hand edit gone wrong")
    path.write_bytes(b'schema = 1\nstatus = "missing"\n')
    git(store.root, "commit", "-qam", "fixed by hand")
    entries = Store(store.root).history(QUAI_CANG)
    assert [e.subject for e in entries] == [
        "fixed by hand",
        "hand edit gone wrong",
        "Khởi tạo dữ liệu từ bộ hồ sơ Kế hoạch dân vận năm 2023",
    ]
    assert entries[0].message.record is None  # made outside dvtui: no trailers


def test_a_store_needs_a_data_repo(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        Store(tmp_path)
    assert caught.value.code == "err.git.not_repo"
    git(tmp_path, "init", "-q")
    with pytest.raises(DataError) as caught:
        Store(tmp_path)
    assert caught.value.code == "err.git.no_records"


def test_temp_files_are_never_loaded(repo_path: Path) -> None:
    folder = repo_path / "records/reports/2023-h1"
    (folder / f".ubnd-xa-quai-cang.toml.123{TMP_SUFFIX}").write_bytes(b"half a fi")
    (folder / ".hidden.toml").write_bytes(b"not a record")
    assert Store(repo_path).load().problems == []
    assert os.path.exists(folder / ".hidden.toml")


def test_an_unreadable_file_is_a_problem_not_a_crash(
    repo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A socket cannot be opened for reading, even by root: it stands in for a file this
    # user may not read (permissions on a shared folder).
    rel = "records/units/khong-doc-duoc.toml"
    server = socket.socket(socket.AF_UNIX)
    try:
        monkeypatch.chdir(repo_path / "records/units")  # a socket path is limited to 108 bytes
        server.bind("khong-doc-duoc.toml")
        data = Store(repo_path).load()
    finally:
        server.close()
    assert [p.file for p in data.problems] == [rel]
    assert str(data.problems[0]).startswith(f"{rel}: không đọc được tệp")
    assert len(data) == 121


def test_a_save_over_an_uncommitted_hand_edit_lists_both_in_its_trailers(
    store: Store, repo_path: Path
) -> None:
    """The commit holds the hand edit too, so its Field trailers must name it."""
    from conftest import git

    from dvtui.core.ids import RecordId

    path = repo_path / "records/reports/2023-h1/ubnd-xa-quai-cang.toml"
    path.write_text(path.read_text("utf-8") + 'document_number = "5/BC"\n', encoding="utf-8")
    store.set_fields(
        RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang"), {"figures.dialogues": "2"}
    )
    fields = git(repo_path, "log", "-1", "--format=%(trailers:key=Field,valueonly)").split()
    assert sorted(fields) == ["document_number", "figures.dialogues"]
    assert git(repo_path, "status", "--porcelain") == ""
