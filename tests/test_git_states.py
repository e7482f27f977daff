"""Git states a data repo can be left in by hand, each answered with a clear message.

Detached HEAD, a merge or a rebase started by hand and not finished, no server, a shallow
clone, an empty repository, a folder that is not a data repo at all. Saving and syncing are
refused (nothing changes); reading keeps working where it can.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import cli, git
from test_bad_input import no_raw_controls

from dvtui.services.setup import bundled_records

QUAI_CANG = "reports/2023-h1/ubnd-xa-quai-cang"
QUAI_CANG_FILE = f"records/{QUAI_CANG}.toml"


def repo_state(repo: Path) -> tuple[str, ...]:
    """Every file outside .git, HEAD and git's index, to compare before and after."""
    files = sorted(
        (str(p.relative_to(repo)), p.read_bytes())
        for p in (repo.rglob("*") if repo.is_dir() else [])
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    )

    def ask(*args: str) -> str:
        proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
        return proc.stdout

    return (str(files), ask("rev-parse", "-q", "--verify", "HEAD"), ask("ls-files", "-s"))


def run(repo: Path, *args: str) -> tuple[int, str, str]:
    result = cli("--repo", str(repo), *args)
    no_raw_controls(result.stdout + result.stderr)
    return result.returncode, result.stdout, result.stderr


def refused(repo: Path, *args: str) -> str:
    """Run a command that must fail and change nothing; its one-line message."""
    before = repo_state(repo)
    code, out, err = run(repo, *args)
    assert code == 1, (args, out, err)
    assert err.startswith("dvtui: ") and err.count("\n") == 1, err
    assert repo_state(repo) == before
    return err


def with_server(repo: Path, tmp_path: Path) -> Path:
    server = tmp_path / "server.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(server))
    git(repo, "remote", "add", "origin", str(server))
    git(repo, "fetch", "-q", "origin")
    git(repo, "branch", "-q", "--set-upstream-to=origin/main")
    return server


def diverge(repo: Path) -> None:
    """A branch ``other`` and ``main`` that changed the same field two ways."""
    git(repo, "checkout", "-q", "-b", "other")
    assert run(repo, "set", QUAI_CANG, "document_number=1/BC-UBND")[0] == 0
    git(repo, "checkout", "-q", "main")
    assert run(repo, "set", QUAI_CANG, "document_number=2/BC-UBND")[0] == 0


def test_detached_head(repo_path: Path, tmp_path: Path) -> None:
    with_server(repo_path, tmp_path)
    git(repo_path, "checkout", "-q", "--detach")
    for args in (["set", QUAI_CANG, "figures.dialogues=3"], ["sync"], ["status", "--sync"]):
        err = refused(repo_path, *args)
        assert "không ở trên một nhánh (detached HEAD)" in err and "git switch main" in err
    assert run(repo_path, "list", "units")[0] == 0  # reading still works


def test_a_merge_left_half_done_by_hand(repo_path: Path, tmp_path: Path) -> None:
    with_server(repo_path, tmp_path)
    diverge(repo_path)
    merge = subprocess.run(["git", "-C", str(repo_path), "merge", "other"], capture_output=True)
    assert merge.returncode != 0 and (repo_path / ".git" / "MERGE_HEAD").exists()
    for args in (["set", QUAI_CANG, "figures.dialogues=3"], ["sync"]):
        err = refused(repo_path, *args)
        assert "đang dở một lần hợp nhất (merge)" in err and "git merge --abort" in err
    # the merge driver left a valid file (my value), never conflict markers
    assert run(repo_path, "validate")[0] == 0
    assert b"<<<<<<<" not in (repo_path / QUAI_CANG_FILE).read_bytes()


def test_conflict_markers_from_a_merge_without_the_driver_are_named(repo_path: Path) -> None:
    diverge(repo_path)
    git(repo_path, "config", "--remove-section", "merge.dvtui")  # e.g. a clone never opened
    subprocess.run(["git", "-C", str(repo_path), "merge", "other"], capture_output=True)
    assert "<<<<<<<" in (repo_path / QUAI_CANG_FILE).read_text(encoding="utf-8")
    code, out, _ = run(repo_path, "validate")
    assert code == 1
    assert any(x.startswith(f"{QUAI_CANG_FILE}: tệp TOML bị lỗi") for x in out.splitlines())


