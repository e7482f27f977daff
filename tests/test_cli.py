"""The command line end to end, through real subprocesses on real data repos."""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import USER_EMAIL, USER_NAME, dvtui, git, write_gitconfig

QUAI_CANG = "reports/2023-h1/ubnd-xa-quai-cang"
QUAI_CANG_FILE = f"records/{QUAI_CANG}.toml"


def ok(run: subprocess.CompletedProcess[str]) -> str:
    """Assert a run succeeded cleanly and return its stdout."""
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    return run.stdout


def refused(run: subprocess.CompletedProcess[str], code: int = 1) -> str:
    """Assert a run failed with ``code`` and a one-line reason (no traceback); return it."""
    assert run.returncode == code, (run.stdout, run.stderr)
    assert "Traceback" not in run.stderr
    if code == 1:
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("dvtui: "), run.stderr
    return run.stderr.strip()


def state(repo: Path) -> tuple[str, str, bytes]:
    """HEAD, the working tree status and the Quài Cang file: proof that nothing changed."""
    return (
        git(repo, "rev-parse", "HEAD"),
        git(repo, "status", "--porcelain"),
        (repo / QUAI_CANG_FILE).read_bytes(),
    )


# --- init and validate -----------------------------------------------------------------------


def test_init_then_validate(tmp_path: Path) -> None:
    target = tmp_path / "d"
    out = ok(dvtui("init", str(target)))
    assert out.startswith(f"Đã tạo kho dữ liệu {target}")
    assert ok(dvtui("--repo", str(target), "validate")).strip() == (
        "Không có lỗi: 121 hồ sơ hợp lệ."
    )
    assert git(target, "log", "--format=%an").strip() == USER_NAME
    refused(dvtui("init", str(target)))  # not empty any more


def test_init_into_a_file_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert "a-file" in refused(dvtui("init", str(tmp_path / "a-file")))


def test_validate_reports_file_field_reason(repo_path: Path) -> None:
    (repo_path / QUAI_CANG_FILE).write_bytes(b'schema = 1\nstatus = "done"\n')
    (repo_path / "records/tasks/2023-ii-7.toml").write_bytes(b"schema = 7\n")
    run = dvtui("--repo", str(repo_path), "validate")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stdout.splitlines() == [
        f"{QUAI_CANG_FILE}: status: giá trị “done” không hợp lệ, "
        "chỉ nhận: missing, submitted, returned, approved",
        "records/tasks/2023-ii-7.toml: schema: hồ sơ được ghi bằng phiên bản dvtui mới hơn "
        "(mẫu 7), hãy cập nhật dvtui",
    ]
    assert run.stderr.strip() == "2 lỗi; 119 hồ sơ hợp lệ."
    english = dvtui("validate", "--repo", str(repo_path), "--lang", "en")
    assert english.returncode == 1
    assert "records/tasks/2023-ii-7.toml: schema: written by a newer dvtui" in english.stdout
    assert english.stderr.strip() == "2 problems; 119 valid records."
    (repo_path / "records/tasks/2023-ii-7.toml").unlink()  # one problem, one form
    one = dvtui("validate", "--repo", str(repo_path), "--lang", "en")
    assert one.stderr.strip() == "1 problem; 119 valid records."


def test_the_repo_from_the_environment(repo_path: Path) -> None:
    out = ok(dvtui("validate", env={"DVTUI_REPO": str(repo_path)}))
    assert "121" in out
    ok(dvtui("validate", cwd=repo_path))  # default: the current folder


def test_not_a_data_repo(tmp_path: Path) -> None:
    message = refused(dvtui("--repo", str(tmp_path), "list", "units"))
    assert "không phải kho dữ liệu dvtui" in message and "dvtui init" in message


# --- list ------------------------------------------------------------------------------------


def list_json(repo: Path, *args: str) -> list[dict[str, object]]:
    rows = json.loads(ok(dvtui("list", *args, "--repo", str(repo), "--format", "json")))
    assert isinstance(rows, list)
    return rows


