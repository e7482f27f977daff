"""Sharing a data repo through the office's git server: sync, status, conflicts, clone.

``sync`` fetches, merges the server's branch into the local one with a real merge commit
(history stays truthful: nothing published is rewritten) and pushes; when the push is
refused because somebody pushed meanwhile, it fetches and merges again. The merge is
made in memory (``git merge-tree``); the local branch moves only once the merge is clean
and on the server, so a conflict, a refused push or a lost connection leaves the local
repository exactly as it was. Conflicts are kept in ``.git/dvtui-conflicts.json`` (which
commit of the server they are against) and settled with :func:`resolve`.

The TUI calls these functions from a worker thread; ``progress`` is a plain callback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui import __version__
from dvtui.core.changes import field_label, value_text
from dvtui.core.ids import BadId, RecordId
from dvtui.core.merge import BASE, MINE, THEIRS, Choice, Conflict, choice_from_text
from dvtui.core.problems import DataError
from dvtui.git import network as gitcmd
from dvtui.git.network import git, network, network_error, out, redact
from dvtui.i18n import language, t
from dvtui.services.mergetree import commit_merge, is_ancestor, merge_trees
from dvtui.services.synctypes import (
    CommitInfo,
    Outcome,
    Progress,
    ProgressFn,
    RecordActivity,
    Stage,
    SyncResult,
    SyncStatus,
    UnresolvedConflicts,
    activity,
)
from dvtui.storage.merge_driver import ensure_installed

if TYPE_CHECKING:
    from collections.abc import Callable

    from dvtui.storage.store import Store

__all__ = [
    "BASE",
    "MINE",
    "THEIRS",
    "Choice",
    "CommitInfo",
    "Conflict",
    "Progress",
    "ProgressFn",
    "RecordActivity",
    "SyncResult",
    "SyncStatus",
    "UnresolvedConflicts",
    "activity",
    "choice_from_text",
    "clone",
    "forget_conflicts",
    "pending_conflicts",
    "resolve",
    "status",
    "sync",
]

MAX_ATTEMPTS = 5  # fetch-merge-push rounds before giving up on a busy server
MAX_LISTED = 2000  # commits listed as incoming/outgoing (a first sync may bring thousands)
STATE_FILE = "dvtui-conflicts.json"
_FORMAT = "%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f"


# --- the server this clone follows ---------------------------------------------------------


@dataclass(frozen=True)
class _Upstream:
    local: str  # the local branch
    remote: str  # the remote's name (origin)
    branch: str  # the branch on the server
    url: str  # as configured (may hold a user name; never printed unredacted)

    @property
    def tracking(self) -> str:
        return f"refs/remotes/{self.remote}/{self.branch}"

    @property
    def synced(self) -> str:
        """The server's commit at the last successful sync: a rewrite never goes unnoticed."""
        return f"refs/dvtui/synced/{self.remote}/{self.branch}"


def _local_branch(root: Path) -> str:
    proc = git(root, "symbolic-ref", "--short", "-q", "HEAD", check=False)
    if proc.returncode != 0:
        raise DataError("err.git.detached")
    return proc.stdout.decode().strip()


def _upstream(root: Path) -> _Upstream | None:
    local = _local_branch(root)
    proc = git(root, "config", "-z", "--get-regexp", r"^(branch|remote)\.", check=False)
    config: dict[str, str] = {}
    for item in proc.stdout.decode("utf-8", "replace").split("\0"):
        key, _, value = item.partition("\n")
        if key:
            config[key] = value
    remotes = [k[7:-4] for k in config if k.startswith("remote.") and k.endswith(".url")]
    remote = config.get(f"branch.{local}.remote")
    branch = local
    if remote in remotes:
        merge = config.get(f"branch.{local}.merge", "")
        branch = merge.removeprefix("refs/heads/") or local
    elif "origin" in remotes:
        remote = "origin"
    elif len(remotes) == 1:
        remote = remotes[0]
    else:
        return None
    assert remote is not None
    return _Upstream(local, remote, branch, config[f"remote.{remote}.url"])


def _require_upstream(root: Path) -> _Upstream:
    up = _upstream(root)
    if up is None:
        raise DataError("err.sync.no_remote")
    return up


