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

import contextlib
import json
import os
from collections.abc import Mapping, Set
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui import __version__
from dvtui.core.changes import NO_RECORDS, Lookup, field_label, value_text
from dvtui.core.facts import address_title
from dvtui.core.merge import BASE, MINE, THEIRS, Choice, Conflict, choice_from_text
from dvtui.core.problems import DataError
from dvtui.git import remote as gitremote
from dvtui.git.environment import redact, strip_password
from dvtui.git.process import failure
from dvtui.i18n import N_, language, t, tn
from dvtui.services.history import record_id_of
from dvtui.services.mergetree import merge_trees
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
from dvtui.storage.regular import OWN_FILE_LIMIT, read_regular

if TYPE_CHECKING:
    from collections.abc import Callable

    from dvtui.git.repo import ConfigFile, GitRepo
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


def _local_branch(repo: GitRepo) -> str:
    branch = repo.branch()
    if branch is None:
        raise DataError("err.git.detached")
    return branch


def _upstream(repo: GitRepo, branch: str | None = None) -> _Upstream | None:
    """The server and branch this clone syncs with (``branch`` chosen by the user)."""
    local = _local_branch(repo)
    config = repo.config_values(r"^(branch|remote)\.")
    remotes = [k[7:-4] for k in config if k.startswith("remote.") and k.endswith(".url")]
    remote = config.get(f"branch.{local}.remote")
    found = local
    if remote in remotes:
        merge = config.get(f"branch.{local}.merge", "")
        found = merge.removeprefix("refs/heads/") or local
    elif "origin" in remotes:
        remote = "origin"
    elif len(remotes) == 1:
        remote = remotes[0]
    else:
        return None
    assert remote is not None
    return _Upstream(local, remote, branch or found, config[f"remote.{remote}.url"])


def _require_upstream(repo: GitRepo, branch: str | None = None) -> _Upstream:
    up = _upstream(repo, branch)
    if up is None:
        raise DataError("err.sync.no_remote")
    return up


def _head(repo: GitRepo) -> str:
    head = repo.head()  # from the ref files when it can: no git process
    if head is None:
        raise DataError("err.sync.empty_local")
    return head


# --- progress --------------------------------------------------------------------------------


STAGE = {  # what the user reads while a stage runs
    "fetch": N_("sync.stage.fetch"),
    "merge": N_("sync.stage.merge"),
    "push": N_("sync.stage.push"),
    "update": N_("sync.stage.update"),
    "retry": N_("sync.stage.retry"),
    "clone": N_("sync.stage.clone"),
    "done": N_("sync.stage.done"),
}
TAKE = {  # a resolved conflict's choice, as the merge commit's body says it
    "mine": N_("sync.take.mine"),
    "theirs": N_("sync.take.theirs"),
    "base": N_("sync.take.base"),
    "value": N_("sync.take.value"),
}


class _Reporter:
    def __init__(self, progress: ProgressFn | None) -> None:
        self.progress = progress
        self.stage: Stage = "fetch"
        self.text = ""

    def __call__(self, stage: Stage, **values: object) -> None:
        self.stage = stage
        self.text = t(STAGE[stage], **values)
        if self.progress is not None:
            self.progress(Progress(stage, self.text))

    def meter(self, phase: str, fraction: float) -> None:
        """Git's own meter (``Receiving objects``), within the current stage."""
        if self.progress is not None:
            percent = round(fraction * 100)
            self.progress(Progress(self.stage, f"{self.text} {percent}%", fraction))


# --- talking to the server -------------------------------------------------------------------


def _fetch(repo: GitRepo, up: _Upstream, report: _Reporter) -> str | None:
    """Fetch the server's branch; its commit, or None when the branch does not exist yet."""
    report("fetch", url=redact(up.url))
    old = repo.rev(up.tracking)
    fetched = gitremote.fetch(
        repo, up.remote, up.branch, up.tracking, url=up.url, meter=report.meter
    )
    if old is not None and fetched.found:
        # Usually the last sync left the tracking branch where it had the server: then one
        # git process says the server still holds it, and where both refs are now.
        seen = repo.revs_containing(old, up.tracking, up.synced)
        if up.tracking in seen and seen.get(up.synced) == old:
            return seen[up.tracking]
    now = repo.revs(up.tracking, up.synced)  # both from one git process
    new = now[up.tracking] if fetched.found else None
    # The server must still hold everything it held before: never merge a rewritten past.
    for known in dict.fromkeys((old, now[up.synced])):  # usually one commit, asked once
        if known is None or known == new:
            continue
        if new is None or not repo.is_ancestor(known, new):
            if old is not None:
                repo.update_ref(up.tracking, old)
            raise DataError("err.sync.rewritten", url=redact(up.url))
    return new


