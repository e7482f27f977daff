"""Migrating a data repo made by dvtui 0.1 (tasks/ii-7) to year-prefixed task IDs
(tasks/2023-ii-7): one commit that audit accepts, by ``dvtui migrate`` or on first open;
crash-safe like a save."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import cli, dvtui, git, write_gitconfig
from old_layout import REPORT, TASKS, make_01_repo

from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import Report, Task
from dvtui.core.trailers import parse_message
from dvtui.services.audit import audit
from dvtui.services.migrate import migrate
from dvtui.storage import Store
from dvtui.storage.crash import ENV as CRASH_ENV
from dvtui.storage.journal import JOURNAL_NAME


@pytest.fixture
def old_repo(tmp_path: Path) -> Path:
    return make_01_repo(tmp_path / "data")


def head_message(repo: Path) -> str:
    return git(repo, "log", "-1", "--format=%B")


def test_dvtui_migrate_renames_the_tasks_in_one_commit_that_audit_accepts(old_repo: Path) -> None:
    before = git(old_repo, "rev-parse", "HEAD").strip()
    r = cli("--repo", str(old_repo), "migrate")
    assert r.returncode == 0, r.stderr
    assert "đã chuyển kho dữ liệu sang định dạng 2" in r.stdout
    assert f"{TASKS} hồ sơ đổi mã, 1 hồ sơ được sửa theo" in r.stdout
    # One commit on top of the old history, which is untouched.
    assert git(old_repo, "rev-parse", "HEAD~1").strip() == before
    tasks = old_repo / "records" / "tasks"
    assert sorted(p.stem for p in tasks.iterdir())[:3] == ["2023-ii-1", "2023-ii-2", "2023-ii-2-1"]
    assert not (tasks / "ii-7.toml").exists()
    sub = tomllib.loads((tasks / "2023-ii-2-1.toml").read_text(encoding="utf-8"))
    assert sub["parent"] == "2023-ii-2"
    report = tomllib.loads((old_repo / "records" / f"{REPORT}.toml").read_text(encoding="utf-8"))
    assert report["narrative"] == {
        "2023-ii-1": "Quán triệt tại 12 bản.",
        "2023-ii-7": "Mô hình trồng cà phê ở bản Co Sản.",
    }
    settings = tomllib.loads((old_repo / "dvtui.toml").read_text(encoding="utf-8"))
    assert settings == {
        "schema": 1,
        "deadline_inclusive": True,
        "require_signed_commits": False,
        "format": 2,
        "requires_dvtui": "0.2.0",
        # What dvtui 0.1 printed in every letter, kept now that it comes from dvtui.toml.
        "coordinator": "Phòng Nội vụ huyện",
        "letter_symbol": "UBND-NV",
    }
    # The trailers name every record renamed or rewritten, and nothing else changed.
    message = parse_message(head_message(old_repo))
    assert message.action == "migrate"
    changed = git(old_repo, "diff", "--name-only", "--no-renames", "HEAD~1", "HEAD").split()
    assert len(changed) == 2 * TASKS + 2  # old and new task files, the report, dvtui.toml
    named = {f"records/{rid}.toml" for rid in message.trailers["Record"]}
    assert named == set(changed) - {"dvtui.toml"}
    assert "tasks/ii-7 -> tasks/2023-ii-7" in message.trailers["Renamed"]
    assert message.trailers["Format"] == ["2"]
    assert message.subject.startswith("Chuyển kho dữ liệu từ định dạng 1 sang 2")
    assert git(old_repo, "status", "--porcelain") == ""
    # Valid, and the audit checks the migration commit as strictly as any other.
    assert cli("--repo", str(old_repo), "validate").returncode == 0
    result = audit(Store(old_repo))
    assert result.findings == [], [f.detail for f in result.findings]
    assert result.checked == 3
    again = cli("--repo", str(old_repo), "migrate")
    assert again.returncode == 0
    assert "đã theo định dạng mới nhất (2)" in again.stdout
    assert git(old_repo, "rev-list", "--count", "HEAD").strip() == "3"


def test_the_migrated_records_load_as_this_dvtui_expects(old_repo: Path) -> None:
    store = Store(old_repo)
    assert store.format == 1
    migrate(store)
    assert store.format == 2
    data = Store(old_repo).load()
    assert data.problems == []
    task = data.task("2023-ii-2-1")
    assert isinstance(task, Task) and task.parent == "2023-ii-2"
    report = data.get(RecordId.parse(REPORT))
    assert isinstance(report, Report) and set(report.narrative) == {"2023-ii-1", "2023-ii-7"}


def test_the_first_command_on_an_old_repo_migrates_it_and_says_so(old_repo: Path) -> None:
    r = cli("--repo", str(old_repo), "list", "tasks")
    assert r.returncode == 0, r.stderr
    assert "dvtui: đã chuyển kho dữ liệu sang định dạng 2" in r.stderr
    assert "II.7" in r.stdout
    assert parse_message(head_message(old_repo)).action == "migrate"
    second = cli("--repo", str(old_repo), "list", "tasks")
    assert second.stderr == ""  # migrated once


def test_an_old_repo_that_cannot_be_migrated_now_is_still_read_but_not_saved_into(
    old_repo: Path, isolated_git: Path
) -> None:
    write_gitconfig(isolated_git, name=None, email=None)  # no identity: no commit can be made
    head = git(old_repo, "rev-parse", "HEAD")
    r = cli("--repo", str(old_repo), "list", "tasks")
    assert r.returncode == 0
    assert "chưa chuyển được" in r.stderr and "dvtui migrate" in r.stderr
    assert "II.7" in r.stdout
    assert git(old_repo, "rev-parse", "HEAD") == head
    write_gitconfig(isolated_git)
    store = Store(old_repo)
    report = store.get(RecordId.parse(REPORT))
    with pytest.raises(DataError) as caught:
        store.replace(report, document_number="12/BC-UBND")
    assert caught.value.code == "err.format.old"
    assert "dvtui migrate" in str(caught.value)
    assert git(old_repo, "status", "--porcelain") == ""


def test_a_repo_of_a_newer_format_is_refused(repo_path: Path) -> None:
    settings = repo_path / "dvtui.toml"
    text = settings.read_text(encoding="utf-8").replace("format = 2", "format = 3")
    kept = [line for line in text.splitlines() if not line.startswith("requires_dvtui")]
    settings.write_text("\n".join(kept) + "\n", encoding="utf-8")  # an older layout's file
    r = cli("--repo", str(repo_path), "list", "tasks")
    assert r.returncode == 1
    assert "định dạng 3, mới hơn bản dvtui này" in r.stderr
    assert "nâng cấp dvtui" in r.stderr


def test_a_repo_of_this_version_names_the_dvtui_it_needs(repo_path: Path, tmp_path: Path) -> None:
    """What an older dvtui will read, on a repo made or migrated by this one."""
    old_repo = make_01_repo(tmp_path / "old")
    assert cli("--repo", str(old_repo), "migrate").returncode == 0
    for repo in (repo_path, old_repo):
        settings = tomllib.loads((repo / "dvtui.toml").read_text(encoding="utf-8"))
        assert settings["format"] == 2 and settings["requires_dvtui"] == "0.2.0"
    assert audit(Store(old_repo)).clean
    assert cli("--repo", str(old_repo), "validate").returncode == 0


def test_a_repo_written_by_a_newer_dvtui_is_refused_in_one_line(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A newer dvtui's repo (a field this version does not know, its format raised) is
    refused as a whole, by every command and the quick list, naming the version it needs:
    never a list of "unknown field" errors, never a table from an old cache."""
    from dvtui.cli.quick import main

    assert main(["--repo", str(repo_path), "list", "reports"]) == 0  # the row cache filled
    capsys.readouterr()
    settings = repo_path / "dvtui.toml"
    text = settings.read_text(encoding="utf-8").replace("format = 2", "format = 3")
    settings.write_text(text.replace('"0.2.0"', '"0.3.1"'), encoding="utf-8")
    unit = repo_path / "records" / "units" / "phong-y-te.toml"
    unit.write_text(unit.read_text(encoding="utf-8") + 'mail_box = "yte@example"\n')
    git(repo_path, "commit", "-qam", "dvtui 0.3.1")
    for args in (["list", "reports"], ["status"], ["validate"], ["show", "units/phong-y-te"]):
        r = cli("--repo", str(repo_path), *args)
        assert r.returncode == 1, args
        assert r.stdout == "", args
        lines = r.stderr.splitlines()
        assert len(lines) == 1, (args, lines)
        assert "cần dvtui 0.3.1 trở lên" in lines[0] and "nâng cấp dvtui" in lines[0], args


