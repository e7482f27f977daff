"""Signed commits, as SECURITY.md tells an office to set them up (SSH signing keys).

With ``require_signed_commits = true`` in dvtui.toml and git told to sign, every commit
dvtui makes — saves and sync merges — carries a good signature, and ``dvtui audit``
flags a commit that does not.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import USER_EMAIL, cli, git

QUAI_CANG = "reports/2023-h1/ubnd-xa-quai-cang"

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")


@pytest.fixture
def signing(isolated_git: Path) -> Path:
    """The user's SSH key set up for signing, as SECURITY.md says."""
    key = isolated_git / "id_ed25519"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", USER_EMAIL, "-f", str(key)],
        check=True,
    )
    allowed = isolated_git / "allowed_signers"
    allowed.write_text(f"{USER_EMAIL} {key.with_suffix('.pub').read_text()}", encoding="utf-8")
    for name, value in (
        ("gpg.format", "ssh"),
        ("user.signingkey", str(key.with_suffix(".pub"))),
        ("commit.gpgsign", "true"),
        ("gpg.ssh.allowedSignersFile", str(allowed)),
    ):
        git(isolated_git, "config", "--global", name, value)
    return key


def signatures(repo: Path) -> list[str]:
    return git(repo, "log", "--format=%G?").split()


def require_signatures(repo: Path) -> None:
    settings = repo / "dvtui.toml"
    text = settings.read_text(encoding="utf-8").replace(
        "require_signed_commits = false", "require_signed_commits = true"
    )
    settings.write_text(text, encoding="utf-8")
    git(repo, "commit", "-qam", "Yêu cầu ký số mọi commit")  # by hand: audit from here on


def test_saves_and_sync_merges_are_signed_and_audited(tmp_path: Path, signing: Path) -> None:
    data = tmp_path / "data"
    assert cli("init", str(data)).returncode == 0
    require_signatures(data)
    since = git(data, "rev-parse", "HEAD").strip()
    server = tmp_path / "server.git"
    git(tmp_path, "clone", "-q", "--bare", str(data), str(server))
    git(data, "remote", "add", "origin", str(server))
    git(data, "fetch", "-q", "origin")
    git(data, "branch", "-q", "--set-upstream-to=origin/main")
    other = tmp_path / "other"
    assert cli("clone", str(server), str(other)).returncode == 0
    assert cli("--repo", str(other), "set", QUAI_CANG, "document_number=1").returncode == 0
    assert cli("--repo", str(other), "sync").returncode == 0
    assert cli("--repo", str(data), "set", QUAI_CANG, "figures.dialogues=2").returncode == 0
    result = cli("--repo", str(data), "sync")
    assert result.returncode == 0, result.stderr
    assert len(git(data, "log", "-1", "--format=%P").split()) == 2  # a merge was made
    assert set(signatures(data)) == {"G"}, git(data, "log", "--format=%h %G? %s")
    audit = cli("--repo", str(data), "audit", "--since", since)
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_an_unsigned_commit_is_flagged_by_the_audit(repo_path: Path, signing: Path) -> None:
    require_signatures(repo_path)
    since = git(repo_path, "rev-parse", "HEAD").strip()
    record = repo_path / "records" / f"{QUAI_CANG}.toml"
    record.write_text(record.read_text(encoding="utf-8") + 'document_number = "9"\n', "utf-8")
    git(repo_path, "-c", "commit.gpgsign=false", "commit", "-qam", "sửa tay, không ký")
    assert cli("--repo", str(repo_path), "set", QUAI_CANG, "reviewer=Lò Văn A").returncode == 0
    audit = cli("--repo", str(repo_path), "audit", "--since", since)
    assert audit.returncode == 1
    assert "[Chưa ký số]  sửa tay, không ký" in audit.stdout
    assert "Đã kiểm tra 2 commit: 1 commit có vấn đề" in audit.stdout  # the save is signed
    assert "1 chưa ký số" in audit.stdout


# --- the policy in force is the strictest ever committed (issue 12, item 5) ---------------------

INTRUDER = ("-c", "user.name=Kẻ Lạ", "-c", "user.email=ke.la@example", "-c", "commit.gpgsign=false")


