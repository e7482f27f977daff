"""Commit messages: a Vietnamese subject a reviewer reads, trailers that tools parse.

    Báo cáo 6 tháng năm 2023 · UBND xã Quài Cang: Chưa nộp → Đã nộp

    - Trạng thái: Chưa nộp → Đã nộp
    - Ngày nộp: (trống) → 10/05/2023

    Record: reports/2023-h1/ubnd-xa-quai-cang
    Action: update
    Field: status
    Field: submitted_on
    Dvtui-Version: 0.1.0

History and audit read the trailers, never the prose.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Any

from dvtui import __version__
from dvtui.core.changes import Change, Lookup, describe
from dvtui.core.facts import title_of
from dvtui.core.labels import ACTION, label
from dvtui.core.recordclass import frozen
from dvtui.core.records import Record
from dvtui.core.text import inert
from dvtui.i18n import language, tn

SUBJECT_LIMIT = 120
BODY_LINES = 30  # the body lists this many changes; the trailers always list them all
_TRAILER = re.compile(r"^([A-Za-z][A-Za-z0-9-]*): (.*)$")


@frozen
class CommitMessage:
    """A parsed commit message; ``record`` is None for commits made outside dvtui."""

    subject: str
    record: str | None = None
    action: str | None = None
    fields: list[str] = field(default_factory=list)
    version: str | None = None
    trailers: dict[str, list[str]] = field(default_factory=dict)


def build_message(
    record: Record,
    names: Lookup,
    action: str,
    changes: list[Change],
    old_table: dict[str, Any] | None,
) -> str:
    """The full message of the commit that saves ``record``.

    ``names`` must name what the old values named as well as the new ones (a unit taken off
    a task): the message stays in the shared history for good.
    """
    with language("vi"):  # the shared history is Vietnamese whatever the UI language
        title = title_of(record, names)
        status = next((c for c in changes if c.field == "status"), None)
        if action in ("create", "delete"):
            summary = label(ACTION, action)
        elif status is not None:
            summary = describe(status, names).split(": ", 1)[1]
        elif len(changes) == 1:
            summary = describe(changes[0], names)
        else:
            summary = tn("commit.n_fields", len(changes))
        # inert: a reviewer's `git log` must never run escape codes typed into a record
        subject = inert(f"{title}: {summary}")
        if len(subject) > SUBJECT_LIMIT:
            subject = subject[: SUBJECT_LIMIT - 1] + "…"
        lines = [subject, ""]
        lines += [inert(f"- {describe(c, names)}") for c in changes[:BODY_LINES]]
        if len(changes) > BODY_LINES:
            lines.append(f"- … (+{len(changes) - BODY_LINES})")
    trailers = [f"Record: {record.id}", f"Action: {action}"]
    trailers += [f"Field: {c.field}" for c in changes]
    trailers.append(f"Dvtui-Version: {__version__}")
    return "\n".join([*lines, "", *trailers]) + "\n"


@frozen
class BatchEntry:
    """One record of a commit that changes several: what happened to it, in which fields."""

    record: str  # its address
    title: str  # how a person names it ("" when unknown)
    action: str  # create / update / delete
    changes: list[Change]


def build_batch_message(
    subject: str,
    action: str,
    entries: list[BatchEntry],
    *,
    body: tuple[str, ...] = (),
    renames: list[tuple[str, str]] | None = None,
    trailers: tuple[str, ...] = (),
) -> str:
    """The message of one commit that changes several records (a roll-over, a migration).

    Trailers as for one record: a ``Record:`` for every record the commit touches, the
    ``Action:``, a ``Field:`` for every field changed in any of them; ``Renamed: old -> new``
    for a record that moved, and the caller's own (``Format: 2``).
    """
    with language("vi"):
        lines = [inert(subject)[:SUBJECT_LIMIT], ""]
        lines += [inert(line) for line in body]
        if body:
            lines.append("")
        for entry in entries[:BODY_LINES]:
            what = label(ACTION, entry.action)
            name = entry.title or entry.record
            lines.append(inert(f"- {entry.record} · {name}: {what}"))
        if len(entries) > BODY_LINES:
            lines.append(f"- … (+{len(entries) - BODY_LINES})")
    fields = dict.fromkeys(c.field for entry in entries for c in entry.changes)
    out = [f"Record: {entry.record}" for entry in entries]
    out.append(f"Action: {action}")
    out += [f"Field: {name}" for name in fields]
    out += [f"Renamed: {old} -> {new}" for old, new in renames or ()]
    out += list(trailers)
    out.append(f"Dvtui-Version: {__version__}")
    return "\n".join([*lines, "", *out]) + "\n"


def parse_message(message: str) -> CommitMessage:
    """Read the subject and the trailers (the last paragraph's ``Key: value`` lines)."""
    paragraphs = message.strip().split("\n\n")
    subject = paragraphs[0].split("\n", 1)[0]
    trailers: dict[str, list[str]] = {}
    if len(paragraphs) > 1:
        for line in paragraphs[-1].splitlines():
            m = _TRAILER.match(line.strip())
            if m is None:
                trailers = {}
                break
            trailers.setdefault(m.group(1), []).append(m.group(2).strip())

    def first(key: str) -> str | None:
        values = trailers.get(key)
        return values[0] if values else None

    return CommitMessage(
        subject=subject,
        record=first("Record"),
        action=first("Action"),
        fields=trailers.get("Field", []),
        version=first("Dvtui-Version"),
        trailers=trailers,
    )
