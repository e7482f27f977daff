"""A fresh office: ``dvtui init PATH --empty --issuer …`` starts a data repo with no bundled
records, then a plan, a unit and a period are added through the command line."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import dvtui, git

from dvtui.services.audit import audit
from dvtui.services.setup import place_of
from dvtui.storage import Store

ISSUER = "UBND xã Mường Ảng"


def ok(*args: str) -> str:
    r = dvtui(*args)
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
    r = dvtui("init", str(tmp_path / "xa"), "--empty")
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