def test_a_new_repo_has_the_current_format(repo_path: Path) -> None:
    assert Store(repo_path).format == 2
    r = cli("--repo", str(repo_path), "migrate")
    assert r.returncode == 0 and "đã theo định dạng mới nhất" in r.stdout


def test_a_migration_refuses_when_a_record_does_not_decode(old_repo: Path) -> None:
    broken = old_repo / "records" / "units" / "phong-y-te.toml"
    broken.write_text("schema = 1\nname = [\n", encoding="utf-8")
    git(old_repo, "commit", "-qam", "hỏng")
    head = git(old_repo, "rev-parse", "HEAD")
    r = cli("--repo", str(old_repo), "migrate")
    assert r.returncode == 1
    assert "records/units/phong-y-te.toml" in r.stderr
    assert git(old_repo, "rev-parse", "HEAD") == head
    assert (old_repo / "records" / "tasks" / "ii-7.toml").exists()


@pytest.mark.parametrize(("point", "kept"), [("after_rename", False), ("after_commit", True)])
def test_a_migration_killed_midway_is_undone_or_kept_whole(
    old_repo: Path, point: str, kept: bool
) -> None:
    head = git(old_repo, "rev-parse", "HEAD").strip()
    r = dvtui("--repo", str(old_repo), "migrate", env={CRASH_ENV: point})
    assert r.returncode == -9  # SIGKILL, as a power cut
    assert (old_repo / ".git" / JOURNAL_NAME).exists()
    store = Store(old_repo)  # opening the repo finishes or undoes the dead save
    assert any("bị ngắt" in n for n in store.notices)
    assert not (old_repo / ".git" / JOURNAL_NAME).exists()
    assert git(old_repo, "status", "--porcelain") == ""
    tasks = old_repo / "records" / "tasks"
    if kept:
        assert git(old_repo, "rev-parse", "HEAD~1").strip() == head
        assert store.format == 2 and (tasks / "2023-ii-7.toml").exists()
    else:
        assert git(old_repo, "rev-parse", "HEAD").strip() == head
        assert store.format == 1 and (tasks / "ii-7.toml").exists()
        assert not (tasks / "2023-ii-7.toml").exists()
    assert cli("--repo", str(old_repo), "migrate").returncode == 0
    assert audit(Store(old_repo)).clean