def test_list_filters(repo_path: Path) -> None:
    assert len(list_json(repo_path, "reports")) == 68
    assert len(list_json(repo_path, "reports", "--period", "2023-h1")) == 34
    mine = list_json(repo_path, "reports", "--unit", "ubnd-xa-quai-cang")
    assert [r["id"] for r in mine] == [QUAI_CANG, "reports/2023-year/ubnd-xa-quai-cang"]
    assert list_json(repo_path, "reports", "--status", "submitted") == []
    ok(
        dvtui(
            "--repo", str(repo_path), "set", QUAI_CANG, "status=submitted", "submitted_on=10/5/2023"
        )
    )
    submitted = list_json(repo_path, "reports", "--status", "submitted")
    assert submitted == [{"id": QUAI_CANG, "status": "submitted", "submitted_on": "2023-05-10"}]
    assert len(list_json(repo_path, "tasks", "--unit", "phong-noi-vu")) == 10
    assert len(list_json(repo_path, "units")) == 40


def test_search_ignores_diacritics(repo_path: Path) -> None:
    units = list_json(repo_path, "units", "--search", "quai cang")
    assert [u["id"] for u in units] == ["units/ubnd-xa-quai-cang"]
    assert units[0]["name"] == "UBND xã Quài Cang"
    toa = list_json(repo_path, "units", "--search", "TOA TINH")
    assert [u["name"] for u in toa] == ["UBND xã Tỏa Tình"]
    reports = list_json(repo_path, "reports", "--search", "quài cang")
    assert len(reports) == 2


def test_list_table_with_options_after_the_command(repo_path: Path) -> None:
    out = ok(
        dvtui(
            "list",
            "reports",
            "--unit",
            "ubnd-xa-quai-cang",
            "--repo",
            str(repo_path),
            "--lang",
            "en",
            "--today",
            "2023-05-20",
        )
    )
    assert "Status" in out and "Missing" in out
    assert "5 days overdue" in out
    vi = ok(
        dvtui(
            "--today",
            "01/05/2023",
            "--repo",
            str(repo_path),
            "list",
            "reports",
            "--unit",
            "ubnd-xa-quai-cang",
        )
    )
    assert "Chưa nộp" in vi and "Chưa đến hạn" in vi


def test_list_json_is_valid_for_every_kind(repo_path: Path) -> None:
    for kind, count in [("plans", 1), ("units", 40), ("tasks", 10), ("periods", 2), ("models", 0)]:
        rows = list_json(repo_path, kind)
        assert len(rows) == count, kind
        assert all(isinstance(r["id"], str) and r["id"].startswith(kind + "/") for r in rows)
    (period,) = [p for p in list_json(repo_path, "periods") if p["id"] == "periods/2023-h1"]
    assert period["due"] == "2023-05-15"


# --- show ------------------------------------------------------------------------------------


def test_show(repo_path: Path) -> None:
    out = ok(dvtui("--repo", str(repo_path), "show", "units/ubnd-xa-quai-cang"))
    assert out.splitlines()[0] == "units/ubnd-xa-quai-cang"
    assert "UBND xã Quài Cang" in out and "03289" in out
    toml = ok(dvtui("--repo", str(repo_path), "show", QUAI_CANG, "--format", "toml"))
    assert toml.encode("utf-8") == (repo_path / QUAI_CANG_FILE).read_bytes()
    shown = json.loads(
        ok(dvtui("--repo", str(repo_path), "show", "periods/2023-year", "--format", "json"))
    )
    assert shown["id"] == "periods/2023-year" and shown["due"] == "2023-10-15"


def test_show_unknown_and_broken_records(repo_path: Path) -> None:
    shown = refused(dvtui("--repo", str(repo_path), "show", "tasks/2023-ii-99"))
    assert "tasks/2023-ii-99" in shown
    (repo_path / QUAI_CANG_FILE).write_bytes(b'schema = 1\nstatus = "done"\n')
    message = refused(dvtui("--repo", str(repo_path), "show", QUAI_CANG))
    assert QUAI_CANG_FILE in message and "status" in message


# --- set and log -----------------------------------------------------------------------------


