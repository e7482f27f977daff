"""Files in and out: ``dvtui attach``, ``dvtui attachments``, ``dvtui forms``, ``dvtui import``.

Everything printed goes through ``inert()``: a file name never drives the terminal.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dvtui.cli.command import EXIT_ERROR, EXIT_OK, Command, Options
from dvtui.cli.output import date_option, print_table
from dvtui.core.ids import RecordId
from dvtui.core.problems import DataError
from dvtui.core.text import format_date, inert
from dvtui.i18n import N_, t, tn

if TYPE_CHECKING:
    from dvtui.storage import Store

OUTCOME_KEYS = {
    "written": N_("cli.attachments.written"),
    "same": N_("cli.attachments.same"),
    "renamed": N_("cli.attachments.renamed"),
}


# --- attach, attachments -----------------------------------------------------------------


class AttachOptions(Options):
    id: str
    files: list[str]


def attach_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cli.arg.id"))
    p.add_argument("files", nargs="+", metavar="FILE", help=t("cli.arg.attach_files"))


def cmd_attach(store: Store, args: AttachOptions, today: date) -> int:
    """``dvtui attach ID FILE…``: the files kept with the record, one commit."""
    from dvtui.services.attach import attach, read_incoming

    files = read_incoming([Path(f) for f in args.files], store.settings.attachment_limit_mb)
    result = attach(store, RecordId.parse(args.id), files, today)
    print(tn("cli.attach.done", len(files), id=str(result.record.id), sha=result.sha[:8]))
    return EXIT_OK


class AttachmentsOptions(Options):
    id: str
    save: str | None


def attachments_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help=t("cli.arg.id"))
    p.add_argument("--save", metavar="DIR", help=t("cli.opt.attachments_save"))


def cmd_attachments(store: Store, args: AttachmentsOptions, today: date) -> int:
    """``dvtui attachments ID [--save DIR]``: the files a record keeps, or written out."""
    from dvtui.core.attachments import size_text
    from dvtui.services.attach import attachments_of, write_out

    record = store.get(RecordId.parse(args.id))
    if args.save is not None:
        for item in write_out(store, attachments_of(record), Path(args.save)):
            key = OUTCOME_KEYS[item.outcome]
            print(inert(t(key, name=item.attachment.name, path=str(item.path))))
        return EXIT_OK
    listed = attachments_of(record)
    if not listed:
        print(t("cli.attachments.none", id=str(record.id)))
        return EXIT_OK
    headers = [
        t(k)
        for k in (
            N_("col.file"),
            N_("col.size"),
            N_("col.added_on"),
            N_("col.added_by"),
            N_("col.sha"),
        )
    ]
    rows = [
        [a.name, size_text(a.size), format_date(a.added_on), a.added_by, a.sha256[:12]]
        for a in listed
    ]
    print_table(headers, rows)
    return EXIT_OK


# --- forms, import -------------------------------------------------------------------------


class FormsOptions(Options):
    period: str
    output: str


def forms_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("period", help=t("cli.arg.period"))
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=t("cli.opt.forms_output"))


def cmd_forms(store: Store, args: FormsOptions, today: date) -> int:
    """``dvtui forms PERIOD -o DIR``: one .xlsx per unit still to report."""
    from dvtui.services.forms import write_forms

    written = write_forms(store, args.period, Path(args.output))
    if not written:
        print(t("cli.forms.none", period=args.period))
        return EXIT_OK
    print(inert(tn("cli.forms.done", len(written), path=args.output)))
    return EXIT_OK


class ImportOptions(Options):
    files: list[str]
    received: str | None
    overwrite: bool
    period: str | None


def import_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help=t("cli.arg.form_files"))
    p.add_argument("--received", metavar="DATE", help=t("cli.opt.received"))
    p.add_argument("--overwrite", action="store_true", help=t("cli.opt.overwrite"))
    p.add_argument("--period", help=t("cli.opt.import_period"))


def cmd_import(store: Store, args: ImportOptions, today: date) -> int:
    """``dvtui import FILE… [--received DATE] [--overwrite]``: one commit per filled form.

    A file that cannot be imported is named with its reason and the others go on; a form
    that would replace saved values is listed and imported only with ``--overwrite`` (or a
    "c" typed at the question, when a person is at the terminal).
    """
    from dvtui.core.changes import field_label, value_text
    from dvtui.services.forms import read_import, save_import

    received = date_option(args.received, "--received") or today
    failed = 0
    for name in args.files:
        try:
            imported = read_import(store, Path(name), received, args.period)
            if imported.overwritten:
                print(inert(t("cli.import.differs", file=name, id=str(imported.report.id))))
                for c in imported.overwritten:
                    line = t(
                        "cli.import.change",
                        field=field_label(c.field, store.data),
                        old=value_text(c.field, c.old, store.data),
                        new=value_text(c.field, c.new, store.data),
                    )
                    print(inert(f"  {line}"))
                if not (args.overwrite or _confirmed()):
                    print(inert(t("cli.import.skipped", file=name)), file=sys.stderr)
                    failed += 1
                    continue
            result = save_import(store, imported, today)
        except DataError as exc:
            print(inert(f"dvtui: {exc}"), file=sys.stderr)
            failed += 1
            continue
        print(inert(t("cli.import.done", file=name, id=str(result.record.id), sha=result.sha[:8])))
    if failed:
        print(t("cli.import.failed", failed=failed, total=len(args.files)), file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _confirmed() -> bool:
    """Asked at the terminal; never when input is a pipe or a file (a script says --overwrite)."""
    if not sys.stdin.isatty():
        return False
    answer = input(t("cli.import.ask") + " ").strip().casefold()
    return answer in ("c", "có", "co", "y", "yes")


COMMANDS = (  # each command keeps its own options type; main.py sees them as Registered
    Command("attach", N_("cli.cmd.attach"), AttachOptions, attach_arguments, cmd_attach),
    Command(
        "attachments",
        N_("cli.cmd.attachments"),
        AttachmentsOptions,
        attachments_arguments,
        cmd_attachments,
    ),
    Command("forms", N_("cli.cmd.forms"), FormsOptions, forms_arguments, cmd_forms),
    Command("import", N_("cli.cmd.import"), ImportOptions, import_arguments, cmd_import),
)