def test_a_rebase_left_half_done_by_hand(repo_path: Path, tmp_path: Path) -> None:
    with_server(repo_path, tmp_path)
    diverge(repo_path)
    rebase = subprocess.run(["git", "-C", str(repo_path), "rebase", "other"], capture_output=True)
    assert rebase.returncode != 0
    for args in (["set", QUAI_CANG, "figures.dialogues=3"], ["sync"]):
        err = refused(repo_path, *args)
        assert "đang dở một lần rebase" in err and "git rebase --abort" in err


def test_no_server(repo_path: Path) -> None:
    err = refused(repo_path, "sync")
    assert "kho chưa có máy chủ để đồng bộ; thêm bằng: git remote add origin" in err
    code, out, _ = run(repo_path, "status", "--sync")
    assert code == 0 and "Chưa có máy chủ" in out


def test_a_shallow_clone(repo_path: Path, tmp_path: Path) -> None:
    server = with_server(repo_path, tmp_path)
    for n in range(3):
        assert run(repo_path, "set", QUAI_CANG, f"figures.dialogues={n + 1}")[0] == 0
    git(repo_path, "push", "-q", "origin", "main")
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{server}", str(shallow))
    code, out, err = run(shallow, "log", QUAI_CANG)
    assert code == 0
    assert "chỉ có một phần lịch sử (bản sao rút gọn" in err and "git fetch --unshallow" in err
    code, out, err = run(shallow, "audit")
    assert code == 0, out + err  # the oldest commit is not blamed for "adding" every file
    assert "chỉ có một phần lịch sử" in err
    assert run(shallow, "list", "reports")[0] == 0
    assert run(shallow, "set", QUAI_CANG, "document_number=9/BC-UBND")[0] == 0
    code, out, err = run(shallow, "sync")
    assert code == 0, err
    assert (
        git(repo_path, "ls-remote", str(server), "main").split()[0]
        == git(shallow, "rev-parse", "HEAD").strip()
    )


def test_an_empty_repository(tmp_path: Path) -> None:
    repo = tmp_path / "empty"
    repo.mkdir()
    git(repo, "init", "-q")
    for args in (["list", "units"], ["validate"], ["set", QUAI_CANG, "document_number=1"]):
        err = refused(repo, *args)
        assert "là kho git nhưng không có thư mục records/ của dvtui" in err


def test_records_copied_into_a_repository_with_no_commit(tmp_path: Path) -> None:
    import shutil

    repo = tmp_path / "copied"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copytree(bundled_records(), repo / "records")
    assert run(repo, "validate")[0] == 0  # reading works
    for args in (["set", QUAI_CANG, "document_number=1"], ["sync"]):
        err = refused(repo, *args)
        assert "kho git chưa có commit nào" in err and "git add records" in err
    assert git(repo, "rev-list", "--all") == ""


def test_folders_that_are_not_data_repos(repo_path: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert "“" + str(plain) + "” không phải kho dữ liệu dvtui" in refused(plain, "list", "units")
    missing = tmp_path / "missing"
    assert f"không có thư mục “{missing}”; tạo kho dữ liệu mới bằng: dvtui init" in refused(
        missing, "list", "units"
    )
    bare = tmp_path / "bare.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo_path), str(bare))
    err = refused(bare, "list", "units")
    assert "là kho trên máy chủ (bare)" in err and "dvtui clone" in err
    err = refused(repo_path / "records", "list", "units")
    assert f"nằm bên trong kho dữ liệu; hãy dùng thư mục gốc của kho: {repo_path}" in err
    a_file = tmp_path / "a-file"
    a_file.write_text("x", encoding="utf-8")
    assert "không phải kho dữ liệu dvtui" in refused(a_file, "list", "units")
