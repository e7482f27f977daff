"""Files kept with a record on real repos: ``dvtui attach`` / ``dvtui attachments``, the size
limit, names made safe, the hash checked on the way out and by audit, sync between two
clones through a bare remote, and Git LFS when it is installed."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest
from conftest import cli, git
from synchelp import QUAI_CANG, QUAI_CANG_FILE, make_clone, make_remote

from dvtui.core.attachments import blob_path, safe_name
from dvtui.core.records import Report
from dvtui.services.audit import audit
from dvtui.services.sync import sync
from dvtui.storage import Store

R = str(QUAI_CANG)
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"  # binary, NULs included


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    r = cli("--repo", str(repo), *args)
    return r.returncode, r.stdout, r.stderr


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


def sent_file(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "nhan"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_attach_lists_and_saves_out_with_the_hash_checked(repo_path: Path, tmp_path: Path) -> None:
    pdf = sent_file(tmp_path, "Báo cáo 6 tháng Quài Cang.pdf", PDF)
    xlsx = sent_file(tmp_path, "bieu-mau.xlsx", b"PK\x03\x04 not really a workbook")
    before = commits(repo_path)

    code, out, err = run(repo_path, "--today", "12/05/2023", "attach", R, str(pdf), str(xlsx))
    assert code == 0, err
    assert "Đã đính kèm 2 tệp" in out
    assert commits(repo_path) == before + 1  # record and both files: one commit
    sha = hashlib.sha256(PDF).hexdigest()
    changed = git(repo_path, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(changed) == sorted(
        [QUAI_CANG_FILE, blob_path(sha), blob_path(hashlib.sha256(xlsx.read_bytes()).hexdigest())]
    )
    assert (repo_path / blob_path(sha)).read_bytes() == PDF
    listed = tomllib.loads((repo_path / QUAI_CANG_FILE).read_text(encoding="utf-8"))["attachments"]
    assert listed[0] == {
        "name": "Báo cáo 6 tháng Quài Cang.pdf",
        "sha256": sha,
        "size": len(PDF),
        "added_on": date(2023, 5, 12),
        "added_by": "Nguyễn Thị Lan",
    }
    message = git(repo_path, "log", "-1", "--format=%B")
    assert "Field: attachments" in message and f"Record: {R}" in message
    assert message.splitlines()[0].endswith(
        "Tệp đính kèm: + Báo cáo 6 tháng Quài Cang.pdf; bieu-mau.xlsx"
    ), message

    code, out, err = run(repo_path, "attachments", R)
    assert code == 0, err
    assert "Báo cáo 6 tháng Quài Cang.pdf" in out and "12/05/2023" in out and "10 KB" in out

    target = tmp_path / "ra"
    code, out, err = run(repo_path, "attachments", R, "--save", str(target))
    assert code == 0, err
    assert (target / "Báo cáo 6 tháng Quài Cang.pdf").read_bytes() == PDF
    assert (target / "bieu-mau.xlsx").read_bytes() == xlsx.read_bytes()
    assert audit(Store(repo_path)).clean


def test_saving_out_never_overwrites_a_file(repo_path: Path, tmp_path: Path) -> None:
    pdf = sent_file(tmp_path, "bao-cao.pdf", PDF)
    assert run(repo_path, "attach", R, str(pdf))[0] == 0
    target = tmp_path / "ra"
    target.mkdir()
    (target / "bao-cao.pdf").write_bytes(b"a colleague's own file")
    code, out, err = run(repo_path, "attachments", R, "--save", str(target))
    assert code == 0, err
    assert (target / "bao-cao.pdf").read_bytes() == b"a colleague's own file"
    assert (target / "bao-cao (2).pdf").read_bytes() == PDF
    assert "bao-cao (2).pdf" in out
    # Again: the same bytes are there already, nothing new is written.
    code, out, _ = run(repo_path, "attachments", R, "--save", str(target))
    assert code == 0 and "đã có đúng tệp này" in out
    assert sorted(p.name for p in target.iterdir()) == ["bao-cao (2).pdf", "bao-cao.pdf"]


def test_a_file_over_the_limit_is_refused_and_nothing_is_committed(
    repo_path: Path, tmp_path: Path
) -> None:
    settings = repo_path / "dvtui.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "attachment_limit_mb = 1\n")
    git(repo_path, "commit", "-qam", "limit")
    small = sent_file(tmp_path, "nho.pdf", PDF)
    big = sent_file(tmp_path, "scan.pdf", b"\0" * (1024 * 1024 + 1))
    before = git(repo_path, "rev-parse", "HEAD")
    code, _, err = run(repo_path, "attach", R, str(small), str(big))
    assert code == 1
    assert "scan.pdf" in err and "quá giới hạn 1,0 MB" in err and "không lưu tệp nào" in err
    assert git(repo_path, "rev-parse", "HEAD") == before
    assert git(repo_path, "status", "--porcelain") == ""
    assert not (repo_path / "attachments").exists()


def test_names_are_made_safe_and_bad_input_changes_nothing(repo_path: Path, tmp_path: Path) -> None:
    assert safe_name("../../etc/passwd") == "_.._etc_passwd"
    assert safe_name("a\x1b[31mb\u202e.pdf") == "a_[31mb_.pdf"
    assert safe_name("CON.pdf") == "tep-dinh-kem-CON.pdf"
    assert safe_name("...") == "tep-dinh-kem"
    assert safe_name("Ba\u0301o ca\u0301o.docx") == "Báo cáo.docx"  # NFC
    odd = sent_file(tmp_path, "bao\x1b[2Jcao:1.pdf", PDF)
    before = commits(repo_path)
    code, _, err = run(repo_path, "attach", R, str(odd))
    assert code == 0, err
    table = tomllib.loads((repo_path / QUAI_CANG_FILE).read_text(encoding="utf-8"))
    assert table["attachments"][0]["name"] == "bao_[2Jcao_1.pdf"
    # The same content again, a missing file, a record that keeps none: refused, no commit.
    for args, said in (
        ([R, str(odd)], "đã được đính kèm"),
        ([R, str(tmp_path / "khong-co.pdf")], "không có tệp"),
        (["reports/2023-h1/khong-co", str(odd)], "không có hồ sơ"),
    ):
        code, _, err = run(repo_path, "attach", *args)
        assert code == 1 and said in err, (args, err)
    assert commits(repo_path) == before + 1
    assert git(repo_path, "status", "--porcelain") == ""


def test_audit_finds_an_altered_or_missing_stored_file(repo_path: Path, tmp_path: Path) -> None:
    pdf = sent_file(tmp_path, "bao-cao.pdf", PDF)
    assert run(repo_path, "attach", R, str(pdf))[0] == 0
    stored = blob_path(hashlib.sha256(PDF).hexdigest())
    assert audit(Store(repo_path)).clean

    # Someone edits the stored file by hand and commits it: audit names it, and the file
    # is refused on the way out.
    (repo_path / stored).write_bytes(PDF + b"tampered")
    git(repo_path, "commit", "-qam", "sửa tay")
    result = audit(Store(repo_path))
    found = [f for f in result.findings if f.kind == "attachment"]
    assert [f.file for f in found] == [stored]
    assert "không khớp mã băm" in found[0].detail
    assert "1 tệp đính kèm sai" in result.summary()
    code, out, _ = run(repo_path, "audit")
    assert code == 1 and "[Tệp đính kèm sai]" in out and stored in out
    code, _, err = run(repo_path, "attachments", R, "--save", str(tmp_path / "ra"))
    assert code == 1 and "đã bị sửa hoặc hỏng" in err
    assert not (tmp_path / "ra" / "bao-cao.pdf").exists()

    git(repo_path, "rm", "-q", stored)
    git(repo_path, "commit", "-qm", "xóa tay")
    found = [f for f in audit(Store(repo_path)).findings if f.kind == "attachment"]
    assert found[-1].file == QUAI_CANG_FILE
    assert "bao-cao.pdf" in found[-1].detail and "kho không có" in found[-1].detail


def test_a_stored_file_is_never_read_through_a_symlink_or_from_a_fifo(
    repo_path: Path, tmp_path: Path
) -> None:
    """A pushed ``attachments/ab/<hash>`` (or ``attachments/ab``) that is a symlink out of
    the repo, or a FIFO put in its place: refused by name, nothing written out, no hang."""
    pdf = sent_file(tmp_path, "bao-cao.pdf", PDF)
    assert run(repo_path, "attach", R, str(pdf))[0] == 0
    stored = repo_path / blob_path(hashlib.sha256(PDF).hexdigest())
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / stored.name).write_bytes(PDF)  # the right bytes: only the way to them is wrong
    stored.unlink()

    stored.symlink_to(outside / stored.name)
    code, _, err = run(repo_path, "attachments", R, "--save", str(tmp_path / "ra"))
    assert code == 1 and "symlink" in err and stored.name in err, err

    stored.unlink()
    os.mkfifo(stored)
    code, _, err = run(repo_path, "attachments", R, "--save", str(tmp_path / "ra"))
    assert code == 1 and "không phải tệp thường" in err, err

    stored.unlink()
    folder = stored.parent
    folder.rmdir()
    folder.symlink_to(outside)
    code, _, err = run(repo_path, "attachments", R, "--save", str(tmp_path / "ra"))
    assert code == 1 and f"“attachments/{folder.name}”" in err and "symlink" in err, err
    assert not (tmp_path / "ra").exists() or not list((tmp_path / "ra").iterdir())


def test_attachments_sync_between_two_clones(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    minh = make_clone(str(remote), tmp_path / "minh", "minh")
    one = sent_file(tmp_path, "bao-cao.pdf", PDF)
    two = sent_file(tmp_path, "phu-luc.docx", b"PK\x03\x04 docx bytes")
    # Both attach a different file to the same report before syncing: both are kept.
    assert run(lan.root, "attach", R, str(one))[0] == 0
    assert run(minh.root, "attach", R, str(two))[0] == 0
    assert sync(Store(lan.root)).outcome == "pushed"
    assert sync(Store(minh.root)).outcome == "merged"
    assert sync(Store(lan.root)).outcome == "pulled"
    for clone in (lan.root, minh.root):
        out_dir = clone.parent / f"{clone.name}-ra"
        code, _, err = run(clone, "attachments", R, "--save", str(out_dir))
        assert code == 0, err
        assert (out_dir / "bao-cao.pdf").read_bytes() == PDF
        assert (out_dir / "phu-luc.docx").read_bytes() == two.read_bytes()
        report = Store(clone).get(QUAI_CANG)
        assert isinstance(report, Report)
        assert sorted(a.name for a in report.attachments) == ["bao-cao.pdf", "phu-luc.docx"]
        assert git(clone, "status", "--porcelain") == ""
        assert audit(Store(clone)).clean


@pytest.mark.skipif(shutil.which("git-lfs") is None, reason="git-lfs is not installed")
def test_with_git_lfs_the_file_is_stored_as_a_pointer(tmp_path: Path) -> None:
    remote = make_remote(tmp_path)
    lan = make_clone(str(remote), tmp_path / "lan", "lan")
    git(lan.root, "lfs", "install", "--local")
    settings = lan.root / "dvtui.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "lfs_attachments = true\n")
    git(lan.root, "commit", "-qam", "LFS")  # by hand: audit starts after it
    settings_commit = git(lan.root, "rev-parse", "HEAD").strip()
    pdf = sent_file(tmp_path, "bao-cao.pdf", PDF)
    code, _, err = run(lan.root, "attach", R, str(pdf))
    assert code == 0, err
    sha = hashlib.sha256(PDF).hexdigest()
    stored = blob_path(sha, lfs=True)
    committed = subprocess.run(
        ["git", "-C", str(lan.root), "cat-file", "blob", f"HEAD:{stored}"],
        capture_output=True,
        check=True,
    ).stdout
    assert committed.startswith(b"version https://git-lfs.github.com/spec/v1")
    assert f"oid sha256:{sha}".encode() in committed
    assert (lan.root / stored).read_bytes() == PDF  # the work tree holds the real file
    assert ".gitattributes" in git(lan.root, "show", "--name-only", "--format=", "HEAD")
    result = audit(Store(lan.root), since=settings_commit)
    assert result.clean, result.findings
    code, _, err = run(lan.root, "attachments", R, "--save", str(tmp_path / "ra"))
    assert code == 0, err
    assert (tmp_path / "ra" / "bao-cao.pdf").read_bytes() == PDF


def test_a_pushed_gitattributes_symlink_is_never_read_when_lfs_adds_its_line(
    repo_path: Path, tmp_path: Path
) -> None:
    """With ``lfs_attachments``, attach adds a line to ``.gitattributes``: a pushed symlink
    there (to a FIFO: every attach hung; to a private file: it was read) is refused by name,
    before anything is read or committed."""
    settings = repo_path / "dvtui.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + "lfs_attachments = true\n")
    outside = tmp_path / "ngoai"
    outside.mkdir()
    os.mkfifo(outside / "fifo")
    (outside / "id_ed25519").write_text("-----BEGIN OPENSSH PRIVATE KEY-----\n")
    pdf = sent_file(tmp_path, "bao-cao.pdf", PDF)
    for target in ("fifo", "id_ed25519"):
        attributes = repo_path / ".gitattributes"
        attributes.unlink()
        attributes.symlink_to(outside / target)
        git(repo_path, "add", "-A")
        git(repo_path, "commit", "-qm", f"symlink to {target}")
        before = commits(repo_path)
        r = subprocess.run(
            [sys.executable, "-m", "dvtui", "--repo", str(repo_path), "attach", R, str(pdf)],
            capture_output=True,
            text=True,
            timeout=60,  # the FIFO: a hang fails here
        )
        assert r.returncode == 1 and ".gitattributes" in r.stderr and "symlink" in r.stderr, r
        assert commits(repo_path) == before
