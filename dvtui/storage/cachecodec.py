"""Decoded records as plain JSON values and back: the load cache's format, data only.

The load cache lives in ``.git/dvtui/`` and the loader's worker processes answer through a
pipe; both used to be pickles, and unpickling runs whatever the bytes ask for (a
``STACK_GLOBAL`` reaches any function of any module). JSON can only ever give numbers,
strings, lists and objects. This module rebuilds records from them through the record
dataclasses' own type hints, checks the type of every value on the way, and refuses
(``ValueError``) anything that is not exactly what it wrote.

The records are stored by column: for each kind, each field's values of all its records in
one list (a nested table's fields likewise, a list of tables as its items' columns and a
count per record). So a type is checked for a whole column at C speed
(``set(map(type, column))``), and each record costs one ``dict(zip(…))`` — faster than the
pickle it replaces. A record's ``id`` comes from its file path, so a cache can never move
a record to another address. No ``__init__`` runs, as with pickle before: the record was
validated when its file was read, and the blob id in the cache key proves it unchanged.
"""

from __future__ import annotations

import dataclasses
import json
import types
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import accumulate, chain, repeat
from typing import Any, Literal, Union, get_args, get_origin

from dvtui.core.ids import KIND_DEPTH, RecordId
from dvtui.core.problems import Problem
from dvtui.core.records import KINDS, Record
from dvtui.core.schema import hints, stored_fields

__all__ = ["dumps_entries", "dumps_results", "loads_entries", "loads_results"]

Entry = tuple[Record | None, tuple[Problem, ...]]
Names = tuple[tuple[str, str], ...]  # (kind, slug) of what a record names
Cached = tuple[Entry, Names]
Key = tuple[str, str]  # (path inside the repo, blob id)
Result = tuple[str, Entry, bool]  # a worker's answer: path, entry, bytes match the blob id

_SCALARS = (str, int, float, bool, type(None))
_NONE = type(None)


def _bad(what: str) -> ValueError:
    return ValueError(f"not a dvtui cache: {what}")


# --- how each field is stored ------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    """One field: the JSON types its values may have and how they come back."""

    how: Literal["plain", "date", "texts", "text-table", "table", "tables"]
    types: frozenset[type] = frozenset()
    allowed: frozenset[Any] | None = None  # a Literal's values
    optional: bool = False
    table: type | None = None  # the dataclass of a nested table ("table", "tables")


@cache
def _layout(cls: type) -> tuple[tuple[str, ...], tuple[_Column, ...]]:
    """The stored fields of ``cls`` and how each is kept."""
    names = tuple(f.name for f in stored_fields(cls))
    return names, tuple(_column_of(hints(cls)[name]) for name in names)


def _column_of(tp: Any) -> _Column:
    optional = False
    if get_origin(tp) in (Union, types.UnionType):
        tp, optional = next(a for a in get_args(tp) if a is not _NONE), True
    none = {_NONE} if optional else set()
    origin = get_origin(tp)
    if origin is Literal:
        allowed = frozenset(get_args(tp)) | ({None} if optional else set())
        return _Column("plain", frozenset({str, *none}), allowed)
    if tp in (str, int, bool):
        return _Column("plain", frozenset({tp, *none}))
    if tp is date:
        return _Column("date", frozenset({str, *none}))
    if origin is list and get_args(tp)[0] is str:
        return _Column("texts", frozenset({list}))
    if origin is list and dataclasses.is_dataclass(get_args(tp)[0]):
        return _Column("tables", table=get_args(tp)[0])
    if origin is dict:
        return _Column("text-table", frozenset({dict}))
    if dataclasses.is_dataclass(tp):
        assert isinstance(tp, type)
        return _Column("table", optional=optional, table=tp)
    raise TypeError(f"the load cache cannot store {tp!r}")  # records.py gained a new type


# --- writing -----------------------------------------------------------------------------------


def _columns(cls: type, items: Sequence[Any]) -> dict[str, Any]:
    """The stored fields of ``items`` (all of class ``cls``), one list per field."""
    names, columns = _layout(cls)
    return {
        name: _column_values(column, [getattr(item, name) for item in items])
        for name, column in zip(names, columns, strict=True)
    }


def _column_values(column: _Column, values: list[Any]) -> Any:
    if column.how == "date":
        return [None if v is None else v.isoformat() for v in values]
    if column.how == "table":
        assert column.table is not None
        present = [v for v in values if v is not None]
        out: dict[str, Any] = {"fields": _columns(column.table, present)}
        if column.optional:
            out["present"] = [v is not None for v in values]
        return out
    if column.how == "tables":
        assert column.table is not None
        return {
            "counts": [len(v) for v in values],
            "fields": _columns(column.table, [item for v in values for item in v]),
        }
    return values  # str, int, bool, None, list[str], dict[str, str]


# --- reading -----------------------------------------------------------------------------------


