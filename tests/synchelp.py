"""Helpers for the sync tests: a real bare remote, clones with their own identities, snapshots."""

from __future__ import annotations

import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from conftest import git

from dvtui.core.ids import RecordId
from dvtui.core.records import Task
from dvtui.services.setup import init_data_repo
from dvtui.services.sync import clone
from dvtui.storage import Store

QUAI_CANG = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
QUAI_CANG_FILE = "records/reports/2023-h1/ubnd-xa-quai-cang.toml"
TASK = RecordId.parse("tasks/2023-ii-7")
TASK_FILE = "records/tasks/2023-ii-7.toml"

PEOPLE = {
    "lan": ("Nguyễn Thị Lan", "lan.noivu@tuangiao.example"),
    "minh": ("Trần Văn Minh", "minh.noivu@tuangiao.example"),
    "hoa": ("Lò Thị Hoa", "hoa.noivu@tuangiao.example"),
}


def the_task(store: Store) -> Task:
    """Task II.7 as ``store`` holds it now."""
    task = store.get(TASK)
    assert isinstance(task, Task)
    return task


def make_remote(tmp: Path, name: str = "remote.git") -> Path:
    """A bare repository holding a fresh data repo's first commit: the office's server."""
    seed = tmp / f"seed-{name}"
    init_data_repo(seed)
    remote = tmp / name
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(seed), str(remote)], check=True, capture_output=True
    )
    return remote


def make_clone(url: str, path: Path, who: str) -> Store:
    """``dvtui clone`` (through the API) and the person's identity in the clone's config."""
    clone(url, path)
    name, email = PEOPLE[who]
    git(path, "config", "user.name", name)
    git(path, "config", "user.email", email)
    return Store(path)


@dataclass(frozen=True)
class Snapshot:
    """Everything a failed sync must leave alone."""

    head: str
    branches: str
    status: str
    merge_head: bool
    files: dict[str, bytes]


def snapshot(repo: Path) -> Snapshot:
    """HEAD, the local branches, ``git status``, MERGE_HEAD and every record's bytes."""
    return Snapshot(
        head=git(repo, "rev-parse", "HEAD").strip(),
        branches=git(repo, "for-each-ref", "refs/heads"),
        status=git(repo, "status", "--porcelain", "--untracked-files=all"),
        merge_head=(repo / ".git" / "MERGE_HEAD").exists(),
        files={
            str(p.relative_to(repo)): p.read_bytes()
            for p in sorted((repo / "records").rglob("*.toml"))
        },
    )


def record_files(repo: Path) -> dict[str, bytes]:
    """Every file of the data repo outside .git, as bytes."""
    return {
        str(p.relative_to(repo)): p.read_bytes()
        for p in sorted(repo.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(repo).parts
    }


def free_port() -> int:
    """A TCP port nothing listens on (bound and released at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(port: int, timeout: float = 10.0) -> None:
    """Wait until a server accepts connections on ``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")
