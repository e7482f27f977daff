"""git started directly, without GitPython: the hot paths' runner.

``dvtui list``, ``show`` and ``set`` (and the UI's start) must not pay GitPython's import
(see the README's performance section), so the few commands they need — the loader's
``ls-files``/``diff-files``, identity, ``add``/``commit``, ``status`` — run here. Same
environment policy as every other git process (:mod:`dvtui.git.environment`), no
terminal (stdin is ``/dev/null`` unless input is given), output as bytes. ``subprocess``
is imported on the first call: ``dvtui show`` opens a data repo and never runs git.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from dvtui.core.problems import DataError
from dvtui.git.environment import environment, redact
from dvtui.i18n import N_, t

if TYPE_CHECKING:
    import subprocess

__all__ = [
    "GitError",
    "Result",
    "blobs",
    "failure",
    "run",
    "run_result",
    "start",
    "start_text",
]

# Unquoted UTF-8 names in the few outputs that are not NUL-separated.
_OPTIONS = ("-c", "core.quotePath=false")


class GitError(Exception):
    """A git command that exited non-zero; ``stderr`` holds what it said."""

    def __init__(self, args: Sequence[str], status: int, stderr: str) -> None:
        super().__init__(f"git {' '.join(args[:3])}: exit {status}: {redact(stderr.strip())}")
        self.status = status
        self.stderr = stderr


@dataclass(frozen=True)
class Result:
    """What a finished git command gave."""

    status: int
    stdout: bytes
    stderr: str

    @property
    def ok(self) -> bool:
        """Exit status 0."""
        return self.status == 0

    def text(self) -> str:
        """stdout as text, without its final newline."""
        return self.stdout.decode("utf-8", "replace").rstrip("\n")


# git's words when a write fails for want of space or permission (LC_ALL=C messages).
_DISK = (
    ("no space left on device", N_("err.disk.full")),
    ("out of diskspace", N_("err.disk.full")),
    ("disk quota exceeded", N_("err.disk.quota")),
    ("read-only file system", N_("err.disk.read_only")),
)
_WRITE_FAILED = ("couldn't write", "unable to write", "unable to create", "write error")
# A quoted name opens after a space (the ' of "couldn't" does not open one).
_QUOTED = re.compile(r"(?:^|(?<=\s))'([^'\n]+)'")


def failure(stderr: str) -> DataError:
    """A git failure nobody expected, as one line without credentials; a full or read-only
    disk as the file git could not write (when it says) and the cause in plain words."""
    detail = " ".join(redact(stderr).split())
    lowered = detail.casefold()
    quoted = _QUOTED.findall(detail)  # the file is named last ("cannot update ref '…': …'")
    where = quoted[-1] if quoted else ".git"
    for marker, reason in _DISK:
        if marker in lowered:
            return DataError("err.write", path=where, reason=t(reason))
    if quoted and any(m in lowered for m in _WRITE_FAILED):
        # git does not always say why ("couldn't write '…/main.lock'"): the disk can.
        cause = _disk_cause(Path(where))
        if cause is not None:
            return DataError("err.write", path=where, reason=t(cause))
    return DataError("err.git.failed", detail=detail[:300])


def _disk_cause(path: Path) -> str | None:
    """Why nothing can be written where ``path`` is: read-only, or (almost) no space left."""
    if not hasattr(os, "statvfs"):  # Windows: git's own words are all there is
        return None
    folder = path if path.is_dir() else path.parent
    try:
        info = os.statvfs(folder)
    except OSError:
        return None
    if info.f_flag & os.ST_RDONLY:
        return N_("err.disk.read_only")
    # Less than git itself needs for a while (a new index is written beside the old one,
    # then the old removed), though some may be free again by the time it has failed.
    if info.f_bavail * info.f_frsize < 1 << 20:
        return N_("err.disk.full")
    return None


def _argv(cwd: Path | None, args: Sequence[str]) -> list[str]:
    where = ["-C", str(cwd)] if cwd is not None else []
    return ["git", *where, *_OPTIONS, *args]


def run_result(
    cwd: Path | None,
    *args: str,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
) -> Result:
    """Run ``git -C cwd ARGS``; whatever its exit status (git missing: status 127)."""
    import subprocess

    try:
        proc = subprocess.run(
            _argv(cwd, args),
            input=input,
            stdin=None if input is not None else subprocess.DEVNULL,
            capture_output=True,
            env=environment(env),
            check=False,
        )
    except OSError as exc:  # git is not installed, or cwd vanished
        return Result(127, b"", str(exc))
    return Result(proc.returncode, proc.stdout, proc.stderr.decode("utf-8", "replace"))


def run(
    cwd: Path | None,
    *args: str,
    input: bytes | None = None,
    env: Mapping[str, str] | None = None,
) -> bytes:
    """Run ``git -C cwd ARGS`` and return its stdout; GitError when it fails."""
    result = run_result(cwd, *args, input=input, env=env)
    if not result.ok:
        raise GitError(args, result.status, result.stderr)
    return result.stdout


def start(cwd: Path, *args: str, env: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start ``git -C cwd ARGS``, stdout piped (stderr dropped); the caller reads and waits.

    For output read while this process works on (the loader walks ``records/`` meanwhile).
    OSError when git cannot be started.
    """
    import subprocess

    return subprocess.Popen(
        _argv(cwd, args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment(env),
    )


def start_text(
    cwd: Path, *args: str, env: Mapping[str, str] | None = None, new_session: bool = False
) -> subprocess.Popen[str]:
    """Start ``git -C cwd ARGS`` with stdout and stderr piped as text (UTF-8, bad bytes
    replaced, lines split at CR too: git's progress meter rewrites its line with CR).

    ``new_session``: no controlling terminal, so neither git nor SSH can open ``/dev/tty``
    to ask for a password. OSError when git cannot be started.
    """
    import subprocess

    return subprocess.Popen(
        _argv(cwd, args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(env),
        encoding="utf-8",
        errors="replace",
        start_new_session=new_session,
    )


def blobs(cwd: Path, shas: Sequence[str], *, limit: int) -> Generator[bytes | None, None, None]:
    """The bytes of each blob of ``shas``, in order, from one ``git cat-file --batch``.

    Each is given as git writes it, so the caller works on one while git reads the next
    (one pack read in order instead of a file opened per blob). None for an object git
    does not have, one that is not a blob, one larger than ``limit`` (read past, never held
    in memory), and for every one after git stopped answering. OSError when git cannot be
    started. Closing the iterator early ends git.
    """
    import subprocess
    import threading

    proc = subprocess.Popen(
        _argv(cwd, ("cat-file", "--batch", "--buffer")),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=environment(None),
    )
    assert proc.stdin is not None and proc.stdout is not None
    request = "".join(f"{sha}\n" for sha in shas).encode("ascii")
    feeder = threading.Thread(target=_feed, args=(proc.stdin, request), daemon=True)
    feeder.start()
    out = proc.stdout
    try:
        for at, sha in enumerate(shas):
            data = _next_blob(out, sha, limit)
            if data is _ENDED:  # nothing after it can be trusted to be the one asked for
                yield from (None for _ in shas[at:])
                return
            yield data if isinstance(data, bytes) else None
    finally:
        proc.kill()
        out.close()
        proc.wait()
        feeder.join()


_ENDED = object()  # git stopped answering, or wrote what it never writes


def _feed(pipe: IO[bytes], request: bytes) -> None:
    """Write the requests, then close git's input (git gone meanwhile: nothing to do)."""
    with contextlib.suppress(OSError):
        pipe.write(request)
    with contextlib.suppress(OSError):
        pipe.close()


def _next_blob(out: IO[bytes], sha: str, limit: int) -> object:
    """One object of ``cat-file --batch``: its bytes, None (missing, not a blob, too large:
    read past), or ``_ENDED``."""
    header = out.readline()
    parts = header.split()
    if not header.endswith(b"\n") or parts[:1] != [sha.encode("ascii")]:
        return _ENDED
    if parts[1:] == [b"missing"]:
        return None
    if len(parts) != 3 or not parts[2].isdigit():
        return _ENDED
    size = int(parts[2])
    if parts[1] != b"blob" or size > limit:
        left = size + 1  # and the newline after it
        while left > 0:
            chunk = out.read(min(left, 1 << 20))
            if not chunk:
                return _ENDED
            left -= len(chunk)
        return None
    data = out.read(size)
    if len(data) != size or out.read(1) != b"\n":
        return _ENDED
    return data
