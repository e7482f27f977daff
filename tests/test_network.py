"""The network runner without GitPython (``dvtui.git.network``): git's stderr read as
GitPython's ``RemoteProgress`` reads it, and a silent server given up after the time limit
with everything git started."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

from conftest import git
from git.util import RemoteProgress

from dvtui.git.network import PHASES, _Lines, run_remote

# What git writes to stderr during a fetch or push, CR-rewritten meter lines split apart,
# with the error, hint and remote lines a server sends.
STDERR = [
    "remote: Enumerating objects: 5, done.",
    "remote: Counting objects:  20% (1/5)",
    "remote: Counting objects: 100% (5/5), done.",
    "remote: Compressing objects:  50% (1/2)",
    "remote: Compressing objects: 100% (2/2), done.",
    "Receiving objects:   0% (0/3)",
    "Receiving objects:  66% (2/3), 1.20 KiB | 1.20 MiB/s",
    "Receiving objects: 100% (3/3), done.",
    "Resolving deltas: 100% (1/1), done.",
    "Counting objects: 4, done.",
    "Writing objects: 100% (3/3), 290 bytes | 290.00 KiB/s, done.",
    "CompreReceiving objects:  10% (1/10)",
    "remote: error: hook declined to update refs/heads/main",
    "error: failed to push some refs to '/srv/x.git'",
    "fatal: could not read Username for 'https://example.org': terminal prompts disabled",
    "hint: Updates were rejected because the remote contains work that you do not",
    "From /srv/x",
    " * [new branch]      main       -> origin/main",
    "",
]


class _Reference(RemoteProgress):
    """GitPython's own reading, with the meter as dvtui passed it on before."""

    def __init__(self) -> None:
        super().__init__()
        self.meter: list[tuple[int, float]] = []

    def update(
        self,
        op_code: int,
        cur_count: str | float,
        max_count: str | float | None = None,
        message: str = "",
    ) -> None:
        if max_count:
            fraction = float(cur_count) / float(max_count)
            self.meter.append((op_code & RemoteProgress.OP_MASK, fraction))


def test_stderr_is_read_as_gitpython_reads_it() -> None:
    reference = _Reference()
    handler = reference.new_message_handler()
    seen: list[tuple[str, float]] = []
    lines = _Lines(lambda phase, fraction: seen.append((phase, fraction)))
    for line in STDERR:
        handler(line + "\n")
        lines.take(line + "\n")
    assert lines.errors == reference.error_lines
    assert lines.other == reference.other_lines
    phases = {
        RemoteProgress.COUNTING: "Counting objects",
        RemoteProgress.COMPRESSING: "Compressing objects",
        RemoteProgress.WRITING: "Writing objects",
        RemoteProgress.RECEIVING: "Receiving objects",
        RemoteProgress.RESOLVING: "Resolving deltas",
        RemoteProgress.FINDING_SOURCES: "Finding sources",
        RemoteProgress.CHECKING_OUT: "Checking out files",
    }
    assert set(phases.values()) == PHASES
    assert seen == [(phases[op], min(1.0, f)) for op, f in reference.meter]
    assert len(seen) == 9 and ("Receiving objects", 2 / 3) in seen


def test_a_failed_fetch_says_why(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(repo))
    done = run_remote(
        repo, ["fetch", "--progress", str(tmp_path / "nowhere")], meter=None, env={}, timeout=60
    )
    assert done.status != 0 and not done.timed_out
    assert done.stderr.splitlines()[0].startswith("fatal:")
    assert "does not appear to be a git repository" in done.stderr


def test_a_silent_server_is_given_up_with_what_git_started(tmp_path: Path) -> None:
    """git:// to a port that accepts and never answers: killed at the limit, session and all."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    accepted: list[socket.socket] = []

    def accept() -> None:
        try:
            while True:
                accepted.append(server.accept()[0])
        except OSError:  # closed at the end of the test
            return

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    repo = tmp_path / "repo"
    git(tmp_path, "init", "-q", str(repo))
    try:
        t0 = time.monotonic()
        done = run_remote(
            repo,
            ["fetch", "--progress", f"git://127.0.0.1:{port}/x.git"],
            meter=None,
            env={},
            timeout=1.5,
        )
        took = time.monotonic() - t0
        assert done.timed_out and done.status != 0
        assert took < 30  # not git's own minutes of waiting
        assert accepted  # git really was talking to it
    finally:
        server.close()
        for conn in accepted:
            conn.close()
        thread.join(timeout=10)
    assert not _git_children_of(os.getpid())


def _git_children_of(pid: int) -> list[int]:
    """Processes of ours still running git (none may outlive the limit)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and b"git" in cmdline.split(b"\0")[0]:
            found.append(int(entry.name))
    return found