def _other_branch(repo: GitRepo, up: _Upstream) -> _Upstream | None:
    """The server's one branch when it lacks ours and this clone follows none yet.

    A server made by ``git init --bare`` may name ``master`` while the first staff member
    pushed ``main`` (or the reverse): with one branch there, that is the office's.
    None when the server is empty; DataError naming them when it holds several.
    """
    if _upstream_configured(repo, up.local):
        return None
    branches = gitremote.server_branches(repo, up.remote, url=up.url)
    if not branches:
        return None
    if len(branches) > 1:
        raise DataError(
            "err.sync.choose_branch",
            url=redact(up.url),
            branches=", ".join(branches),
            branch=branches[0],
        )
    return replace(up, branch=branches[0])


def _push(repo: GitRepo, up: _Upstream, sha: str, report: _Reporter) -> str | None:
    """Send ``sha`` as the server's branch; None when accepted, else the refusal.

    The tracking branch is the caller's to move (with the last sync's ref, in one git
    process, once the sync is done)."""
    report("push", url=redact(up.url))
    return gitremote.push(repo, up.remote, sha, up.branch, url=up.url, meter=report.meter)


# --- the local branch ------------------------------------------------------------------------


# Up to this many files changed by a sync, git's status looks at those files only;
# beyond it (a long-awaited pull), at the whole working tree.
STATUS_PATHS = 1000


def _check_clean_for(repo: GitRepo, old: str, new: str, changed: Set[str] | None = None) -> None:
    """Refuse when a file the merge brings in has uncommitted edits (they would be lost).

    ``changed``: the files that differ between ``old`` and ``new`` when already known (the
    merge in memory worked them out: no second ``git diff``)."""
    if changed is None:
        changed = repo.changed_paths(old, new)
    if not changed:
        return
    among = sorted(changed) if len(changed) <= STATUS_PATHS else None
    overlap = sorted(repo.dirty_paths(among) & changed)
    if overlap:
        more = f" (+{len(overlap) - 3})" if len(overlap) > 3 else ""
        raise DataError("err.sync.dirty", paths=", ".join(overlap[:3]) + more)


def _commits(
    repo: GitRepo, since: str | None, until: str, *, merges: bool = False
) -> list[CommitInfo]:
    """Commits in ``until`` and not in ``since``, newest first, with the records they touched."""
    revisions = [until, *([f"^{since}"] if since is not None else [])]
    commits = []
    for c in repo.log(revisions, limit=MAX_LISTED, merges="off" if merges else "none"):
        records = tuple(str(rid) for f in c.files if (rid := record_id_of(f.path)) is not None)
        commits.append(CommitInfo(c.sha, c.author, c.email, c.when, c.subject, records))
    return commits


def _after_sync(
    repo: GitRepo,
    up: _Upstream,
    server_head: str | None,
    unmoved: dict[str, str],
    arrived: int,
) -> None:
    """The refs moved in one transaction: the last sync's (``server_head``, the server's
    branch now) and the tracking branch when this sync pushed (``unmoved``)."""
    refs = dict(unmoved)
    if server_head is not None:
        refs[up.synced] = server_head
    repo.update_refs(refs)
    unmoved.clear()
    _state_path(repo).unlink(missing_ok=True)
    _graph_when_due(repo, arrived)


# A commit-graph keeps history and ahead/behind fast; the commits it lacks git reads from
# their objects (a few microseconds each). So a layer for the new commits ("--split": ~15
# ms at 100k commits, a full rewrite takes seconds) is written once this many commits
# came or went since the last one, not after every sync.
GRAPH_BATCH = 100
GRAPH_PENDING = "dvtui-graph-pending"  # in .git: commits synced since the last layer


def _graph_when_due(repo: GitRepo, arrived: int) -> None:
    """Count ``arrived`` (commits this sync brought or sent); write the layer when due.

    A missing count is 0 (``clone`` writes a whole graph); an unreadable one is due."""
    path = repo.git_dir / GRAPH_PENDING
    try:
        before = int(read_regular(path, limit=64))
    except FileNotFoundError:
        before = 0
    except (OSError, ValueError):
        before = GRAPH_BATCH
    pending = max(before, 0) + arrived
    if pending >= GRAPH_BATCH:
        repo.write_commit_graph(split=True)
        pending = 0
    if pending != before:
        tmp = path.with_name(f"{GRAPH_PENDING}.{os.getpid()}.tmp")
        tmp.write_text(f"{pending}\n", encoding="ascii")
        os.replace(tmp, path)


