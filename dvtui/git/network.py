"""Network commands (fetch, push, clone, ls-remote) run directly, without GitPython.

git writes its meter (``Receiving objects:  45% (9/20)``) to stderr, rewriting the line
with a CR; those lines go to a :data:`Meter` as (phase, fraction), and every other line is
kept for the messages (``error:``/``fatal:`` lines first). Each command runs in its own
session (no terminal for git or SSH to ask a password on) and is killed, with everything
it started, after a time limit. The environment is the one of every git process
(:mod:`dvtui.git.environment`), plus what the caller adds (SSH in batch mode).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from dvtui.git.process import start_text

__all__ = ["Meter", "RemoteRun", "run_remote"]

Meter = Callable[[str, float], None]  # (git's phase, e.g. "Receiving objects", 0..1)

# git's meter lines, as GitPython's RemoteProgress reads them: relative, then absolute.
_RELATIVE = re.compile(r"(remote: )?([\w\s]+):\s+(\d+)% \((\d+)/(\d+)\)(.*)")
_ABSOLUTE = re.compile(r"(remote: )?([\w\s]+):\s+()(\d+)()(.*)")
PHASES = frozenset(
    {
        "Counting objects",
        "Compressing objects",
        "Writing objects",
        "Receiving objects",
        "Resolving deltas",
        "Finding sources",
        "Checking out files",
    }
)


@dataclass(frozen=True)
class RemoteRun:
    """A finished network command: exit status, stdout, and git's non-progress lines."""

    status: int
    stdout: str
    stderr: str
    timed_out: bool = False


@dataclass
class _Lines:
    """git's stderr sorted: errors, the meter, everything else."""

    meter: Meter | None
    errors: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    def take(self, line: str) -> None:
        line = line.rstrip()
        if line.startswith(("error:", "fatal:")):
            self.errors.append(line)
            return
        match = _RELATIVE.match(line) or _ABSOLUTE.match(line)
        if match is None:
            self.other.append(line)
            return
        _remote, phase, _percent, count, total, _rest = match.groups()
        if phase not in PHASES:
            return  # a line cut into another (seen on Windows): dropped, as GitPython does
        if self.meter is not None and total:
            self.meter(phase, min(1.0, float(count) / float(total)))


def _pump(stream: IO[str], take: Callable[[str], None]) -> None:
    with contextlib.suppress(ValueError, OSError):  # closed after a kill
        for line in stream:
            take(line)


def run_remote(
    cwd: Path, args: list[str], *, meter: Meter | None, env: Mapping[str, str], timeout: float
) -> RemoteRun:
    """Run ``git ARGS`` in ``cwd``; killed (with its children) after ``timeout`` seconds."""
    started = time.monotonic()
    proc = start_text(cwd, *args, env=env, new_session=os.name == "posix")
    assert proc.stdout is not None and proc.stderr is not None
    out: list[str] = []
    lines = _Lines(meter)
    pumps = [
        threading.Thread(target=_pump, args=(proc.stdout, out.append), daemon=True),
        threading.Thread(target=_pump, args=(proc.stderr, lines.take), daemon=True),
    ]
    for pump in pumps:
        pump.start()
    deadline = started + timeout
    killed = False
    for pump in pumps:
        pump.join(max(0.0, deadline - time.monotonic()))
        if pump.is_alive() and not killed:
            killed = True
            _kill(proc.pid)
    for pump in pumps:
        pump.join()
    status = proc.wait()
    proc.stdout.close()
    proc.stderr.close()
    return RemoteRun(
        status, "".join(out), "\n".join([*lines.errors, *lines.other]), killed and status != 0
    )


def _kill(pid: int) -> None:
    """End git and what it started (SSH, a remote helper): its whole session."""
    with contextlib.suppress(OSError):
        if os.name == "posix":
            os.killpg(pid, signal.SIGKILL)
        else:  # pragma: no cover - dvtui runs on Linux
            os.kill(pid, signal.SIGTERM)
