"""Running git for sync: a safe environment, progress from git's own meter, plain errors.

Every git call here runs with ``GIT_TERMINAL_PROMPT=0`` (git never asks for a password;
credential helpers and SSH keys are git's business), without a controlling terminal, in
the C locale so that its messages can be recognised, and with credentials stripped from
any URL that reaches a message. Network failures become one-line Vietnamese reasons.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from dvtui.core.problems import DataError

# A network command that makes no progress for this long is given up (slow links are
# fine: the limit is on the whole command, and a killed fetch or push changes nothing).
NETWORK_TIMEOUT = 900.0

_CREDENTIALS = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<cred>[^/@\s]+)@")
_PERCENT = re.compile(r"^(?P<what>[A-Za-z][A-Za-z ]+):\s+(?P<pct>\d+)%")

GitProgress = Callable[[str, float], None]  # (git's phase, e.g. "Receiving objects", 0..1)


def redact(text: str) -> str:
    """``https://lan:secret@host/x`` → ``https://host/x`` in any text."""
    return _CREDENTIALS.sub(lambda m: m.group("scheme"), text)


def strip_password(url: str) -> str:
    """A URL without its password (the user name, which is not secret, stays)."""
    m = _CREDENTIALS.match(url)
    if m is None:
        return url
    user = m.group("cred").split(":", 1)[0]
    return f"{m.group('scheme')}{user}@{url[m.end() :]}"


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of every git call dvtui makes."""
    env = dict(os.environ)
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",  # never a password prompt on the terminal
            "GCM_INTERACTIVE": "never",  # nor from Git Credential Manager
            "LC_ALL": "C",
            "LANGUAGE": "C",
        }
    )
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    env.pop("GIT_INDEX_FILE", None)
    env.update(extra or {})
    return env


def git(
    root: Path,
    *args: str,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[bytes]:
    """Run a local git command in ``root``; DataError(err.git.failed) when it fails."""
    proc = subprocess.run(
        ["git", "-C", str(root), "-c", "core.quotePath=false", *args],
        input=input,
        capture_output=True,
        env=git_env(env),
        stdin=None if input is not None else subprocess.DEVNULL,
    )
    if check and proc.returncode != 0:
        raise failed(proc.stderr.decode("utf-8", "replace"))
    return proc


def out(root: Path, *args: str) -> str:
    """The stdout of a local git command, stripped."""
    return git(root, *args).stdout.decode("utf-8", "replace").strip()


def failed(stderr: str) -> DataError:
    """A git failure nobody expected, as one line without credentials."""
    detail = " ".join(redact(stderr).split())
    return DataError("err.git.failed", detail=detail[:300])


def _ssh_env(root: Path) -> dict[str, str]:
    """Batch-mode SSH (no password prompt) unless the user chose their own SSH command."""
    if "GIT_SSH_COMMAND" in os.environ or "GIT_SSH" in os.environ:
        return {}
    proc = git(root, "config", "--get", "core.sshCommand", check=False)
    if proc.stdout.strip():
        return {}
    return {"GIT_SSH_COMMAND": "ssh -o BatchMode=yes"}


def network(
    root: Path,
    args: Sequence[str],
    *,
    url: str,
    progress: GitProgress | None = None,
) -> tuple[int, str, str]:
    """Run a git command that talks to a server; (exit status, stdout, stderr).

    Git's progress meter ("Receiving objects:  45% (9/20)") is passed to ``progress``.
    The command runs in its own session, so neither git nor SSH can open the terminal.
    """
    env = git_env(_ssh_env(root))
    with tempfile.TemporaryFile() as stdout:
        try:
            proc = subprocess.Popen(
                ["git", "-C", str(root), *args],
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=os.name == "posix",
            )
        except OSError as exc:
            raise DataError("err.git.failed", detail=str(exc)) from None
        stderr = _read_progress(proc, progress)
        try:
            code = proc.wait(timeout=NETWORK_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            raise DataError("err.sync.timeout", url=redact(url)) from None
        stdout.seek(0)
        return code, stdout.read().decode("utf-8", "replace"), stderr


def _read_progress(proc: subprocess.Popen[bytes], progress: GitProgress | None) -> str:
    """Collect stderr, reporting each percentage line as it comes (git ends them with CR)."""
    assert proc.stderr is not None
    kept: list[str] = []
    pending = b""
    while True:
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        pending += chunk
        *lines, pending = re.split(rb"[\r\n]", pending)
        for raw in lines:
            line = raw.decode("utf-8", "replace").strip()
            if line.startswith("remote: "):
                line = line[8:].strip()
            m = _PERCENT.match(line)
            if m is not None:
                if progress is not None:
                    progress(m.group("what"), int(m.group("pct")) / 100)
            elif line:
                kept.append(line)
    if pending.strip():
        kept.append(pending.decode("utf-8", "replace").strip())
    return "\n".join(kept)


# What git says when it cannot find, log in to or reach the server (LC_ALL=C messages),
# checked in this order: "could not read from remote repository" follows the first two.
_MISSING = (
    "does not appear to be a git repository",
    "' does not exist",  # clone of a local path: "repository '/x' does not exist"
    "repository not found",
    "not exported",  # git daemon: "access denied or repository not exported"
    "no such repository",
    "returned error: 404",
)
_AUTH = (
    "authentication failed",
    "terminal prompts disabled",
    "could not read username",
    "could not read password",
    "permission denied (publickey",
    "permission denied, please try again",
    "returned error: 401",
    "returned error: 403",
    "invalid username or password",
)
_OFFLINE = (
    "could not resolve host",
    "temporary failure in name resolution",
    "connection refused",
    "network is unreachable",
    "no route to host",
    "timed out",
    "failed to connect",
    "unable to connect",
    "couldn't connect",
    "connection reset",
    "the remote end hung up",
    "could not read from remote repository",
    "unable to access",
)


def network_error(stderr: str, url: str) -> DataError:
    """The one-line reason for a failed fetch, push or clone."""
    text = stderr.casefold()
    where = redact(url)
    for needles, code in (
        (_MISSING, "err.sync.not_found"),
        (_AUTH, "err.sync.auth"),
        (_OFFLINE, "err.sync.offline"),
    ):
        if any(s in text for s in needles):
            return DataError(code, url=where)
    return failed(stderr)
