"""Review of changes: unreviewed commits, sign-offs recorded in the data repo, log filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conftest import USER_NAME, cli, git

from dvtui.core.records import Review
from dvtui.services.history import change_log
from dvtui.services.review import review_state, sign_off
from dvtui.storage import Store

QUAI_CANG = "reports/2023-h1/ubnd-xa-quai-cang"
TA_MA = "reports/2023-h1/ubnd-xa-ta-ma"


def run(repo: Path, *args: str, code: int = 0) -> str:
    r = cli("--repo", str(repo), *args)
    assert r.returncode == code, (r.stdout, r.stderr)
    return r.stdout + r.stderr


def test_changes_after_a_sign_off_are_listed_and_signing_clears_them(repo_path: Path) -> None:
    run(repo_path, "set", QUAI_CANG, "status=submitted", "submitted_on=10/05/2023")
    out = run(repo_path, "review")
    assert "Chưa có lần ký xác nhận" in out
    assert "2 thay đổi chưa được rà soát" in out  # the import and the change
    assert "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang · Trạng thái: Chưa nộp → Đã nộp" in out

    head_before = git(repo_path, "rev-parse", "HEAD").strip()
    out = run(repo_path, "review", "--sign", "--comment", "Đã đối chiếu với văn bản giấy")
    assert "Đã ký xác nhận rà soát 2 thay đổi" in out
    # the sign-off is one more commit; the reviewed commits are untouched
    assert git(repo_path, "rev-parse", "HEAD~1").strip() == head_before
    files = git(repo_path, "show", "--name-only", "--format=", "HEAD").split()
    assert len(files) == 1 and files[0].startswith("records/reviews/")
    stored = (repo_path / files[0]).read_text(encoding="utf-8")
    assert f'upto = "{head_before}"' in stored
    assert f'reviewer = "{USER_NAME}"' in stored
    assert "Đã đối chiếu với văn bản giấy" in stored
    assert "Không có thay đổi nào chờ rà soát" in run(repo_path, "review")

    run(repo_path, "set", TA_MA, "status=submitted", "submitted_on=18/05/2023")
    out = run(repo_path, "review")
    assert "1 thay đổi chưa được rà soát" in out
    assert "UBND xã Ta Ma" in out and "UBND xã Quài Cang" not in out
    assert f"Lần ký xác nhận gần nhất: {USER_NAME}" in out


def test_sign_off_up_to_an_older_commit_leaves_the_later_ones(store: Store) -> None:
    repo = store.root
    run(repo, "set", QUAI_CANG, "figures.dialogues=1")
    first = git(repo, "rev-parse", "HEAD").strip()
    run(repo, "set", QUAI_CANG, "figures.dialogues=2")
    out = run(repo, "review", "--sign", "--upto", first[:10])
    assert "2 thay đổi" in out
    state = review_state(Store(repo))
    assert [e.message.record for e in state.pending] == [QUAI_CANG]
    assert "figures.dialogues" in [c.field for c in state.pending[0].records[0].changes]


def test_nothing_to_sign_and_bad_upto_are_refused(repo_path: Path) -> None:
    run(repo_path, "review", "--sign")
    before = git(repo_path, "rev-parse", "HEAD")
    out = run(repo_path, "review", "--sign", code=1)
    assert "không có thay đổi nào chờ rà soát" in out
    assert run(repo_path, "review", "--sign", "--upto", "khong-co", code=1).count("\n") == 1
    assert git(repo_path, "rev-parse", "HEAD") == before


def test_sign_off_library_and_two_sign_offs_in_one_second(store: Store) -> None:
    from datetime import datetime

    now = datetime(2023, 5, 26, 9, 30, 0)
    first = sign_off(store, comment="lần 1", now=now)
    assert isinstance(first.record, Review) and first.record.commits == 1
    run(store.root, "set", QUAI_CANG, "figures.dialogues=4")
    second = sign_off(store, now=now)
    assert isinstance(second.record, Review)
    assert str(second.record.id).endswith("-2")
    assert second.record.signed_on == date(2023, 5, 26)
    assert review_state(store).clean


def test_sign_off_syncs_to_a_second_clone_and_shows_in_its_log(
    repo_path: Path, tmp_path: Path
) -> None:
    server = tmp_path / "server.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo_path), str(server))
    git(repo_path, "remote", "add", "origin", str(server))
    git(repo_path, "fetch", "-q", "origin")
    git(repo_path, "branch", "-q", "--set-upstream-to=origin/main")
    other = tmp_path / "clone2"
    git(tmp_path, "clone", "-q", str(server), str(other))

    run(repo_path, "set", QUAI_CANG, "status=submitted", "submitted_on=10/05/2023")
    run(repo_path, "review", "--sign", "--comment", "Tuần 20")
    git(repo_path, "push", "-q", "origin", "main")

    assert "1 thay đổi chưa được rà soát" in run(other, "review")  # before pulling: the import
    git(other, "pull", "-q", "--ff-only")
    out = run(other, "review")
    assert "Không có thay đổi nào chờ rà soát" in out
    assert f"Lần ký xác nhận gần nhất: {USER_NAME}" in out
    log = run(other, "log", "--kind", "reviews")
    assert "reviews/" in log and "Rà soát thay đổi · " + USER_NAME in log and "tạo mới" in log

    # a change made on the second clone is unreviewed there until someone signs it
    run(other, "set", TA_MA, "figures.dialogues=5")
    assert "1 thay đổi chưa được rà soát" in run(other, "review")


def test_log_filters_author_dates_kind(repo_path: Path) -> None:
    run(repo_path, "set", QUAI_CANG, "status=submitted", "submitted_on=10/05/2023")
    env = {
        "GIT_AUTHOR_NAME": "Lò Thị Hoa",
        "GIT_AUTHOR_EMAIL": "hoa@tuangiao.example",
        "GIT_AUTHOR_DATE": "2023-06-02T09:00:00+07:00",
        "GIT_COMMITTER_DATE": "2023-06-02T09:00:00+07:00",
    }
    r = cli(
        "--repo",
        str(repo_path),
        "set",
        "units/phong-tu-phap",
        "contact.phone=0215 3862 123",
        env=env,
    )
    assert r.returncode == 0, r.stderr

    out = run(repo_path, "log", "--author", "lo thi hoa")
    lines = out.strip().splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("02/06/2023 09:00  Lò Thị Hoa")
    assert "units/phong-tu-phap (Phòng Tư pháp): Điện thoại: (trống) → 0215 3862 123" in line

    out = run(repo_path, "log", "--kind", "reports")
    assert "Trạng thái: Chưa nộp → Đã nộp; Ngày nộp: (trống) → 10/05/2023" in out
    assert "phong-tu-phap" not in out and "Khởi tạo" not in out.split("\n")[0]

    out = run(repo_path, "log", "--since", "01/06/2023", "--until", "03/06/2023")
    assert out.strip().splitlines() == lines
    out = run(repo_path, "log", "--until", "01/06/2023", "--author", "hoa")
    assert out.strip() == ""
    assert "--since" in run(repo_path, "log", "--since", "hôm qua", code=1)


def test_change_log_library(store: Store) -> None:
    run(store.root, "set", QUAI_CANG, "figures.dialogues=3")
    entries = change_log(store.git, kind="reports")
    assert entries[0].records[0].record == QUAI_CANG
    assert entries[0].records[0].changes[0].new == 3
    assert [e.sha for e in change_log(store.git, limit=1)] == [entries[0].sha]


def test_summary_is_created_in_one_commit_and_used_by_the_report(repo_path: Path) -> None:
    before = int(git(repo_path, "rev-list", "--count", "HEAD"))
    run(repo_path, "summary", "2023-h1", "number=125", "strengths=Các đơn vị chủ động.")
    assert int(git(repo_path, "rev-list", "--count", "HEAD")) == before + 1
    assert "Record: summaries/2023-h1" in git(repo_path, "log", "-1", "--format=%B")
    run(repo_path, "summary", "2023-h1", "proposals=Mở lớp tập huấn.")
    md = run(repo_path, "--today", "2023-05-25", "report", "2023-h1")
    assert "Số: 125/BC-UBND" in md and "Các đơn vị chủ động." in md and "Mở lớp tập huấn." in md
    assert "không có hồ sơ “periods/2099-h1”" in run(repo_path, "summary", "2099-h1", code=1)
    assert "“nope”" in run(repo_path, "summary", "2023-h1", "nope=1", code=1)
    assert cli("--repo", str(repo_path), "audit").returncode == 0
