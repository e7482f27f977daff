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
from conftest import USER_EMAIL, dvtui, git

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
    assert dvtui("init", str(data)).returncode == 0
    require_signatures(data)
    since = git(data, "rev-parse", "HEAD").strip()
    server = tmp_path / "server.git"
    git(tmp_path, "clone", "-q", "--bare", str(data), str(server))
    git(data, "remote", "add", "origin", str(server))
    git(data, "fetch", "-q", "origin")
    git(data, "branch", "-q", "--set-upstream-to=origin/main")
    other = tmp_path / "other"
    assert dvtui("clone", str(server), str(other)).returncode == 0
    assert dvtui("--repo", str(other), "set", QUAI_CANG, "document_number=1").returncode == 0
    assert dvtui("--repo", str(other), "sync").returncode == 0
    assert dvtui("--repo", str(data), "set", QUAI_CANG, "figures.dialogues=2").returncode == 0
    result = dvtui("--repo", str(data), "sync")
    assert result.returncode == 0, result.stderr
    assert len(git(data, "log", "-1", "--format=%P").split()) == 2  # a merge was made
    assert set(signatures(data)) == {"G"}, git(data, "log", "--format=%h %G? %s")
    audit = dvtui("--repo", str(data), "audit", "--since", since)
    assert audit.returncode == 0, audit.stdout + audit.stderr


def test_an_unsigned_commit_is_flagged_by_the_audit(repo_path: Path, signing: Path) -> None:
    require_signatures(repo_path)
    since = git(repo_path, "rev-parse", "HEAD").strip()
    record = repo_path / "records" / f"{QUAI_CANG}.toml"
    record.write_text(record.read_text(encoding="utf-8") + 'document_number = "9"\n', "utf-8")
    git(repo_path, "-c", "commit.gpgsign=false", "commit", "-qam", "sửa tay, không ký")
    assert dvtui("--repo", str(repo_path), "set", QUAI_CANG, "reviewer=Lò Văn A").returncode == 0
    audit = dvtui("--repo", str(repo_path), "audit", "--since", since)
    assert audit.returncode == 1
    assert "[Chưa ký số]  sửa tay, không ký" in audit.stdout
    assert "Đã kiểm tra 2 commit: 1 commit có vấn đề" in audit.stdout  # the save is signed
    assert "1 chưa ký số" in audit.stdout
