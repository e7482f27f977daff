"""status, overdue and the consolidated report checked against numbers counted by hand."""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import cli
from history_builder import (
    LATE,
    LATE_RETURNED,
    ON_TIME_APPROVED,
    PERIOD,
    TODAY,
    WIDE,
    WITH_CONTACT,
    Expected,
    build_known,
    private_copy,
    run,
)

from dvtui.core.facts import timeliness
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.records import Report
from dvtui.i18n import translator
from dvtui.reports.figures import build_report
from dvtui.reports.followup import overdue_list
from dvtui.reports.status import build_status
from dvtui.storage import Store

if TYPE_CHECKING:
    from docx.shared import Length


def millimetres(length: Length | None) -> float:
    """A page dimension python-docx read back (None would mean Word's default: not ours)."""
    from docx.shared import Mm

    assert length is not None
    return length / Mm(1)


def cell_text(value: object) -> str:
    assert isinstance(value, str), value
    return value


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Expected]:
    """The known history, built once for this module."""
    return build_known(tmp_path_factory)


@pytest.fixture
def repo(built: tuple[Path, Expected], tmp_path: Path) -> Path:
    """A private copy of the known history for one test."""
    return private_copy(built, tmp_path)


# --- status ------------------------------------------------------------------------------------


def test_status_library_counts(repo: Path) -> None:
    e = Expected()
    store = Store(repo)
    (plan,) = build_status(store.load(), store.settings, date(2023, 5, 25), PERIOD)
    (period,) = plan.periods
    s = period.summary
    assert (s.total, s.submitted, s.on_time, s.late, s.missing) == (
        e.units,
        e.received,
        e.on_time,
        e.late,
        e.missing,
    )
    assert (s.returned, s.approved, s.overdue) == (e.returned, e.approved, e.missing)
    assert period.days_left == -10
    regulation = next(t for t in plan.targets if t.key == "target.regulation")
    assert (regulation.achieved, regulation.total, regulation.met) == (e.regulations, 34, False)
    models = next(t for t in plan.targets if t.key == "target.models")
    assert models.achieved == 2  # quai-cang and ta-ma each have a model
    ii1 = next(tp for tp in plan.tasks if tp.task.code == "II.1")
    assert (ii1.reported, ii1.received) == (2, e.received)


def test_status_cli_shows_counts_with_rates(repo: Path) -> None:
    out = run(repo, "status", "--period", PERIOD)
    line = next(line for line in out.splitlines() if "Báo cáo 6 tháng năm 2023" in line)
    for cell in ("34", "4 (11,8%)", "2 (5,9%)", "30 (88,2%)", "1 (2,9%)"):
        assert cell in line, (cell, line)
    assert "Báo cáo tổng kết năm 2023" not in out  # only the asked period
    target = next(line for line in out.splitlines() if "có quy chế phối hợp" in line)
    assert "2/34" in target and "5,9%" in target and "100%" in target and "Chưa đạt" in target


def test_status_of_unknown_period_is_one_line_error(repo: Path) -> None:
    r = cli("--repo", str(repo), "status", "--period", "2099-h1")
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "periods/2099-h1" in r.stderr


# --- overdue -----------------------------------------------------------------------------------


def test_overdue_library_states_days_and_owes(repo: Path) -> None:
    store = Store(repo)
    items = overdue_list(store.load(), store.settings, date(2023, 5, 25), PERIOD)
    by_unit = {i.unit.id.name: i for i in items}
    assert len(items) == 30 + 1 + 1  # missing, returned, late
    assert ON_TIME_APPROVED not in by_unit and "phong-tu-phap" not in by_unit
    assert [i.state for i in items[:30]] == ["overdue"] * 30
    assert {i.days for i in items[:30]} == {10}
    returned, late = by_unit[LATE_RETURNED], by_unit[LATE]
    # Returned: still owed, so days since the deadline (10), not its submission's lateness (3).
    assert (returned.state, returned.days) == ("returned", 10)
    assert (late.state, late.days, late.still_owes_report) == ("late", 5, False)
    # A mid-year period owes its report only: no year-long targets (regulation, model, person).
    assert [o.kind for o in returned.owes] == ["supplement"]
    assert "Thiếu số liệu tiếp công dân" in returned.owes[0].text(translator("vi"))
    contact = by_unit[WITH_CONTACT].contact
    assert contact is not None and contact.person == "Lò Văn Minh"


