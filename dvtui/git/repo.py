"""A data repo's git: the typed operations dvtui does, and nothing else.

Two runners under one environment policy (:mod:`dvtui.git.environment`):

- the save path and the UI's start — identity, ``add``/``commit``, HEAD, ``status``, the
  committed bytes of a file — run git directly (:mod:`dvtui.git.process`), so that
  ``dvtui set`` never pays GitPython's import;
- everything else — history, blobs, merges, refs, the network, config changes — goes
  through GitPython (:mod:`dvtui.git.library`), loaded on first use.

Nothing here knows about records or Textual; it moves bytes and commits.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from dvtui.core.problems import DataError
from dvtui.core.recordclass import frozen
from dvtui.git import locks, process
from dvtui.git.dirs import GitDirs, find_git_dirs, index_checksum
from dvtui.git.log import Commit, log_format, parse_log
from dvtui.git.process import GitError, Result, failure
from dvtui.i18n import t

if TYPE_CHECKING:
    from dvtui.git.library import Runner

LOCK_WAIT_SECONDS = 3.0  # how long a save waits for another process's git lock files
COMMIT_ATTEMPTS = 4  # a commit that loses a race for a git lock is tried again
# git's default leaves loose objects unsynced: after a power cut HEAD could name a commit
# that never reached the disk. dvtui's commits harden objects and refs.
FSYNC = ("-c", "core.fsync=committed")
_COMMITTED = re.compile(rb"^\[[^\]\n]*?\b([0-9a-f]{40}|[0-9a-f]{64})\]", re.MULTILINE)
_TRANSIENT = ("index.lock': File exists", "cannot lock ref", ".lock': File exists")
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# The settings a commit depends on: who makes it, and what ``git commit`` would do that the
# plumbing does not (signing, another cleanup or encoding of the message, hooks elsewhere).
_IDENTITY_KEYS = r"^user\.(name|email)$"
_COMMIT_KEYS = r"^(commit\.(gpgsign|cleanup)|i18n\.commitencoding|core\.hookspath)$"


@frozen
class MadeCommit:
    """A commit this process built with plumbing, and git's index checksum right after its
    tree was written from the index."""

    sha: str
    index: str | None
    parent: str = ""
    changed: tuple[str, ...] = ()  # the paths its tree changes against ``parent``


# The hooks `git commit` runs and the plumbing does not.
_COMMIT_HOOKS = ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit")
_GC_AUTO_LOOSE = 6700  # gc.auto's default


def clean_message(message: str) -> str:
    """``message`` as ``git commit -m`` stores it (cleanup mode ``whitespace``): trailing
    spaces cut, runs of empty lines made one, none at either end, a final newline."""
    lines: list[str] = []
    for line in message.split("\n"):
        line = line.rstrip(" \t\r")  # git's isspace(): ASCII only
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


class ConfigFile(Protocol):
    """A config file being changed (GitPython's parser): sections as git writes them,
    ``'branch "main"'`` for ``[branch "main"]``."""

    def set_value(self, section: str, option: str, value: str) -> object:
        """Set ``option`` of ``section`` (created when missing)."""
        ...

    def has_option(self, section: str, option: str) -> bool:
        """True when the option is set in this file."""
        ...

    def remove_section(self, section: str) -> bool:
        """Remove a whole section; False when there was none."""
        ...


def _no_checkpoint(_name: str) -> None:
    """No test hook."""


@frozen
class Identity:
    """A git author."""

    name: str
    email: str

    def env(self) -> dict[str, str]:
        """The variables that make git write this person as author and committer."""
        return {
            "GIT_AUTHOR_NAME": self.name,
            "GIT_AUTHOR_EMAIL": self.email,
            "GIT_COMMITTER_NAME": self.name,
            "GIT_COMMITTER_EMAIL": self.email,
        }


@frozen
class WorkingState:
    """What the dashboard shows about the repository."""

    uncommitted: int  # changed or untracked files not committed
    upstream: str | None  # the remote branch followed, if any
    ahead: int  # local commits not yet pushed
    behind: int  # remote commits not yet merged (as of the last fetch)


def read_head(dirs: GitDirs) -> str | None:
    """HEAD's sha from the ref files ("" = no commit yet); None when only git can tell.

    A save asks this every time; reading two small files spares a ``git rev-parse``.
    Anything unusual (a symbolic ref to a symbolic ref, reftable, a damaged file) is
    left to git.
    """
    try:
        head = (dirs.git_dir / "HEAD").read_text(encoding="utf-8").strip()
        if _SHA.fullmatch(head):
            return head  # detached
        if not head.startswith("ref: refs/heads/"):
            return None
        ref = head[5:]
        try:
            sha = (dirs.common_dir / ref).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            sha = ""
        if sha:
            return sha if _SHA.fullmatch(sha) else None
        try:
            packed = (dirs.common_dir / "packed-refs").read_text(encoding="utf-8")
        except FileNotFoundError:
            packed = ""
        for line in packed.splitlines():
            value, _, name = line.partition(" ")
            if name == ref and _SHA.fullmatch(value):
                return value
        if (dirs.common_dir / "reftable").exists():
            return None
        return ""  # the branch has no commit yet
    except (OSError, UnicodeDecodeError):
        return None


def shallow_boundary(dirs: GitDirs) -> frozenset[str]:
    """The commits a shallow clone has without their parents (empty for a full clone).

    Their diff is not what they changed (git shows every file as added), so history and
    audit must not read it as a change.
    """
    try:
        return frozenset((dirs.common_dir / "shallow").read_text(encoding="ascii").split())
    except OSError:
        return frozenset()


def _fail(exc: GitError) -> DataError:
    return failure(exc.stderr or str(exc))


def _config_key(key: str) -> str:
    """``key`` as git names it: section and name in lower case, a subsection as written."""
    section, _, rest = key.partition(".")
    sub, dot, name = rest.rpartition(".")
    return f"{section.lower()}.{sub}{dot}{name.lower()}"


_INTEGER = re.compile(r"[+-]?[0-9]+([kmg]?)", re.IGNORECASE)


def _config_get(
    entries: Sequence[tuple[str, str | None]], key: str, *, boolean: bool
) -> str | None:
    """What ``git config [--type=bool] --get key`` prints, from ``git config --list``'s
    entries (None where git finds nothing or fails): the last value wins; a key without
    ``=`` is true; a boolean is git's ``true``/``yes``/``on``, ``false``/``no``/``off``/empty
    or a number, any case."""
    wanted = _config_key(key)
    found = [value for name, value in entries if name == wanted]
    if not found:
        return None
    value = found[-1]
    if not boolean:
        return value or ""
    if value is None:
        return "true"
    word = value.lower()
    if word in ("true", "yes", "on"):
        return "true"
    if word in ("false", "no", "off", ""):
        return "false"
    if _INTEGER.fullmatch(value):
        return "true" if int(value.rstrip("kKmMgG")) != 0 else "false"
    return None  # git: "bad boolean config value"


class GitRepo:
    """A git working tree with the operations dvtui needs."""

    def __init__(self, root: Path) -> None:
        dirs = find_git_dirs(root)
        if dirs is None:
            raise DataError("err.git.not_repo", path=str(root))
        self.root = root
        self.dirs = dirs
        self.notices: list[str] = []  # things the user should know (a stale lock removed)
        self.last_commit: MadeCommit | None = None  # the last commit made with plumbing
        self._runner: Runner | None = None
        self._config_list: list[tuple[str, str | None]] | None = None  # see config_read_once

    @classmethod
    def init(cls, root: Path) -> GitRepo:
        """Create an empty repository with ``main`` as its branch."""
        import git  # GitPython: once per data repo, its import cost is irrelevant here

        from dvtui.git.environment import scrub

        scrub()  # GitPython's ``Repo`` reads GIT_DIR & co. itself
        git.Repo.init(root, initial_branch="main").close()
        return cls(root)

    @property
    def git_dir(self) -> Path:
        """This working tree's git folder (``.git``, or a linked worktree's own)."""
        return self.dirs.git_dir

    @property
    def library(self) -> Runner:
        """The GitPython runner (imported and started on first use)."""
        if self._runner is None:
            from dvtui.git.library import Runner

            self._runner = Runner(self.root)
        return self._runner

    def close(self) -> None:
        """End the persistent processes (the object reader)."""
        if self._runner is not None:
            self._runner.close()

    # --- the plain runner ------------------------------------------------------------------

    def run(
        self, *args: str, input: bytes | None = None, env: Mapping[str, str] | None = None
    ) -> bytes:
        """stdout of a git command run directly; GitError when it fails."""
        return process.run(self.root, *args, input=input, env=env)

    def run_result(self, *args: str, env: Mapping[str, str] | None = None) -> Result:
        """A git command run directly, whatever its exit status."""
        return process.run_result(self.root, *args, env=env)

    # --- identity and config ---------------------------------------------------------------

    def identity(self, config: Mapping[str, str] | None = None) -> Identity:
        """The user's git identity (env or config); DataError if either part is missing.
        ``config``: what :meth:`commit_config` read (no git process then)."""
        name = os.environ.get("GIT_AUTHOR_NAME")
        email = os.environ.get("GIT_AUTHOR_EMAIL")
        if not name or not email:
            if config is None:
                config = self.config_values(_IDENTITY_KEYS)  # both keys from one git process
            name = name or config.get("user.name", "").strip()
            email = email or config.get("user.email", "").strip()
        if not name or not email:
            raise DataError("err.git.identity")
        return Identity(name, email)

    def commit_config(self) -> dict[str, str]:
        """The identity and every setting a commit looks at, from one git process: a save
        reads it once and gives it to :meth:`identity` and :meth:`commit`."""
        return self.config_values(f"{_IDENTITY_KEYS}|{_COMMIT_KEYS}")

    def set_identity(self, name: str, email: str) -> None:
        """Record the user's identity in this repository's own config (asked once by the UI)."""

        def change(config: ConfigFile) -> None:
            config.set_value("user", "name", name)
            config.set_value("user", "email", email)

        self.edit_config(change)

    def config(self, key: str, *, boolean: bool = False) -> str | None:
        """One config value as git resolves it (every level, includes); None when unset."""
        if self._config_list is not None:
            return _config_get(self._config_list, key, boolean=boolean)
        args = ["config", *(["--type=bool"] if boolean else []), "--get", key]
        result = self.run_result(*args)
        return result.text() if result.ok else None

    def config_values(self, pattern: str) -> dict[str, str]:
        """Config keys matching the regex ``pattern`` (as git resolves them, last wins;
        names in lower case, as git gives them)."""
        if self._config_list is not None:
            wanted = re.compile(pattern)
            return {k: v or "" for k, v in self._config_list if wanted.search(k)}
        result = self.run_result("config", "-z", "--get-regexp", pattern)
        found: dict[str, str] = {}
        for item in result.stdout.decode("utf-8", "replace").split("\0"):
            key, _, value = item.partition("\n")
            if key:
                found[key] = value
        return found

    @contextlib.contextmanager
    def config_read_once(self) -> Iterator[None]:
        """A context in which :meth:`config` and :meth:`config_values` answer from one
        ``git config --list`` read on entering (a sync asks about ten keys); a nested one
        keeps the outer read. A config change made through :meth:`edit_config` reads it
        again."""
        if self._config_list is not None:
            yield
            return
        self._config_list = self._read_config_list()
        try:
            yield
        finally:
            self._config_list = None

    def _read_config_list(self) -> list[tuple[str, str | None]]:
        out = self.run_result("config", "-z", "--list").stdout
        entries: list[tuple[str, str | None]] = []
        for item in out.decode("utf-8", "replace").split("\0"):
            key, newline, value = item.partition("\n")
            if key:
                entries.append((key, value if newline else None))
        return entries

    def edit_config(self, change: Callable[[ConfigFile], None]) -> None:
        """Change the repository's own config file (GitPython's writer, git's lock)."""
        from dvtui.git.library import edit_config

        edit_config(self.dirs.config, change)
        if self._config_list is not None:
            self._config_list = self._read_config_list()

    # --- state checks ----------------------------------------------------------------------

    def check_ready(self) -> None:
        """Refuse (DataError) to commit mid-merge, mid-rebase, detached, or while locked."""
        git_dir = self.dirs.git_dir
        if (git_dir / "MERGE_HEAD").exists():
            raise DataError("err.git.merging")
        if (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists():
            raise DataError("err.git.rebasing")
        if self.branch() is None:
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
        while held := locks.lock_files(self.dirs):
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
                names = ", ".join(locks.shown(p, self.root) for p in removed)
                self.notices.append(t("notice.stale_lock", locks=names))
            deadline = time.monotonic() + LOCK_WAIT_SECONDS  # a lock now is a live git's

    def branch(self) -> str | None:
        """The current branch's name (``main``); None on a detached HEAD."""
        try:
            head = (self.dirs.git_dir / "HEAD").read_text(encoding="utf-8").strip()
        except OSError:
            head = ""
        if head.startswith("ref: refs/heads/"):
            return head[len("ref: refs/heads/") :]
        if _SHA.fullmatch(head):
            return None
        result = self.run_result("symbolic-ref", "--short", "-q", "HEAD")
        return result.text() or None if result.ok else None

    def head(self) -> str | None:
        """The sha of HEAD, or None in an empty repository."""
        found = read_head(self.dirs)
        if found is not None:
            return found or None
        return self.rev("HEAD")

    def rev(self, rev: str) -> str | None:
        """The commit ``rev`` names (a sha, a branch, ``HEAD~2``…), or None when none."""
        result = self.run_result(
            "rev-parse", "--verify", "-q", "--end-of-options", f"{rev}^{{commit}}"
        )
        return result.text() or None if result.ok else None

    def revs(self, *refs: str) -> dict[str, str | None]:
        """The commit each full ref name (``refs/remotes/origin/main``) names, or None, as
        :meth:`rev` would say, from one ``git for-each-ref`` (a tag is peeled to its commit;
        anything stranger is asked of :meth:`rev`)."""
        return self._revs(refs, [])

    def revs_containing(self, commit: str, *refs: str) -> dict[str, str]:
        """Of ``refs``, those whose history holds ``commit``, and the commit each names (as
        :meth:`revs`), from one ``git for-each-ref --contains``."""
        found = self._revs(refs, [f"--contains={commit}"])
        return {ref: sha for ref, sha in found.items() if sha is not None}

    def _revs(self, refs: Sequence[str], options: list[str]) -> dict[str, str | None]:
        fields = "%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)"
        out = self.run("for-each-ref", f"--format={fields}", *options, "--", *refs)
        found: dict[str, str | None] = dict.fromkeys(refs)
        for line in out.decode("utf-8", "surrogateescape").splitlines():
            name, kind, sha, peeled_kind, peeled = line.split("\0")
            if name not in found:
                continue  # a ref below one asked for (``main/x`` under ``main``)
            if kind == "commit":
                found[name] = sha
            elif kind == "tag" and peeled_kind == "commit":
                found[name] = peeled
            else:
                found[name] = self.rev(name)
        return found

    def working_state(self) -> WorkingState:
        """Uncommitted files and ahead/behind the upstream, from one ``git status``."""
        out = self.run("status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all")
        uncommitted = 0
        upstream = None
        ahead = behind = 0
        entries = iter(out.decode("utf-8", "surrogateescape").split("\0"))
        for line in entries:
            if line.startswith("# branch.upstream "):
                upstream = line.split(" ", 2)[2]
            elif line.startswith("# branch.ab "):
                a, b = line.split()[2:4]
                ahead, behind = int(a), -int(b)
            elif line and not line.startswith("#"):
                uncommitted += 1
                if line.startswith("2 "):
                    next(entries, None)  # a rename's original path
        return WorkingState(uncommitted, upstream, ahead, behind)

    def dirty_paths(self, among: Sequence[str] | None = None) -> set[str]:
        """Files with uncommitted changes, or untracked (``among``: only these paths are
        looked at — git then stats just them, not every file of the working tree)."""
        only = [f":(literal){path}" for path in among] if among is not None else []
        raw = self.run("status", "--porcelain", "-z", "--untracked-files=all", "--", *only)
        paths: set[str] = set()
        entries = iter(raw.decode("utf-8", "surrogateescape").split("\0"))
        for entry in entries:
            if len(entry) > 3:
                paths.add(entry[3:])
                if entry[0] in "RC":
                    next(entries, None)  # the original path of a rename
        return paths

    # --- writing ---------------------------------------------------------------------------

    def commit(
        self,
        paths: list[str],
        message: str,
        *,
        author: Identity | None = None,
        checkpoint: Callable[[str], None] = _no_checkpoint,
        config: Mapping[str, str] | None = None,
    ) -> str:
        """Stage ``paths`` (added, changed or deleted) and commit only them; return the sha.

        ``checkpoint`` is called with ``after_add`` and ``after_commit`` (the crash tests
        stop the process there). ``config``: what :meth:`commit_config` read for this save.
        """
        env = author.env() if author is not None else {}
        head = self._plumbing_parent(paths, config)
        for attempt in range(1, COMMIT_ATTEMPTS + 1):
            try:
                if head is not None:
                    # Staged as `git add --all` stages files (same filters), no pathspec magic.
                    self.run(*FSYNC, "update-index", "--add", "--remove", "--", *paths, env=env)
                else:
                    self.run("add", "--all", "--", *paths, env=env)
                checkpoint("after_add")
                fast = self._plumbing_commit(head, paths, message, env) if head else None
                if fast is not None:
                    checkpoint("after_commit")
                    return fast
                # Not -q: the summary line names the new commit ("[main <sha>] …"), in
                # full with core.abbrev=40, which spares a ``git rev-parse HEAD``.
                out = self.run(
                    *FSYNC,
                    "-c",
                    "core.abbrev=40",
                    "commit",
                    "--no-edit",
                    "-m",
                    message,
                    "--",
                    *paths,
                    env=env,
                )
                checkpoint("after_commit")
                found = _COMMITTED.search(out)
                return (
                    found.group(1).decode()
                    if found
                    else self.run("rev-parse", "HEAD").decode().strip()
                )
            except GitError as exc:
                self.reset_paths(paths)
                # Another git (a hand-typed one, a sync) took a lock between our wait and
                # our command: wait for it and try again rather than fail the save.
                if attempt < COMMIT_ATTEMPTS and any(m in exc.stderr for m in _TRANSIENT):
                    self.wait_for_lock()
                    continue
                raise _fail(exc) from None
        raise AssertionError("unreachable")  # the loop returns or raises

    def _plumbing_parent(
        self, paths: Sequence[str], config: Mapping[str, str] | None
    ) -> str | None:
        """HEAD, when the commit of ``paths`` may be built with plumbing; else None.

        ``git commit -- paths`` stats every tracked file and writes the whole index twice
        (a third of a second with 50,000 records); ``write-tree`` reuses the index's cached
        trees. Taken only when nothing of ``git commit`` is missed: no commit hook, no
        signing, no other cleanup or encoding of the message, a branch with a first commit,
        files (not folders) to commit.
        """
        head = self.head()
        if head is None or self.branch() is None or self._commit_is_configured(config):
            return None
        if any((self.root / path).is_dir() for path in paths):
            return None
        return head

    def _plumbing_commit(
        self, head: str, paths: Sequence[str], message: str, env: Mapping[str, str]
    ) -> str | None:
        """The commit ``git commit -- paths`` would make (tree, message, author, committer,
        reflog), built from the index; None when the index differs from ``head`` in more than
        ``paths`` (what was staged by hand stays out, as ``git commit -- paths`` leaves it)
        or in none of them: then ``git commit`` makes it, or says why not.
        """
        text = clean_message(message)
        if not text:
            return None  # git commit's own answer
        try:
            tree = self.run(*FSYNC, "write-tree").decode().strip()
        except GitError:
            return None  # an unmerged path, say: git commit says what
        # The tree written, not the index as it was a moment before, is compared with
        # ``head``: what it changes is known exactly (another git may stage meanwhile).
        staged = self.run("diff-tree", "-r", "--name-only", "-z", head, tree, "--")
        names = set(staged.decode("utf-8", "surrogateescape").split("\0")) - {""}
        if not names or names - set(paths):
            return None  # nothing to commit, or more than paths: git commit's own answer
        sha = (
            self.run(*FSYNC, "commit-tree", tree, "-p", head, input=text.encode(), env=env)
            .decode()
            .strip()
        )
        subject = text.split("\n", 1)[0]
        index = index_checksum(self.dirs)  # after write-tree, which may write the index
        # ``update-ref`` moves HEAD only if it is still ``head``: the commit sits right on it.
        self.run(*FSYNC, "update-ref", "-m", f"commit: {subject}", "HEAD", sha, head, env=env)
        self.last_commit = MadeCommit(sha, index, head, tuple(sorted(names)))
        self._maintain_when_due()
        return sha

    def _commit_is_configured(self, config: Mapping[str, str] | None) -> bool:
        """Whether ``git commit`` would do more here than the plumbing does: a commit hook,
        signing, another cleanup of the message, another message encoding."""
        if config is None:
            config = self.config_values(_COMMIT_KEYS)
        if any(key not in ("core.hookspath", "user.name", "user.email") for key in config):
            return True
        configured = config.get("core.hookspath")
        hooks = self.dirs.common_dir / "hooks"
        if configured is not None:  # relative: to the top of the working tree, as git has it
            hooks = self.root / os.path.expanduser(configured)
        return any(
            os.access(hooks / name, os.X_OK) and (hooks / name).is_file() for name in _COMMIT_HOOKS
        )

    def _maintain_when_due(self) -> None:
        """``git maintenance run --auto`` as ``git commit`` runs it after every commit, started
        only when loose objects may have reached gc's default threshold (6,700, estimated
        from one folder as git does): the other reasons (packs piling up) come from fetches,
        and ``git fetch`` runs it itself."""
        try:
            loose = len(os.listdir(self.dirs.common_dir / "objects" / "17"))
        except OSError:
            return
        if loose > _GC_AUTO_LOOSE // 256:
            self.run_result("maintenance", "run", "--auto", "--quiet")

    def index_is(self, commit: str) -> bool:
        """Whether git's index holds ``commit``'s tree exactly (nothing staged beside it)."""
        staged = self.run_result("diff-index", "--cached", "--name-only", "-z", commit, "--")
        return staged.ok and not staged.stdout

    def is_only_commit_on(self, parent: str, sha: str, path: str) -> bool:
        """Whether HEAD is ``sha``, made right on ``parent``, changing ``path`` alone (no hook
        added others), with git's index holding its tree (nothing else staged)."""
        if self.head() != sha:
            return False
        made = self.last_commit
        if made is not None and made.sha == sha and made.parent and made.index is not None:
            # Built here: its parent and what its tree changes are known, no ``git log``.
            return (
                made.parent == parent
                and made.changed == (path,)
                and index_checksum(self.dirs) == made.index
            )
        shown = self.run_result(
            "log", "-n1", "-z", "--format=%P", "--name-only", "--no-renames", sha, "--"
        )
        wanted = parent.encode() + b"\0\n" + path.encode("utf-8", "surrogateescape") + b"\0"
        if not (shown.ok and shown.stdout == wanted):
            return False
        made = self.last_commit
        if made is not None and made.sha == sha and made.index is not None:
            # Built here from the index: no git wrote the index since its tree was written.
            return index_checksum(self.dirs) == made.index
        return self.index_is(sha)

    def reset_paths(self, paths: Sequence[str], *, check: bool = False) -> None:
        """Git's index entries of ``paths`` back to HEAD's (``check``: DataError if not)."""
        if self.head() is not None:
            done = self.run_result("reset", "-q", "HEAD", "--", *paths)
        else:
            done = self.run_result("rm", "-q", "--cached", "--ignore-unmatch", "--", *paths)
        if check and not done.ok:
            raise failure(done.stderr)

    def update_ref(self, ref: str, new: str, old: str | None = None) -> None:
        """Point ``ref`` at ``new`` (only if it still points at ``old``, when given)."""
        args = ["update-ref", ref, new, *([old] if old is not None else [])]
        try:
            self.run(*FSYNC, *args)
        except GitError as exc:
            raise _fail(exc) from None

    def update_refs(self, refs: Mapping[str, str]) -> None:
        """Point every ref at its commit in one transaction (``git update-ref --stdin``)."""
        if not refs:
            return
        lines = "".join(f"update {ref} {new}\n" for ref, new in refs.items())
        try:
            self.run(*FSYNC, "update-ref", "--stdin", input=lines.encode())
        except GitError as exc:
            raise _fail(exc) from None

    def fast_forward(self, target: str) -> Result:
        """Move the current branch and the working tree forward to ``target``."""
        return self.run_result("merge", "--ff-only", "--no-stat", "-q", target)

    def write_commit_graph(self, *, split: bool = False) -> None:
        """A commit-graph with changed-path filters: history reads far fewer commits.

        ``split`` adds a layer for new commits only (milliseconds even for a long history).
        Only an optimisation: a failure changes nothing else.
        """
        args = ["commit-graph", "write", "--reachable", "--changed-paths"]
        self.run_result(*args, *(["--split"] if split else []))

    # --- reading ---------------------------------------------------------------------------

    def root_commit(self) -> str | None:
        """The first commit of the history (a data repo's ``dvtui init``): the same in every
        clone, so it names the data repo. The oldest one when histories were joined."""
        if self.head() is None:
            return None
        out = self.run("rev-list", "--max-parents=0", "HEAD", "--")
        roots = out.decode().split()
        return roots[-1] if roots else None

    def is_ancestor(self, a: str, b: str) -> bool:
        """True when commit ``a`` is in the history of ``b``."""
        result = self.run_result("merge-base", "--is-ancestor", a, b)
        if result.status not in (0, 1):
            raise failure(result.stderr)
        return result.status == 0

    def merge_bases(self, a: str, b: str) -> set[str]:
        """Every best common ancestor of two commits (``a`` alone when it is in the history
        of ``b``: one git process answers both ways of :meth:`is_ancestor`)."""
        result = self.run_result("merge-base", "--all", a, b)
        if result.status not in (0, 1):  # 1: no common history
            raise failure(result.stderr)
        return set(result.stdout.decode().split())

    def count(self, *revisions: str) -> int:
        """How many commits ``git rev-list`` walks for ``revisions``."""
        return int(self.run("rev-list", "--count", *revisions, "--").strip() or 0)

    def ahead_behind(self, local: str, other: str) -> tuple[int, int]:
        """Commits only in ``local``, and only in ``other``."""
        out = self.run("rev-list", "--left-right", "--count", f"{local}...{other}", "--")
        ahead, behind = out.split()
        return int(ahead), int(behind)

    def changed_paths(self, old: str, new: str) -> set[str]:
        """Files that differ between two commits."""
        out = self.run("diff", "--name-only", "--no-renames", "-z", old, new, "--")
        return {p for p in out.decode("utf-8", "surrogateescape").split("\0") if p}

    def tree_blobs(self, commit: str, folder: str) -> dict[str, str]:
        """path → blob id of every file under ``folder`` in ``commit``."""
        out = self.run("ls-tree", "-r", "-z", "--full-tree", commit, "--", folder)
        found: dict[str, str] = {}
        for item in out.decode("utf-8", "surrogateescape").split("\0"):
            if item:
                meta, path = item.split("\t", 1)
                found[path] = meta.split()[2]
        return found

    def walk_parents(self, revisions: Sequence[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(commit, its parents) for every commit ``revisions`` reach."""
        out = self.run("rev-list", "--parents", *revisions, "--")
        for line in out.decode().splitlines():
            sha, *parents = line.split()
            yield sha, tuple(parents)

    def log(
        self,
        revisions: Sequence[str] = ("HEAD",),
        paths: Sequence[str] = (),
        *,
        reverse: bool = False,
        signatures: bool = False,
        limit: int | None = None,
        merges: str = "first-parent",
    ) -> Iterator[Commit]:
        """Stream commits with the files they changed, newest first (oldest first, parents
        before children, when ``reverse``). One ``git log`` process for the whole walk.

        ``merges``: ``first-parent`` — a merge lists the files it changed against its first
        parent; ``off`` — merges list no files; ``none`` — merges are left out.
        ``limit`` is passed to git (``-n``), so a long history is never walked for it.
        """
        args = ["log", "-z", log_format(signatures), "--raw", "--no-abbrev", "--no-renames"]
        args.append("--no-merges" if merges == "none" else f"--diff-merges={merges}")
        if reverse:
            args += ["--reverse", "--topo-order"]
        if limit is not None:
            args.append(f"-n{max(limit, 0)}")
        args += ["--end-of-options", *revisions, "--", *paths]
        try:
            if limit is not None:  # a page: read at once, without GitPython's import
                output = process.run(self.root, *args)
                yield from parse_log([output], signatures=signatures)
                return
            yield from parse_log(self.library.stream(*args), signatures=signatures)
        except GitError as exc:
            detail = " ".join(exc.stderr.split())
            if "does not have any commits" in detail or "unknown revision" in detail:
                raise DataError(
                    "err.git.revision", rev=" ".join(revisions), detail=detail[:200]
                ) from None
            raise _fail(exc) from None

    def path_log(self, path: str, limit: int | None = None) -> list[Commit]:
        """Commits that changed ``path``, newest first (merges without files)."""
        if self.head() is None:
            return []
        return list(self.log(("HEAD",), (path,), limit=limit, merges="off"))

    def shallow_since(self) -> datetime | None:
        """For a shallow clone, the date of its oldest commit (history stops there)."""
        boundary = shallow_boundary(self.dirs)
        if not boundary:
            return None
        out = self.run("log", "--no-walk", "--format=%aI", *sorted(boundary), "--")
        return min(datetime.fromisoformat(line) for line in out.decode().split())

    def blob(self, ref: str) -> bytes:
        """An object's bytes (``<sha>`` or ``<rev>:<path>``) from git's persistent reader."""
        data = self.library.blob(ref)
        if data is None:
            raise DataError("err.git.failed", detail=f"{ref}: missing")
        return data

    def blobs(self, shas: Sequence[str]) -> dict[str, bytes]:
        """Several objects' bytes from one ``git cat-file --batch`` run directly (a page of
        history needs a few dozen: not worth GitPython's import and persistent reader)."""
        wanted = list(dict.fromkeys(shas))
        if not wanted:
            return {}
        out = self.run("cat-file", "--batch", input="".join(f"{s}\n" for s in wanted).encode())
        found: dict[str, bytes] = {}
        at = 0
        for sha in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) != 3:  # "<sha> missing"
                continue
            size = int(header[2])
            found[sha] = out[at : at + size]
            at += size + 1
        return found

    def committed(self, path: str) -> bytes | None:
        """The file as the last commit holds it, or None when HEAD has no such file.

        On the save path: one direct ``git cat-file``, no GitPython.
        """
        if self.head() is None:
            return None
        result = self.run_result("cat-file", "blob", f"HEAD:{path}")
        return result.stdout if result.ok else None


__all__ = [
    "Commit",
    "GitDirs",
    "GitRepo",
    "Identity",
    "WorkingState",
    "find_git_dirs",
    "read_head",
    "shallow_boundary",
]