def _rev(root: Path, ref: str) -> str | None:
    proc = git(root, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
    return proc.stdout.decode().strip() or None


def _head(root: Path) -> str:
    head = _rev(root, "HEAD")
    if head is None:
        raise DataError("err.sync.empty_local")
    return head


# --- progress --------------------------------------------------------------------------------


class _Reporter:
    def __init__(self, progress: ProgressFn | None) -> None:
        self.progress = progress
        self.stage: Stage = "fetch"
        self.text = ""

    def __call__(self, stage: Stage, **values: object) -> None:
        self.stage = stage
        self.text = t(f"sync.stage.{stage}", **values)
        if self.progress is not None:
            self.progress(Progress(stage, self.text))

    def meter(self, phase: str, fraction: float) -> None:
        """Git's own meter (``Receiving objects``), within the current stage."""
        if self.progress is not None:
            percent = round(fraction * 100)
            self.progress(Progress(self.stage, f"{self.text} {percent}%", fraction))


# --- talking to the server -------------------------------------------------------------------


def _fetch(root: Path, up: _Upstream, report: _Reporter) -> str | None:
    """Fetch the server's branch; its commit, or None when the branch does not exist yet."""
    report("fetch", url=redact(up.url))
    old = _rev(root, up.tracking)
    refspec = f"+refs/heads/{up.branch}:{up.tracking}"
    code, _out, err = network(
        root,
        ["fetch", "--progress", "--no-tags", up.remote, refspec],
        url=up.url,
        progress=report.meter,
    )
    new: str | None
    if code == 0:
        new = _rev(root, up.tracking)
    elif "couldn't find remote ref" in err.casefold():
        new = None  # an empty server: the first sync creates the branch
    else:
        raise network_error(err, up.url)
    # The server must still hold everything it held before: never merge a rewritten past.
    for known in (old, _rev(root, up.synced)):
        if known is not None and (new is None or not is_ancestor(root, known, new)):
            if old is not None:
                git(root, "update-ref", up.tracking, old)
            raise DataError("err.sync.rewritten", url=redact(up.url))
    return new


def _push(root: Path, up: _Upstream, sha: str, report: _Reporter) -> str | None:
    """Send ``sha`` as the server's branch; None when accepted, else the refusal."""
    report("push", url=redact(up.url))
    code, stdout, err = network(
        root,
        ["push", "--porcelain", "--progress", up.remote, f"{sha}:refs/heads/{up.branch}"],
        url=up.url,
        progress=report.meter,
    )
    for line in stdout.splitlines():
        flag, _, rest = line.partition("\t")
        if flag == "!":
            reason = rest.split("\t", 1)[-1].strip()
            hook = [ln[7:].strip() for ln in err.splitlines() if ln.startswith("remote:")]
            return redact(" ".join([reason, *hook]))[:300]
        if flag in (" ", "*", "+", "=") and rest:
            code = 0
    if code != 0:
        raise network_error(err, up.url)
    git(root, "update-ref", up.tracking, sha)
    return None


# --- the local branch ------------------------------------------------------------------------


def _dirty_paths(root: Path) -> set[str]:
    raw = git(root, "status", "--porcelain", "-z", "--untracked-files=all").stdout.decode()
    paths: set[str] = set()
    entries = iter(raw.split("\0"))
    for entry in entries:
        if len(entry) > 3:
            paths.add(entry[3:])
            if entry[0] in "RC":
                next(entries, None)  # the original path of a rename
    return paths


def _check_clean_for(root: Path, old: str, new: str) -> None:
    """Refuse when a file the merge brings in has uncommitted edits (they would be lost)."""
    dirty = _dirty_paths(root)
    if not dirty:
        return
    changed = set(out(root, "diff", "--name-only", "-z", old, new).split("\0"))
    overlap = sorted(dirty & changed)
    if overlap:
        more = f" (+{len(overlap) - 3})" if len(overlap) > 3 else ""
        raise DataError("err.sync.dirty", paths=", ".join(overlap[:3]) + more)


def _advance(store: Store, old: str, new: str) -> bool:
    """Fast-forward the local branch and working tree from ``old`` to ``new``.

    False when the branch moved meanwhile (a save from the UI): the caller merges again.
    """
    from dvtui.storage import journal

    root = store.root
    # Saves (from this or another dvtui) wait while the files change under them.
    with journal.save_lock(store.git.git_dir):
        store.git.wait_for_lock()
        if _head(root) != old:
            return False
        proc = git(root, "merge", "--ff-only", "--no-stat", "-q", new, check=False)
        if proc.returncode == 0:
            return True
        if _head(root) != old:
            return False
    raise gitcmd.failed(proc.stderr.decode("utf-8", "replace"))


def _commits(
    root: Path, since: str | None, until: str, *, merges: bool = False
) -> list[CommitInfo]:
    """Commits in ``until`` and not in ``since``, newest first, with the records they touched."""
    args = ["log", f"-n{MAX_LISTED}", f"--format={_FORMAT}", "--name-only", until]
    if not merges:
        args.insert(1, "--no-merges")
    if since is not None:
        args.append(f"^{since}")
    text = git(root, *args, "--").stdout.decode("utf-8", "replace")
    commits = []
    for chunk in text.split("\x1e")[1:]:
        sha, author, email, when, subject, files = chunk.split("\x1f")
        records = []
        for path in files.split():
            try:
                records.append(str(RecordId.parse(path)))
            except BadId:
                continue
        commits.append(
            CommitInfo(sha, author, email, datetime.fromisoformat(when), subject, tuple(records))
        )
    return commits


def _after_sync(root: Path, up: _Upstream, server: str | None, changed: bool) -> None:
    if server is not None:
        git(root, "update-ref", up.synced, server)
    _state_path(root).unlink(missing_ok=True)
    if changed:
        # A fresh commit-graph keeps history and ahead/behind fast. "--split" adds a layer
        # for the new commits only (~10 ms at 100k commits; a full rewrite takes seconds).
        git(root, "commit-graph", "write", "--reachable", "--changed-paths", "--split", check=False)


def _set_upstream(root: Path, up: _Upstream) -> None:
    if _upstream_configured(root, up.local):
        return
    git(root, "config", f"branch.{up.local}.remote", up.remote)
    git(root, "config", f"branch.{up.local}.merge", f"refs/heads/{up.branch}")


def _upstream_configured(root: Path, local: str) -> bool:
    return git(root, "config", "--get", f"branch.{local}.merge", check=False).returncode == 0


# --- sync ------------------------------------------------------------------------------------


def sync(
    store: Store,
    progress: ProgressFn | None = None,
    *,
    before_push: Callable[[], None] | None = None,
) -> SyncResult:
    """Fetch, merge and push. Raises DataError (nothing changed) when the server can't be used.

    A true conflict is not an exception: the result has ``outcome == "conflict"`` and the
    conflicts, and the local repository is exactly as before. ``before_push`` is a test
    hook run just before each push (another clone pushes there to make ours be refused).
    """
    root = store.root
    report = _Reporter(progress)
    store.git.check_ready()
    ensure_installed(root)
    up = _require_upstream(root)
    start = _head(root)
    first_server: str | None = None
    refused: tuple[str | None, str] | None = None
    done: set[Outcome] = set()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        server = _fetch(root, up, report)
        if attempt == 1:
            first_server = server
        if refused is not None:
            if server == refused[0]:  # nobody pushed meanwhile: the server said no
                raise DataError("err.sync.push_refused", reason=refused[1])
            report("retry", attempt=attempt)
        local = _head(root)
        if server == local:
            break
        if server is not None and is_ancestor(root, local, server):
            report("update")
            _check_clean_for(root, local, server)
            if not _advance(store, local, server):
                continue
            done.add("pulled")
            break
        if server is None or is_ancestor(root, server, local):
            target = local
        else:
            report("merge")
            merged = merge_trees(root, local, server)
            if merged.conflicts:
                _save_state(root, up, local, server)
                return SyncResult(
                    "conflict",
                    up.remote,
                    up.branch,
                    local,
                    incoming=_commits(root, local, server),
                    outgoing=_commits(root, server, local),
                    conflicts=merged.conflicts,
                    attempts=attempt,
                )
            assert merged.tree is not None
            message = _merge_message(up, _commits(root, local, server), [])
            author = store.git.identity()  # only a merge needs one: pulling works without
            target = commit_merge(root, merged.tree, [local, server], message, author)
            _check_clean_for(root, local, target)
        if before_push is not None:
            before_push()
        reason = _push(root, up, target, report)
        if reason is not None:
            refused = (server, reason)
            continue
        refused = None
        _set_upstream(root, up)
        done.add("pushed")
        if target != local:
            report("update")
            if not _advance(store, local, target):
                continue  # a save landed meanwhile: the next round merges it
            done.add("merged")
        break
    else:
        if refused is not None:
            raise DataError("err.sync.push_refused", reason=refused[1])
        raise DataError("err.sync.busy")
    head = _head(root)
    changed = bool(done & {"pulled", "merged"})
    _after_sync(root, up, _rev(root, up.tracking), changed)
    if changed:
        store.forget()  # the records on disk changed: what the store holds must follow
    report("done")
    outcome: Outcome = "up-to-date"
    for candidate in ("pushed", "pulled", "merged"):  # the last one found wins
        if candidate in done:
            outcome = candidate
    return SyncResult(
        outcome,
        up.remote,
        up.branch,
        head,
        incoming=_commits(root, start, head) if head != start else [],
        outgoing=_commits(root, first_server, start) if "pushed" in done else [],
        attempts=attempt,
    )


def _merge_message(
    up: _Upstream, incoming: list[CommitInfo], resolved: list[tuple[Conflict, Choice]]
) -> str:
    """A Vietnamese subject and body, and trailers for tools (``Action: merge``)."""
    with language("vi"):
        where = f"{up.remote}/{up.branch}"
        if resolved:
            subject = t("commit.merge_resolved", remote=where, n=len(resolved))
        else:
            subject = t("commit.merge", remote=where)
        lines = [subject, ""]
        authors = list(dict.fromkeys(c.author for c in incoming))
        if authors:
            lines.append(t("commit.merge_from", names=", ".join(authors[:10])))
        for conflict, choice in resolved:
            what = conflict.record or conflict.path
            label = field_label(conflict.field) if conflict.field else t("sync.whole_file")
            value = value_text(conflict.field, choice.pick(conflict))
            lines.append(f"- {what}: {label}: {t(f'sync.take.{choice.take}')} ({value})")
    trailers = ["Action: merge"]
    for conflict, choice in resolved:
        trailers.append(
            f"Resolved: {conflict.record or conflict.path} {conflict.field or '*'} {choice.take}"
        )
    trailers.append(f"Dvtui-Version: {__version__}")
    return "\n".join([*lines, "", *trailers]) + "\n"


# --- conflicts -------------------------------------------------------------------------------


def _state_path(root: Path) -> Path:
    return Path(out(root, "rev-parse", "--absolute-git-dir")) / STATE_FILE


def _save_state(root: Path, up: _Upstream, mine: str, theirs: str) -> None:
    state = {"remote": up.remote, "branch": up.branch, "mine": mine, "theirs": theirs}
    path = _state_path(root)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _load_state(root: Path) -> dict[str, str] | None:
    try:
        state = json.loads(_state_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or not isinstance(state.get("theirs"), str):
        return None
    if _rev(root, state["theirs"]) is None:
        return None
    return state


def pending_conflicts(store: Store) -> list[Conflict]:
    """The conflicts waiting for a decision, worked out again against the current branch."""
    root = store.root
    state = _load_state(root)
    if state is None:
        return []
    local = _head(root)
    if is_ancestor(root, state["theirs"], local):  # settled by hand (git merge)
        forget_conflicts(store)
        return []
    conflicts = merge_trees(root, local, state["theirs"]).conflicts
    if not conflicts:  # later saves agreed with the server: the next sync merges cleanly
        forget_conflicts(store)
    return conflicts


def forget_conflicts(store: Store) -> None:
    """Drop the pending conflicts (the repository itself never held them)."""
    _state_path(store.root).unlink(missing_ok=True)


def resolve(
    store: Store,
    choices: Mapping[tuple[str, str], Choice],
    progress: ProgressFn | None = None,
    *,
    push: bool = True,
) -> SyncResult:
    """Commit the merge with the user's ``choices`` (``conflict.key`` → Choice), then sync.

    Raises UnresolvedConflicts (nothing committed) when a conflict has no choice, and
    InvalidRecord when the chosen values break a rule of the record. When the merge is
    committed but cannot be sent, the result carries ``push_error``: the work is safe
    locally and the next sync sends it.
    """
    root = store.root
    state = _load_state(root)
    if state is None:
        raise DataError("err.sync.no_conflicts")
    store.git.check_ready()
    author = store.git.identity()
    up = _require_upstream(root)
    local, theirs = _head(root), state["theirs"]
    if is_ancestor(root, theirs, local):
        forget_conflicts(store)
        raise DataError("err.sync.no_conflicts")
    _Reporter(progress)("merge")
    conflicts = merge_trees(root, local, theirs).conflicts
    merged = merge_trees(root, local, theirs, choices)
    if merged.conflicts:
        raise UnresolvedConflicts(merged.conflicts)
    assert merged.tree is not None
    incoming = _commits(root, local, theirs)
    chosen = [(c, choices[c.key]) for c in conflicts if c.key in choices]
    message = _merge_message(up, incoming, chosen)
    merge = commit_merge(root, merged.tree, [local, theirs], message, author)
    _check_clean_for(root, local, merge)
    if not _advance(store, local, merge):
        raise DataError("err.sync.head_moved")
    forget_conflicts(store)
    store.forget()  # read again when next asked for
    result = SyncResult(
        "merged", up.remote, up.branch, merge, incoming=incoming, merge_commit=merge
    )
    if not push:
        return result
    try:
        after = sync(store, progress)
    except DataError as exc:
        return replace(result, push_error=str(exc))
    return replace(
        after,
        outcome="conflict" if after.outcome == "conflict" else "merged",
        incoming=incoming + after.incoming,
        merge_commit=merge,
    )


# --- status and clone ------------------------------------------------------------------------


def status(store: Store) -> SyncStatus:
    """Ahead/behind and the unpushed commits, as of the last fetch (no network)."""
    root = store.root
    local = _local_branch(root)
    up = _upstream(root)
    head = _rev(root, "HEAD")
    pending = _load_state(root) is not None
    if up is None or head is None:
        ahead = int(out(root, "rev-list", "--count", "HEAD")) if head else 0
        return SyncStatus(local, None, None, None, ahead, 0, [], None, pending, True)
    server = _rev(root, up.tracking)
    if server is None:
        ahead, behind = int(out(root, "rev-list", "--count", "HEAD")), 0
    else:
        counts = out(root, "rev-list", "--left-right", "--count", f"HEAD...{server}").split()
        ahead, behind = int(counts[0]), int(counts[1])
    unpushed = _commits(root, server, head, merges=True) if ahead else []
    fetch_head = Path(out(root, "rev-parse", "--absolute-git-dir")) / "FETCH_HEAD"
    try:
        last_fetch: datetime | None = datetime.fromtimestamp(fetch_head.stat().st_mtime)
    except OSError:
        last_fetch = None
    return SyncStatus(
        branch=local,
        remote=up.remote,
        url=redact(up.url),
        remote_branch=up.branch,
        ahead=ahead,
        behind=behind,
        unpushed=unpushed,
        last_fetch=last_fetch,
        conflicts_pending=pending,
        never_synced=server is None,
    )


def clone(url: str, target: Path, progress: ProgressFn | None = None) -> Path:
    """Clone the office's data repo into ``target`` (missing or empty) and set it up.

    A password in ``url`` is used for this clone only: the clone's config keeps the URL
    without it (git's credential helper is the place for passwords).
    """
    target = Path(target).absolute()
    if target.exists() and any(target.iterdir()):
        raise DataError("err.init.exists", path=str(target))
    created = not target.exists()
    report = _Reporter(progress)
    report("clone", url=redact(url))
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    code, _o, err = network(
        parent, ["clone", "--progress", "--", url, str(target)], url=url, progress=report.meter
    )

    def undo() -> None:
        import shutil

        if created:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for child in target.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()

    if code != 0:
        undo()
        raise network_error(err, url)
    if not (target / "records").is_dir():
        empty = _rev(target, "HEAD") is None
        undo()
        raise DataError("err.clone.empty" if empty else "err.clone.not_data", url=redact(url))
    safe_url = gitcmd.strip_password(url)
    if safe_url != url:
        git(target, "remote", "set-url", "origin", safe_url)
    ensure_installed(target)
    up = _upstream(target)
    if up is not None:
        server = _rev(target, up.tracking)
        if server is not None:
            git(target, "update-ref", up.synced, server)
    # Once per clone: path filters for the whole history (slow only for a very long one).
    git(target, "commit-graph", "write", "--reachable", "--changed-paths", check=False)
    report("done")
    return target