def test_overdue_csv_lists_every_late_unit(repo: Path) -> None:
    rows = list(csv.reader(io.StringIO(run(repo, "overdue", "--format", "csv"))))
    header, body = rows[0], rows[1:]
    assert header == [
        "Kỳ báo cáo",
        "Đơn vị",
        "Tình trạng",
        "Số ngày",
        "Nội dung còn thiếu",
        "Liên hệ",
    ]
    assert len(body) == 32
    assert {r[0] for r in body} == {"Báo cáo 6 tháng năm 2023"}  # the period's name, not a slug
    by_unit = {r[1]: r for r in body}
    mun_chung = by_unit["UBND xã Mùn Chung"]
    assert mun_chung[2:4] == ["Quá hạn 10 ngày", "10"]
    assert mun_chung[5] == "Lò Văn Minh · 0912 345 678"
    assert "Báo cáo 6 tháng năm 2023" in mun_chung[4]
    assert by_unit["Phòng Y tế"][2] == "Nộp muộn 5 ngày"
    assert by_unit["UBND xã Ta Ma"][2] == "Yêu cầu bổ sung (quá hạn 10 ngày)"


def test_overdue_csv_file_opens_in_excel_as_utf8(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "don-doc.csv"
    run(repo, "overdue", "--format", "csv", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith("\ufeff".encode())  # the BOM Excel needs for UTF-8
    assert "UBND xã Mùn Chung" in data.decode("utf-8-sig")


def test_overdue_table_before_any_deadline_says_so(repo: Path) -> None:
    r = cli("--repo", str(repo), "--today", "2023-05-01", "overdue")
    assert r.returncode == 0
    assert "không có đơn vị nào quá hạn" in r.stdout


@pytest.mark.parametrize(
    ("inclusive", "last_day"), [("true", "2023-05-15"), ("false", "2023-05-14")]
)
def test_a_report_still_missing_on_its_last_day_is_not_yet_overdue(
    repo_path: Path, inclusive: str, last_day: str
) -> None:
    """On the deadline day itself a unit can still hand in on time: it is not urged yet."""
    settings = repo_path / "dvtui.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("deadline_inclusive = true", f"deadline_inclusive = {inclusive}"),
        encoding="utf-8",
    )
    last = date.fromisoformat(last_day)
    store = Store(repo_path)
    data = store.load()
    period = data.period("2023-h1")
    report = data.get(RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang"))
    assert period is not None and isinstance(report, Report) and report.submitted_on is None
    assert timeliness(report, period, last, store.settings) == "pending"
    assert timeliness(report, period, last + timedelta(days=1), store.settings) == "overdue"
    on_the_day = cli("--repo", str(repo_path), "--today", last_day, "overdue")
    assert on_the_day.returncode == 0, on_the_day.stderr
    assert "không có đơn vị nào quá hạn" in on_the_day.stdout
    day_after = (last + timedelta(days=1)).isoformat()
    after = cli("--repo", str(repo_path), "--today", day_after, "overdue", env=WIDE)
    assert after.returncode == 0, after.stderr
    assert "UBND xã Quài Cang" in after.stdout and "Quá hạn 1 ngày" in after.stdout


def test_urging_letter_docx(repo: Path, tmp_path: Path) -> None:
    from docx import Document

    out = tmp_path / "cong-van.docx"
    run(repo, "overdue", "--period", PERIOD, "--by", "05/06/2023", "-o", str(out))
    doc = Document(str(out))
    section = doc.sections[0]
    assert abs(millimetres(section.page_width) - 210) < 0.5
    header = doc.tables[0]
    left = header.rows[0].cells[0].text
    assert "ỦY BAN NHÂN DÂN" in left and "V/v đôn đốc" in left and "UBND-NV" in left
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Kính gửi:\tCác cơ quan, đơn vị, địa phương có tên trong danh sách dưới đây" in text
    assert "trước ngày 05/06/2023" in text  # the new deadline
    assert "Phòng Y tế" not in text  # late but complete: not urged
    owed = doc.tables[1]
    assert len(owed.rows) == 1 + 31  # header + 30 missing + 1 returned
    assert any("Thiếu số liệu tiếp công dân" in c.text for c in owed.columns[2].cells)
    assert "UBND xã Mùn Chung" in [c.text for c in owed.columns[1].cells]
    assert text.rstrip().endswith("./.") or any(p.text.endswith("./.") for p in doc.paragraphs)
    signature = doc.tables[2].rows[0].cells
    assert signature[0].paragraphs[0].text == "Nơi nhận:"
    assert "Mùa Va Hồ" in signature[1].text


def test_urging_letter_needs_an_output_file(repo: Path) -> None:
    r = cli("--repo", str(repo), "--today", TODAY, "overdue", "--format", "docx")
    assert r.returncode == 1 and "-o" in r.stderr
    r = cli("--repo", str(repo), "--today", TODAY, "overdue", "-o", "x.docx")
    assert r.returncode == 1 and "--by" in r.stderr and r.stderr.count("\n") == 1


# --- the consolidated report -------------------------------------------------------------------


def test_report_model_figures(repo: Path) -> None:
    e = Expected()
    store = Store(repo)
    seen: list[tuple[int, int]] = []
    report = build_report(
        store.load(), store.settings, PERIOD, date(2023, 5, 25), lambda d, t, w: seen.append((d, t))
    )
    assert seen[-1][0] == seen[-1][1]  # progress reached the end
    assert (report.expected, report.received, report.on_time, report.late) == (
        e.units,
        e.received,
        e.on_time,
        e.late,
    )
    assert (report.returned, report.counted) == (e.returned, e.counted)
    assert len(report.not_reported) == e.missing
    assert report.total("conferences") == e.conferences
    assert report.total("conference_attendees") == e.attendees
    assert report.total("citizen_receptions") == e.receptions
    assert report.total("dialogues") == e.dialogues
    assert (report.petitions.part, report.petitions.whole) == (e.resolved, e.petitions)
    assert round(report.petitions.percent, 1) == 73.3
    assert (report.regulation.part, report.regulation.whole) == (e.regulations, 34)
    assert not report.regulation.met
    assert (report.models_total, report.persons_total) == (e.models, e.persons)
    assert report.number == "125" and report.issued_on == date(2023, 5, 26)
    ii1 = next(s for s in report.tasks if s.task.code == "II.1")
    assert [n.unit for n in ii1.entries] == ["Phòng Tư pháp", "UBND xã Quài Cang"]


def test_report_of_unknown_period(repo: Path) -> None:
    store = Store(repo)
    with pytest.raises(DataError):
        build_report(store.load(), store.settings, "nope", date(2023, 5, 25))


def test_report_markdown(repo: Path, tmp_path: Path) -> None:
    e = Expected()
    out = tmp_path / "bao-cao.md"
    run(repo, "report", PERIOD, "--format", "md", "-o", str(out))
    md = out.read_text(encoding="utf-8")
    assert "Số: 125/BC-UBND" in md
    assert "*Tuần Giáo, ngày 26 tháng 5 năm 2023*" in md
    assert "# BÁO CÁO" in md
    assert "Thực hiện Kế hoạch số …/KH-UBND ngày … tháng 03 năm 2023" in md
    assert f"đã nhận {e.received} báo cáo ({e.on_time} đúng hạn, {e.late} nộp muộn)" in md
    assert f"{e.missing} đơn vị chưa báo cáo" in md
    assert f"| 1 | Số hội nghị tuyên truyền | {e.conferences} | 2 |" in md
    assert f"| 2 | Số người dự hội nghị | {e.attendees} | 2 |" in md
    assert f"đã giải quyết {e.resolved}/{e.petitions} đơn đã tiếp nhận, đạt 73,3%" in md
    assert "Có 2/34 cơ quan" in md and "đạt 5,9% (tính trên 34 đơn vị" in md
    assert f"có {e.models} mô hình “Dân vận khéo”" in md and f"{e.persons} gương điển hình" in md
    assert "| Kinh tế | 1 | 0 |" in md and "| Xây dựng hệ thống chính trị | 0 | 1 |" in md
    assert "- **UBND xã Quài Cang:** Quán triệt tại 12 bản" in md
    assert "Các đơn vị chủ động triển khai Kế hoạch." in md  # from summaries/2023-h1
    missing = md.split("Chưa báo cáo (30 đơn vị):**")[1].split("\n")[0]
    assert "UBND xã Mùn Chung" in missing and "UBND xã Quài Cang" not in missing
    assert "***Nơi nhận:***" in md and "- Lưu: VT, NV." in md and "**Mùa Va Hồ**" in md
    row = next(line for line in md.splitlines() if line.startswith("|") and "Phòng Y tế" in line)
    assert "20/05/2023" in row and "Nộp muộn 5 ngày" in row
    assert md.count("./.") == 1


def test_report_markdown_to_stdout(repo: Path) -> None:
    out = run(repo, "report", PERIOD)
    assert out.startswith("**ỦY BAN NHÂN DÂN**")


def test_report_docx_layout_and_figures(repo: Path, tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    e = Expected()
    out = tmp_path / "bao-cao.docx"
    run(repo, "report", PERIOD, "-o", str(out))  # format from the suffix
    doc = Document(str(out))
    section = doc.sections[0]
    assert abs(millimetres(section.page_width) - 210) < 0.5
    assert abs(millimetres(section.page_height) - 297) < 0.5
    margins = {
        "top": section.top_margin,
        "bottom": section.bottom_margin,
        "left": section.left_margin,
        "right": section.right_margin,
    }
    for edge, mm in (("top", 20), ("bottom", 20), ("left", 30), ("right", 15)):
        assert abs(millimetres(margins[edge]) - mm) < 0.5, edge
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert Pt(13) <= normal.font.size <= Pt(14)
    rfonts = normal.element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        assert rfonts.get(qn(attr)) == "Times New Roman", attr
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs and all(r.font.name == "Times New Roman" for r in runs)
    # the two-column borderless header
    header = doc.tables[0]
    left, right = header.rows[0].cells
    left_lines = [p.text for p in left.paragraphs if p.text]
    assert left_lines[:3] == ["ỦY BAN NHÂN DÂN", "HUYỆN TUẦN GIÁO", "Số: 125/BC-UBND"]
    right_lines = [p for p in right.paragraphs if p.text]
    assert right_lines[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert right_lines[1].text == "Độc lập - Tự do - Hạnh phúc"
    assert right_lines[2].text == "Tuần Giáo, ngày 26 tháng 5 năm 2023"
    assert right_lines[2].runs[0].font.italic
    assert 'w:val="nil"' in header._tbl.tblPr.xml  # no borders
    body = [p for p in doc.paragraphs if p.text]
    title = next(p for p in body if p.text == "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].font.bold
    subject = body[body.index(title) + 1]
    assert subject.text.startswith("Kết quả thực hiện công tác dân vận")
    assert subject.alignment == WD_ALIGN_PARAGRAPH.CENTER and subject.runs[0].font.bold
    as_of = body[body.index(title) + 2]
    assert as_of.text == "Số liệu tính đến ngày 26/05/2023" and as_of.runs[0].font.italic
    opening = body[body.index(title) + 3]
    assert opening.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert opening.text.startswith("Thực hiện Kế hoạch số …/KH-UBND")
    closing = next(p for p in body if p.text.endswith("./."))
    assert closing.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    text = "\n".join(p.text for p in body)
    assert f"đã giải quyết {e.resolved}/{e.petitions} đơn đã tiếp nhận, đạt 73,3%" in text
    assert f"đã nhận {e.received} báo cáo" in text
    # the signature block beside "Nơi nhận"
    signature = next(t for t in doc.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    recipients, signer = signature.rows[0].cells
    first = recipients.paragraphs[0]
    assert first.text == "Nơi nhận:" and first.runs[0].font.bold and first.runs[0].font.italic
    assert recipients.paragraphs[-1].text == "- Lưu: VT, NV."
    signer_lines = [p for p in signer.paragraphs if p.text]
    assert [p.text for p in signer_lines[:3]] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    assert signer_lines[-1].text == "Mùa Va Hồ" and signer_lines[-1].runs[0].font.bold
    # the same figures in the tables
    totals = next(t for t in doc.tables if t.rows[0].cells[1].text == "Chỉ tiêu")
    assert totals.rows[1].cells[1].text == "Số hội nghị tuyên truyền"
    assert totals.rows[1].cells[2].text == str(e.conferences)
    appendix = doc.tables[-1]
    assert appendix.rows[-1].cells[1].text == "Tổng cộng"
    assert appendix.rows[-1].cells[5].text == str(e.conferences)
    assert len(appendix.rows) == 1 + e.units + 1
    last = doc.sections[-1]
    assert millimetres(last.page_width) > millimetres(last.page_height)  # landscape appendix


def test_report_xlsx(repo: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    e = Expected()
    out = tmp_path / "bao-cao.xlsx"
    run(repo, "report", PERIOD, "--format", "xlsx", "-o", str(out))
    wb = load_workbook(str(out))
    assert wb.sheetnames == ["Đơn vị", "Nhiệm vụ", "Mô hình", "Tổng hợp"]
    units = wb["Đơn vị"]
    assert units.freeze_panes == "C4"  # title, as-of and head rows (and the names) stay in view
    assert units["A2"].value == "Số liệu tính đến ngày 26/05/2023"
    headers = [c.value for c in units[3]]
    assert headers[1] == "Đơn vị" and "Số hội nghị tuyên truyền" in headers
    assert units.column_dimensions["B"].width >= 25
    col = headers.index("Số hội nghị tuyên truyền")
    rows = {r[1].value: r for r in units.iter_rows(min_row=4)}
    assert rows["UBND xã Quài Cang"][col].value == 3
    assert rows["UBND xã Quài Cang"][3].value == "Đã duyệt"
    assert rows["Phòng Y tế"][5].value == "Nộp muộn 5 ngày"
    submitted = rows["Phòng Y tế"][4].value
    assert isinstance(submitted, datetime) and submitted.date() == date(2023, 5, 20)
    assert rows["UBND xã Mùn Chung"][col].value is None
    assert rows["Tổng cộng (không tính 1 báo cáo bị trả lại)"][col].value == e.conferences
    assert len(rows) == e.units + 1
    tasks = wb["Nhiệm vụ"]
    assert tasks.freeze_panes == "B4"
    ii1 = next(r for r in tasks.iter_rows(min_row=4) if r[0].value == "II.1")
    assert ii1[4].value == 2 and "UBND xã Quài Cang: Quán triệt" in cell_text(ii1[5].value)
    assert ii1[2].value == "2/3 đơn vị có kết quả"  # derived from the reports
    totals = {r[0].value: r[1].value for r in wb["Tổng hợp"].iter_rows(min_row=4)}
    assert totals["Số người dự hội nghị"] == e.attendees
    assert totals["Đơn thư khiếu nại, tố cáo, kiến nghị nhận được"] == e.petitions
    assert round(float(str(totals["Tỷ lệ giải quyết đơn thư"])), 3) == 0.733
    assert totals["Đơn vị có quy chế phối hợp với Ủy ban MTTQ"] == e.regulations
    assert totals["Mô hình “Dân vận khéo” · Kinh tế"] == 1


def test_report_xlsx_names_every_kind_of_unit(repo_path: Path, tmp_path: Path) -> None:
    """A ward (UBND phường) is assigned work like a commune: its row says its kind."""
    from openpyxl import load_workbook

    added = cli(
        "--repo",
        str(repo_path),
        "add",
        "units/ubnd-phuong-moi",
        "name=UBND phường Mới",
        "kind=ward",
    )
    assert added.returncode == 0, added.stderr
    out = tmp_path / "bao-cao.xlsx"
    r = cli("--repo", str(repo_path), "report", "2023-h1", "--format", "xlsx", "-o", str(out))
    assert r.returncode == 0, r.stderr
    units = load_workbook(str(out))["Đơn vị"]
    kinds = {row[1].value: row[2].value for row in units.iter_rows(min_row=4)}
    assert kinds["UBND phường Mới"] == "UBND phường"
    assert kinds["UBND xã Quài Cang"] == "UBND xã"


def test_report_never_leaves_half_a_file(repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "is-a-folder.docx"
    folder.mkdir()
    r = cli("--repo", str(repo), "--today", TODAY, "report", PERIOD, "-o", str(folder))
    assert r.returncode == 1 and r.stderr.startswith("dvtui: ")
    assert list(folder.iterdir()) == []
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_report_cell_text_is_never_a_formula(repo: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    r = cli(
        "--repo",
        str(repo),
        "set",
        f"reports/{PERIOD}/{LATE}",
        'narrative.2023-ii-3==HYPERLINK("http://x")',
    )
    assert r.returncode == 0, r.stderr
    out = tmp_path / "x.xlsx"
    run(repo, "report", PERIOD, "-o", str(out))
    ws = load_workbook(str(out))["Nhiệm vụ"]
    cell = next(r[5] for r in ws.iter_rows(min_row=4) if r[0].value == "II.3")
    assert cell.data_type == "s" and "=HYPERLINK" in cell_text(cell.value)


def test_report_follows_the_deadline_setting(repo: Path) -> None:
    # "trước ngày 15/5" read strictly: a report on 15/05 is late.
    settings = repo / "dvtui.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "deadline_inclusive = true", "deadline_inclusive = false"
        ),
        encoding="utf-8",
    )
    store = Store(repo)
    report = build_report(store.load(), store.settings, PERIOD, date(2023, 5, 25))
    assert (report.on_time, report.late) == (1, 3)


@pytest.mark.parametrize("lang", ["en"])
def test_report_md_in_english_has_the_same_figures(repo: Path, lang: str) -> None:
    e = Expected()
    out = run(repo, "--lang", lang, "report", PERIOD)
    assert f"{e.received} reports were received ({e.on_time} on time, {e.late} late)" in out
    assert f"| 1 | Dissemination conferences | {e.conferences} | 2 |" in out


def test_no_env_leak() -> None:
    assert "DVTUI_REPO" not in os.environ


def test_urging_letter_names_a_few_units_after_kinh_gui(repo: Path, tmp_path: Path) -> None:
    from docx import Document

    from dvtui.reports.letter import urging_letter, write_letter_docx

    store = Store(repo)
    data = store.load()
    items = overdue_list(data, store.settings, date(2023, 5, 25), PERIOD)
    few = [i for i in items if i.unit.id.name in (WITH_CONTACT, LATE_RETURNED, LATE)]
    letter = urging_letter(data, store.settings, few, date(2023, 5, 25), date(2023, 6, 5))
    assert letter.units == ["UBND xã Mùn Chung", "UBND xã Ta Ma"]  # the late one owes nothing
    out = tmp_path / "it.docx"
    write_letter_docx(letter, out)
    text = [p.text for p in Document(str(out)).paragraphs]
    # Nghị định 30: "Kính gửi:" then the names lined up, "; " between them, nothing after the last
    assert "Kính gửi:\t- UBND xã Mùn Chung;" in text and "- UBND xã Ta Ma" in text
    with pytest.raises(DataError):
        late = [i for i in items if i.unit.id.name == LATE]
        urging_letter(data, store.settings, late, date(2023, 5, 25), date(2023, 6, 5))
    with pytest.raises(DataError):  # a new deadline must be after the letter's day
        urging_letter(data, store.settings, few, date(2023, 5, 25), date(2023, 5, 25))
