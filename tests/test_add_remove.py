"""``dvtui add`` and ``dvtui remove`` on real repos: one commit each that audit accepts, the
validation of ``set``, removal refused while other records name the record, units retired."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from conftest import cli, git

from dvtui.core.trailers import parse_message
from dvtui.services.audit import audit
from dvtui.storage import Store

NEW_UNIT = "units/ubnd-xa-moi"


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    r = cli("--repo", str(repo), *args)
    return r.returncode, r.stdout, r.stderr


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def last_message(repo: Path) -> str:
    return git(repo, "log", "-1", "--format=%B")


def test_add_creates_any_kind_in_one_commit(repo_path: Path) -> None:
    code, out, err = run(
        repo_path, "add", NEW_UNIT, "name=UBND xã Mới", "kind=commune", "gso_code=03300"
    )
    assert code == 0, err
    assert "Đã tạo units/ubnd-xa-moi" in out
    assert commits(repo_path) == 2
    message = parse_message(last_message(repo_path))
    assert message.action == "create" and message.record == NEW_UNIT
    assert sorted(message.fields) == ["gso_code", "kind", "name"]
    assert message.subject == "UBND xã Mới: tạo mới"
    text = (repo_path / "records" / f"{NEW_UNIT}.toml").read_text(encoding="utf-8")
    assert text == 'schema = 1\nname = "UBND xã Mới"\nkind = "commune"\ngso_code = "03300"\n'
    code, out, _ = run(repo_path, "list", "units", "--search", "xa moi")
    assert "UBND xã Mới" in out
    assert audit(Store(repo_path)).clean


def test_add_validates_as_set_does_and_changes_nothing_when_refused(repo_path: Path) -> None:
    cases = [
        (["kind=commune"], "records/units/ubnd-xa-moi.toml: name: thiếu trường bắt buộc"),
        (["name=X", "kind=village"], "records/units/ubnd-xa-moi.toml: kind: giá trị “village”"),
        (["name=X", "kind=commune", "retired_on=31/02/2025"], "retired_on"),
        (["name=X", "kind=commune", "colour=red"], "colour"),
        (["name=X", "kind=commune", "oops"], "oops"),
    ]
    for assignments, said in cases:
        code, _, err = run(repo_path, "add", NEW_UNIT, *assignments)
        assert code == 1, assignments
        assert said in err, (assignments, err)
        assert len(err.strip().splitlines()) == 1
    code, _, err = run(repo_path, "add", "units/phong-y-te", "name=Phòng Y tế", "kind=agency")
    assert code == 1 and "đã có" in err
    code, _, err = run(repo_path, "add", "units/../x", "name=X", "kind=agency")
    assert code == 1
    assert commits(repo_path) == 1
    assert git(repo_path, "status", "--porcelain") == ""


def test_add_takes_a_plans_year_and_a_tasks_plan_from_their_address(repo_path: Path) -> None:
    code, _, err = run(repo_path, "add", "tasks/2024-ii-1", "code=II.1", "title=Tuyên truyền")
    assert code == 1 and "plans" in err and "2024" in err  # no plan 2024 yet
    code, _, err = run(
        repo_path,
        "add",
        "plans/2024",
        "title=Về tăng cường công tác dân vận năm 2024",
        "issuer=Ủy ban nhân dân huyện Tuần Giáo",
        "place=Tuần Giáo",
    )
    assert code == 0, err
    plan = tomllib.loads((repo_path / "records/plans/2024.toml").read_text(encoding="utf-8"))
    assert (plan["year"], plan["issued_year"], plan["symbol"]) == (2024, 2024, "KH-UBND")
    code, _, err = run(repo_path, "add", "tasks/2024-ii-1", "code=II.1", "title=Tuyên truyền")
    assert code == 0, err
    task = tomllib.loads((repo_path / "records/tasks/2024-ii-1.toml").read_text(encoding="utf-8"))
    assert task["plan"] == "2024"
    code, _, err = run(
        repo_path, "add", "periods/2024-h1", "name=Báo cáo 6 tháng năm 2024", "kind=half-year",
        "due=15/05/2024",
    )  # fmt: skip
    assert code == 0, err
    assert audit(Store(repo_path)).clean


def test_remove_deletes_one_record_in_one_commit(repo_path: Path) -> None:
    run(repo_path, "add", "models/2023/ca-phe", "kind=model", "name=Cà phê", "unit=phong-y-te",
        "sector=economy")  # fmt: skip
    code, out, err = run(repo_path, "remove", "models/2023/ca-phe")
    assert code == 0, err
    assert "Đã xóa models/2023/ca-phe" in out
    assert not (repo_path / "records/models/2023/ca-phe.toml").exists()
    message = parse_message(last_message(repo_path))
    assert message.action == "delete" and message.record == "models/2023/ca-phe"
    assert message.subject == "Cà phê: xóa"
    assert set(message.fields) == {"kind", "name", "unit", "sector"}
    result = audit(Store(repo_path))
    assert result.clean, [f.detail for f in result.findings]
    code, _, err = run(repo_path, "remove", "models/2023/ca-phe")
    assert code == 1 and "không có hồ sơ" in err


def test_remove_is_refused_while_other_records_name_the_record(repo_path: Path) -> None:
    code, _, err = run(repo_path, "remove", "units/ubnd-xa-quai-cang")
    assert code == 1
    assert "reports/2023-h1/ubnd-xa-quai-cang" in err and "tasks/2023-ii-1" in err
    assert "retired_on=" in err  # a unit with reports is retired instead
    code, _, err = run(repo_path, "remove", "periods/2023-h1")
    assert code == 1 and "34 hồ sơ" in err and "(+24)" in err
    code, _, err = run(repo_path, "remove", "tasks/2023-ii-2")
    assert code == 1 and "tasks/2023-ii-2-1" in err and "tasks/2023-ii-2-2" in err
    code, _, err = run(repo_path, "remove", "plans/2023")
    assert code == 1 and "periods/2023-h1" in err
    assert commits(repo_path) == 1
    assert git(repo_path, "status", "--porcelain") == ""


def test_a_unit_nobody_names_can_be_removed(repo_path: Path) -> None:
    run(repo_path, "add", NEW_UNIT, "name=UBND xã Mới", "kind=commune")
    code, _, err = run(repo_path, "remove", NEW_UNIT)
    assert code == 0, err
    assert commits(repo_path) == 3


def test_a_retired_unit_is_not_expected_in_later_periods(repo_path: Path) -> None:
    code, _, err = run(repo_path, "set", "units/ubnd-xa-ta-ma", "retired_on=01/07/2023")
    assert code == 0, err
    _, out, _ = run(repo_path, "--today", "20/10/2023", "status")
    expected = dict(re.findall(r"^(Báo cáo [^\d]*\d?[^\d]*2023)\s+\S+\s+(\d+)", out, re.M))
    assert expected == {"Báo cáo 6 tháng năm 2023": "34", "Báo cáo tổng kết năm 2023": "33"}
    _, out, _ = run(repo_path, "--today", "20/10/2023", "overdue", "--period", "2023-year")
    assert "UBND xã Ta Ma" not in out and "UBND xã Quài Cang" in out
    _, out, _ = run(repo_path, "show", "units/ubnd-xa-ta-ma")
    assert "Ngừng hoạt động từ ngày: 01/07/2023" in out