def _set_upstream(repo: GitRepo, up: _Upstream) -> None:
    if _upstream_configured(repo, up.local):
        return

    def change(config: ConfigFile) -> None:
        section = f'branch "{up.local}"'
        config.set_value(section, "remote", up.remote)
        config.set_value(section, "merge", f"refs/heads/{up.branch}")

    repo.edit_config(change)


def _upstream_configured(repo: GitRepo, local: str) -> bool:
    return repo.config(f"branch.{local}.merge") is not None


# --- sync ------------------------------------------------------------------------------------


def sync(
    store: Store,
    progress: ProgressFn | None = None,
    *,
    branch: str | None = None,
    before_push: Callable[[], None] | None = None,
) -> SyncResult:
    """Fetch, merge and push. Raises DataError (nothing changed) when the server can't be used.

    A true conflict is not an exception: the result has ``outcome == "conflict"`` and the
    conflicts, and the local repository is exactly as before. ``branch``: the server's
    branch to sync with, when it is not the one this clone follows (or the server holds
    several and this clone follows none). ``before_push`` is a test hook run just before
    each push (another clone pushes there to make ours be refused).
    """
    repo = store.git
    repo.check_ready()
    ensure_installed(repo)
    # The tracking branch a push moved, written with the last sync's ref at the end (one
    # git process): written here if the sync stops between (a local update that fails).
    unmoved: dict[str, str] = {}
    with repo.config_read_once():  # six keys asked: one ``git config --list``
        try:
            return _sync(store, progress, branch, before_push, unmoved)
        finally:
            if unmoved:
                # The next fetch moves it otherwise: the error that matters is raised.
                with contextlib.suppress(DataError):
                    repo.update_refs(unmoved)


def _sync(
    store: Store,
    progress: ProgressFn | None,
    branch: str | None,
    before_push: Callable[[], None] | None,
    unmoved: dict[str, str],
) -> SyncResult:
    repo = store.git
    report = _Reporter(progress)
    up = _require_upstream(repo, branch)
    start = _head(repo)
    # Commits listed already, by (since, until): the summary asks again for the merge's.
    listed: dict[tuple[str | None, str], list[CommitInfo]] = {}

    def commits(since: str | None, until: str) -> list[CommitInfo]:
        if (since, until) not in listed:
            listed[since, until] = _commits(repo, since, until)
        return listed[since, until]

    first_server: str | None = None
    refused: tuple[str | None, str] | None = None
    done: set[Outcome] = set()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        server = _fetch(repo, up, report)
        unmoved.clear()  # the fetch moved the tracking branch itself
        if server is None and attempt == 1 and branch is None:
            other = _other_branch(repo, up)
            if other is not None:
                up = other
                server = _fetch(repo, up, report)
        if attempt == 1:
            first_server = server
        if refused is not None:
            if server == refused[0]:  # nobody pushed meanwhile: the server said no
                raise DataError("err.sync.push_refused", reason=refused[1])
            report("retry", attempt=attempt)
        local = _head(repo)
        if server == local:
            break
        bases = repo.merge_bases(local, server) if server is not None else set()
        if server is not None and local in bases:  # local is in the server's history
            report("update")
            _check_clean_for(repo, local, server)
            if not store.advance(local, server):
                continue
            done.add("pulled")
            break
        if server is None or server in bases:  # the server's is in ours
            target = local
        else:
            report("merge")
            merged = merge_trees(repo, local, server)
            if merged.conflicts:
                _save_state(repo, up, local, server)
                return SyncResult(
                    "conflict",
                    up.remote,
                    up.branch,
                    local,
                    incoming=_commits(repo, local, server),
                    outgoing=_commits(repo, server, local),
                    conflicts=merged.conflicts,
                    attempts=attempt,
                )
            assert merged.tree is not None
            message = _merge_message(up, commits(local, server), [])
            # Only a merge needs an identity (asked like a save's); pulling works without.
            target = store.commit_merge(merged.tree, [local, server], message)
            # What the merge brings is what the server had and we had not (merges aside).
            listed[local, target] = listed[local, server]
            _check_clean_for(repo, local, target, merged.changed)
        if before_push is not None:
            before_push()
        reason = _push(repo, up, target, report)
        if reason is not None:
            refused = (server, reason)
            continue
        refused = None
        done.add("pushed")
        unmoved[up.tracking] = target
        if target != local:
            report("update")
            if not store.advance(local, target):
                continue  # a save landed meanwhile: the next round merges it
            done.add("merged")
        break
    else:
        if refused is not None:
            raise DataError("err.sync.push_refused", reason=refused[1])
        raise DataError("err.sync.busy")
    _set_upstream(repo, up)
    head = _head(repo)
    incoming = commits(start, head) if head != start else []
    outgoing = commits(first_server, start) if "pushed" in done else []
    merges = 1 if "merged" in done else 0
    server_now = unmoved.get(up.tracking, server)
    _after_sync(repo, up, server_now, unmoved, len(incoming) + len(outgoing) + merges)
    if done & {"pulled", "merged"}:
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
        incoming=incoming,
        outgoing=outgoing,
        attempts=attempt,
    )


