"""Excel forms on real repos: ``dvtui forms`` writes one protected, validated workbook per unit
still to report; a unit fills it (openpyxl, and LibreOffice Calc when installed); ``dvtui
import`` makes one commit per file, refuses bad cells naming file, sheet and cell with nothing
committed, shows what it would overwrite, and refuses a form of another repo or period."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import cli, git, write_gitconfig
from openpyxl import load_workbook

from dvtui.core.ids import RecordId
from dvtui.core.records import Report
from dvtui.services.audit import audit
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store

PERIOD = "2023-h1"
UNIT = "ubnd-xa-quai-cang"
REPORT_FILE = f"records/reports/{PERIOD}/{UNIT}.toml"
FIGURES, TASKS = "Số liệu", "Nhiệm vụ"


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    r = cli("--repo", str(repo), *args)
    return r.returncode, r.stdout, r.stderr


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def make_forms(repo: Path, folder: Path) -> Path:
    code, _, err = run(repo, "forms", PERIOD, "-o", str(folder))
    assert code == 0, err
    return folder / f"{PERIOD}-{UNIT}.xlsx"


Value = int | float | str


def fill(form: Path, figures: dict[str, Value], tasks: dict[str, str], out: Path) -> Path:
    """What a unit does: open the form, type next to the labels it reads, save."""
    wb = load_workbook(form)
    for row in wb[FIGURES].iter_rows(min_row=1):
        label = str(row[1].value) if len(row) > 1 else ""
        if label in figures:
            row[2].value = figures[label]
    for row in wb[TASKS].iter_rows(min_row=1):
        code = str(row[0].value)
        if code in tasks:
            row[2].value = tasks[code]
    wb.save(out)
    return out


def report_table(repo: Path) -> dict[str, object]:
    return tomllib.loads((repo / REPORT_FILE).read_text(encoding="utf-8"))


def test_one_protected_validated_form_per_unit_still_to_report(
    repo_path: Path, tmp_path: Path
) -> None:
    rid = f"reports/{PERIOD}/ubnd-xa-ta-ma"
    assert run(repo_path, "set", rid, "status=submitted", "submitted_on=02/05/2023")[0] == 0
    form = make_forms(repo_path, tmp_path / "gui")
    names = sorted(p.name for p in (tmp_path / "gui").iterdir())
    assert len(names) == 33 and f"{PERIOD}-ubnd-xa-ta-ma.xlsx" not in names  # 34 - 1 submitted
    wb = load_workbook(form)
    assert wb.sheetnames == [FIGURES, TASKS, "dvtui"]
    assert wb["dvtui"].sheet_state == "hidden"
    sheet = wb[FIGURES]
    head = [sheet[f"A{r}"].value for r in range(1, 4)]
    assert head[0] == "Đơn vị: UBND xã Quài Cang"
    assert "Hạn nộp: 15/05/2023" in str(head[1])
    assert "năm 2023" in str(head[2])
    labels = {row[1].value: row[2] for row in sheet.iter_rows(min_row=7) if row[1].value}
    cell = labels["Số hội nghị tuyên truyền"]
    assert cell.value is None and cell.protection.locked is False
    label_cell = sheet.cell(row=int(cell.row or 0), column=2)
    assert label_cell.protection.locked is True and sheet.protection.sheet is True
    assert all(wb[name].protection.sheet for name in wb.sheetnames)
    rules = sheet.data_validations.dataValidation
    assert [(r.type, r.operator, r.formula1) for r in rules] == [
        ("whole", "greaterThanOrEqual", "0")
    ]
    assert cell.coordinate in rules[0].sqref
    tasks = [row[0].value for row in wb[TASKS].iter_rows(min_row=7)]
    assert tasks[:3] == ["II.1", "II.2.1", "II.2.2"] and len(tasks) == 9  # no group heading
    assert all(row[2].protection.locked is False for row in wb[TASKS].iter_rows(min_row=7))


def test_a_filled_form_imports_as_one_commit_with_the_form_attached(
    repo_path: Path, tmp_path: Path
) -> None:
    form = make_forms(repo_path, tmp_path / "gui")
    filled = fill(
        form,
        {
            "Số hội nghị tuyên truyền": 4,
            "Đơn thư khiếu nại, tố cáo, kiến nghị nhận được": "12",  # typed as text
            "Đơn đã giải quyết": 10.0,  # how LibreOffice may store a whole number
        },
        {"II.1": "Đã quán triệt đến 100% cán bộ.", "II.7": 'Đăng ký 2 mô hình "Dân vận khéo".'},
        tmp_path / "Quài Cang gửi lại.xlsx",
    )
    before = commits(repo_path)
    code, out, err = run(repo_path, "import", str(filled), "--received", "10/05/2023")
    assert code == 0, err
    assert f"reports/{PERIOD}/{UNIT}" in out
    assert commits(repo_path) == before + 1
    table = report_table(repo_path)
    assert table["status"] == "submitted" and table["submitted_on"] == date(2023, 5, 10)
    assert table["figures"] == {
        "conferences": 4,
        "petitions_received": 12,
        "petitions_resolved": 10,
    }
    assert table["narrative"] == {
        "2023-ii-1": "Đã quán triệt đến 100% cán bộ.",
        "2023-ii-7": 'Đăng ký 2 mô hình "Dân vận khéo".',
    }
    attachments = table["attachments"]
    assert isinstance(attachments, list) and attachments[0]["name"] == "Quài Cang gửi lại.xlsx"
    message = git(repo_path, "log", "-1", "--format=%B")
    assert f"Record: reports/{PERIOD}/{UNIT}" in message
    assert audit(Store(repo_path)).clean
    # The unit's form is now the report: the next forms leave it out.
    code, _, _ = run(repo_path, "forms", PERIOD, "-o", str(tmp_path / "lan2"))
    assert not (tmp_path / "lan2" / form.name).exists()


def test_bad_cells_are_refused_naming_file_sheet_and_cell_and_nothing_is_committed(
    repo_path: Path, tmp_path: Path
) -> None:
    form = make_forms(repo_path, tmp_path / "gui")
    cases: dict[str, tuple[dict[str, Value], str]] = {
        "am.xlsx": ({"Số hội nghị tuyên truyền": -3}, "“-3” không phải số nguyên"),
        "le.xlsx": ({"Số hội nghị tuyên truyền": 2.5}, "“2.5” không phải số nguyên"),
        "chu.xlsx": ({"Số hội nghị tuyên truyền": "bốn"}, "“bốn” không phải số nguyên"),
        "vuot.xlsx": (
            {"Đơn thư khiếu nại, tố cáo, kiến nghị nhận được": 3, "Đơn đã giải quyết": 5},
            "không được lớn hơn",
        ),
    }
    conference_cell = next(
        row[2].coordinate
        for row in load_workbook(form)[FIGURES].iter_rows()
        if row[1].value == "Số hội nghị tuyên truyền"
    )
    resolved_cell = next(
        row[2].coordinate
        for row in load_workbook(form)[FIGURES].iter_rows()
        if row[1].value == "Đơn đã giải quyết"
    )
    good = fill(form, {"Số hội nghị tuyên truyền": 2}, {}, tmp_path / "tot.xlsx")
    before = git(repo_path, "rev-parse", "HEAD")
    for name, (figures, reason) in cases.items():
        bad = fill(form, figures, {}, tmp_path / name)
        code, _, err = run(repo_path, "import", str(bad))
        assert code == 1, name
        cell = resolved_cell if name == "vuot.xlsx" else conference_cell
        assert f"{bad}: trang “Số liệu”, ô {cell}: " in err, err
        assert reason in err, err
    assert git(repo_path, "rev-parse", "HEAD") == before
    assert git(repo_path, "status", "--porcelain") == ""
    # A bad file among good ones: the good one is imported, the bad one named.
    code, _, err = run(repo_path, "import", str(tmp_path / "am.xlsx"), str(good))
    assert code == 1 and "am.xlsx" in err and "1/2 tệp không nhập được" in err
    assert commits(repo_path) == int(git(repo_path, "rev-list", "--count", before.strip())) + 1
    assert report_table(repo_path)["figures"] == {"conferences": 2}


def test_a_form_over_the_attachment_limit_is_refused(repo_path: Path, tmp_path: Path) -> None:
    settings = repo_path / "dvtui.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "attachment_limit_mb = 1\n")
    git(repo_path, "commit", "-qam", "limit")
    big = tmp_path / "to.xlsx"
    big.write_bytes(make_forms(repo_path, tmp_path / "gui").read_bytes() + b"\0" * 1024 * 1024)
    before = git(repo_path, "rev-parse", "HEAD")
    code, _, err = run(repo_path, "import", str(big))
    assert code == 1 and "quá giới hạn 1,0 MB" in err, err
    assert git(repo_path, "rev-parse", "HEAD") == before


def test_a_value_that_differs_from_one_saved_is_shown_and_needs_overwrite(
    repo_path: Path, tmp_path: Path
) -> None:
    form = make_forms(repo_path, tmp_path / "gui")
    first = fill(form, {"Số hội nghị tuyên truyền": 4}, {}, tmp_path / "lan1.xlsx")
    assert run(repo_path, "import", str(first), "--received", "10/05/2023")[0] == 0
    second = fill(form, {"Số hội nghị tuyên truyền": 6}, {}, tmp_path / "lan2.xlsx")
    before = git(repo_path, "rev-parse", "HEAD")
    code, out, err = run(repo_path, "import", str(second), "--received", "10/05/2023")
    assert code == 1
    assert "Số hội nghị tuyên truyền: 4 → 6" in out
    assert "--overwrite" in err
    assert git(repo_path, "rev-parse", "HEAD") == before
    code, out, err = run(
        repo_path, "import", str(second), "--received", "10/05/2023", "--overwrite"
    )
    assert code == 0, err
    assert report_table(repo_path)["figures"] == {"conferences": 6}


def test_a_form_of_another_repo_or_period_is_refused(
    repo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "khac"
    with monkeypatch.context() as m:  # another office: another person made its repo
        home = tmp_path / "home-khac"
        home.mkdir()
        write_gitconfig(home, "Lò Thị Hoa", "hoa@muongang.example")
        m.setenv("HOME", str(home))
        init_data_repo(other)
    foreign = fill(make_forms(other, tmp_path / "khac-gui"), {}, {}, tmp_path / "khac.xlsx")
    before = git(repo_path, "rev-parse", "HEAD")
    code, _, err = run(repo_path, "import", str(foreign))
    assert code == 1 and "kho dữ liệu khác" in err
    mine = fill(make_forms(repo_path, tmp_path / "gui"), {}, {}, tmp_path / "mine.xlsx")
    code, _, err = run(repo_path, "import", str(mine), "--period", "2023-year")
    assert code == 1 and "biểu mẫu của kỳ 2023-h1, không phải 2023-year" in err
    tampered = load_workbook(mine)
    tampered["dvtui"]["D6"].value = "C7:C20"  # the hidden map edited by hand: a range
    tampered.save(tmp_path / "sua-tay.xlsx")
    code, _, err = run(repo_path, "import", str(tmp_path / "sua-tay.xlsx"))
    assert code == 1 and "không phải biểu mẫu do dvtui tạo" in err, err
    not_a_form = tmp_path / "khong.xlsx"
    not_a_form.write_bytes(b"plain text")
    code, _, err = run(repo_path, "import", str(not_a_form))
    assert code == 1 and "không đọc được tệp Excel" in err
    assert git(repo_path, "rev-parse", "HEAD") == before


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_a_form_saved_by_libreoffice_calc_imports(repo_path: Path, tmp_path: Path) -> None:
    form = make_forms(repo_path, tmp_path / "gui")
    filled = fill(
        form,
        {"Số hội nghị tuyên truyền": 7},
        {"II.3": "Tổ chức 3 buổi đối thoại."},
        tmp_path / "filled.xlsx",
    )
    out = tmp_path / "calc"
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(out),
            str(filled),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    saved = out / "filled.xlsx"
    assert saved.read_bytes() != filled.read_bytes()  # Calc wrote its own file
    code, _, err = run(repo_path, "import", str(saved), "--received", "11/05/2023")
    assert code == 0, err
    report = Store(repo_path).get(RecordId.parse(f"reports/{PERIOD}/{UNIT}"))
    assert isinstance(report, Report)
    assert report.figures.conferences == 7
    assert report.narrative["2023-ii-3"] == "Tổ chức 3 buổi đối thoại."


def _rewritten(form: Path, out: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """``form`` with one part of its zip changed: what a hostile sender can mail in."""
    with zipfile.ZipFile(form) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, change(data) if info.filename == part else data)
    return out


ENTITIES = (
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(b'<!ENTITY %c "%s">' % (name, (b"&%c;" % (name - 1)) * 10) for name in b"bcdefgh")
    + b"]>"
)


def test_a_hostile_workbook_is_one_message_and_changes_nothing(
    repo_path: Path, tmp_path: Path
) -> None:
    """A file from outside, made to break the reader: broken XML, entities that expand a
    billion times, a zip bomb, digits Python cannot count, a map pointing off the sheet.
    Each is one line naming the file (never a traceback), and nothing is committed."""
    form = make_forms(repo_path, tmp_path / "gui")
    sheet = "xl/worksheets/sheet1.xml"

    def figure(value: Value, name: str) -> Path:
        return fill(form, {"Số hội nghị tuyên truyền": value}, {}, tmp_path / name)

    def with_map_cell(ref: str, name: str) -> Path:
        book = load_workbook(form)
        book["dvtui"]["D6"].value = ref
        book.save(tmp_path / name)
        return tmp_path / name

    cases: dict[Path, str] = {
        _rewritten(form, tmp_path / "cut.xlsx", sheet, lambda d: d[: len(d) // 2]): "",
        _rewritten(
            form,
            tmp_path / "entities.xlsx",
            sheet,
            lambda d: d.replace(b"<worksheet", ENTITIES + b"<worksheet", 1).replace(
                b"<sheetData>",
                b"<sheetData><row r='99'><c r='A99' t='inlineStr'><is><t>&h;</t></is></c></row>",
                1,
            ),
        ): "",
        _rewritten(
            form, tmp_path / "bomb.xlsx", sheet, lambda d: d + b" " * (64 << 20)
        ): "giải nén ra",
        figure("²", "superscript.xlsx"): "“²” không phải số nguyên",
        figure("9" * 5000, "digits.xlsx"): "số quá lớn",
        with_map_cell("C9999999", "off-sheet.xlsx"): "không phải biểu mẫu do dvtui tạo",
    }
    book = load_workbook(form)  # the hidden sheet cut down to its mark alone
    book["dvtui"].delete_cols(2, 10)
    book.save(tmp_path / "mark-only.xlsx")
    cases[tmp_path / "mark-only.xlsx"] = "biểu mẫu phiên bản"
    before = git(repo_path, "rev-parse", "HEAD")
    for path, reason in cases.items():
        code, _, err = run(repo_path, "import", str(path))
        assert code == 1 and "Traceback" not in err, (path.name, err)
        assert err.startswith(f"dvtui: {path}: ") and reason in err, (path.name, err)
    assert git(repo_path, "rev-parse", "HEAD") == before
    assert git(repo_path, "status", "--porcelain") == ""


def test_what_others_save_between_reading_a_form_and_importing_it_is_kept(
    repo_path: Path, tmp_path: Path
) -> None:
    """The UI reads a form, shows what it would change, and imports on the user's word: a
    reload in between (the app's 2 s watch) must not make the import write over a change
    saved meanwhile, nor a figure both changed be overwritten unasked."""
    from dvtui.services.forms import read_import, save_import
    from dvtui.storage.store import SaveConflict

    form = make_forms(repo_path, tmp_path / "gui")
    filled = fill(form, {"Số hội nghị tuyên truyền": 4}, {}, tmp_path / "gui-lai.xlsx")
    store = Store(repo_path)
    store.load()
    imported = read_import(store, filled, date(2023, 5, 10))
    rid = f"reports/{PERIOD}/{UNIT}"
    assert run(repo_path, "set", rid, "review_note=Đã gọi điện nhắc")[0] == 0
    store.load()  # the app's reload: the store has now read the newer version
    save_import(store, imported, date(2023, 5, 10))
    table = report_table(repo_path)
    assert table["review_note"] == "Đã gọi điện nhắc"  # kept, not reverted
    assert table["figures"] == {"conferences": 4}

    again = fill(form, {"Số hội nghị tuyên truyền": 6}, {}, tmp_path / "lan-ba.xlsx")
    imported = read_import(store, again, date(2023, 5, 11))
    assert run(repo_path, "set", rid, "figures.conferences=5")[0] == 0
    store.load()
    before = commits(repo_path)
    with pytest.raises(SaveConflict) as asked:
        save_import(store, imported, date(2023, 5, 11))
    assert "Số hội nghị tuyên truyền" in str(asked.value)  # the field's label, not its key
    assert rid not in str(asked.value) and "Báo cáo 6 tháng năm 2023 · " in str(asked.value)
    assert commits(repo_path) == before
    assert report_table(repo_path)["figures"] == {"conferences": 5}