def test_the_issue_example_makes_exactly_one_commit(repo_path: Path) -> None:
    before = git(repo_path, "rev-parse", "HEAD").strip()
    out = ok(
        dvtui(
            "--repo",
            str(repo_path),
            "set",
            QUAI_CANG,
            "status=submitted",
            "submitted_on=2023-05-10",
        )
    )
    assert out.startswith("Đã lưu: commit ") and "2 trường thay đổi" in out
    assert git(repo_path, "rev-list", "--count", f"{before}..HEAD").strip() == "1"
    author = git(repo_path, "log", "-1", "--format=%an <%ae>").strip()
    assert author == f"{USER_NAME} <{USER_EMAIL}>"
    assert git(repo_path, "show", "--format=", "--name-only", "HEAD").split() == [QUAI_CANG_FILE]
    diff = git(repo_path, "show", "--format=", "-U0", "HEAD").splitlines()
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ['-status = "missing"', '+status = "submitted"', "+submitted_on = 2023-05-10"]
    assert git(repo_path, "status", "--porcelain") == ""

    log = ok(dvtui("--repo", str(repo_path), "log", QUAI_CANG))
    assert USER_NAME in log
    assert "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang: Chưa nộp → Đã nộp" in log
    assert "Trạng thái: Chưa nộp → Đã nộp" in log
    assert "Ngày nộp: (trống) → 10/05/2023" in log
    assert log.index("Chưa nộp → Đã nộp") < log.index("Khởi tạo")  # newest first
    whole = ok(dvtui("log", "--repo", str(repo_path)))
    assert "Chưa nộp → Đã nộp" in whole and "Khởi tạo" in whole


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["../x", "status=submitted"], "là một đường dẫn"),
        (["/etc/passwd", "status=submitted"], "đường dẫn tuyệt đối"),
        (["reports\\x", "status=submitted"], "ký tự không hợp lệ"),
        (["units/" + "a" * 65, "name=x"], "tối đa 64 ký tự"),
        (["units/UBND-Xa", "name=x"], "chỉ được gồm chữ thường"),
        ([QUAI_CANG, "status=done"], "giá trị “done” không hợp lệ"),
        (
            [QUAI_CANG, "status=submitted", "submitted_on=31/02/2023"],
            "“31/02/2023” không phải ngày",
        ),
        ([QUAI_CANG, "status=submitted"], "báo cáo đã nộp phải có ngày nộp"),
        ([QUAI_CANG, "figures.dialogues=ba"], "“ba” không phải số nguyên"),
        ([QUAI_CANG, "colour=red"], "không có trường “colour”"),
        ([QUAI_CANG, "=x"], "trường=giá_trị"),
        ([QUAI_CANG, "status"], "trường=giá_trị"),
        ([QUAI_CANG, "status=missing"], "không có gì thay đổi"),
        (["tasks/2023-ii-99", "status=done"], "không có hồ sơ “tasks/2023-ii-99”"),
    ],
)
def test_bad_set_exits_1_and_changes_nothing(repo_path: Path, args: list[str], reason: str) -> None:
    before = state(repo_path)
    message = refused(dvtui("--repo", str(repo_path), "set", *args))
    assert reason in message
    assert state(repo_path) == before


def test_set_in_english(repo_path: Path) -> None:
    message = refused(
        dvtui("--repo", str(repo_path), "--lang", "en", "set", QUAI_CANG, "status=done")
    )
    assert "value “done” is not allowed" in message


