"""git through GitPython: a long history's stream, the persistent object reader, the
network's progress, config files.

Imported only when one of these is needed (GitPython's import costs ~55–85 ms, see the
README): :class:`dvtui.git.repo.GitRepo` loads this module on first use of a full
history, the persistent blob reader, the network or a config change — never for ``list``,
``show``, ``set`` or ``log -n`` (one-shot commands run through :mod:`dvtui.git.process`).

- :meth:`Runner.stream`: ``Git.execute`` (a typed wrapper: the command is a list, the
  output bytes as they come);
- :meth:`Runner.blob`: GitPython's persistent ``git cat-file --batch`` (one per repository,
  behind a lock: it is not thread-safe);
- :meth:`Runner.remote`: a fetch, push or clone whose meter goes to ``RemoteProgress``,
  killed after a time limit;
- :func:`edit_config`: a config file changed through ``GitConfigParser``, written the way
  git writes it (``config.lock``, fsync, rename), never in place.

Every process starts in the environment of :mod:`dvtui.git.environment`: the redirecting
variables are scrubbed from ``os.environ`` (GitPython copies it), the fixed ones are set
on the ``Git`` object.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import git
from git.cmd import handle_process_output
from git.config import GitConfigParser
from git.util import RemoteProgress

from dvtui.git.environment import FIXED, scrub
from dvtui.git.process import GitError

if TYPE_CHECKING:
    from dvtui.git.repo import ConfigFile

__all__ = ["Meter", "RemoteRun", "Runner", "edit_config"]

Meter = Callable[[str, float], None]  # (git's phase, e.g. "Receiving objects", 0..1)

_OPTIONS = ("-c", "core.quotePath=false")
_PHASES = {
    RemoteProgress.COUNTING: "Counting objects",
    RemoteProgress.COMPRESSING: "Compressing objects",
    RemoteProgress.WRITING: "Writing objects",
    RemoteProgress.RECEIVING: "Receiving objects",
    RemoteProgress.RESOLVING: "Resolving deltas",
    RemoteProgress.FINDING_SOURCES: "Finding sources",
    RemoteProgress.CHECKING_OUT: "Checking out files",
}


@dataclass(frozen=True)
class RemoteRun:
    """A finished network command: exit status, stdout, and git's non-progress lines."""

    status: int
    stdout: str
    stderr: str
    timed_out: bool = False


class _Progress(RemoteProgress):
    """GitPython's parser of git's meter, passing (phase, fraction) on."""

    def __init__(self, meter: Meter | None) -> None:
        super().__init__()
        self._meter = meter

    def update(
        self,
        op_code: int,
        cur_count: str | float,
        max_count: str | float | None = None,
        message: str = "",
    ) -> None:
        if self._meter is None or not max_count:
            return
        phase = _PHASES.get(op_code & RemoteProgress.OP_MASK, "")
        self._meter(phase, min(1.0, float(cur_count) / float(max_count)))


class Runner:
    """git commands in one working tree (or, for a clone, one folder) through GitPython."""

    def __init__(self, cwd: Path) -> None:
        scrub()
        self._git = git.Git(str(cwd))
        self._git.update_environment(**FIXED)
        self._blob_lock = threading.Lock()

    def _argv(self, args: tuple[str, ...]) -> list[str]:
        return [str(self._git.GIT_PYTHON_GIT_EXECUTABLE), *_OPTIONS, *args]

    def stream(self, *args: str, chunk: int = 1 << 16) -> Iterator[bytes]:
        """The stdout of a long command as it comes (``git log`` of a long history).

        Stopping early ends the process. GitError after the last chunk when git failed.
        """
        scrub()
        handle = self._git.execute(self._argv(args), as_process=True)  # kills git when freed
        proc: subprocess.Popen[bytes] | None = handle.proc
        assert proc is not None and proc.stdout is not None and proc.stderr is not None
        try:
            while data := proc.stdout.read(chunk):
                yield data
            err = proc.stderr.read().decode("utf-8", "replace")
            status = proc.wait()
        finally:
            if proc.poll() is None:  # the reader stopped early
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()
        if status != 0:
            raise GitError(args, status, err)

    def blob(self, ref: str) -> bytes | None:
        """The bytes of an object (``<sha>`` or ``<rev>:<path>``); None when git has none."""
        scrub()
        with self._blob_lock:
            try:
                _sha, _kind, _size, data = self._git.get_object_data(ref)
            except (ValueError, OSError, git.GitCommandError):
                self._git.clear_cache()  # a broken pipe or a bad answer: start afresh
                return None
        return data

    def remote(
        self,
        *args: str,
        meter: Meter | None,
        env: Mapping[str, str],
        timeout: float,
    ) -> RemoteRun:
        """A fetch, push or clone: its meter to ``meter``, killed after ``timeout`` seconds.

        In its own session (no terminal for git or SSH to ask on).
        """
        scrub()
        started = time.monotonic()
        proc = self._git.execute(
            self._argv(args),
            as_process=True,
            universal_newlines=True,  # lines split at CR too: the meter rewrites its line
            errors="replace",  # a server's message in another encoding must not stop the pump
            env=dict(env),
            start_new_session=os.name == "posix",
        )
        progress = _Progress(meter)
        out: list[str] = []
        handle_process_output(
            proc,
            out.append,
            progress.new_message_handler(),
            None,
            decode_streams=False,
            kill_after_timeout=timeout,
        )
        popen: subprocess.Popen[str] | None = proc.proc  # None once killed for the time limit
        status = popen.wait() if popen is not None else 1
        timed_out = popen is None or time.monotonic() - started >= timeout
        lines = [*progress.error_lines, *progress.other_lines]
        return RemoteRun(status, "".join(out), "\n".join(lines), timed_out and status != 0)

    def close(self) -> None:
        """End the persistent object reader."""
        with self._blob_lock:
            self._git.clear_cache()


def edit_config(path: Path, change: Callable[[ConfigFile], None]) -> None:
    """Change the config file ``path`` through GitPython's parser, written as git writes it.

    GitPython's parser takes git's lock (``config.lock``, created exclusively: OSError while
    a git writes the file); the new text goes to a temporary file, fsynced, renamed over
    the config while the lock is held — a crash leaves the old config or the new one,
    never half of one (GitPython alone rewrites the file in place).
    """
    buffer = io.BytesIO()
    buffer.name = str(path)  # where GitPython puts its lock
    parser = GitConfigParser(buffer, read_only=False, merge_includes=False)  # locks
    tmp = path.with_name(f"{path.name}.dvtui-{os.getpid()}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):  # no config yet: an empty one
            buffer.write(path.read_bytes())
        buffer.seek(0)
        parser.read()
        change(parser)
        parser.write()
        with open(tmp, "wb") as out:
            out.write(buffer.getvalue())
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
        with contextlib.suppress(Exception):  # the error that matters is already raised
            parser.release()  # removes config.lock whatever happens
