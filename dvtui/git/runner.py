"""A small stand-in for the part of GitPython dvtui used, on the git command line alone.

Importing GitPython costs about 55 ms (and gitdb's object database more on first use);
every ``dvtui`` command pays it before doing anything. What dvtui needs is running ``git``
and reading blobs, so :class:`Repo` offers just that, with GitPython's calling convention
(``repo.git.rev_parse("HEAD")``, ``repo.git(c="core.fsync=committed").commit(…)``), so that
the code written against GitPython reads the same.

- ``repo.git.<command>(*args, env=…)`` runs ``git <command>`` (underscores become dashes)
  in the C locale without a terminal, returns stdout (one final newline stripped unless
  ``strip_newline_in_stdout=False``) and raises :class:`GitCommandError` on failure;
- ``repo.blob(sha)`` reads an object through one persistent ``git cat-file --batch``.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import IO

from dvtui.core.problems import DataError


class GitCommandError(Exception):
    """A git command that exited non-zero; ``stderr`` holds what it said."""

    def __init__(self, command: list[str], status: int, stderr: str) -> None:
        super().__init__(f"{' '.join(command)}: exit {status}: {stderr.strip()}")
        self.command = command
        self.status = status
        self.stderr = stderr


def git_dir(root: Path) -> Path | None:
    """The git folder of the working tree ``root`` (``.git``, or a worktree's ``gitdir:``)."""
    dot = root / ".git"
    if dot.is_dir():
        return dot
    try:
        text = dot.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if not text.startswith("gitdir: "):
        return None
    path = Path(text[8:])
    return path if path.is_absolute() else (root / path).resolve()


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env["LANGUAGE"] = "C"  # messages dvtui recognises (lock races) are git's English ones
    env["LC_ALL"] = "C"
    env["GIT_TERMINAL_PROMPT"] = "0"
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(var, None)
    if extra:
        env.update(extra)
    return env


class GitCli:
    """``git`` in one working tree; ``cli.<command>(*args)`` runs a command."""

    def __init__(self, root: Path, options: tuple[str, ...] = ()) -> None:
        self._root = root
        self._options = options

    def __call__(self, **config: str) -> GitCli:
        """The same, with ``-c`` options: ``cli(c="core.fsync=committed").commit(…)``."""
        options = list(self._options)
        for key, value in config.items():
            options += [f"-{key}" if len(key) == 1 else f"--{key}", value]
        return GitCli(self._root, tuple(options))

    def __getattr__(self, name: str) -> Callable[..., str]:
        if name.startswith("_"):
            raise AttributeError(name)
        command = name.replace("_", "-")

        def run(
            *args: str, env: dict[str, str] | None = None, strip_newline_in_stdout: bool = True
        ) -> str:
            return self.run(command, *args, env=env, strip=strip_newline_in_stdout)

        return run

    def run(
        self, command: str, *args: str, env: dict[str, str] | None = None, strip: bool = True
    ) -> str:
        """Run ``git <command> <args>``; stdout as text."""
        argv = ["git", "-C", str(self._root), *self._options, command, *args]
        try:
            proc = subprocess.run(
                argv, stdin=subprocess.DEVNULL, capture_output=True, env=_env(env), check=False
            )
        except OSError as exc:  # git is not installed
            raise GitCommandError(argv, 127, str(exc)) from None
        if proc.returncode != 0:
            stderr = proc.stderr.decode("utf-8", "replace")
            raise GitCommandError(argv, proc.returncode, stderr)
        out = proc.stdout.decode("utf-8", "surrogateescape")
        return out[:-1] if strip and out.endswith("\n") else out


class _BlobReader:
    """One ``git cat-file --batch`` for all blob reads of a repository (started on first use)."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            ["git", "-C", str(self._root), "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_env(None),
        )
        weakref.finalize(self, _close, proc.stdin)  # cat-file ends when its input does
        return proc

    def read(self, sha: str) -> bytes:
        """The bytes of object ``sha``; DataError when git does not have it."""
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            stdin, stdout = self._proc.stdin, self._proc.stdout
            assert stdin is not None and stdout is not None
            try:
                stdin.write(sha.encode("ascii") + b"\n")
                stdin.flush()
                header = stdout.readline().split()
                if len(header) != 3:  # "<sha> missing" (or git went away)
                    raise DataError("err.git.failed", detail=f"{sha}: missing")
                size = int(header[2])
                data = stdout.read(size)
                stdout.read(1)  # the newline after the content
            except (OSError, ValueError):
                self._proc = None
                raise DataError("err.git.failed", detail=f"{sha}: cat-file failed") from None
            return data


def _close(stream: IO[bytes] | None) -> None:
    if stream is not None:
        with contextlib.suppress(OSError):
            stream.close()


class Repo:
    """A working tree: ``.git`` (GitCli), ``.git_dir``, ``.working_tree_dir``, ``.blob()``."""

    def __init__(self, root: Path) -> None:
        found = git_dir(root)
        if found is None or not (found / "HEAD").exists():
            raise NotARepository(str(root))
        self.working_tree_dir = str(root)
        self.git_dir = str(found)
        self.git = GitCli(root)
        self._blobs = _BlobReader(root)

    def blob(self, sha: str) -> bytes:
        """The content of a blob."""
        return self._blobs.read(sha)


class NotARepository(Exception):
    """The folder is not the top of a git working tree."""


__all__ = ["GitCli", "GitCommandError", "NotARepository", "Repo", "git_dir"]
