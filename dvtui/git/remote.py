"""Talking to the office's git server: fetch, push, clone, the branches it holds.

Every command runs through GitPython with ``RemoteProgress`` reading git's meter, in its own
session (no terminal for git or SSH to ask a password on), ``GIT_TERMINAL_PROMPT=0``,
batch-mode SSH unless the user chose an SSH command, and a time limit; any URL that
reaches a message has its credentials removed. Failures become one-line Vietnamese
reasons (:func:`network_error`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.core.problems import DataError
from dvtui.git.environment import redact, ssh_batch_mode
from dvtui.git.process import failure
from dvtui.i18n import N_

if TYPE_CHECKING:
    from dvtui.git.library import Meter, RemoteRun
    from dvtui.git.repo import GitRepo

__all__ = [
    "NETWORK_TIMEOUT",
    "Fetched",
    "clone",
    "fetch",
    "network_error",
    "push",
    "server_branches",
]

# A network command that takes longer than this is given up (slow links are fine: the
# limit is on the whole command, and a killed fetch or push changes nothing).
NETWORK_TIMEOUT = 900.0


@dataclass(frozen=True)
class Fetched:
    """A fetch of one branch: done, or the server has no such branch."""

    found: bool


def _env(repo: GitRepo | None) -> dict[str, str]:
    configured = repo is not None and repo.config("core.sshCommand") is not None
    return ssh_batch_mode(configured)


def _run(
    cwd: Path, args: list[str], url: str, meter: Meter | None, repo: GitRepo | None
) -> RemoteRun:
    from dvtui.git.library import Runner

    runner = repo.library if repo is not None else Runner(cwd)
    done = runner.remote(*args, meter=meter, env=_env(repo), timeout=NETWORK_TIMEOUT)
    if done.timed_out:
        raise DataError("err.sync.timeout", url=redact(url))
    return done


def fetch(
    repo: GitRepo, remote: str, branch: str, into: str, *, url: str, meter: Meter | None
) -> Fetched:
    """Fetch the server's ``branch`` into the ref ``into``; DataError when it can't."""
    refspec = f"+refs/heads/{branch}:{into}"
    done = _run(repo.root, ["fetch", "--progress", "--no-tags", remote, refspec], url, meter, repo)
    if done.status == 0:
        return Fetched(True)
    if "couldn't find remote ref" in done.stderr.casefold():
        return Fetched(False)
    raise network_error(done.stderr, url)


def push(
    repo: GitRepo, remote: str, sha: str, branch: str, *, url: str, meter: Meter | None
) -> str | None:
    """Send ``sha`` as the server's ``branch``; None when accepted, else the refusal."""
    args = ["push", "--porcelain", "--progress", remote, f"{sha}:refs/heads/{branch}"]
    done = _run(repo.root, args, url, meter, repo)
    code = done.status
    for line in done.stdout.splitlines():
        flag, _, rest = line.partition("\t")
        if flag == "!":
            reason = rest.split("\t", 1)[-1].strip()
            hook = [ln[7:].strip() for ln in done.stderr.splitlines() if ln.startswith("remote:")]
            return redact(" ".join([reason, *hook]))[:300]
        if flag in (" ", "*", "+", "=") and rest:
            code = 0
    if code != 0:
        raise network_error(done.stderr, url)
    return None


def server_branches(repo: GitRepo, remote: str, *, url: str) -> list[str]:
    """The branches the server holds (``git ls-remote --heads``), sorted."""
    done = _run(repo.root, ["ls-remote", "--heads", remote], url, None, repo)
    if done.status != 0:
        raise network_error(done.stderr, url)
    names = []
    for line in done.stdout.splitlines():
        _sha, _, ref = line.partition("\t")
        if ref.startswith("refs/heads/"):
            names.append(ref[len("refs/heads/") :])
    return sorted(names)


def clone(url: str, target: Path, *, branch: str | None, meter: Meter | None) -> RemoteRun:
    """``git clone`` of ``url`` into ``target`` (of ``branch`` when given), not checked out:
    the caller sets the clone up (its own attributes first) before any file is written."""
    args = [
        "clone",
        "--progress",
        "--no-checkout",
        *(["--branch", branch] if branch else []),
        "--",
        url,
        str(target),
    ]
    return _run(target.parent, args, url, meter, None)


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
        (_MISSING, N_("err.sync.not_found")),
        (_AUTH, N_("err.sync.auth")),
        (_OFFLINE, N_("err.sync.offline")),
    ):
        if any(s in text for s in needles):
            return DataError(code, url=where)
    return failure(stderr)