def _merge_message(
    up: _Upstream,
    incoming: list[CommitInfo],
    resolved: list[tuple[Conflict, Choice]],
    names: Lookup = NO_RECORDS,
) -> str:
    """A Vietnamese subject and body, and trailers for tools (``Action: merge``)."""
    with language("vi"):
        where = f"{up.remote}/{up.branch}"
        if resolved:
            subject = tn("commit.merge_resolved", len(resolved), remote=where)
        else:
            subject = t("commit.merge", remote=where)
        lines = [subject, ""]
        authors = list(dict.fromkeys(c.author for c in incoming))
        if authors:
            lines.append(t("commit.merge_from", names=", ".join(authors[:10])))
        for conflict, choice in resolved:
            what = address_title(conflict.record, names) if conflict.record else conflict.path
            field = conflict.field
            label = field_label(field, names) if field else t("sync.whole_file")
            value = value_text(field, choice.pick(conflict), names)
            lines.append(f"- {what}: {label}: {t(TAKE[choice.take])} ({value})")
    trailers = ["Action: merge"]
    for conflict, choice in resolved:
        trailers.append(
            f"Resolved: {conflict.record or conflict.path} {conflict.field or '*'} {choice.take}"
        )
    trailers.append(f"Dvtui-Version: {__version__}")
    return "\n".join([*lines, "", *trailers]) + "\n"


# --- conflicts -------------------------------------------------------------------------------


def _state_path(repo: GitRepo) -> Path:
    return repo.git_dir / STATE_FILE


def _save_state(repo: GitRepo, up: _Upstream, mine: str, theirs: str) -> None:
    state = {"remote": up.remote, "branch": up.branch, "mine": mine, "theirs": theirs}
    path = _state_path(repo)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def _load_state(repo: GitRepo) -> dict[str, str] | None:
    try:
        state = json.loads(read_regular(_state_path(repo), limit=OWN_FILE_LIMIT))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or not isinstance(state.get("theirs"), str):
        return None
    if repo.rev(state["theirs"]) is None:
        return None
    return state


def pending_conflicts(store: Store) -> list[Conflict]:
    """The conflicts waiting for a decision, worked out again against the current branch."""
    repo = store.git
    state = _load_state(repo)
    if state is None:
        return []
    local = _head(repo)
    if repo.is_ancestor(state["theirs"], local):  # settled by hand (git merge)
        forget_conflicts(store)
        return []
    conflicts = merge_trees(repo, local, state["theirs"]).conflicts
    if not conflicts:  # later saves agreed with the server: the next sync merges cleanly
        forget_conflicts(store)
    return conflicts


def forget_conflicts(store: Store) -> None:
    """Drop the pending conflicts (the repository itself never held them)."""
    _state_path(store.git).unlink(missing_ok=True)


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
    repo = store.git
    state = _load_state(repo)
    if state is None:
        raise DataError("err.sync.no_conflicts")
    repo.check_ready()
    store.identity()  # asked before any work, like a save's
    up = _require_upstream(repo, state.get("branch"))
    local, theirs = _head(repo), state["theirs"]
    if repo.is_ancestor(theirs, local):
        forget_conflicts(store)
        raise DataError("err.sync.no_conflicts")
    _Reporter(progress)("merge")
    conflicts = merge_trees(repo, local, theirs).conflicts
    merged = merge_trees(repo, local, theirs, choices)
    if merged.conflicts:
        raise UnresolvedConflicts(merged.conflicts)
    assert merged.tree is not None
    incoming = _commits(repo, local, theirs)
    chosen = [(c, choices[c.key]) for c in conflicts if c.key in choices]
    message = _merge_message(up, incoming, chosen, store.data if chosen else NO_RECORDS)
    merge = store.commit_merge(merged.tree, [local, theirs], message)
    _check_clean_for(repo, local, merge, merged.changed)
    if not store.advance(local, merge):
        raise DataError("err.sync.head_moved")
    forget_conflicts(store)
    store.forget()  # read again when next asked for
    result = SyncResult(
        "merged", up.remote, up.branch, merge, incoming=incoming, merge_commit=merge
    )
    if not push:
        return result
    try:
        after = sync(store, progress, branch=up.branch)
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
    repo = store.git
    local = _local_branch(repo)
    up = _upstream(repo)
    head = repo.rev("HEAD")
    pending = _load_state(repo) is not None
    if up is None or head is None:
        ahead = repo.count("HEAD") if head else 0
        return SyncStatus(local, None, None, None, ahead, 0, [], None, pending, True)
    server_head = repo.rev(up.tracking)
    if server_head is None:
        ahead, behind = repo.count("HEAD"), 0
    else:
        ahead, behind = repo.ahead_behind("HEAD", server_head)
    unpushed = _commits(repo, server_head, head, merges=True) if ahead else []
    try:
        fetched = (repo.git_dir / "FETCH_HEAD").stat().st_mtime
        last_fetch: datetime | None = datetime.fromtimestamp(fetched)
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
        never_synced=server_head is None,
    )


