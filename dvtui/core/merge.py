"""Three-way merge of one record, field by field — what two staff did to the same file.

A record's three versions (the common ancestor, mine, theirs) are flattened to fields
(``status``, ``figures.dialogues``, ``narrative.2023-ii-7`` …). For each field: changed on one
side only → that side wins; changed the same way on both → fine; changed two different
ways → a :class:`Conflict`. Set fields (``members`` in ``records.py``: progress notes,
assigned units) merge as sets: what either side added is kept, what either side removed is
gone, and the result is in the field's one canonical order.

The result is always canonical TOML (written through the record dataclasses when the
record validates), never a file with conflict markers. Nothing here touches git or disk.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from dvtui.core import codec
from dvtui.core.ids import BadId, RecordId
from dvtui.core.problems import DataError, FieldError, InvalidRecord, Problem
from dvtui.core.records import KINDS, SCHEMA_VERSION, Record
from dvtui.core.schema import (
    Issue,
    canonical_order,
    from_table,
    parse_field,
    rule_issue,
    set_fields,
)
from dvtui.i18n import N_

__all__ = [
    "Choice",
    "Conflict",
    "ConflictReason",
    "FileMerge",
    "merge_file",
    "resolve_file",
]

Path_ = tuple[str, ...]
ConflictReason = Literal["both-changed", "invalid", "deleted", "whole-file"]
WHOLE_FILE = ""  # the ``field`` of a conflict about the whole file


@dataclass(frozen=True)
class Conflict:
    """One field changed two different ways (or a whole file that cannot merge).

    ``path`` is the file in the data repo (``records/reports/2023-h1/x.toml``), ``field``
    the dotted field name, or ``""`` for the whole file. ``base``/``mine``/``theirs`` are
    TOML values (``None`` = absent; for a whole-file conflict, the file's table, its text
    when it is unreadable, or ``None`` when that side deleted it). ``reason``:
    ``both-changed`` (the usual case), ``invalid`` (each change is fine alone but together
    they break a rule, e.g. more petitions resolved than received), ``deleted`` (one side
    deleted the file, the other changed it), ``whole-file`` (a version is not valid TOML,
    or the file is not TOML at all: one side or the other is kept whole).
    """

    path: str
    field: str
    base: object  # the field's TOML value on each side (None: absent)
    mine: object
    theirs: object
    reason: ConflictReason = "both-changed"
    problem: str = ""  # for ``invalid``: the rule broken, in the current language

    @property
    def key(self) -> tuple[str, str]:
        """``(path, field)``: how choices name a conflict."""
        return (self.path, self.field)

    @property
    def record(self) -> str | None:
        """The record ID (``reports/2023-h1/x``), or None for a file outside ``records/``."""
        try:
            return str(RecordId.parse(self.path))
        except BadId:
            return None


@dataclass(frozen=True)
class Choice:
    """How the user settles one conflict: keep mine, take theirs, go back to base, or a value."""

    take: Literal["mine", "theirs", "base", "value"]
    value: object = None  # for ``take == "value"``: a TOML value (None clears the field)

    @classmethod
    def of(cls, value: object) -> Choice:
        """A value the user typed or picked."""
        return cls("value", value)

    def pick(self, conflict: Conflict) -> object:
        """The value this choice gives ``conflict``."""
        if self.take == "value":
            return self.value
        return getattr(conflict, self.take)


MINE, THEIRS, BASE = Choice("mine"), Choice("theirs"), Choice("base")


def choice_from_text(conflict: Conflict, text: str) -> Choice:
    """A typed answer: ``mine``/``theirs``/``base``, or a value parsed as the field's type.

    :class:`FieldError` when the text is not a value of the field.
    """
    word = text.strip().casefold()
    if word in ("mine", "theirs", "base"):
        return Choice(word)  # type: ignore[arg-type]
    cls = _kind_class(conflict.path)
    if cls is None or conflict.field == WHOLE_FILE:
        raise FieldError(N_("err.not_settable"))
    try:
        return Choice.of(parse_field(cls, conflict.field, text))
    except KeyError:
        raise FieldError(N_("err.not_settable")) from None


@dataclass(frozen=True)
class FileMerge:
    """The merged bytes of one file (None = deleted) and the conflicts left in it.

    When there are conflicts, ``data`` holds my value for every conflicting field (a
    valid, canonical file), so that git has something sane to put in the tree.
    """

    data: bytes | None
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """True when nothing needs a person's decision."""
        return not self.conflicts


# --- the merge --------------------------------------------------------------------------


def merge_file(
    path: str, base: bytes | None, mine: bytes | None, theirs: bytes | None
) -> FileMerge:
    """Merge three versions of the file at ``path`` (None = the file does not exist)."""
    return _merge(path, base, mine, theirs, {})


def resolve_file(
    path: str,
    base: bytes | None,
    mine: bytes | None,
    theirs: bytes | None,
    choices: Mapping[str, Choice],
) -> FileMerge:
    """Merge again with the user's ``choices`` (field → choice); conflicts not chosen remain.

    Raises InvalidRecord when the chosen values together break a rule of the record.
    """
    return _merge(path, base, mine, theirs, choices)