def test_set_takes_the_status_label_people_read(repo_path: Path) -> None:
    """``status="Đã nộp"`` as the screen shows it; marks and case as an input method left them."""
    ok(
        dvtui(
            "--repo", str(repo_path), "set", QUAI_CANG, "status=Đã nộp", "submitted_on=10/05/2023"
        )
    )
    text = (repo_path / QUAI_CANG_FILE).read_text(encoding="utf-8")
    assert 'status = "submitted"' in text  # the file keeps the slug
    assert "Chưa nộp → Đã nộp" in git(repo_path, "log", "-1", "--format=%B")
    decomposed = unicodedata.normalize("NFD", "ĐÃ DUYỆT")  # marks typed as combining characters
    ok(
        dvtui(
            "--repo",
            str(repo_path),
            "set",
            QUAI_CANG,
            f"status={decomposed}",
            "reviewed_on=12/05/2023",
        )
    )
    assert 'status = "approved"' in (repo_path / QUAI_CANG_FILE).read_text(encoding="utf-8")
    ok(dvtui("--repo", str(repo_path), "set", QUAI_CANG, "status=yeu cau  bo-sung"))
    assert 'status = "returned"' in (repo_path / QUAI_CANG_FILE).read_text(encoding="utf-8")
    english = ["--repo", str(repo_path), "--lang", "en", "set"]
    ok(dvtui(*english, "tasks/2023-ii-7", "status=In progress"))  # the English label
    ok(dvtui(*english, "tasks/2023-ii-7", "status=Chưa thực hiện"))  # and the Vietnamese one
    task = (repo_path / "records/tasks/2023-ii-7.toml").read_text(encoding="utf-8")
    assert 'status = "not-started"' in task


def test_an_unknown_status_lists_the_labels(repo_path: Path) -> None:
    before = state(repo_path)
    message = refused(dvtui("--repo", str(repo_path), "set", QUAI_CANG, "status=Đã xong"))
    assert message == (
        f"dvtui: {QUAI_CANG_FILE}: status: giá trị “Đã xong” không hợp lệ, "
        "chỉ nhận: “Chưa nộp”, “Đã nộp”, “Yêu cầu bổ sung”, “Đã duyệt”"
    )
    assert state(repo_path) == before


def test_set_without_a_git_identity(repo_path: Path, isolated_git: Path) -> None:
    write_gitconfig(isolated_git, name=None)
    before = state(repo_path)
    message = refused(
        dvtui(
            "--repo",
            str(repo_path),
            "set",
            QUAI_CANG,
            "status=submitted",
            "submitted_on=10/05/2023",
        )
    )
    assert "chưa khai báo người dùng git" in message and "git config --global user.name" in message
    assert state(repo_path) == before


def test_set_refused_mid_merge(repo_path: Path) -> None:
    (repo_path / ".git" / "MERGE_HEAD").write_text(
        git(repo_path, "rev-parse", "HEAD"), encoding="utf-8"
    )
    before = state(repo_path)
    message = refused(
        dvtui(
            "--repo",
            str(repo_path),
            "set",
            QUAI_CANG,
            "status=submitted",
            "submitted_on=10/05/2023",
        )
    )
    assert "merge" in message
    assert state(repo_path) == before


# --- usage errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        ["list"],
        ["list", "people"],
        ["set", QUAI_CANG],
        ["show"],
        ["--lang", "fr", "validate"],
        ["list", "reports", "--format", "xml"],
        ["log", "-n", "many"],
    ],
)
def test_bad_usage_exits_2(repo_path: Path, args: list[str]) -> None:
    run = dvtui("--repo", str(repo_path), *args)
    refused(run, code=2)
    assert "cách dùng: dvtui" in run.stderr and ": lỗi: " in run.stderr
    assert "usage:" not in run.stderr and "error:" not in run.stderr


ARGPARSE_ENGLISH = (
    "usage:",
    "error:",
    "invalid choice",
    "choose from",
    "the following arguments are required",
    "show this help message and exit",
    "positional arguments",
    "options:",
    "expected one argument",
    "not allowed with argument",
    "invalid int value",
)