def _from_columns(cls: type, table: Any, count: int, first: list[Any] | None = None) -> list[Any]:
    """``count`` instances of ``cls`` from its columns (``first``: an ``id`` for each)."""
    names, columns = _layout(cls)
    if type(table) is not dict or list(table) != list(names):
        raise _bad(f"the fields of {cls.__name__} are not the ones written")
    values = [
        _column_read(column, table[name], count)
        for name, column in zip(names, columns, strict=True)
    ]
    if first is not None:
        names, values = ("id", *names), [first, *values]
    rows = list(zip(*values, strict=True))
    if first is None and _immutable(cls):
        # A nested table of plain values (a report's figures): equal ones are one object,
        # built once — most reports' figures are alike, and each is frozen.
        unique = list(dict.fromkeys(rows))
        built = dict(zip(unique, _instances(cls, names, unique), strict=True))
        return list(map(built.__getitem__, rows))
    return _instances(cls, names, rows)


def _instances(cls: type, names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[Any]:
    """One instance per row, all in C (``map``): its state set as pickle did (a frozen
    dataclass: no ``__init__`` again)."""
    states = list(map(dict, map(zip, repeat(names), rows)))
    out: list[Any] = list(map(object.__new__, repeat(cls, len(states))))
    deque(map(object.__setattr__, out, repeat("__dict__"), states), maxlen=0)
    return out


@cache
def _immutable(cls: type) -> bool:
    """True when every field of ``cls`` holds a plain value (text, number, date)."""
    return all(column.how in ("plain", "date") for column in _layout(cls)[1])


def _column_read(column: _Column, data: Any, count: int) -> list[Any]:
    if column.how == "table":
        return _tables_read(column, data, count)
    if column.how == "tables":
        return _items_read(column, data, count)
    if type(data) is not list or len(data) != count:
        raise _bad("a column of the wrong length")
    if not set(map(type, data)) <= column.types:
        raise _bad("a value of the wrong type")
    if column.allowed is not None and not set(data) <= column.allowed:
        raise _bad("a value that is not one of its choices")
    if column.how == "date":
        return [None if v is None else date.fromisoformat(v) for v in data]
    if column.how == "texts" and not set(map(type, chain.from_iterable(data))) <= {str}:
        raise _bad("a list of texts that is not one")
    text_table = column.how == "text-table"
    if text_table and not set(map(type, chain.from_iterable(map(dict.values, data)))) <= {str}:
        raise _bad("a table of texts that is not one")
    return data


def _tables_read(column: _Column, data: Any, count: int) -> list[Any]:
    """A nested table of each record (None where an optional one is absent)."""
    assert column.table is not None
    if type(data) is not dict:
        raise _bad("a nested table that is not one")
    if not column.optional:
        return _from_columns(column.table, data.get("fields"), count)
    present = data.get("present")
    if type(present) is not list or len(present) != count or not set(map(type, present)) <= {bool}:
        raise _bad("a nested table without its presence")
    built = iter(_from_columns(column.table, data.get("fields"), sum(present)))
    return [next(built) if here else None for here in present]


def _items_read(column: _Column, data: Any, count: int) -> list[Any]:
    """A list of tables of each record: all items' columns, then how many each record has."""
    assert column.table is not None
    counts = data.get("counts") if type(data) is dict else None
    if type(counts) is not list or len(counts) != count or not set(map(type, counts)) <= {int}:
        raise _bad("a list of tables without its counts")
    if any(n < 0 for n in counts):
        raise _bad("a negative count")
    items = _from_columns(column.table, data.get("fields"), sum(counts))
    ends = list(accumulate(counts))
    return [items[end - n : end] for n, end in zip(counts, ends, strict=True)]


def _record_ids(paths: list[str]) -> list[RecordId]:
    """The address of the record stored at each path (``records/<kind>/…/<slug>.toml``)."""
    parts = [path.removeprefix("records/").removesuffix(".toml").split("/") for path in paths]
    kinds = [p[0] for p in parts]
    if any(KIND_DEPTH.get(kind) != len(p) - 1 for kind, p in zip(kinds, parts, strict=True)):
        raise _bad("an entry whose path is no record's")
    slugs = [tuple(p[1:]) for p in parts]
    ids = list(map(object.__new__, repeat(RecordId, len(paths))))  # as RecordId(kind, slugs)
    deque(map(object.__setattr__, ids, repeat("kind"), kinds), maxlen=0)
    deque(map(object.__setattr__, ids, repeat("parts"), slugs), maxlen=0)
    return ids


# --- entries: records, problems, names -----------------------------------------------------------


def _problem_plain(problem: Problem) -> list[Any]:
    args = {k: v if isinstance(v, _SCALARS) else str(v) for k, v in problem.args.items()}
    return [problem.file, problem.field, problem.code, args]


def _problems(value: Any) -> tuple[Problem, ...]:
    if type(value) is not list:
        raise _bad("problems that are not a list")
    out = []
    for item in value:
        if type(item) is not list or len(item) != 4:
            raise _bad("a problem of the wrong shape")
        file, field, code, args = item
        if not (type(file) is type(field) is type(code) is str) or type(args) is not dict:
            raise _bad("a problem of the wrong types")
        if not all(isinstance(v, _SCALARS) for v in args.values()):
            raise _bad("a problem's values are not plain")
        out.append(Problem(file, field, code, args))
    return tuple(out)


def _records_plain(paths_entries: list[tuple[str, Entry]]) -> dict[str, Any]:
    """Every record of these entries, by kind, in the order of the entries."""
    by_kind: dict[str, list[Record]] = {}
    for _path, (record, _found) in paths_entries:
        if record is not None:
            by_kind.setdefault(record.id.kind, []).append(record)
    return {kind: _columns(KINDS[kind], records) for kind, records in by_kind.items()}


def _records_read(doc: dict[str, Any], paths: list[str], has: list[Any]) -> list[Record | None]:
    """The record of each entry (None where it has none), rebuilt kind by kind."""
    tables = doc.get("records")
    if type(tables) is not dict or not set(map(type, has)) <= {bool}:
        raise _bad("no records")
    with_record = [path for path, here in zip(paths, has, strict=True) if here]
    found = iter(_record_ids(with_record))
    ids = [next(found) if here else None for here in has]
    wanted: dict[str, list[RecordId]] = {}
    for rid in ids:
        if rid is not None:
            wanted.setdefault(rid.kind, []).append(rid)
    if set(tables) != set(wanted):
        raise _bad("records of other kinds than their paths")
    built = {
        kind: iter(_from_columns(KINDS[kind], tables[kind], len(rids), rids))
        for kind, rids in wanted.items()
    }
    return [None if rid is None else next(built[rid.kind]) for rid in ids]


def dumps_entries(entries: Iterable[tuple[Key, Cached]]) -> bytes:
    """The cache's payload: every (path, blob) with its record, problems and names."""
    items = list(entries)
    pairs: dict[tuple[str, str], int] = {}
    rows = []
    for (path, blob), ((record, problems), names) in items:
        refs = [pairs.setdefault(pair, len(pairs)) for pair in names]
        rows.append([path, blob, record is not None, [_problem_plain(p) for p in problems], refs])
    records = _records_plain([(path, entry) for (path, _), (entry, _) in items])
    doc = {"names": list(pairs), "entries": rows, "records": records}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads_entries(data: bytes) -> dict[Key, Cached]:
    """What :func:`dumps_entries` wrote; ValueError (or TypeError) for anything else."""
    doc = json.loads(data)
    if type(doc) is not dict or type(doc.get("names")) is not list:
        raise _bad("no names")
    pairs = [_name_pair(p) for p in doc["names"]]
    rows = doc.get("entries")
    if type(rows) is not list or not set(map(type, rows)) <= {list}:
        raise _bad("no entries")
    if not set(map(len, rows)) <= {5}:
        raise _bad("an entry of the wrong shape")
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * 5
    paths, blobs, has, problems, refs = columns
    if not set(map(type, chain(paths, blobs))) <= {str} or not set(map(type, refs)) <= {list}:
        raise _bad("an entry of the wrong types")
    records = _records_read(doc, paths, has)
    found = [_problems(p) if p else () for p in problems]
    names = map(tuple, map(map, repeat(pairs.__getitem__), refs))  # TypeError: not a number
    keys = zip(paths, blobs, strict=True)
    entries = zip(records, found, strict=True)
    return dict(zip(keys, zip(entries, names, strict=True), strict=True))


def _name_pair(value: Any) -> tuple[str, str]:
    if type(value) is not list or len(value) != 2 or not all(type(v) is str for v in value):
        raise _bad("a name that is not (kind, slug)")
    return (value[0], value[1])


def dumps_results(results: Iterable[Result]) -> bytes:
    """A worker's decoded files, for the process that asked."""
    items = list(results)
    rows = [
        [path, entry[0] is not None, [_problem_plain(p) for p in entry[1]], matches]
        for path, entry, matches in items
    ]
    doc = {"entries": rows, "records": _records_plain([(p, e) for p, e, _ in items])}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads_results(data: bytes) -> list[Result]:
    """What :func:`dumps_results` wrote; ValueError (or TypeError) for anything else."""
    doc = json.loads(data)
    rows = doc.get("entries") if type(doc) is dict else None
    if type(rows) is not list or not all(type(r) is list and len(r) == 4 for r in rows):
        raise _bad("results of the wrong shape")
    paths = [r[0] for r in rows]
    if not set(map(type, paths)) <= {str} or not all(type(r[3]) is bool for r in rows):
        raise _bad("results of the wrong types")
    records = _records_read(doc, paths, [r[1] for r in rows])
    return [
        (path, (record, _problems(row[2])), row[3])
        for path, record, row in zip(paths, records, rows, strict=True)
    ]