def _merge(
    path: str,
    base: bytes | None,
    mine: bytes | None,
    theirs: bytes | None,
    choices: Mapping[str, Choice],
) -> FileMerge:
    if mine == theirs:
        return FileMerge(mine)
    if mine == base:
        return FileMerge(theirs)
    if theirs == base:
        return FileMerge(mine)
    tables = [_table(path, b) for b in (base, mine, theirs)]
    if any(t is _UNREADABLE for t in tables) or mine is None or theirs is None:
        reason: ConflictReason = "deleted" if mine is None or theirs is None else "whole-file"
        b, m, t = (_whole(d, x) for d, x in zip((base, mine, theirs), tables, strict=True))
        conflict = Conflict(path, WHOLE_FILE, b, m, t, reason)
        choice = choices.get(WHOLE_FILE)
        if choice is None:
            return FileMerge(mine, [conflict])
        picked = {"mine": mine, "theirs": theirs, "base": base}.get(choice.take)
        if choice.take == "value":
            raise DataError("err.sync.whole_file_value", path=path)
        return FileMerge(picked)
    base_t, mine_t, theirs_t = (t if isinstance(t, dict) else {} for t in tables)
    return _merge_tables(path, base_t, mine_t, theirs_t, mine, choices)


_UNREADABLE: Any = object()


def _table(path: str, data: bytes | None) -> Any:
    if data is None:
        return None
    if not path.endswith(".toml"):
        return _UNREADABLE
    # A table with a missing or newer schema still merges by field (its version is kept).
    table, _problems = codec.read_table(path, data)
    return _UNREADABLE if table is None else table


def _whole(data: bytes | None, table: Any) -> Any:
    if data is None:
        return None
    if table is _UNREADABLE:
        return data.decode("utf-8", errors="replace")
    return table


def _merge_tables(
    path: str,
    base: dict[str, Any],
    mine: dict[str, Any],
    theirs: dict[str, Any],
    mine_bytes: bytes,
    choices: Mapping[str, Choice],
) -> FileMerge:
    schema = mine.pop("schema", None), theirs.pop("schema", None)
    base.pop("schema", None)
    b, m, t = _flatten(base), _flatten(mine), _flatten(theirs)
    merged: dict[Path_, Any] = {}
    conflicts: list[Conflict] = []
    cls = _kind_class(path)
    sets = set_fields(cls) if cls is not None else {}
    for key in _ordered_keys(m, t, b):
        name = ".".join(key)
        bv, mv, tv = b.get(key), m.get(key), t.get(key)
        order = sets.get(name)
        if name in choices:  # the user's word beats every rule below
            value = _empty_to_none(choices[name].pick(Conflict(path, name, bv, mv, tv)))
        elif mv == tv:
            value = mv
        elif mv == bv:
            value = tv
        elif tv == bv:
            value = mv
        elif order is not None:
            value = canonical_order(order, _set_merge(bv, mv, tv))
        else:
            conflicts.append(Conflict(path, name, bv, mv, tv))
            value = mv
        if value is not None:
            merged[key] = value
    table = _unflatten(merged)
    if cls is None:  # not a record (a stray file): merge by key, no schema to check
        version = next((v for v in schema if v is not None), None)
        return FileMerge(_encode_plain(table, version), conflicts)
    record, issues = _validate(cls, table, path)
    if record is None:
        problems = [Problem(path, i.field, i.code, i.args) for i in issues]
        # Each side was fine alone; together they break a rule: a person decides. When the
        # person already decided that field, their choice is what breaks it: say so.
        for problem in problems:
            name = _issue_field(problem.field)
            if name in choices or (choices and not conflicts):
                raise InvalidRecord([problem])
            if not any(c.field == name for c in conflicts):
                key = tuple(name.split(".")) if name else ()
                values = (b.get(key), m.get(key), t.get(key))
                conflicts.append(Conflict(path, name, *values, "invalid", problem.reason()))
        return FileMerge(mine_bytes, conflicts)
    return FileMerge(codec.encode(record), conflicts)


def _validate(
    cls: type[Record], table: dict[str, Any], path: str
) -> tuple[Record | None, list[Issue]]:
    try:
        return from_table(cls, table, id=RecordId.parse(path))
    except FieldError as exc:  # a nested table's own rule (Figures), raised past from_table
        return None, [rule_issue(exc)]


def _issue_field(name: str) -> str:
    """``notes[2].on`` → ``notes``: a list is one field when it comes to conflicts."""
    return name.split("[", 1)[0] if name != "id" else WHOLE_FILE


def _kind_class(path: str) -> type | None:
    try:
        rid = RecordId.parse(path)
    except BadId:
        return None
    return KINDS.get(rid.kind)


def _encode_plain(table: dict[str, Any], version: Any) -> bytes:
    return codec.encode_table(
        {"schema": version if version is not None else SCHEMA_VERSION, **table}
    )


# --- fields -----------------------------------------------------------------------------


def _empty_to_none(value: Any) -> Any:
    return None if value in ("", [], {}) else value


def _flatten(table: dict[str, Any], prefix: Path_ = ()) -> dict[Path_, Any]:
    """Nested tables to field paths; lists and empty values are leaves, empties dropped."""
    out: dict[Path_, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict) and value:
            out.update(_flatten(value, (*prefix, key)))
        elif _empty_to_none(value) is not None:
            out[(*prefix, key)] = value
    return out


def _unflatten(fields: dict[Path_, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        table = out
        for part in key[:-1]:
            table = table.setdefault(part, {})
        table[key[-1]] = value
    return out


def _ordered_keys(*sides: dict[Path_, Any]) -> list[Path_]:
    seen: dict[Path_, None] = {}
    for side in sides:
        seen.update(dict.fromkeys(side))
    return list(seen)


# --- fields that merge as sets ------------------------------------------------------------


def _item_key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)


def _set_merge(base: Any, mine: Any, theirs: Any) -> list[Any]:
    """Kept by both, plus what either added; base order first, then additions."""
    b, m, t = ({_item_key(i): i for i in (v or [])} for v in (base, mine, theirs))
    kept = [i for k, i in b.items() if k in m and k in t]
    added = {k: i for k, i in (m | t).items() if k not in b}
    return kept + [added[k] for k in sorted(added)]