def clone(
    url: str, target: Path, progress: ProgressFn | None = None, *, branch: str | None = None
) -> Path:
    """Clone the office's data repo into ``target`` (missing or empty) and set it up.

    ``branch``: the server's branch to take; by default the one the server's HEAD names,
    or its only branch when HEAD names none (a server made by ``git init --bare`` whose
    default branch nobody pushed). A password in ``url`` is used for this clone only: the
    clone's config keeps the URL without it (git's credential helper is the place for
    passwords).
    """
    target = Path(target).absolute()
    if target.exists() and any(target.iterdir()):
        raise DataError("err.init.exists", path=str(target))
    created = not target.exists()
    report = _Reporter(progress)
    report("clone", url=redact(url))
    target.parent.mkdir(parents=True, exist_ok=True)

    def undo() -> None:
        import shutil

        if created:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for child in target.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()

    done = gitremote.clone(url, target, branch=branch, meter=report.meter)
    if done.status != 0:
        undo()
        if branch is not None and "not found in upstream" in done.stderr:
            raise DataError("err.clone.no_branch", url=redact(url), branch=branch)
        raise gitremote.network_error(done.stderr, url)
    from dvtui.git.repo import GitRepo

    repo = GitRepo(target)
    try:
        # dvtui's attributes before the first file is checked out: a .gitattributes on the
        # server must not decide how the records are written (UTF-16, filters …).
        ensure_installed(repo)
        if repo.head() is None:
            _check_out_the_only_branch(repo, url)
        else:
            checkout = repo.run_result("read-tree", "--reset", "-u", "HEAD")
            if not checkout.ok:
                raise failure(checkout.stderr)
        if not (target / "records").is_dir():
            empty = repo.head() is None
            raise DataError(
                N_("err.clone.empty") if empty else N_("err.clone.not_data"), url=redact(url)
            )
        safe_url = strip_password(url)
        if safe_url != url:

            def forget_password(config: ConfigFile) -> None:
                config.set_value('remote "origin"', "url", safe_url)

            repo.edit_config(forget_password)
        up = _upstream(repo)
        if up is not None:
            server_head = repo.rev(up.tracking)
            if server_head is not None:
                repo.update_ref(up.synced, server_head)
        # Once per clone: path filters for the whole history (slow only for a very long one).
        repo.write_commit_graph()
    except BaseException:
        repo.close()
        undo()
        raise
    repo.close()
    report("done")
    return target


def _check_out_the_only_branch(repo: GitRepo, url: str) -> None:
    """After a clone whose server HEAD names no branch: take its one branch, if one.

    git leaves such a clone on an unborn branch (and warns "remote HEAD refers to
    nonexistent ref"); the branches are there as ``origin/<name>``. Several: the user
    says which (``dvtui clone URL DIR --branch NAME``); none: the server is empty.
    """
    prefix = "refs/remotes/origin/"
    out = repo.run("for-each-ref", "--format=%(refname)", prefix)
    branches = sorted(ref[len(prefix) :] for ref in out.decode().split() if ref != f"{prefix}HEAD")
    if not branches:
        return
    if len(branches) > 1:
        raise DataError(
            "err.clone.choose_branch",
            url=redact(url),
            branches=", ".join(branches),
            branch=branches[0],
        )
    name = branches[0]
    unborn = repo.branch()
    result = repo.run_result("checkout", "-q", "-b", name, "--track", f"origin/{name}")
    if not result.ok:
        raise failure(result.stderr)
    if unborn is not None and unborn != name:  # what git set up for the branch that is not

        def forget(config: ConfigFile) -> None:
            config.remove_section(f'branch "{unborn}"')

        repo.edit_config(forget)
