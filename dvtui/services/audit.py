"""The audit of a data repo's history: every commit checked against the records it leaves.

One ``git log --raw`` stream (oldest first) and git's persistent ``cat-file`` replace a
process per commit. The audit keeps the tree of ``records/`` as a map path → blob while it
walks, so a commit is checked in the state it really produced:

- ``invalid-record``: a file it added or changed does not decode and validate, or names a
  record that does not exist after the commit (also when it deletes a record still named);
- ``trailer-mismatch``: its ``Record:`` / ``Field:`` / ``Action:`` trailers do not say what
  it really changed;
- ``outside-dvtui``: no dvtui trailers (made with plain git or another tool);
- ``unsigned``: no good signature while signatures are required — by the strictest policy
  ever committed, not by the ``dvtui.toml`` of the day (:mod:`dvtui.services.signing`);
- ``rules-change``: it adds, changes or deletes ``dvtui.toml`` or a ``.gitattributes``
  without a good signature, or outside dvtui (dvtui's own first commit aside);
- ``policy-relaxed``: it turns ``require_signed_commits`` off without a good signature
  (which therefore does not count).
- ``attachment``: a stored file under ``attachments/`` whose bytes (or Git LFS pointer) do
  not match the hash that names it, or a record listing a file the tree does not hold.

A merge made by sync (``Action: merge``) is fine when the records are valid after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from dvtui.core import codec
from dvtui.core.attachments import (
    ATTACHMENTS_DIR,
    LFS_ATTRIBUTES,
    LFS_DIR,
    blob_paths,
    content_hash,
    is_blob_path,
    lfs_pointer_oid,
    sha_of_blob_path,
)
from dvtui.core.changes import diff
from dvtui.core.dataset import dangling_references
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError, Problem
from dvtui.core.records import KINDS, Record
from dvtui.core.schema import set_fields
from dvtui.core.trailers import CommitMessage, parse_message
from dvtui.git.log import Commit, FileChange
from dvtui.git.repo import shallow_boundary
from dvtui.i18n import N_, t, tn
from dvtui.services.history import BlobTables, record_id_of
from dvtui.services.setup import TUAN_GIAO_OFFICE
from dvtui.services.signing import GOOD_SIGNATURES, SigningPolicy, is_rules_file, signing_policy
from dvtui.storage.store import SETTINGS_FILE

if TYPE_CHECKING:
    from collections.abc import Callable

    from dvtui.storage.store import Store

FindingKind = Literal[
    "invalid-record",
    "trailer-mismatch",
    "outside-dvtui",
    "unsigned",
    "rules-change",
    "policy-relaxed",
    "attachment",
]
FINDING_KIND = {  # a finding's kind → its label
    "invalid-record": N_("audit.kind.invalid-record"),
    "trailer-mismatch": N_("audit.kind.trailer-mismatch"),
    "outside-dvtui": N_("audit.kind.outside-dvtui"),
    "unsigned": N_("audit.kind.unsigned"),
    "rules-change": N_("audit.kind.rules-change"),
    "policy-relaxed": N_("audit.kind.policy-relaxed"),
    "attachment": N_("audit.kind.attachment"),
}
# What git's %G? letter says about a commit that is not well signed.
BAD_SIGNATURE = {
    "N": N_("audit.sig.N"),
    "B": N_("audit.sig.B"),
    "E": N_("audit.sig.E"),
    "X": N_("audit.sig.X"),
    "Y": N_("audit.sig.Y"),
    "R": N_("audit.sig.R"),
}
TRACKED = ("records/", f"{ATTACHMENTS_DIR}/")  # the tree the audit keeps while it walks
_ACTIONS = frozenset({"create", "update", "delete"})
GITATTRIBUTES = ".gitattributes"


@dataclass(frozen=True)
class Finding:
    """One problem of one commit; ``detail`` is already in the current language."""

    sha: str
    author: str
    when: datetime
    subject: str
    kind: FindingKind
    detail: str
    file: str = ""


@dataclass(frozen=True)
class AuditResult:
    """What the audit checked and found."""

    revisions: str  # the range walked, e.g. ``HEAD`` or ``abc123..HEAD``
    checked: int  # commits checked
    findings: list[Finding]
    # How signing came to be required (or not).
    policy: SigningPolicy = field(default_factory=lambda: SigningPolicy(False))

    @property
    def clean(self) -> bool:
        """No findings."""
        return not self.findings

    @property
    def commits_with_findings(self) -> int:
        """How many commits have at least one finding."""
        return len({f.sha for f in self.findings})

    def count(self, kind: FindingKind) -> int:
        """Findings of one kind."""
        return sum(1 for f in self.findings if f.kind == kind)

    def summary(self) -> str:
        """One line: how many commits were checked and what was found, in the current language."""
        if self.clean:
            return tn("cli.audit.clean", self.checked)
        return tn(
            "cli.audit.summary",
            self.checked,
            bad=self.commits_with_findings,
            invalid=self.count("invalid-record"),
            trailers=self.count("trailer-mismatch"),
            outside=self.count("outside-dvtui"),
            unsigned=self.count("unsigned"),
            rules=self.count("rules-change"),
            relaxed=self.count("policy-relaxed"),
            attachments=self.count("attachment"),
        )


def reference_problems(record: Record, state: dict[str, str]) -> list[Problem]:
    """References of ``record`` that name no file in the audited tree ``state``: the load's
    rule (:func:`dangling_references`), asked of paths instead of loaded records."""
    return dangling_references(record, lambda kind, slug: _relpath(kind, slug) in state)


def _relpath(kind: str, slug: str) -> str:
    return f"records/{kind}/{slug}.toml"


class _Decoded:
    """Blobs decoded once each: (record or None, problems)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._cache: dict[tuple[str, str], tuple[Record | None, list[Problem]]] = {}

    def get(self, path: str, blob: str) -> tuple[Record | None, list[Problem]]:
        key = (path, blob)
        if key not in self._cache:
            self._cache[key] = codec.decode(path, self.store.git.blob(blob))
        return self._cache[key]