def _hand_migration(repo: Path, message: str) -> None:
    """A commit claiming to be a migration: tasks/ii-8 moved by hand, dvtui.toml raised."""
    git(repo, "mv", "records/tasks/ii-8.toml", "records/tasks/2023-ii-8.toml")
    settings = repo / "dvtui.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "format = 2\n", encoding="utf-8")
    git(repo, "commit", "-qam", message)


def test_audit_flags_a_migration_that_does_not_say_what_it_moved(old_repo: Path) -> None:
    _hand_migration(
        old_repo,
        "Chuyển\n\nRecord: tasks/ii-8\nRecord: tasks/2023-ii-8\nAction: migrate\n"
        + "".join(f"Field: {f}\n" for f in ("plan", "code", "title", "text", "status"))
        + "Format: 2\nDvtui-Version: 0.2.0\n",
    )
    result = audit(Store(old_repo))
    details = [f.detail for f in result.findings if f.kind == "trailer-mismatch"]
    assert any("Renamed" in d for d in details), details


def test_audit_flags_a_migration_whose_format_trailer_is_wrong(old_repo: Path) -> None:
    _hand_migration(
        old_repo,
        "Chuyển\n\nRecord: tasks/ii-8\nRecord: tasks/2023-ii-8\nAction: migrate\n"
        "Renamed: tasks/ii-8 -> tasks/2023-ii-8\nFormat: 3\nDvtui-Version: 0.2.0\n",
    )
    details = [f.detail for f in audit(Store(old_repo)).findings]
    assert any("Format" in d and "format = 2" in d for d in details), details
