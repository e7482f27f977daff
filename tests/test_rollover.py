"""Next year's plan on a real repo: ``dvtui plan new 2024 --from 2023`` makes the 2024 plan,
its tasks, periods and empty reports in one commit; 2023 is untouched; lists, status, overdue
and the report follow the plan chosen (the newest by default, ``--plan`` to look back)."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest
from conftest import cli, git

from dvtui.core.records import Period, Plan, Report, Task
from dvtui.core.trailers import parse_message
from dvtui.services.audit import audit
from dvtui.services.rollover import moved_date, moved_text
from dvtui.storage import Store


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    r = cli("--repo", str(repo), *args)
    return r.returncode, r.stdout, r.stderr


def ok(repo: Path, *args: str) -> str:
    code, out, err = run(repo, *args)
    assert code == 0, err
    return out


@pytest.fixture
def rolled(repo_path: Path) -> Path:
    """The bundled 2023 repo with a task done (notes, a date) and a unit retired in December,
    then rolled over to 2024."""
    ok(repo_path, "set", "tasks/2023-ii-8", "status=done", "completed_on=20/12/2023",
       "due=31/12/2023")  # fmt: skip
    ok(repo_path, "set", "units/ubnd-xa-ta-ma", "retired_on=01/12/2023")
    ok(repo_path, "plan", "new", "2024", "--from", "2023")
    return repo_path


def test_plan_new_makes_next_years_records_in_one_commit(rolled: Path) -> None:
    data = Store(rolled).load()
    plan = data.plans()[0]
    assert isinstance(plan, Plan) and plan.year == 2024
    assert plan.title.endswith("trên địa bàn huyện Tuần Giáo năm 2024")
    issued = (plan.number, plan.issued_day, plan.issued_month, plan.issued_year)
    assert issued == (None, None, 3, 2024)
    assert "trước ngày 15/5/2024" in plan.reporting and "15/10/2024" in plan.reporting
    assert "ngày 09/6/2022" in plan.preamble  # a cited document keeps its own date
    old_plan = next(p for p in data.plans() if p.year == 2023)
    assert plan.legal_bases == old_plan.legal_bases and plan.signature == old_plan.signature
    tasks = {t.id.name: t for t in data.of(Task) if t.plan == "2024"}
    assert sorted(tasks) == sorted(
        t.id.name.replace("2023-", "2024-") for t in data.of(Task) if t.plan == "2023"
    )
    assert len(tasks) == 10
    assert tasks["2024-ii-2-1"].parent == "2024-ii-2"
    done = tasks["2024-ii-8"]
    assert (done.status, done.completed_on, done.notes, done.due) == (
        "not-started", None, [], date(2024, 12, 31)
    )  # fmt: skip
    old = data.task("2023-ii-1")
    assert old is not None
    assert tasks["2024-ii-1"].assigned_units == [
        u for u in old.assigned_units if u != "ubnd-xa-ta-ma"
    ]  # the unit retired in 2023 is not assigned in 2024
    periods = {p.id.name: p for p in data.of(Period) if p.plan == "2024"}
    assert {k: p.due for k, p in periods.items()} == {
        "2024-h1": date(2024, 5, 15),
        "2024-year": date(2024, 10, 15),
    }
    assert periods["2024-h1"].name == "Báo cáo 6 tháng năm 2024"
    for slug in periods:
        reports = data.reports(period=slug)
        assert len(reports) == 33 and {r.status for r in reports} == {"missing"}
        assert all(isinstance(r, Report) and r.submitted_on is None for r in reports)
    message = parse_message(git(rolled, "log", "-1", "--format=%B"))
    assert message.action == "create"
    assert len(message.trailers["Record"]) == 1 + 10 + 2 + 66
    assert message.subject == (
        "Lập Kế hoạch năm 2024 từ Kế hoạch năm 2023: 10 nhiệm vụ, 2 kỳ báo cáo, 66 báo cáo"
    )


def test_the_source_plan_is_untouched_and_the_repo_stays_valid(rolled: Path) -> None:
    status = git(rolled, "diff", "--name-status", "--no-renames", "HEAD~1", "HEAD").splitlines()
    assert status and all(line.startswith("A\t") for line in status)
    assert not any("2023" in line.split("\t")[1].split("/")[2][:4] for line in status)
    assert git(rolled, "diff", "HEAD~1", "HEAD", "--", "records/plans/2023.toml") == ""
    assert git(rolled, "status", "--porcelain") == ""
    assert run(rolled, "validate")[0] == 0
    result = audit(Store(rolled))
    assert result.clean, [f.detail for f in result.findings]


def test_plan_new_refuses_what_it_cannot_make(rolled: Path) -> None:
    head = git(rolled, "rev-parse", "HEAD")
    code, _, err = run(rolled, "plan", "new", "2024", "--from", "2023")
    assert code == 1 and "plans/2024" in err and "đã có" in err
    code, _, err = run(rolled, "plan", "new", "2022", "--from", "2023")
    assert code == 1 and "phải sau" in err
    code, _, err = run(rolled, "plan", "new", "2030", "--from", "2019")
    assert code == 1 and "plans/2019" in err
    assert git(rolled, "rev-parse", "HEAD") == head


def test_without_from_the_newest_older_plan_is_copied(rolled: Path) -> None:
    out = ok(rolled, "plan", "new", "2025")
    assert "Kế hoạch năm 2025 từ Kế hoạch năm 2024" in out
    data = Store(rolled).load()
    assert data.period("2025-h1") is not None and data.task("2025-ii-2-1") is not None


def test_lists_status_overdue_and_report_follow_the_plan_chosen(rolled: Path) -> None:
    tasks = json.loads(ok(rolled, "list", "tasks", "--format", "json"))
    assert {t["plan"] for t in tasks} == {"2024"}
    tasks = json.loads(ok(rolled, "list", "tasks", "--plan", "2023", "--format", "json"))
    assert {t["plan"] for t in tasks} == {"2023"}
    reports = json.loads(ok(rolled, "list", "reports", "--format", "json"))
    assert {r["id"].split("/")[1] for r in reports} == {"2024-h1", "2024-year"}
    periods = ok(rolled, "list", "reports", "--period", "2023-h1", "--format", "json")
    assert len(json.loads(periods)) == 34
    assert len(json.loads(ok(rolled, "list", "plans", "--format", "json"))) == 2
    assert "Kế hoạch năm 2024" in ok(rolled, "--today", "01/06/2024", "status")
    assert "Kế hoạch năm 2023" not in ok(rolled, "--today", "01/06/2024", "status")
    assert "Kế hoạch năm 2023" in ok(rolled, "status", "--plan", "2023")
    overdue = ok(rolled, "--today", "01/06/2024", "overdue", "--format", "csv")
    assert "Báo cáo 6 tháng năm 2024" in overdue and "năm 2023" not in overdue
    overdue = ok(rolled, "--today", "01/06/2024", "overdue", "--plan", "2023", "--format", "csv")
    assert "Báo cáo 6 tháng năm 2023" in overdue and "năm 2024" not in overdue
    report = ok(rolled, "--today", "01/06/2024", "report")
    assert "6 tháng đầu năm 2024" in report
    assert "6 tháng đầu năm 2023" in ok(rolled, "report", "2023-h1")
    code, _, err = run(rolled, "list", "tasks", "--plan", "2019")
    assert code == 1 and "plans/2019" in err


def test_the_new_periods_deadlines_are_editable(rolled: Path) -> None:
    ok(rolled, "set", "periods/2024-h1", "due=20/05/2024")
    data = tomllib.loads((rolled / "records/periods/2024-h1.toml").read_text(encoding="utf-8"))
    assert data["due"] == date(2024, 5, 20)


def test_dates_and_texts_move_by_whole_years() -> None:
    assert moved_date(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert moved_date(date(2023, 10, 15), 1) == date(2024, 10, 15)
    text = "Kế hoạch năm 2023, trước ngày 15/5/2023; Kế hoạch 1707/KH-UBND ngày 09/6/2022; 12023"
    assert moved_text(text, 2023, 2024) == (
        "Kế hoạch năm 2024, trước ngày 15/5/2024; Kế hoạch 1707/KH-UBND ngày 09/6/2022; 12023"
    )
