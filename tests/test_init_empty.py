"""A fresh office: ``dvtui init PATH --empty --issuer …`` starts a data repo with no bundled
records, then a plan, a unit and a period are added through the command line."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import cli, git

from dvtui.services.audit import audit
from dvtui.services.setup import place_of
from dvtui.storage import Store

ISSUER = "UBND xã Mường Ảng"


def ok(*args: str) -> str:
    r = cli(*args)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_an_empty_office_is_given_a_plan_a_unit_and_a_period(tmp_path: Path) -> None:
    repo = tmp_path / "xa"
    out = ok("init", str(repo), "--empty", "--issuer", ISSUER)
    assert "add plans/" in out  # says what comes next
    assert not list((repo / "records").rglob("*.toml"))
    settings = tomllib.loads((repo / "dvtui.toml").read_text(encoding="utf-8"))
    assert (settings["issuer"], settings["place"], settings["format"]) == (
        ISSUER, "Mường Ảng", 2
    )  # fmt: skip
    assert "Khởi tạo kho dữ liệu trống của UBND xã Mường Ảng" in git(repo, "log", "-1")
    assert "0 hồ sơ" in ok("--repo", str(repo), "validate")
    r = str(repo)
    ok("--repo", r, "add", "plans/2026", "title=Về tăng cường công tác dân vận năm 2026")
    plan = tomllib.loads((repo / "records/plans/2026.toml").read_text(encoding="utf-8"))
    assert (plan["issuer"], plan["place"], plan["year"]) == (ISSUER, "Mường Ảng", 2026)
    ok("--repo", r, "add", "units/van-phong-ubnd-xa", "name=Văn phòng HĐND và UBND xã",
       "kind=agency")  # fmt: skip
    ok("--repo", r, "add", "units/thon-huoi-sang", "name=Thôn Huổi Sáng", "kind=commune")
    ok("--repo", r, "add", "periods/2026-h1", "name=Báo cáo 6 tháng năm 2026",
       "kind=half-year", "due=15/05/2026")  # fmt: skip
    status = ok("--repo", r, "--today", "20/05/2026", "status")
    assert "Kế hoạch năm 2026" in status
    assert "Báo cáo 6 tháng năm 2026" in status and "2 (100%)" in status  # both missing
    overdue = ok("--repo", r, "--today", "20/05/2026", "overdue")
    assert "Thôn Huổi Sáng" in overdue and "Quá hạn 5 ngày" in overdue
    report = ok("--repo", r, "--today", "20/05/2026", "report", "2026-h1")
    assert "XÃ MƯỜNG ẢNG" in report and "Mường Ảng, ngày" in report
    assert "Tuần Giáo" not in report
    assert "4 hồ sơ hợp lệ" in ok("--repo", r, "validate")
    result = audit(Store(repo))
    assert result.clean and result.checked == 5, [f.detail for f in result.findings]


def test_an_empty_repo_needs_its_issuer(tmp_path: Path) -> None:
    r = cli("init", str(tmp_path / "xa"), "--empty")
    assert r.returncode == 1 and "--issuer" in r.stderr
    assert not (tmp_path / "xa").exists()


def test_the_bundled_data_stays_the_default(tmp_path: Path) -> None:
    ok("init", str(tmp_path / "demo"))
    assert (tmp_path / "demo/records/plans/2023.toml").exists()


def test_the_place_of_an_issuer() -> None:
    assert place_of("UBND xã Mường Ảng") == "Mường Ảng"
    assert place_of("Ủy ban nhân dân huyện Tuần Giáo") == "Tuần Giáo"
    assert place_of("Sở Nội vụ tỉnh Điện Biên") == "Điện Biên"
    assert place_of("UBND thị trấn Tuần Giáo") == "Tuần Giáo"
    assert place_of("UBND phường Him Lam") == "Him Lam"
    assert place_of("Ban Dân vận") == ""


def _docx_text(path: Path) -> str:
    from docx import Document

    doc = Document(str(path))
    cells = [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return "\n".join([*(p.text for p in doc.paragraphs), *cells])


def _xlsx_text(folder: Path) -> str:
    from openpyxl import load_workbook

    texts = []
    for path in sorted(folder.glob("*.xlsx")):
        for sheet in load_workbook(path).worksheets:
            texts += [str(c.value) for row in sheet.iter_rows() for c in row if c.value]
    return "\n".join(texts)


def test_an_offices_letters_and_forms_name_its_own_offices_never_a_district(
    tmp_path: Path,
) -> None:
    """Since 07/2025 there is no district: who the reports go through, the letters' symbol
    and the signature come from the records and dvtui.toml, never "Phòng Nội vụ huyện"."""
    repo = tmp_path / "xa"
    r = str(repo)
    ok("init", r, "--empty", "--issuer", ISSUER)
    ok("--repo", r, "add", "plans/2026", "title=Về tăng cường công tác dân vận năm 2026")
    ok("--repo", r, "add", "units/thon-huoi-sang", "name=Thôn Huổi Sáng", "kind=commune")
    ok("--repo", r, "add", "periods/2026-h1", "name=Báo cáo 6 tháng năm 2026",
       "kind=half-year", "due=15/05/2026")  # fmt: skip
    letter, forms = tmp_path / "cong-van.docx", tmp_path / "bieu-mau"
    ok("--repo", r, "--today", "20/05/2026", "overdue", "--by", "30/05/2026", "-o", str(letter))
    ok("--repo", r, "forms", "2026-h1", "-o", str(forms))
    text = _docx_text(letter) + _xlsx_text(forms)
    for district in ("huyện", "Huyện", "Phòng Nội vụ", "UBND-NV"):
        assert district not in text, district
    assert "liên hệ UBND xã Mường Ảng để được hướng dẫn" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text  # a People's Committee
    # The office names who follows the plan up, and its letters' symbol, in dvtui.toml.
    settings = repo / "dvtui.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + 'coordinator = "Văn phòng HĐND và UBND xã"\nletter_symbol = "UBND-VP"\n',
        encoding="utf-8",
    )
    ok("--repo", r, "--today", "20/05/2026", "overdue", "--by", "30/05/2026", "-o", str(letter))
    ok("--repo", r, "forms", "2026-h1", "-o", str(tmp_path / "lan-2"))
    text = _docx_text(letter) + _xlsx_text(tmp_path / "lan-2")
    assert "(qua Văn phòng HĐND và UBND xã)" in text and "/UBND-VP" in text
    assert "liên hệ Văn phòng HĐND và UBND xã để được hướng dẫn" in text
    assert "gửi lại cho Văn phòng HĐND và UBND xã" in text


def test_the_bundled_tuan_giao_letter_reads_as_before(tmp_path: Path) -> None:
    repo, letter = tmp_path / "demo", tmp_path / "cong-van.docx"
    ok("init", str(repo))
    ok("--repo", str(repo), "--today", "20/05/2023", "overdue", "--by", "30/05/2023",
       "-o", str(letter))  # fmt: skip
    text = _docx_text(letter)
    assert "về UBND huyện Tuần Giáo (qua Phòng Nội vụ huyện) để tổng hợp" in text
    assert "liên hệ Phòng Nội vụ huyện để được hướng dẫn" in text and "/UBND-NV" in text
