"""The signing policy in force, and the commits that changed the repository's own rules.

``require_signed_commits`` in ``dvtui.toml`` is one line anyone can commit. Were the file in
the tree the policy, an unsigned commit setting it to ``false`` (or to a non-bool like
``1``, which reads as the default) would switch the audit of signatures off for the whole
history. So the policy is the strictest one ever committed: turning it on always counts;
turning it off counts only when the commit doing it has a good signature. Merges never
decide (they carry what a commit of one side did, and that commit is judged itself).

One ``git log`` limited to ``dvtui.toml`` and every ``.gitattributes`` (few commits, with
changed-path filters), with git's signature check (``%G?``) for just those commits: the
same walk tells the audit which commits changed the repository's rules and whether each
was signed (see :mod:`dvtui.services.audit`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from dvtui.git.log import Commit

if TYPE_CHECKING:
    from dvtui.storage.store import Store

__all__ = ["GOOD_SIGNATURES", "PolicyChange", "SigningPolicy", "is_rules_file", "signing_policy"]

GOOD_SIGNATURES = frozenset({"G", "U"})  # good signature (U: key of unknown trust)
SETTINGS = "dvtui.toml"
RULES_PATHS = (SETTINGS, ":(glob)**/.gitattributes")


def is_rules_file(path: str) -> bool:
    """``dvtui.toml`` or a ``.gitattributes`` anywhere: files that set the repository's rules."""
    return path == SETTINGS or path.rsplit("/", 1)[-1] == ".gitattributes"


@dataclass(frozen=True)
class PolicyChange:
    """One commit that turned ``require_signed_commits`` on or off."""

    sha: str
    author: str
    email: str
    when: datetime
    required: bool  # what the commit set
    signature: str  # git's %G? letter
    honoured: bool  # False: an unsigned attempt to turn it off, which does not count


@dataclass(frozen=True)
class SigningPolicy:
    """Whether signatures are required, how that came to be, and the rules commits' letters."""

    required: bool
    changes: list[PolicyChange] = field(default_factory=list)
    signatures: dict[str, str] = field(default_factory=dict)  # sha -> %G? of a rules commit

    @property
    def refused(self) -> dict[str, PolicyChange]:
        """The unsigned attempts to turn signing off, by commit."""
        return {c.sha: c for c in self.changes if not c.honoured}


def signing_policy(store: Store) -> SigningPolicy:
    """The policy as the whole history of ``HEAD`` sets it (the strictest ever committed)."""
    from dvtui.storage.store import settings_from

    def required(blob: str | None) -> bool:
        if blob is None:
            return False
        return settings_from(store.git.blob(blob))[0].require_signed_commits

    if store.git.head() is None:
        return SigningPolicy(False)
    on = False
    changes: list[PolicyChange] = []
    letters: dict[str, str] = {}
    for commit in store.git.log(["HEAD"], RULES_PATHS, reverse=True, signatures=True):
        letters[commit.sha] = commit.signature
        settings = next((f for f in commit.files if f.path == SETTINGS), None)
        if settings is None or commit.is_merge:
            continue
        before, after = required(settings.old_blob), required(settings.new_blob)
        if before == after or after == on:
            continue  # no change by this commit, or none to the policy already in force
        honoured = after or commit.signature in GOOD_SIGNATURES  # turning on always counts
        changes.append(_change(commit, after, honoured))
        if honoured:
            on = after
    return SigningPolicy(on, changes, letters)


def _change(commit: Commit, required: bool, honoured: bool) -> PolicyChange:
    return PolicyChange(
        commit.sha, commit.author, commit.email, commit.when, required, commit.signature, honoured
    )
