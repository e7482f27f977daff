"""The history commands: log (who changed what), review (sign-offs), audit (checks).

Everything printed goes through ``inert()``: record text and commit messages never drive
the terminal.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import TYPE_CHECKING

from dvtui.cli.command import EXIT_ERROR, EXIT_OK, Command, Options
from dvtui.cli.output import date_option, progress_bar, whole_number
from dvtui.core.changes import describe
from dvtui.core.facts import address_title
from dvtui.core.ids import KIND_DEPTH, RecordId
from dvtui.core.labels import ACTION, label
from dvtui.core.problems import DataError, one_line
from dvtui.core.text import format_date, inert
from dvtui.i18n import N_, t, tn

if TYPE_CHECKING:
    from dvtui.storage import Store

CREATE_COLLAPSE = 5  # a commit creating more records than this prints as one line


# --- log -------------------------------------------------------------------------------------


class LogOptions(Options):
    id: str | None
    limit: int | None
    author: str | None
    since: str | None
    until: str | None
    kind: str | None


def log_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", nargs="?", help=t("cli.arg.id"))
    p.add_argument("-n", "--limit", type=whole_number, default=None)
    p.add_argument("--author", help=t("cli.opt.author"))
    p.add_argument("--since", help=t("cli.opt.since"))
    p.add_argument("--until", help=t("cli.opt.until"))
    p.add_argument("--kind", choices=tuple(KIND_DEPTH), help=t("cli.opt.kind"))


def cmd_log(store: Store, args: LogOptions, today: date) -> int:
    """``dvtui log [ID] [--author A] [--since D] [--until D] [--kind K] [-n N]``."""
    from dvtui.core.facts import title_of
    from dvtui.services.history import change_log

    rid = RecordId.parse(args.id) if args.id is not None else None  # "" is refused
    limit = args.limit
    entries = change_log(
        store.git,
        author=args.author,
        since=date_option(args.since, "--since"),
        until=date_option(args.until, "--until"),
        kind=args.kind,
        record=rid,
        limit=None if limit is None else max(limit, 1),  # -n 0 still tells a missing record
    )
    if rid is not None and not entries and not (args.author or args.since or args.until):
        raise DataError("err.not_found", id=str(rid))
    entries = entries[: max(limit, 0)] if limit is not None else entries
    if rid is not None:
        from dvtui.cli.showing import show_record_log

        show_record_log(entries, store.names())
        return EXIT_OK
    data = store.load()

    def title(record: str) -> str:
        try:
            found = data.get(RecordId.parse(record))
        except Exception:  # a path that is not a record (dvtui.toml …): any name at all
            return str(one_line(record))  # a newline in it shows as \n, never as a second line
        return f"{record} ({title_of(found, data)})" if found is not None else record

    for entry in entries:
        head = f"{entry.when:%d/%m/%Y %H:%M}  {entry.author}  {entry.sha[:8]}"
        creates = [r for r in entry.records if r.action == "create"]
        if entry.is_merge or not entry.records or len(creates) > CREATE_COLLAPSE:
            extra = " (" + tn("record.count", len(entry.records)) + ")" if entry.records else ""
            print(inert(f"{head}  {entry.subject}{extra}"))
            continue
        for change in entry.records:
            if change.action == "update":
                what = "; ".join(describe(c, data) for c in change.changes) or t("action.update")
            else:
                what = label(ACTION, change.action)
            print(inert(f"{head}  {title(change.record)}: {what}"))
    return EXIT_OK


# --- review ----------------------------------------------------------------------------------


class ReviewOptions(Options):
    sign: bool
    comment: str | None
    upto: str


def review_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sign", action="store_true", help=t("cli.opt.sign"))
    p.add_argument("--comment", help=t("cli.opt.comment"))
    p.add_argument("--upto", default="HEAD", help=t("cli.opt.upto"))


def cmd_review(store: Store, args: ReviewOptions, today: date) -> int:
    """``dvtui review [--sign [--comment C] [--upto REV]]``."""
    from dvtui.services.review import review_state, sign_off

    if args.sign:
        from dvtui.core.records import Review

        result = sign_off(store, comment=args.comment, upto=args.upto, now=datetime.now())
        record = result.record
        assert isinstance(record, Review)
        n = record.commits or 0
        print(tn("cli.review.signed", n, upto=record.upto[:8], sha=result.sha[:8]))
        return EXIT_OK
    state = review_state(store)
    if state.last is not None:
        last = state.last
        print(
            inert(
                t(
                    "cli.review.last",
                    who=last.reviewer,
                    date=format_date(last.signed_on),
                    upto=last.upto[:8],
                )
            )
        )
    else:
        print(t("cli.review.never"))
    if state.clean:
        print(t("cli.review.clean"))
        return EXIT_OK
    print(tn("cli.review.pending", len(state.pending)))
    names = store.names()
    for entry in state.pending:
        print()
        print(
            inert(f"{entry.when:%d/%m/%Y %H:%M}  {entry.author} <{entry.email}>  {entry.sha[:8]}")
        )
        print(inert(f"  {entry.subject}"))
        for change in entry.records[: CREATE_COLLAPSE * 4]:
            what = address_title(change.record, names)
            if change.action == "update":
                for c in change.changes:
                    print(inert(f"    {what} · {describe(c, names)}"))
            else:
                print(inert(f"    {what} · {label(ACTION, change.action)}"))
    print()
    print(t("cli.review.hint"))
    return EXIT_OK


# --- audit -----------------------------------------------------------------------------------


class AuditOptions(Options):
    since: str | None


def audit_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", help=t("cli.opt.audit_since"))


def cmd_audit(store: Store, args: AuditOptions, today: date) -> int:
    """``dvtui audit [--since REV]``: exit 0 when clean, 1 with the findings."""
    from dvtui.services.audit import FINDING_KIND, audit

    with progress_bar(t("cli.audit.running")) as progress:
        result = audit(store, args.since, progress)
    for f in result.findings:
        print(
            inert(
                f"{f.sha[:8]}  {f.when:%d/%m/%Y %H:%M}  {f.author}  "
                f"[{label(FINDING_KIND, f.kind)}]  {f.subject}"
            )
        )
        print(inert(f"    {one_line(f.detail)}"))  # a file name's newline stays on this line
    for change in result.policy.changes:
        key = (
            N_("cli.audit.policy.refused")
            if not change.honoured
            else N_("cli.audit.policy.on")
            if change.required
            else N_("cli.audit.policy.off")
        )
        when = f"{change.when:%d/%m/%Y %H:%M}"
        print(inert(t(key, when=when, who=change.author, sha=change.sha[:8])))
    print(result.summary())
    return EXIT_OK if result.clean else EXIT_ERROR


COMMANDS = (  # each command keeps its own options type; main.py sees them as Registered
    Command("log", N_("cli.cmd.log"), LogOptions, log_arguments, cmd_log, reads_history=True),
    Command(
        "review",
        N_("cli.cmd.review"),
        ReviewOptions,
        review_arguments,
        cmd_review,
        reads_history=True,
    ),
    Command(
        "audit",
        N_("cli.cmd.audit"),
        AuditOptions,
        audit_arguments,
        cmd_audit,
        reads_history=True,
    ),
)