@pytest.mark.parametrize(
    ("args", "vietnamese", "english"),
    [
        (
            ["bogus"],
            "lỗi: đối số COMMAND: không có lựa chọn 'bogus' (chọn một trong: 'init',",
            "error: argument COMMAND: invalid choice: 'bogus' (choose from 'init',",
        ),
        (
            ["show"],
            "dvtui show: lỗi: còn thiếu đối số bắt buộc: id",
            "dvtui show: error: the following arguments are required: id",
        ),
        (
            ["sync", "--branch"],
            "đối số --branch: cần một giá trị",
            "argument --branch: expected one argument",
        ),
        (
            ["resolve", "--mine", "--theirs"],
            "đối số --theirs: không dùng được cùng với đối số --mine",
            "argument --theirs: not allowed with argument --mine",
        ),
        (
            ["log", "-n", "many"],
            "đối số -n/--limit: “many” không phải số nguyên",
            "argument -n/--limit: “many” is not a whole number",
        ),
    ],
    ids=["unknown-command", "missing-argument", "missing-value", "exclusive", "not-a-number"],
)
def test_argparse_speaks_the_users_language(
    repo_path: Path, args: list[str], vietnamese: str, english: str
) -> None:
    """argparse's own words come from our catalogs: Vietnamese unless --lang en."""
    vi = dvtui("--repo", str(repo_path), *args)
    assert vi.returncode == 2 and vietnamese in vi.stderr, vi.stderr
    assert vi.stderr.startswith("cách dùng: dvtui")
    assert not [words for words in ARGPARSE_ENGLISH if words in vi.stderr], vi.stderr
    en = dvtui("--repo", str(repo_path), "--lang", "en", *args)
    assert en.returncode == 2 and english in en.stderr and en.stderr.startswith("usage: dvtui")


def test_help_headings_are_vietnamese() -> None:
    for args in (["--help"], ["show", "--help"], ["resolve", "-h"]):
        shown = ok(dvtui(*args))
        assert shown.startswith("cách dùng: dvtui") and "\ntùy chọn:\n" in shown
        assert "-h, --help" in shown and "xem hướng dẫn này rồi thoát" in shown
        assert not [words for words in ARGPARSE_ENGLISH if words in shown], shown
    assert "\nđối số:\n  id " in ok(dvtui("show", "--help"))


def test_every_argparse_message_translated_is_spelled_as_argparse_spells_it() -> None:
    """A Python upgrade that rewords argparse must fail here, not fall back to English quietly."""
    import argparse
    import inspect
    import re

    from dvtui.cli.argtext import MESSAGES, PLURALS
    from dvtui.i18n import language, t, tn

    source = inspect.getsource(argparse)
    style = re.compile(r"%(?:\(\w+\))?[sr]")
    for english, key in [*MESSAGES.items(), *PLURALS.items()]:
        assert repr(english) in source or f'"{english}"' in source, english
        for lang in ("vi", "en"):
            with language(lang):
                text = tn(key, 2) if english in PLURALS else t(key)
            assert sorted(style.findall(text)) == sorted(style.findall(english)), (lang, key)


def test_bad_today_exits_1(repo_path: Path) -> None:
    assert "2023-02-31" in refused(
        dvtui("--repo", str(repo_path), "--today", "2023-02-31", "list", "reports")
    )


def test_help_in_both_languages() -> None:
    assert "kho dữ liệu" in ok(dvtui("--help"))
    assert "data repo" in ok(dvtui("--help", "--lang", "en"))


def test_control_characters_in_a_record_stay_inert(repo_path: Path) -> None:
    name = "UBND xã Tả Ma \x1b[31mĐỎ\x1b[0m [bold]x[/bold]"
    ok(dvtui("--repo", str(repo_path), "set", "units/ubnd-xa-ta-ma", f"name={name}"))
    stored = (repo_path / "records/units/ubnd-xa-ta-ma.toml").read_text(encoding="utf-8")
    assert "\x1b" not in stored and "\\u001b[31m" in stored  # escaped by TOML, kept exactly
    shown = ok(dvtui("--repo", str(repo_path), "show", "units/ubnd-xa-ta-ma"))
    assert "\x1b" not in shown
    assert "Tả Ma \\x1b[31mĐỎ\\x1b[0m [bold]x[/bold]" in shown  # literally, markup too
    as_json = json.loads(
        ok(dvtui("--repo", str(repo_path), "show", "units/ubnd-xa-ta-ma", "--format", "json"))
    )
    assert as_json["name"] == name
    listed = ok(dvtui("--repo", str(repo_path), "list", "units", "--search", "ta ma"))
    assert "\x1b" not in listed
    for args in (["log", "units/ubnd-xa-ta-ma"], ["log"]):
        assert "\x1b" not in ok(dvtui("--repo", str(repo_path), *args))
    message = git(repo_path, "log", "-1", "--format=%B")
    assert "\x1b" not in message and "\\x1b[31m" in message


