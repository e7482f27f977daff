"""Shared fixtures: an isolated git identity and real temporary data repos."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import settings

from dvtui.i18n import current_language, set_language
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store

# Hypothesis profiles: ``make test`` runs "ci"; ``make fuzz`` sets HYPOTHESIS_PROFILE=fuzz.
settings.register_profile("ci", max_examples=60, deadline=None)
settings.register_profile("fuzz", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

USER_NAME = "Nguyễn Thị Lan"
USER_EMAIL = "lan.noivu@tuangiao.example"


def write_gitconfig(
    home: Path, name: str | None = USER_NAME, email: str | None = USER_EMAIL
) -> None:
    """A ~/.gitconfig for a fake HOME; leave out name/email to test a missing identity."""
    lines = ["[init]", "\tdefaultBranch = main"]
    if name or email:
        lines.append("[user]")
        if name:
            lines.append(f"\tname = {name}")
        if email:
            lines.append(f"\temail = {email}")
    (home / ".gitconfig").write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def own_git_identity(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A HOME and git identity of its own, for a repo a module fixture builds once (the
    autouse ``isolated_git`` is per test)."""
    home = tmp_path_factory.mktemp("home")
    write_gitconfig(home)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        yield


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs with its own HOME and git identity, never the developer's."""
    home = tmp_path_factory.mktemp("home")
    write_gitconfig(home)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("LANG", "C.UTF-8")
    for var in (
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
        "DVTUI_REPO",
        "DVTUI_LANG",
    ):
        monkeypatch.delenv(var, raising=False)
    set_language("vi")
    return home


_TEMPLATES: dict[str, Path] = {}


@pytest.fixture
def repo_path(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh data repo made from the bundled records (one initial commit).

    ``dvtui init`` runs once per test process; each test gets a copy of that repository
    (a plain copy of a git repository is the same repository: same commit, objects,
    config), which takes a fifth of the time of an init.
    """
    template = _TEMPLATES.get("bundled")
    if template is None:
        template = tmp_path_factory.mktemp("template") / "data"
        init_data_repo(template)
        _TEMPLATES["bundled"] = template
    path = tmp_path / "data"
    shutil.copytree(template, path, symlinks=True)
    # The copies have new inodes and change times: git's index learns them, as it would
    # after a clone, so that git vouches for every file as dvtui's caches expect.
    git(path, "update-index", "-q", "--refresh")
    return path


@pytest.fixture
def store(repo_path: Path) -> Iterator[Store]:
    """The Store of ``repo_path``."""
    yield Store(repo_path)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` and return its stdout (raises on failure)."""
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def dvtui(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real ``dvtui`` command line in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "dvtui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
    )


class Hung(BaseException):
    """A :func:`cli` call ran past its time limit (a BaseException: the command line's own
    ``except OSError`` must not turn it into an error message)."""


def cli(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """``dvtui ARGS`` in this process: the console script's own ``main(argv)``
    (``dvtui.cli.quick``, then ``dvtui.cli.main``) with stdin empty, stdout and stderr
    captured as a pipe would carry them, the environment and working folder of
    :func:`dvtui`, and the same result — without a new interpreter importing dvtui again
    (a quarter of a second of CPU a call, a fifth of the suite's).

    For tests about what a command does. What only a process of its own shows stays with
    :func:`dvtui`: the console script and ``python -m dvtui``, the modules a command
    imports, the interpreter's exit on an uncaught error (here it is raised in the test),
    a crash point's SIGKILL, locks and concurrent programs.

    ``timeout``: seconds after which the call is stopped by SIGALRM and :class:`Hung` is
    raised in the test (a command blocked on a FIFO is interrupted as a process is killed).
    """
    from dvtui.cli.quick import main

    changes = env or {}
    if "DVTUI_CRASH_AT" in changes or "DVTUI_CRASH_AT" in os.environ:
        raise AssertionError("a crash point kills the process: use dvtui(), not cli()")
    out, err = io.BytesIO(), io.BytesIO()
    # What Python gives a program whose stdout and stderr are pipes, under LANG=C.UTF-8.
    stdout = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", newline="\n")
    stdin = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8")  # pytest gives /dev/null
    lang = current_language()
    here = os.getcwd()
    saved = {name: os.environ.get(name) for name in changes}
    real_stdin = sys.stdin

    def hung(signum: int, frame: object) -> None:
        raise Hung(f"dvtui {' '.join(args)} still running after {timeout} s")

    alarm = signal.signal(signal.SIGALRM, hung) if timeout is not None else None
    try:
        os.environ.update(changes)
        if cwd is not None:
            os.chdir(cwd)
        sys.stdin = stdin
        if timeout is not None:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        with redirect_stdout(stdout), redirect_stderr(stderr):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse's usage errors, --help, --version
                if exc.code is None or isinstance(exc.code, int):
                    code = exc.code or 0
                else:
                    print(exc.code, file=sys.stderr)
                    code = 1
            stdout.flush()
            stderr.flush()
    finally:
        if timeout is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, signal.SIG_DFL if alarm is None else alarm)
        sys.stdin = real_stdin
        os.chdir(here)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        set_language(lang)  # main() chose the user's language for this run only

    def text(data: bytes) -> str:  # as subprocess.run(text=True) decodes a pipe
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")

    return subprocess.CompletedProcess(
        ["dvtui", *args], code, text(out.getvalue()), text(err.getvalue())
    )
