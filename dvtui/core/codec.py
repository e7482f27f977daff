"""Bytes ⇄ records: the canonical TOML form, and decoding with plain-language problems.

Canonical form: ``schema`` first, then fields in declared order, empty values left out,
NFC text, LF line endings, UTF-8. ``encode(decode(b)) == b`` for every canonical file,
so a one-field change is a one-line diff.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from dvtui.core.ids import BadId, RecordId
from dvtui.core.limits import check_toml
from dvtui.core.problems import Problem
from dvtui.core.records import KINDS, SCHEMA_VERSION, Record
from dvtui.core.schema import from_table, to_table

MAX_RECORD_BYTES = 1_000_000  # a record is a page of text; anything bigger is a mistake

__all__ = ["decode", "encode", "encode_table", "parse_table", "read_table"]


# A line git (``git diff --check``, a server's hook) or a reader takes for a conflict marker.
_MARKER_LINE = re.compile(r"^(<{7}|>{7}|={7}|\|{7})", re.MULTILINE)


def encode_table(table: dict[str, Any]) -> bytes:
    """Canonical bytes of a TOML table (the caller supplies key order).

    Texts with line breaks are written as multi-line strings (a one-line change is a
    one-line diff), unless a line of one would start like a conflict marker: then every
    text of the file is written on one line, with ``\\n`` escapes.
    """
    import tomli_w  # here: reading records (``show``, ``log``) never writes TOML (issue 15)

    text = tomli_w.dumps(table, multiline_strings=True)
    if _MARKER_LINE.search(text):
        text = tomli_w.dumps(table, multiline_strings=False)
    return text.encode("utf-8")


def encode(record: Record) -> bytes:
    """Canonical bytes of a record's file."""
    return encode_table({"schema": SCHEMA_VERSION, **to_table(record)})


def _encoding_problem(relpath: str, data: bytes) -> Problem:
    """The file is not clean UTF-8: say what it probably is (see ``encodings``)."""
    from dvtui.core.encodings import guess_encoding

    guess = guess_encoding(data)
    if guess == "binary":
        return Problem(relpath, "", "err.binary")
    if guess == "unknown":
        return Problem(relpath, "", "err.encoding_unknown")
    return Problem(relpath, "", "err.encoding", {"guess": guess})


def read_table(relpath: str, data: bytes) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Bytes of a TOML file into its table, or the one problem that stops it. Never raises.

    The one place dvtui turns bytes into tables, whatever they come from: a record on disk,
    ``dvtui.toml``, a blob of the history, a merge's three versions. Size, encoding and the
    parser's limits (:mod:`dvtui.core.limits`) are checked before the parser sees the text.
    """
    if len(data) > MAX_RECORD_BYTES:
        return None, [
            Problem(relpath, "", "err.too_large", {"size": len(data), "limit": MAX_RECORD_BYTES})
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [_encoding_problem(relpath, data)]
    if text.startswith("\ufeff") or "\x00" in text:
        return None, [_encoding_problem(relpath, data)]
    exceeded = check_toml(data)
    if exceeded is not None:
        return None, [Problem(relpath, "", exceeded.code, exceeded.args)]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(relpath, "", "err.toml", {"detail": str(exc)})]
    except (RecursionError, ValueError, OverflowError, MemoryError) as exc:
        # What the limits exist to prevent: should one slip through, it is still a problem
        # of this file, never a crash of the command.
        return None, [Problem(relpath, "", "err.toml", {"detail": type(exc).__name__})]


def parse_table(relpath: str, data: bytes) -> tuple[dict[str, Any] | None, list[Problem]]:
    """:func:`read_table`, then the schema version: the table of a record or ``dvtui.toml``."""
    table, problems = read_table(relpath, data)
    if table is None:
        return None, problems
    version = table.pop("schema", None)
    if version is None:
        return None, [Problem(relpath, "schema", "err.schema.missing")]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None, [Problem(relpath, "schema", "err.schema.bad", {"found": version})]
    if version > SCHEMA_VERSION:
        return None, [Problem(relpath, "schema", "err.schema.newer", {"found": version})]
    return table, []


def decode(relpath: str, data: bytes) -> tuple[Record | None, list[Problem]]:
    """The record stored at ``relpath`` (``records/…/x.toml``) with these bytes, or problems."""
    try:
        rid = RecordId.parse(relpath)
    except BadId as exc:
        return None, [exc.problem(relpath)]
    table, problems = parse_table(relpath, data)
    if table is None:
        return None, problems
    record, issues = from_table(KINDS[rid.kind], table, id=rid)
    return record, [Problem(relpath, i.field, i.code, i.args) for i in issues]