def audit(
    store: Store,
    since: str | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> AuditResult:
    """Walk ``since..HEAD`` (or all of history) oldest first and check every commit."""
    if store.git.head() is None:
        return AuditResult("HEAD", 0, [])
    if since and store.git.rev(since) is None:
        raise DataError("err.git.revision", rev=since, detail="")
    revisions = [f"{since}..HEAD"] if since else ["HEAD"]
    pending = _first_parent_children(store, revisions)
    total = store.git.count(*revisions)
    policy = signing_policy(store)
    signed = policy.required or store.settings.require_signed_commits
    shallow = shallow_boundary(store.git.dirs)
    decoded = _Decoded(store)
    verified: dict[str, bool] = {}  # stored file's blob id → its bytes match its name
    tables = BlobTables(store.git)
    states: dict[str, dict[str, str]] = {}
    findings: list[Finding] = []
    step = max(1, total // 200)
    commits = store.git.log(revisions, reverse=True, signatures=signed)
    for done, commit in enumerate(commits, start=1):
        state = _state_before(store, commit, states, pending)
        for f in commit.files:
            if f.path.startswith(TRACKED):
                if f.new_blob is None:
                    state.pop(f.path, None)
                else:
                    state[f.path] = f.new_blob
        found = _check_records(commit, state, decoded)
        found += _check_attachments(commit, state, decoded, verified)
        if commit.sha not in shallow:  # a shallow clone's oldest commit shows all as added
            found += _check_message(commit, tables)
            found += _check_rules(commit, policy, signed, tables, store.git.blob)
        if signed and commit.signature not in GOOD_SIGNATURES:
            key = BAD_SIGNATURE.get(commit.signature)
            detail = t(key) if key else t("audit.sig.other", code=commit.signature)
            found.append(("unsigned", detail, ""))
        findings += [_finding(commit, kind, detail, file) for kind, detail, file in found]
        if pending.get(commit.sha, 0) > 0:
            states[commit.sha] = state
        if progress is not None and (done % step == 0 or done == total):
            progress(done, total, commit.sha[:8])
    return AuditResult(" ".join(revisions), total, findings, policy)


Found = list[tuple[FindingKind, str, str]]  # (kind, detail, file)


def _finding(commit: Commit, kind: FindingKind, detail: str, file: str) -> Finding:
    return Finding(commit.sha, commit.author, commit.when, commit.subject, kind, detail, file)


def _first_parent_children(store: Store, revisions: list[str]) -> dict[str, int]:
    """How many commits of the walk continue from each commit (as their first parent)."""
    out: dict[str, int] = {}
    for _sha, parents in store.git.walk_parents(revisions):
        if parents:
            out[parents[0]] = out.get(parents[0], 0) + 1
    return out


def _state_before(
    store: Store, commit: Commit, states: dict[str, dict[str, str]], pending: dict[str, int]
) -> dict[str, str]:
    """The records tree of the commit's first parent (taken over when no one else needs it)."""
    if not commit.parents:
        return {}
    parent = commit.parents[0]
    if parent in states:
        pending[parent] -= 1
        return states.pop(parent) if pending[parent] <= 0 else dict(states[parent])
    # A parent outside the walked range (``--since``): read its tree once.
    return {k: v for folder in TRACKED for k, v in store.git.tree_blobs(parent, folder).items()}


def _is_record_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return path.startswith("records/") and name.endswith(".toml") and not name.startswith(".")


def _check_records(commit: Commit, state: dict[str, str], decoded: _Decoded) -> Found:
    """Files the commit added or changed must validate; what it deleted must not be named."""
    out: Found = []
    for f in commit.files:
        if f.new_blob is None or not _is_record_file(f.path):
            continue
        record, problems = decoded.get(f.path, f.new_blob)
        if record is not None:
            problems = problems + reference_problems(record, state)
        out += [("invalid-record", str(p), f.path) for p in problems]
    deleted = {
        (rid.kind, rid.name)
        for f in commit.files
        if f.new_blob is None and (rid := record_id_of(f.path)) is not None
    }
    if deleted:
        for path, blob in state.items():
            record, _ = decoded.get(path, blob) if _is_record_file(path) else (None, [])
            if record is None:
                continue
            for p in reference_problems(record, state):
                if (p.args.get("kind"), p.args.get("value")) in deleted:
                    out.append(("invalid-record", str(p), path))
    return out


def _check_rules(
    commit: Commit,
    policy: SigningPolicy,
    signed: bool,
    tables: BlobTables,
    blob: Callable[[str], bytes],
) -> Found:
    """A commit changing the repository's rules must be signed and made by dvtui."""
    if commit.is_merge:  # a merge carries a change judged in its own commit
        return []
    message = parse_message(commit.message)
    if not commit.parents and message.action == "init":
        return []  # dvtui's first commit of the repository writes both files
    paths = [
        f.path
        for f in commit.files
        if is_rules_file(f.path)
        and not (message.action == "migrate" and _format_only(f, tables))
        and not (message.version is not None and _lfs_line_only(f, commit, blob))
    ]
    if not paths:
        return []
    out: Found = []
    refused = policy.refused.get(commit.sha)
    if refused is not None:
        out.append(("policy-relaxed", t("audit.policy_relaxed"), "dvtui.toml"))
    letter = commit.signature if signed else policy.signatures.get(commit.sha, "N")
    unsigned, outside = letter not in GOOD_SIGNATURES, message.version is None
    if unsigned or outside:
        key = (
            N_("audit.rules.both")
            if unsigned and outside
            else (N_("audit.rules.unsigned") if unsigned else N_("audit.rules.outside"))
        )
        out += [("rules-change", t(key, path=path), path) for path in paths]
    return out


def _lfs_line_only(change: FileChange, commit: Commit, blob: Callable[[str], bytes]) -> bool:
    """dvtui's attach adding its one fixed line routing ``attachments/lfs/`` to Git LFS, in
    the commit storing the first such file: a rule dvtui writes itself, nothing else."""
    if change.path != GITATTRIBUTES or change.new_blob is None or not _adds_lfs_blob(commit):
        return False
    old = blob(change.old_blob).decode("utf-8", "replace") if change.old_blob else ""
    new = blob(change.new_blob).decode("utf-8", "replace")
    return new.splitlines() == [*old.splitlines(), LFS_ATTRIBUTES]


def _format_only(change: FileChange, tables: BlobTables) -> bool:
    """A migration's change of dvtui.toml: its ``format`` raised (checked against the
    ``Format:`` trailer by :func:`_check_message`) with the dvtui it needs, and from dvtui
    0.1 the office texts 0.1 printed (``TUAN_GIAO_OFFICE``, never changed); nothing else."""
    if change.path != SETTINGS_FILE or change.new_blob is None:
        return False
    old, new = tables.get(change.old_blob) or {}, tables.get(change.new_blob) or {}
    from_01 = old.get("format", 1) == 1
    kept = [k for k, v in TUAN_GIAO_OFFICE.items() if from_01 and k not in old and new.get(k) == v]
    # A repo without dvtui.toml gets one; the dvtui a format needs goes with it.
    masked = {"format": None, "schema": None, "requires_dvtui": None, **dict.fromkeys(kept)}
    return {**old, **masked} == {**new, **masked}


def _check_attachments(
    commit: Commit, state: dict[str, str], decoded: _Decoded, verified: dict[str, bool]
) -> Found:
    """Stored files must hold the bytes their name says; listed files must be in the tree.

    Each stored blob is hashed once however many commits keep it. A record is checked when
    a commit adds or changes it, and again when a commit deletes a stored file.
    """
    out: Found = []
    removed = False
    for f in commit.files:
        if not is_blob_path(f.path):
            continue
        if f.new_blob is None:
            removed = True
            continue
        sha = sha_of_blob_path(f.path)
        if sha is None:
            out.append(("attachment", t("audit.attachment_path", path=f.path), f.path))
            continue
        if f.new_blob not in verified:
            verified[f.new_blob] = _holds(decoded.store.git.blob(f.new_blob), sha, f.path)
        if not verified[f.new_blob]:
            out.append(("attachment", t("audit.attachment_altered", path=f.path), f.path))
    if removed:
        paths = [p for p in state if _is_record_file(p)]
    else:
        paths = [f.path for f in commit.files if f.new_blob is not None and _is_record_file(f.path)]
    for path in paths:
        record, _ = decoded.get(path, state[path])
        for attachment in getattr(record, "attachments", None) or []:
            if not any(p in state for p in blob_paths(attachment.sha256)):
                detail = t(
                    "audit.attachment_missing",
                    id=str(record.id) if record else path,
                    name=attachment.name,
                    path=blob_paths(attachment.sha256)[0],
                )
                out.append(("attachment", detail, path))
    return out


def _holds(data: bytes, sha: str, path: str) -> bool:
    """The stored bytes are the file named ``sha`` (or, routed to LFS, a pointer to it)."""
    if path.startswith(f"{LFS_DIR}/") and lfs_pointer_oid(data) == sha:
        return True
    return content_hash(data) == sha


def _check_message(commit: Commit, tables: BlobTables) -> Found:
    """The trailers must say what the commit really did."""
    message = parse_message(commit.message)
    if message.version is None:
        return [("outside-dvtui", t("audit.outside"), "")]
    action = message.action or ""
    if commit.is_merge:
        if action == "merge":
            return []
        return [("trailer-mismatch", t("audit.merge_action", action=action or "?"), "")]
    if action == "init":
        return [] if not commit.parents else [("trailer-mismatch", t("audit.init_not_root"), "")]
    out: Found = []
    if not action:
        out.append(("trailer-mismatch", t("audit.no_action"), ""))
    records = {}
    for f in commit.files:
        rid = record_id_of(f.path)
        if rid is not None:
            records[str(rid)] = f
        elif is_blob_path(f.path) or (f.path == GITATTRIBUTES and _adds_lfs_blob(commit)):
            continue  # the bytes of an attachment, saved with the record that lists it
        elif not (action == "migrate" and f.path == SETTINGS_FILE):
            out.append(("trailer-mismatch", t("audit.extra_file", path=f.path), f.path))
    named = set(message.trailers.get("Record", []))
    if named != set(records):
        out.append(
            (
                "trailer-mismatch",
                t(
                    "audit.records",
                    named=", ".join(sorted(named)) or "—",
                    actual=", ".join(sorted(records)) or "—",
                ),
                "",
            )
        )
    if action == "migrate":
        out += _check_migration(commit, message, records, tables)
    if action not in _ACTIONS and action != "migrate":
        return out
    changed: set[str] = set()  # every field whose stored value differs
    reordered: set[str] = set()  # of those, set fields whose members are the same
    for rid_text, f in sorted(records.items()):
        really = "create" if f.old_blob is None else "delete" if f.new_blob is None else "update"
        if really != action and action != "migrate":  # a migration renames and rewrites
            out.append(
                (
                    "trailer-mismatch",
                    t("audit.action", action=action, really=really, record=rid_text),
                    f.path,
                )
            )
        old, new = tables.get(f.old_blob), tables.get(f.new_blob)
        strict = {c.field for c in diff(old, new)}
        sets = set_fields(KINDS[RecordId.parse(rid_text).kind])
        changed |= strict
        reordered |= strict - {c.field for c in diff(old, new, sets=sets)}
    fields = set(message.fields)
    # A set field only put in its canonical order may be named (older versions did) or not.
    if not changed - reordered <= fields <= changed:
        out.append(
            (
                "trailer-mismatch",
                t(
                    "audit.fields",
                    named=", ".join(sorted(fields - changed)) or "—",
                    actual=", ".join(sorted(changed - fields)) or "—",
                ),
                "",
            )
        )
    return out


def _adds_lfs_blob(commit: Commit) -> bool:
    """The commit stores a file for Git LFS (and may add the line routing it there)."""
    return any(f.path.startswith(f"{LFS_DIR}/") and f.new_blob for f in commit.files)


def _check_migration(
    commit: Commit, message: CommitMessage, records: dict[str, FileChange], tables: BlobTables
) -> Found:
    """A migration: every record it deletes moved to one it creates (``Renamed: a -> b``), and
    dvtui.toml's ``format`` raised to what its ``Format:`` trailer says, in the same commit."""
    out: Found = []
    renames = [r.partition(" -> ") for r in message.trailers.get("Renamed", [])]
    moved_from = {old for old, _sep, _new in renames}
    moved_to = {new for _old, _sep, new in renames}
    deleted = {rid for rid, f in records.items() if f.new_blob is None}
    created = {rid for rid, f in records.items() if f.old_blob is None}
    if moved_from != deleted or moved_to != created or len(renames) != len(moved_from):
        out.append(
            (
                "trailer-mismatch",
                t(
                    "audit.renames",
                    named=", ".join(sorted(f"{a} -> {b}" for a, _s, b in renames)) or "—",
                    deleted=", ".join(sorted(deleted)) or "—",
                    created=", ".join(sorted(created)) or "—",
                ),
                "",
            )
        )
    settings = next((f for f in commit.files if f.path == SETTINGS_FILE), None)
    table = tables.get(settings.new_blob) if settings is not None else None
    wanted = message.trailers.get("Format", ["?"])[0]
    found = table.get("format") if table is not None else None
    if str(found) != wanted:
        out.append(
            ("trailer-mismatch", t("audit.format", named=wanted, found=found or "—"), SETTINGS_FILE)
        )
    return out