def test_bidi_and_c1_controls_stay_inert_in_output_and_commits(repo_path: Path) -> None:
    # U+202E turns the rest of a line around; U+2066 isolates it; U+009B is a one-byte CSI
    name = "UBND xã Tả Ma \u202eaM aT\u2066 \x9b2J đúng"
    ok(dvtui("--repo", str(repo_path), "set", "units/ubnd-xa-ta-ma", f"name={name}"))
    unsafe = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]")
    outputs = {
        "show": ok(dvtui("--repo", str(repo_path), "show", "units/ubnd-xa-ta-ma")),
        "log": ok(dvtui("--repo", str(repo_path), "log", "units/ubnd-xa-ta-ma")),
        "review": ok(dvtui("--repo", str(repo_path), "review")),
        "list": ok(dvtui("--repo", str(repo_path), "list", "units", "--search", "ta ma")),
        "commit": git(repo_path, "log", "-1", "--format=%B"),
    }
    for where, text in outputs.items():
        assert not unsafe.search(text), where
        assert "\\u202eaM aT\\u2066 \\x9b2J đúng" in text, where
    refused = dvtui(
        "--repo",
        str(repo_path),
        "set",
        "reports/2023-h1/ubnd-xa-ta-ma",
        "submitted_on=\u202e\x1b[2J",
    )
    assert refused.returncode == 1 and "\\u202e\\x1b[2J" in refused.stderr
    assert not unsafe.search(refused.stderr) and "\x1b" not in refused.stderr


def test_list_refuses_an_unknown_status_instead_of_listing_nothing(repo_path: Path) -> None:
    from conftest import dvtui

    done = dvtui("--repo", str(repo_path), "list", "reports", "--status", "bogus")
    assert done.returncode == 1 and "bogus" in done.stderr and "missing" in done.stderr
    assert "Traceback" not in done.stderr


def test_log_refuses_an_empty_id(repo_path: Path) -> None:
    from conftest import dvtui

    done = dvtui("--repo", str(repo_path), "log", "")
    assert done.returncode == 1 and done.stdout == ""


def test_log_of_no_commits_is_empty_not_a_missing_record(repo_path: Path) -> None:
    from conftest import dvtui

    done = dvtui("--repo", str(repo_path), "log", "units/phong-y-te", "-n", "0")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    missing = dvtui("--repo", str(repo_path), "log", "units/khong-co", "-n", "0")
    assert missing.returncode == 1 and "units/khong-co" in missing.stderr


# --- one module per command group ------------------------------------------------------------


def test_each_group_holds_the_commands_main_names_for_it() -> None:
    from dvtui.cli.main import GROUPS, _group, commands

    for group, names in GROUPS.items():
        assert tuple(c.name for c in _group(group)) == names
    assert list(commands()) == [*(n for names in GROUPS.values() for n in names), "ui"]


def imported(repo: Path, *args: str) -> set[str]:
    """The modules a real ``dvtui`` run imports (from ``-X importtime``)."""
    import sys

    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "dvtui", "--repo", str(repo), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [x for x in run.stderr.splitlines() if x.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines[1:]}


@pytest.mark.parametrize(
    "args", [["show", "tasks/2023-ii-7"], ["set", QUAI_CANG, "document_number=7/BC"]]
)
def test_the_hot_commands_import_only_their_own_group(repo_path: Path, args: list[str]) -> None:
    """``show`` and ``set`` start fast: no other group, no Rich, no Textual, no GitPython.
    ``show`` does not even parse its command line with argparse (``cli/quick.py``)."""
    modules = imported(repo_path, *args)
    if args[0] == "show":
        assert "dvtui.cli.showing" in modules
        assert not modules & {"dvtui.cli.main", "dvtui.cli.records", "argparse"}
    else:
        assert {"dvtui.cli.records", "dvtui.cli.command", "dvtui.cli.output"} <= modules
    others = {"dvtui.cli.history", "dvtui.cli.reports", "dvtui.cli.sync"}
    assert not modules & others
    assert not [m for m in modules if m.split(".")[0] in ("rich", "textual", "git")]