def set_policy(repo: Path, value: str | None, *, signed: bool, subject: str) -> None:
    """A hand commit of dvtui.toml with ``require_signed_commits = value`` (None: deleted)."""
    settings = repo / "dvtui.toml"
    if value is None:
        git(repo, "rm", "-q", "dvtui.toml")
    else:
        lines = [ln for ln in settings.read_text(encoding="utf-8").splitlines() if ln]
        lines = [ln for ln in lines if not ln.startswith("require_signed_commits")]
        settings.write_text("\n".join([*lines, f"require_signed_commits = {value}"]) + "\n")
        git(repo, "add", "dvtui.toml")
    who = () if signed else INTRUDER
    git(repo, *who, "commit", "-qm", subject)


def unsigned_edit(repo: Path) -> None:
    record = repo / "records" / f"{QUAI_CANG}.toml"
    record.write_text(record.read_text(encoding="utf-8") + 'document_number = "9"\n', "utf-8")
    git(repo, *INTRUDER, "commit", "-qam", "sửa tay, không ký")


@pytest.mark.parametrize("value", ["false", "1", None], ids=["false", "not-a-bool", "deleted"])
def test_an_unsigned_commit_cannot_turn_signing_off(
    repo_path: Path, signing: Path, value: str | None
) -> None:
    set_policy(repo_path, "true", signed=True, subject="Yêu cầu ký số")
    set_policy(repo_path, value, signed=False, subject="Tắt ký số")
    unsigned_edit(repo_path)
    audit = cli("--repo", str(repo_path), "audit")
    assert audit.returncode == 1
    lines = audit.stdout.splitlines()
    # Both unsigned commits are still flagged: the attempt did not count.
    assert any("[Chưa ký số]  sửa tay, không ký" in ln for ln in lines), audit.stdout
    assert any("Kẻ Lạ  [Tắt ký số trái phép]  Tắt ký số" in ln for ln in lines), audit.stdout
    assert any(
        ln.startswith("Yêu cầu ký số: Kẻ Lạ định tắt lúc ") and "không được chấp nhận" in ln
        for ln in lines
    ), audit.stdout
    assert "1 tắt ký số trái phép" in audit.stdout


def test_a_signed_commit_may_turn_signing_off_and_the_audit_says_who(
    repo_path: Path, signing: Path
) -> None:
    set_policy(repo_path, "true", signed=True, subject="Yêu cầu ký số")
    set_policy(repo_path, "false", signed=True, subject="Thôi yêu cầu ký số")
    unsigned_edit(repo_path)
    audit = cli("--repo", str(repo_path), "audit")
    assert "Chưa ký số" not in audit.stdout and "trái phép]" not in audit.stdout
    assert "Yêu cầu ký số: bật lúc " in audit.stdout
    assert "Yêu cầu ký số: tắt lúc " in audit.stdout
    assert "bởi Nguyễn Thị Lan" in audit.stdout and "có chữ ký số hợp lệ" in audit.stdout


# --- commits that change the repository's rules (issue 12, item 3) ---------------------------


def test_a_commit_changing_the_rules_is_flagged_unless_signed_by_dvtui(
    repo_path: Path, signing: Path
) -> None:
    attributes = repo_path / ".gitattributes"
    attributes.write_text(attributes.read_text() + "records/** merge=union\n", encoding="utf-8")
    git(repo_path, "add", ".gitattributes")
    git(repo_path, *INTRUDER, "commit", "-qm", "Đổi cách hợp nhất")
    (repo_path / "records" / ".gitattributes").write_text("* -text\n", encoding="utf-8")
    git(repo_path, "add", "records/.gitattributes")
    git(repo_path, "commit", "-qm", "Thêm quy tắc, có ký")  # signed, but by hand
    audit = cli("--repo", str(repo_path), "audit")
    assert audit.returncode == 1
    out = audit.stdout
    assert "[Sửa quy tắc kho]  Đổi cách hợp nhất" in out
    assert "sửa .gitattributes ngoài dvtui và không có chữ ký số hợp lệ" in out
    assert "[Sửa quy tắc kho]  Thêm quy tắc, có ký" in out
    assert "sửa records/.gitattributes ngoài dvtui" in out
    assert "Khởi tạo dữ liệu" not in out  # dvtui's own first commit writes both files
    assert "2 sửa quy tắc kho" in out
