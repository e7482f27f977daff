"""The quick start of the command line (``dvtui.cli.quick``) prints exactly what the full
command line prints, or leaves the command to it.

``show`` of every record of the bundled data, in every format and language, is compared
byte for byte with the full command line (argparse, the Store); so are records with
problems, missing ones, a repo with an interrupted save to finish and one to migrate,
where the quick start must step aside (its ``run`` answers None) for the full one to say
what is wrong or to do what must be done first.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import git

from dvtui.cli import quick
from dvtui.cli.main import main as full_main
from dvtui.cli.showing import FORMATS


def every_record(root: Path) -> list[str]:
    return sorted(
        str(p.relative_to(root / "records").with_suffix("")) for p in root.glob("records/**/*.toml")
    )


def printed(
    capsys: pytest.CaptureFixture[str], run: object, argv: list[str]
) -> tuple[object, str, str]:
    assert callable(run)
    code = run(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_show_quick_prints_what_the_full_command_line_prints(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = every_record(repo_path)
    assert len(records) > 50
    for rid in records:
        for fmt in FORMATS:
            for lang in ("vi", "en"):
                argv = ["--repo", str(repo_path), "--lang", lang, "show", rid, "--format", fmt]
                code, out, err = printed(capsys, quick.run, argv)
                assert code == 0, (rid, fmt)  # the quick start took it
                assert (out, err) == printed(capsys, full_main, argv)[1:], (rid, fmt, lang)
    assert git(repo_path, "status", "--porcelain") == ""


def test_show_options_in_any_order_and_forms(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rid = every_record(repo_path)[0]
    for argv in (
        ["show", rid, f"--repo={repo_path}"],
        ["show", "--format=json", f"--repo={repo_path}", rid],
        ["show", "--today", "01/07/2023", rid, "--repo", str(repo_path)],
        ["show", f"records/{rid}.toml", "--repo", str(repo_path)],
    ):
        code, out, err = printed(capsys, quick.run, argv)
        assert code == 0, argv
        assert (out, err) == printed(capsys, full_main, argv)[1:], argv


def break_file(root: Path, rid: str, text: bytes) -> None:
    (root / "records" / f"{rid}.toml").write_bytes(text)


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "bad-id",
        "not-toml",
        "bad-field",
        "dangling-reference",
        "bad-format-option",
        "format-before-the-command",
        "unknown-option",
        "journal",
        "old-layout",
        "newer-layout",
        "bad-today",
        "bad-language",
    ],
)
def test_show_leaves_to_the_full_command_line_what_it_must_say_or_do(
    repo_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    report = next(r for r in every_record(repo_path) if r.startswith("reports/"))
    rid, extra = report, []
    if case == "missing":
        rid = "units/khong-co"
    elif case == "bad-id":
        rid = "units/../x"
    elif case == "not-toml":
        break_file(repo_path, report, b"status = \n")
    elif case == "bad-field":
        break_file(repo_path, report, b'schema = 1\nstatus = "sent"\n')
    elif case == "dangling-reference":
        period = report.split("/")[1]
        (repo_path / "records" / "periods" / f"{period}.toml").unlink()
    elif case == "bad-format-option":
        extra = ["--format", "yaml"]
    elif case == "format-before-the-command":
        extra = ["--format", "toml"]
    elif case == "unknown-option":
        extra = ["--verbose"]
    elif case == "journal":
        (repo_path / ".git" / "dvtui-save.json").write_text("{}", encoding="utf-8")
    elif case in ("old-layout", "newer-layout"):
        settings = repo_path / "dvtui.toml"
        found = "format = 1" if case == "old-layout" else "format = 99"
        settings.write_text(settings.read_text(encoding="utf-8").replace("format = 2", found))
    elif case == "bad-today":
        extra = ["--today", "31/02/2023"]
    elif case == "bad-language":
        extra = ["--lang", "fr"]
    argv = ["--repo", str(repo_path), "show", rid, *extra]
    if case == "format-before-the-command":
        argv = ["--repo", str(repo_path), *extra, "show", rid]
    assert quick.run(argv) is None
    assert capsys.readouterr() == ("", "")  # nothing printed: the full command line speaks


CHECK_IMPORTS = """
import sys
from dvtui.cli.quick import main
code = main(sys.argv[1:])
heavy = ("argparse", "git", "dvtui.storage.store", "dvtui.git.repo", "subprocess", "rich")
print(code, sorted(m for m in heavy if m in sys.modules))
"""


def test_the_quick_start_knows_the_formats_show_knows() -> None:
    assert quick._FORMATS == FORMATS


def test_show_imports_neither_the_store_nor_argparse_nor_git(repo_path: Path) -> None:
    rid = next(r for r in every_record(repo_path) if r.startswith("reports/"))
    for fmt in FORMATS:
        done = subprocess.run(
            [
                sys.executable,
                "-c",
                CHECK_IMPORTS,
                "--repo",
                str(repo_path),
                "show",
                rid,
                "--format",
                fmt,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.splitlines()[-1] == "0 []", done.stderr


# --- log ID [-n N] ---------------------------------------------------------------------------

EDITS = (  # a history that names units, periods and plans, in changes of several kinds
    ("reports/2023-h1/phong-dan-toc", "figures.dialogues=3", "document_number=5/BC"),
    ("tasks/2023-ii-1", "assigned_units=phong-dan-toc,phong-y-te"),
    ("units/phong-y-te", "name=Phòng Y tế huyện"),
    ("reports/2023-h1/phong-dan-toc", "figures.dialogues=4"),
)


def edited(root: Path) -> list[str]:
    for rid, *fields in EDITS:
        assert full_main(["--repo", str(root), "set", rid, *fields]) == 0
    return sorted({rid for rid, *_ in EDITS} | set(every_record(root)[::40]))


def test_log_quick_prints_what_the_full_command_line_prints(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = edited(repo_path)
    capsys.readouterr()
    for rid in records:
        for limit in ([], ["-n", "1"], ["-n", "20"], ["--limit=2"]):
            for lang in ("vi", "en"):
                argv = ["--repo", str(repo_path), "--lang", lang, "log", rid, *limit]
                code, out, err = printed(capsys, quick.run, argv)
                assert code == 0, (rid, limit)  # the quick start took it
                assert (out, err) == printed(capsys, full_main, argv)[1:], (rid, limit, lang)
    assert git(repo_path, "status", "--porcelain") == ""


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "bad-id",
        "not-a-number",
        "negative",
        "limit-twice",
        "limit-before-the-command",
        "another-option",
        "journal",
        "shallow",
        "old-layout",
    ],
)
def test_log_leaves_to_the_full_command_line_what_it_must_say_or_do(
    repo_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    rid, before, after = "tasks/2023-ii-1", [], ["-n", "5"]
    if case == "missing":
        rid = "units/khong-co"
    elif case == "bad-id":
        rid = "units/../x"
    elif case == "not-a-number":
        after = ["-n", "mười"]
    elif case == "negative":
        after = ["-n", "-3"]
    elif case == "limit-twice":
        after = ["-n", "5", "--limit", "3"]
    elif case == "limit-before-the-command":
        before, after = ["-n", "5"], []
    elif case == "another-option":
        after = ["--author", "Lan"]
    elif case == "journal":
        (repo_path / ".git" / "dvtui-save.json").write_text("{}", encoding="utf-8")
    elif case == "shallow":  # the full command line says where the history stops
        head = git(repo_path, "rev-parse", "HEAD").strip()
        (repo_path / ".git" / "shallow").write_text(head + "\n", encoding="utf-8")
    elif case == "old-layout":
        settings = repo_path / "dvtui.toml"
        text = settings.read_text(encoding="utf-8")
        settings.write_text(text.replace("format = 2", "format = 1"), encoding="utf-8")
    argv = ["--repo", str(repo_path), *before, "log", rid, *after]
    assert quick.run(argv) is None
    assert capsys.readouterr() == ("", "")  # nothing printed: the full command line speaks


CHECK_LOG_IMPORTS = CHECK_IMPORTS.replace('"dvtui.git.repo", "subprocess", ', "")


def test_a_page_of_log_imports_neither_the_store_nor_argparse_nor_gitpython(
    repo_path: Path,
) -> None:
    edited(repo_path)  # (a whole history is streamed through GitPython: not a page)
    argv = ["--repo", str(repo_path), "log", "tasks/2023-ii-1", "-n", "20"]
    done = subprocess.run(
        [sys.executable, "-c", CHECK_LOG_IMPORTS, *argv], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr
