"""The git layer: identity, repository state, one-file commits, a path's history.

Commits go through the git command line (``repo.git``, see :mod:`dvtui.git.runner`).
GitPython is imported only where its cost does not matter (creating a repository):
importing it costs every command ~55 ms, and its ``index.add`` rewrites the whole index
in Python, ten times slower than git on a large repo — so the save path never uses it.
Nothing here knows about records or Textual; it moves bytes and commits.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dvtui.core.problems import DataError
from dvtui.git import locks
from dvtui.git.runner import GitCommandError, NotARepository, Repo
from dvtui.i18n import t

NULL_SHA = "0" * 40
_SEP_COMMIT = "\x1e"
_SEP_FIELD = "\x1f"
LOCK_WAIT_SECONDS = 3.0  # how long a save waits for another process's git lock files
COMMIT_ATTEMPTS = 4  # a commit that loses a race for a git lock is tried again
# git's default leaves loose objects unsynced: after a power cut HEAD could name a commit
# that never reached the disk. dvtui's commits harden objects and refs.
FSYNC = "core.fsync=committed"
_COMMITTED = re.compile(r"^\[[^\]\n]*?\b([0-9a-f]{40}|[0-9a-f]{64})\]", re.MULTILINE)
_TRANSIENT = ("index.lock': File exists", "cannot lock ref", ".lock': File exists")


def _no_checkpoint(_name: str) -> None:
    """No test hook."""


@dataclass(frozen=True)
class Identity:
    """A git author."""

    name: str
    email: str


@dataclass(frozen=True)
class PathCommit:
    """One commit that touched a path: who, when, the message, the blobs before and after."""

    sha: str
    author: str
    email: str
    when: datetime
    message: str
    old_blob: str | None
    new_blob: str | None

    @property
    def subject(self) -> str:
        """The first line of the message."""
        return self.message.split("\n", 1)[0]


def shallow_boundary(git_dir: Path) -> frozenset[str]:
    """The commits a shallow clone has without their parents (empty for a full clone).

    Their diff is not what they changed (git shows every file as added), so history and
    audit must not read it as a change.
    """
    try:
        return frozenset((git_dir / "shallow").read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def _read_head(git_dir: Path) -> str | None:
    """HEAD's sha from the ref files ("" = no commit yet); None when only git can tell.

    A save asks this every time; reading two small files spares a ``git rev-parse``.
    Anything unusual (a symbolic ref to a symbolic ref, reftable, a damaged file) is
    left to git.
    """
    if (git_dir / "commondir").exists():  # a linked worktree: its refs live elsewhere
        return None
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
        if _SHA.fullmatch(head):
            return head  # detached
        if not head.startswith("ref: refs/"):
            return None
        ref = head[5:]
        try:
            sha = (git_dir / ref).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            sha = ""
        if sha:
            return sha if _SHA.fullmatch(sha) else None
        try:
            packed = (git_dir / "packed-refs").read_text(encoding="utf-8")
        except FileNotFoundError:
            packed = ""
        for line in packed.splitlines():
            value, _, name = line.partition(" ")
            if name == ref and _SHA.fullmatch(value):
                return value
        if (git_dir / "reftable").exists():
            return None
        return ""  # the branch has no commit yet
    except (OSError, UnicodeDecodeError):
        return None


def _fail(exc: GitCommandError) -> DataError:
    detail = (exc.stderr or str(exc)).strip().replace("\n", " ")
    detail = detail.removeprefix("stderr: ").strip("' ")
    return DataError("err.git.failed", detail=detail[:300])


@dataclass(frozen=True)
class WorkingState:
    """What the dashboard shows about the repository."""

    uncommitted: int  # changed or untracked files not committed
    upstream: str | None  # the remote branch followed, if any
    ahead: int  # local commits not yet pushed
    behind: int  # remote commits not yet merged (as of the last fetch)


class GitRepo:
    """A git working tree with the few operations dvtui needs."""

    def __init__(self, root: Path) -> None:
        try:
            self.repo = Repo(root)
        except NotARepository:
            raise DataError("err.git.not_repo", path=str(root)) from None
        if self.repo.working_tree_dir is None or Path(self.repo.working_tree_dir) != root:
            raise DataError("err.git.not_repo", path=str(root))
        self.root = root
        self.git_dir = Path(self.repo.git_dir)
        self.notices: list[str] = []  # things the user should know (a stale lock removed)

    @classmethod
    def init(cls, root: Path) -> GitRepo:
        """Create an empty repository with ``main`` as its branch."""
        import git  # GitPython: once per data repo, its import cost is irrelevant here

        git.Repo.init(root, initial_branch="main").close()
        return cls(root)

    # --- state checks --------------------------------------------------------------------

    def identity(self) -> Identity:
        """The user's git identity (env or config); DataError if either part is missing."""
        name = os.environ.get("GIT_AUTHOR_NAME")
        email = os.environ.get("GIT_AUTHOR_EMAIL")
        if not name or not email:
            config = self._user_config()  # both keys from one git process
            name = name or config.get("user.name", "")
            email = email or config.get("user.email", "")
        if not name or not email:
            raise DataError("err.git.identity")
        return Identity(name, email)

    def set_identity(self, name: str, email: str) -> None:
        """Record the user's identity in this repository's own config (asked once by the UI)."""
        self.repo.git.config("user.name", name)
        self.repo.git.config("user.email", email)

    def _config(self, key: str) -> str:
        try:
            return str(self.repo.git.config("--get", key)).strip()
        except GitCommandError:
            return ""

    def _user_config(self) -> dict[str, str]:
        """``user.name`` and ``user.email`` as ``git config --get`` gives them (last wins)."""
        try:
            out = self.repo.git.config("-z", "--get-regexp", r"^user\.(name|email)$")
        except GitCommandError:  # exit 1: neither is set
            return {}
        found: dict[str, str] = {}
        for item in out.split("\0"):
            key, _, value = item.partition("\n")
            if key:
                found[key.lower()] = value.strip()
        return found

    def check_ready(self) -> None:
        """Refuse (DataError) to commit mid-merge, mid-rebase, detached, or while locked."""
        if (self.git_dir / "MERGE_HEAD").exists():
            raise DataError("err.git.merging")
        if (self.git_dir / "rebase-merge").exists() or (self.git_dir / "rebase-apply").exists():
            raise DataError("err.git.rebasing")
        head = (self.git_dir / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref: "):
            raise DataError("err.git.detached")
        if self.head() is None:  # ``git init`` and files copied in: nothing committed yet
            raise DataError("err.git.empty")
        self.wait_for_lock()

    def wait_for_lock(self) -> None:
        """Wait briefly for git lock files of another process; remove them if they are stale.

        A lock that outlives the wait and that no live process holds was left by a git that
        was killed (see :mod:`dvtui.git.locks`): it is removed and a notice added. DataError
        when a live process keeps it (named in the message), or when this system cannot
        tell (no ``/proc``): then the message names the file to delete by hand.
        """
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while held := locks.lock_files(self.git_dir):
            if time.monotonic() <= deadline:
                time.sleep(0.02)
                continue
            found = locks.holders(self.root, held)
            if found is None:
                raise DataError("err.git.locked", lock=held[0].name, path=str(held[0]))
            if found:
                raise DataError("err.git.locked_by", lock=held[0].name, who=str(found[0]))
            removed = locks.unlink_all(held)
            if removed:
                names = ", ".join(str(p.relative_to(self.root)) for p in removed)
                self.notices.append(t("notice.stale_lock", locks=names))
            deadline = time.monotonic() + LOCK_WAIT_SECONDS  # a lock now is a live git's

    # --- writing -------------------------------------------------------------------------

    def commit(
        self,
        paths: list[str],
        message: str,
        *,
        author: Identity | None = None,
        checkpoint: Callable[[str], None] = _no_checkpoint,
    ) -> str:
        """Stage ``paths`` (added, changed or deleted) and commit only them; return the sha.

        ``checkpoint`` is called with ``after_add`` and ``after_commit`` (the crash tests
        stop the process there)."""
        env = {}
        if author is not None:
            env = {
                "GIT_AUTHOR_NAME": author.name,
                "GIT_AUTHOR_EMAIL": author.email,
                "GIT_COMMITTER_NAME": author.name,
                "GIT_COMMITTER_EMAIL": author.email,
            }
        for attempt in range(1, COMMIT_ATTEMPTS + 1):
            try:
                self.repo.git.add("--all", "--", *paths, env=env)
                checkpoint("after_add")
                # Not -q: the summary line names the new commit ("[main <sha>] …"), in
                # full with core.abbrev=40, which spares a ``git rev-parse HEAD``.
                out = self.repo.git(c=FSYNC)(c="core.abbrev=40").commit(
                    "--no-edit", "-m", message, "--", *paths, env=env
                )
                checkpoint("after_commit")
                found = _COMMITTED.search(out)
                return found.group(1) if found else self.repo.git.rev_parse("HEAD").strip()
            except GitCommandError as exc:
                self._unstage(paths)
                # Another git (a hand-typed one, a sync) took a lock between our wait and
                # our command: wait for it and try again rather than fail the save.
                if attempt < COMMIT_ATTEMPTS and any(m in str(exc.stderr) for m in _TRANSIENT):
                    self.wait_for_lock()
                    continue
                raise _fail(exc) from None
        raise AssertionError("unreachable")  # the loop returns or raises

    def _unstage(self, paths: list[str]) -> None:
        try:
            if self.head() is not None:
                self.repo.git.reset("-q", "HEAD", "--", *paths)
            else:
                self.repo.git.rm("-q", "--cached", "--ignore-unmatch", "--", *paths)
        except GitCommandError:
            pass  # best effort: the caller restores the files themselves

    def working_state(self) -> WorkingState:
        """Uncommitted files and ahead/behind the upstream, from one ``git status``."""
        out = self.repo.git.status("--porcelain=v2", "--branch", "--untracked-files=all")
        uncommitted = 0
        upstream = None
        ahead = behind = 0
        for line in out.splitlines():
            if line.startswith("# branch.upstream "):
                upstream = line.split(" ", 2)[2]
            elif line.startswith("# branch.ab "):
                a, b = line.split()[2:4]
                ahead, behind = int(a), -int(b)
            elif not line.startswith("#"):
                uncommitted += 1
        return WorkingState(uncommitted, upstream, ahead, behind)

    def head(self) -> str | None:
        """The sha of HEAD, or None in an empty repository."""
        found = _read_head(self.git_dir)
        if found is not None:
            return found or None
        try:
            return str(self.repo.git.rev_parse("--verify", "-q", "HEAD")).strip() or None
        except GitCommandError:
            return None

    # --- reading -------------------------------------------------------------------------

    def path_log(self, path: str, limit: int | None = None) -> list[PathCommit]:
        """Commits that changed ``path``, newest first, with the blob ids before and after."""
        args = [
            f"--format={_SEP_COMMIT}%H{_SEP_FIELD}%an{_SEP_FIELD}%ae{_SEP_FIELD}%aI"
            f"{_SEP_FIELD}%B{_SEP_FIELD}",
            "--raw",
            "--no-abbrev",
            "--no-renames",
        ]
        if limit:
            args.append(f"-n{limit}")
        try:
            out = self.repo.git.log(*args, "--", path, strip_newline_in_stdout=False)
        except GitCommandError as exc:
            if self.head() is None:
                return []
            raise _fail(exc) from None
        commits = []
        for chunk in out.split(_SEP_COMMIT)[1:]:
            sha, author, email, when, message, raw = chunk.split(_SEP_FIELD)
            old_blob = new_blob = None
            for line in raw.strip().splitlines():
                meta = line.split("\t", 1)[0].split()
                if len(meta) >= 4:
                    old_blob = None if meta[2] == NULL_SHA else meta[2]
                    new_blob = None if meta[3] == NULL_SHA else meta[3]
            commits.append(
                PathCommit(
                    sha=sha,
                    author=author,
                    email=email,
                    when=datetime.fromisoformat(when),
                    message=message.strip(),
                    old_blob=old_blob,
                    new_blob=new_blob,
                )
            )
        return commits

    def shallow_since(self) -> datetime | None:
        """For a shallow clone, the date of its oldest commit (history stops there)."""
        boundary = shallow_boundary(self.git_dir)
        if not boundary:
            return None
        out = self.repo.git.log("--no-walk", "--format=%aI", *sorted(boundary))
        return min(datetime.fromisoformat(line) for line in out.split())

    def blob(self, sha: str) -> bytes:
        """The content of a blob (through git's persistent ``cat-file --batch``)."""
        return self.repo.blob(sha)

    def committed(self, path: str) -> bytes | None:
        """The file as the last commit holds it, or None when HEAD has no such file."""
        if self.head() is None:
            return None
        try:
            return self.repo.blob(f"HEAD:{path}")
        except DataError:
            return None

    def repo_log(self, limit: int | None = None) -> list[PathCommit]:
        """Commits that changed the data repo, newest first."""
        return self.path_log(".", limit=limit)
