"""dvtui audit: a clean history passes; each problem made with plain git is found and named."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import USER_EMAIL, cli, git

from dvtui.core import codec
from dvtui.core.changes import diff
from dvtui.core.ids import RecordId
from dvtui.core.records import Model
from dvtui.core.schema import to_table
from dvtui.services.audit import audit
from dvtui.storage import Store

REPORT = "records/reports/2023-h1/ubnd-xa-quai-cang.toml"
RID = "reports/2023-h1/ubnd-xa-quai-cang"


def run_audit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return cli("--repo", str(repo), "audit", *args)


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_history_exits_zero(repo_path: Path) -> None:
    for args in (
        ("set", RID, "status=submitted", "submitted_on=10/05/2023"),
        ("set", RID, "figures.dialogues=2", "narrative.2023-ii-1=Đã quán triệt."),
        ("set", "units/phong-y-te", "contact.person=Quàng Văn Dũng"),
        ("review", "--sign"),
    ):
        assert cli("--repo", str(repo_path), *args).returncode == 0
    r = run_audit(repo_path)
    assert r.returncode == 0, r.stdout
    assert "Đã kiểm tra 5 commit: không phát hiện vấn đề." in r.stdout


def test_hand_edit_that_breaks_a_record(repo_path: Path) -> None:
    edit(repo_path, REPORT, 'status = "missing"', 'status = "da-nop"')
    bad = commit_all(repo_path, "sửa tay")
    r = run_audit(repo_path)
    assert r.returncode == 1
    assert bad[:8] in r.stdout and "[Hồ sơ lỗi]" in r.stdout
    assert f"{REPORT}: status: giá trị “da-nop” không hợp lệ" in r.stdout
    assert "[Ngoài dvtui]" in r.stdout  # and it was made with plain git
    assert (
        "1 commit có vấn đề (1 hồ sơ lỗi, 0 trailer sai, 1 ngoài dvtui, 0 chưa ký số, "
        "0 sửa quy tắc kho, 0 tắt ký số trái phép, 0 tệp đính kèm sai)" in r.stdout
    )


def test_broken_toml_and_a_dangling_reference(store: Store) -> None:
    repo = store.root
    (repo / "records/reports/2023-h1/khong-co-don-vi.toml").write_text(
        'schema = 1\nstatus = "missing"\n', encoding="utf-8"
    )
    first = commit_all(repo, "thêm báo cáo của đơn vị không có\n\nRecord: x\nDvtui-Version: 0.1.0")
    edit(repo, "records/units/phong-y-te.toml", 'name = "Phòng Y tế"', 'name = "Phòng Y tế')
    second = commit_all(repo, "toml hỏng")
    result = audit(Store(repo))
    kinds = {(f.sha, f.kind) for f in result.findings}
    assert (first, "invalid-record") in kinds and (second, "invalid-record") in kinds
    dangling = next(f for f in result.findings if f.sha == first and f.kind == "invalid-record")
    assert "units/khong-co-don-vi" in dangling.detail


def test_deleting_a_record_still_named_elsewhere(store: Store) -> None:
    repo = store.root
    git(repo, "rm", "-q", "records/units/phong-y-te.toml")
    git(
        repo,
        "commit",
        "-q",
        "-m",
        "Xóa đơn vị\n\nRecord: units/phong-y-te\nAction: delete\nField: name\nField: kind\n"
        "Dvtui-Version: 0.1.0",
    )
    result = audit(Store(repo))
    files = {f.file for f in result.findings if f.kind == "invalid-record"}
    assert "records/reports/2023-h1/phong-y-te.toml" in files  # its reports now dangle


def test_trailer_that_lies(repo_path: Path) -> None:
    edit(repo_path, REPORT, 'status = "missing"', 'status = "missing"\n[figures]\ndialogues = 7')
    lie = commit_all(
        repo_path,
        "Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang: Chưa nộp → Đã nộp\n\n"
        "Record: reports/2023-h1/ubnd-xa-ta-ma\nAction: update\nField: status\n"
        "Dvtui-Version: 0.1.0",
    )
    r = run_audit(repo_path)
    assert r.returncode == 1
    assert lie[:8] in r.stdout and "[Trailer sai]" in r.stdout
    assert (
        "trailer Record ghi reports/2023-h1/ubnd-xa-ta-ma nhưng commit thực sự sửa "
        "reports/2023-h1/ubnd-xa-quai-cang" in r.stdout
    )
    assert "ghi mà không sửa: status; sửa mà không ghi: figures.dialogues" in r.stdout
    assert "[Hồ sơ lỗi]" not in r.stdout and "[Ngoài dvtui]" not in r.stdout


def test_commit_without_trailers(repo_path: Path) -> None:
    edit(
        repo_path,
        "records/units/phong-y-te.toml",
        'kind = "agency"',
        'kind = "agency"\ngso_code = "99999"',
    )
    plain = commit_all(repo_path, "cập nhật mã")
    r = run_audit(repo_path)
    assert r.returncode == 1
    lines = [line for line in r.stdout.splitlines() if line.startswith(plain[:8])]
    assert len(lines) == 1 and "[Ngoài dvtui]" in lines[0]
    assert "được tạo ngoài dvtui" in r.stdout


def _signing(repo: Path, tmp_path: Path) -> None:
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"{USER_EMAIL} {(tmp_path / 'key.pub').read_text()}", encoding="utf-8")
    git(repo, "config", "gpg.format", "ssh")
    git(repo, "config", "user.signingkey", str(key))
    git(repo, "config", "gpg.ssh.allowedSignersFile", str(allowed))


def test_unsigned_commit_under_a_signing_policy(repo_path: Path, tmp_path: Path) -> None:
    _signing(repo_path, tmp_path)
    edit(repo_path, "dvtui.toml", "require_signed_commits = false", "require_signed_commits = true")
    policy = commit_all(repo_path, "Bắt buộc ký số")
    git(repo_path, "config", "commit.gpgsign", "true")
    assert cli("--repo", str(repo_path), "set", RID, "figures.dialogues=1").returncode == 0
    signed = git(repo_path, "rev-parse", "HEAD").strip()
    git(repo_path, "config", "commit.gpgsign", "false")
    assert cli("--repo", str(repo_path), "set", RID, "figures.dialogues=2").returncode == 0
    unsigned = git(repo_path, "rev-parse", "HEAD").strip()

    r = run_audit(repo_path, "--since", policy)
    assert r.returncode == 1
    assert unsigned[:8] in r.stdout and "[Chưa ký số]" in r.stdout
    assert "commit không có chữ ký số" in r.stdout
    assert signed[:8] not in r.stdout  # a good signature passes
    assert "Đã kiểm tra 2 commit: 1 commit có vấn đề" in r.stdout

    # Turning the policy off in the working tree relaxes nothing: the strictest policy ever
    # committed holds (only a signed commit turns it off; see test_signing.py).
    edit(repo_path, "dvtui.toml", "require_signed_commits = true", "require_signed_commits = false")
    relaxed = run_audit(repo_path, "--since", policy)
    assert relaxed.returncode == 1 and unsigned[:8] in relaxed.stdout


def test_merge_commits(repo_path: Path) -> None:
    git(repo_path, "checkout", "-q", "-b", "other")
    assert cli("--repo", str(repo_path), "set", RID, "figures.dialogues=1").returncode == 0
    git(repo_path, "checkout", "-q", "main")
    assert (
        cli(
            "--repo", str(repo_path), "set", "units/phong-y-te", "contact.person=Quàng Văn Dũng"
        ).returncode
        == 0
    )
    git(
        repo_path,
        "merge",
        "-q",
        "--no-ff",
        "other",
        "-m",
        "Đồng bộ với máy chủ\n\nAction: merge\nDvtui-Version: 0.1.0",
    )
    r = run_audit(repo_path)
    assert r.returncode == 0, r.stdout
    assert "Đã kiểm tra 4 commit" in r.stdout
    # a merge made with plain git is named as such
    git(repo_path, "checkout", "-q", "-b", "third", "HEAD~1")
    assert cli("--repo", str(repo_path), "set", "units/phong-tu-phap", "gso_code=1").returncode == 0
    git(repo_path, "checkout", "-q", "main")
    git(repo_path, "merge", "-q", "--no-ff", "third", "-m", "Merge branch third")
    r = run_audit(repo_path)
    assert r.returncode == 1 and "[Ngoài dvtui]" in r.stdout and "Merge branch third" in r.stdout


def test_audit_progress_and_since(store: Store) -> None:
    for n in range(3):
        assert cli("--repo", str(store.root), "set", RID, f"figures.dialogues={n}").returncode == 0
    seen: list[tuple[int, int]] = []
    result = audit(store, progress=lambda d, t, w: seen.append((d, t)))
    assert result.clean and result.checked == 4
    assert seen[-1] == (4, 4)
    since = git(store.root, "rev-parse", "HEAD~2").strip()
    assert audit(store, since=since).checked == 2


def test_audit_unknown_revision_is_one_line(repo_path: Path) -> None:
    r = run_audit(repo_path, "--since", "khong-co")
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "khong-co" in r.stderr


@pytest.mark.parametrize("action", ["create", "delete"])
def test_action_that_does_not_match_the_file(repo_path: Path, action: str) -> None:
    edit(repo_path, REPORT, 'status = "missing"', 'status = "missing"\n[figures]\ndialogues = 1')
    commit_all(
        repo_path,
        f"x\n\nRecord: {RID}\nAction: {action}\nField: figures.dialogues\nDvtui-Version: 0.1.0",
    )
    r = run_audit(repo_path)
    assert r.returncode == 1 and f"trailer Action ghi “{action}”" in r.stdout


def test_a_record_created_under_an_update_trailer_is_flagged(repo_path: Path) -> None:
    """Everything else in the message is right: only the action is false."""
    rid = RecordId.parse("models/2023/ca-phe-co-san")
    model = Model(id=rid, kind="model", name="Trồng cà phê", unit="phong-y-te", sector="economy")
    (repo_path / rid.relpath).parent.mkdir(parents=True)
    (repo_path / rid.relpath).write_bytes(codec.encode(model))
    fields = "".join(f"Field: {c.field}\n" for c in diff(None, to_table(model)))
    lie = commit_all(
        repo_path,
        f"Mô hình: Trồng cà phê\n\nRecord: {rid}\nAction: update\n{fields}Dvtui-Version: 0.1.0",
    )
    result = audit(Store(repo_path))
    assert [(f.sha, f.kind, f.file) for f in result.findings] == [
        (lie, "trailer-mismatch", rid.relpath)
    ]
    r = run_audit(repo_path)
    assert r.returncode == 1 and f"trailer Action ghi “update” nhưng {rid}" in r.stdout
