"""Turning TOML tables into typed records and back, driven by the records' type hints.

Each record kind is a frozen dataclass (see ``records.py``). This module reads its
annotations to validate a parsed TOML table (types, enums, dates, required fields,
unknown keys) and to turn a record back into the canonical table that is written.
Field metadata adds what a type cannot say: ``ref`` (the kind a value points to),
``min`` (the smallest number allowed), ``set`` (a list whose order means nothing: it is
written in one canonical order and merged as a set; see :func:`members`) and ``labels`` (what
people read and type for the slugs of a closed set of values: ``Đã nộp`` for ``submitted``).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union, get_args, get_origin

from dvtui.core.labels import Slug
from dvtui.core.limits import in_int_range
from dvtui.core.problems import FieldError
from dvtui.core.recordclass import frozen
from dvtui.core.text import fold, nfc, parse_date
from dvtui.i18n import N_, Lang, current_language, t, translator

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "Issue",
    "assign",
    "choice",
    "field_type",
    "from_table",
    "members",
    "parse_field",
    "parse_field_text",
    "set_fields",
    "to_table",
]

# How a set field's items are put in their one order: by value (slugs, natural order), or
# by date (progress notes: by their ``on``; notes of one day keep the order they had).
SetOrder = Literal["value", "date"]


@frozen
class Issue:
    """One problem with one field: ``code`` is a message-catalog key, ``args`` its values."""

    field: str
    code: str
    args: dict[str, object] = dataclasses.field(default_factory=dict)


def ref(kind: str, **kw: Any) -> Any:
    """A dataclass field whose value names a record of ``kind`` (checked at load)."""
    return dataclasses.field(metadata={"ref": kind}, **kw)


def members(*, order: SetOrder = "value", refers_to: str | None = None, **kw: Any) -> Any:
    """A list that is a set: stored in one canonical ``order``, merged by what was added or
    removed, so that two saves of the same members are the same bytes and no diff."""
    metadata: dict[str, Any] = {"set": order}
    if refers_to is not None:
        metadata["ref"] = refers_to
    return dataclasses.field(metadata=metadata, default_factory=list, **kw)


def set_fields(cls: type) -> dict[str, SetOrder]:
    """The set fields of a record kind (``notes``, ``assigned_units`` …) and their order."""
    found = _SET_FIELDS.get(cls)
    if found is None:
        found = {f.name: f.metadata["set"] for f in stored_fields(cls) if "set" in f.metadata}
        _SET_FIELDS[cls] = found
    return found


_SET_FIELDS: dict[type, dict[str, SetOrder]] = {}


def canonical_order(order: SetOrder, items: list[Any]) -> list[Any]:
    """``items`` in the one order of a set field (plain TOML values)."""
    if order == "date":
        return sorted(items, key=lambda n: str(n.get("on", "")) if isinstance(n, dict) else "")
    return sorted(items, key=lambda v: (_natural(str(v)), str(v)))


def count(**kw: Any) -> Any:
    """An optional non-negative number (a figure in a report)."""
    return dataclasses.field(default=None, metadata={"min": 0}, **kw)


def choice(labels: Mapping[Slug, str], **kw: Any) -> Any:
    """A field of a closed set of slugs (a ``Literal``) with the message key of each one's
    label (slug → key): people read the labels and may type them instead of the slugs."""
    return dataclasses.field(metadata={"labels": labels}, **kw)


@cache
def hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of a dataclass, cached (converters are compiled from them)."""
    return typing.get_type_hints(cls)


@cache
def stored_fields(cls: type) -> tuple[dataclasses.Field[Any], ...]:
    """Fields written to TOML, in canonical order (the ``id`` is the file path, not a key)."""
    return tuple(f for f in dataclasses.fields(cls) if f.name != "id")


def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1 and len(get_args(tp)) == 2:
            return args[0], True
    return tp, False


def _is_required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


R = TypeVar("R")


def from_table(
    cls: type[R], table: Mapping[str, object], **extra: object
) -> tuple[R | None, list[Issue]]:
    """Validate ``table`` against ``cls``; return the record (or None) and every issue found."""
    issues: list[Issue] = []
    value = _table_converter(cls)(table, "", issues)
    if issues:
        return None, issues
    try:
        return cls(**value, **extra), []
    except FieldError as exc:  # cross-field rules raised by __post_init__
        return None, [rule_issue(exc)]


def rule_issue(exc: FieldError) -> Issue:
    """The issue a ``__post_init__`` rule raised (``FieldError(code, values, field=…)``)."""
    return Issue(exc.field, exc.code, exc.values)


# A converter checks one value found at ``path`` and gives what the record holds: every
# problem is added to ``issues`` (a bad value is kept, so that later fields are still checked).
# One is compiled per record class and field type on first use, from the type hints: a load
# of 10,000 files walks the hints once, not once per file and field.
Converter = Callable[[Any, str, list[Issue]], Any]


TableConverter = Callable[[Any, str, list[Issue]], dict[str, Any]]
_TABLE_CONVERTERS: dict[type, TableConverter] = {}


def _table_converter(cls: type) -> TableConverter:
    """The converter of a table into the fields of ``cls`` (its ``path`` is the table's
    prefix: ``""`` or ``"figures."``), compiled on first use."""
    found = _TABLE_CONVERTERS.get(cls)
    if found is None:
        found = _TABLE_CONVERTERS[cls] = _compile_table(cls)
    return found


def _compile_table(cls: type) -> TableConverter:
    fields = tuple(
        (f.name, _is_required(f), _compile(hints(cls)[f.name], f.metadata))
        for f in stored_fields(cls)
    )
    known = frozenset(name for name, _, _ in fields)

    def convert(table: Any, prefix: str, issues: list[Issue]) -> dict[str, Any]:
        if not isinstance(table, dict):
            issues.append(Issue(prefix.rstrip("."), "err.type.table"))
            return {}
        if not known.issuperset(table):
            issues.extend(
                Issue(prefix + key, "err.unknown_key") for key in table if key not in known
            )
        out: dict[str, Any] = {}
        for name, required, field_converter in fields:
            if name in table:
                out[name] = field_converter(table[name], prefix + name, issues)
            elif required:
                issues.append(Issue(prefix + name, "err.required"))
        return out

    return convert


_SURROGATE = re.compile("[\ud800-\udfff]")


def _compile(tp: Any, meta: Mapping[str, Any]) -> Converter:
    """The converter of a value of type ``tp`` (``None`` of an optional is never in TOML)."""
    tp, _optional = _unwrap_optional(tp)
    origin = get_origin(tp)
    if origin is Literal:
        return _literal(get_args(tp))
    if tp is str:
        return _text
    if tp is bool:
        return _flag
    if tp is int:
        return _number(meta.get("min"))
    if tp is date:
        return _day
    if origin is list:
        (item_tp,) = get_args(tp)
        return _items(_compile(item_tp, meta))
    if origin is dict:
        _key_tp, value_tp = get_args(tp)
        return _mapping(_compile(value_tp, meta))
    if dataclasses.is_dataclass(tp):
        assert isinstance(tp, type)
        return _nested(tp)
    raise TypeError(f"unsupported field type {tp!r}")  # a bug in records.py


def _literal(allowed: tuple[str, ...]) -> Converter:
    slugs = frozenset(allowed)
    shown = ", ".join(allowed)

    def convert(value: Any, path: str, issues: list[Issue]) -> Any:
        if not (type(value) is str and value in slugs) and value not in allowed:
            issues.append(Issue(path, "err.enum", {"value": value, "allowed": shown}))
        return value

    return convert


def _text(value: Any, path: str, issues: list[Issue]) -> Any:
    if not isinstance(value, str):
        issues.append(Issue(path, "err.type.str"))
        return value
    if value.isascii():  # no surrogate, already NFC: only line breaks to look at
        return _CRLF.sub("\n", value) if "\r" in value else value
    if _SURROGATE.search(value):  # bytes that were not UTF-8 (a mis-encoded argument)
        issues.append(Issue(path, "err.type.not_utf8"))
        return value
    return _stored_text(value)


def _flag(value: Any, path: str, issues: list[Issue]) -> Any:
    if not isinstance(value, bool):
        issues.append(Issue(path, "err.type.bool"))
    return value


def _number(smallest: int | None) -> Converter:
    def convert(value: Any, path: str, issues: list[Issue]) -> Any:
        if not isinstance(value, int) or isinstance(value, bool):
            issues.append(Issue(path, "err.type.int"))
        elif not in_int_range(value):  # TOML could never hold it; a spreadsheet rounds it
            issues.append(Issue(path, "err.int_range"))
        elif smallest is not None and value < smallest:
            issues.append(Issue(path, "err.min", {"min": smallest}))
        return value

    return convert


def _day(value: Any, path: str, issues: list[Issue]) -> Any:
    if not isinstance(value, date) or isinstance(value, datetime):
        issues.append(Issue(path, "err.type.date"))
    return value


def _items(item: Converter) -> Converter:
    def convert(value: Any, path: str, issues: list[Issue]) -> Any:
        if not isinstance(value, list):
            issues.append(Issue(path, "err.type.list"))
            return []
        return [item(v, f"{path}[{i + 1}]", issues) for i, v in enumerate(value)]

    return convert


def _mapping(item: Converter) -> Converter:
    def convert(value: Any, path: str, issues: list[Issue]) -> Any:
        if not isinstance(value, dict):
            issues.append(Issue(path, "err.type.table"))
            return {}
        return {nfc(k): item(v, f"{path}.{k}", issues) for k, v in value.items()}

    return convert


def _nested(cls: type) -> Converter:
    def convert(value: Any, path: str, issues: list[Issue]) -> Any:
        fields = _table_converter(cls)(value, path + ".", issues)
        try:
            return cls(**fields)
        except TypeError:  # a required nested field is missing: already reported
            return None
        except FieldError as exc:  # a nested rule (figures.x ≤ figures.y): a problem, not a crash
            issues.append(rule_issue(exc))
            return None

    return convert


def to_table(record: DataclassInstance) -> dict[str, Any]:
    """The canonical TOML table of a record: fields in declared order, empty values left out.

    An empty text is kept when its field's default is not empty (``symbol = "BC-UBND"``):
    left out, it would read back as the default, not as what was saved.
    """
    out: dict[str, Any] = {}
    keep = _keeps_empty(type(record))
    sets = set_fields(type(record))
    for f in stored_fields(type(record)):
        value = _plain(getattr(record, f.name))
        if value is None or (value in ("", [], {}) and f.name not in keep):
            continue
        if f.name in sets:
            value = canonical_order(sets[f.name], value)
        out[f.name] = value
    return out


_KEEPS_EMPTY: dict[type, frozenset[str]] = {}


def _keeps_empty(cls: type) -> frozenset[str]:
    """Fields whose default is a non-empty text: an empty value of theirs is written."""
    found = _KEEPS_EMPTY.get(cls)
    if found is None:
        found = frozenset(
            f.name for f in stored_fields(cls) if isinstance(f.default, str) and f.default != ""
        )
        _KEEPS_EMPTY[cls] = found
    return found


def _natural(key: str) -> tuple[tuple[int, int, str], ...]:
    """``ii-2`` < ``ii-2-1`` < ``ii-10``: numbers compare as numbers."""
    return tuple(
        (0, int(part), "") if part.isdigit() else (1, 0, part)
        for part in re.split(r"(\d+)", key)
        if part
    )


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        table = to_table(value)
        return table or None
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):  # canonical: the same keys are always written in one order
        return {nfc(k): _plain(value[k]) for k in sorted(value, key=lambda k: (_natural(k), k))}
    if isinstance(value, str):
        return _stored_text(value)
    return value


def _stored_text(text: str) -> str:
    """Text as dvtui stores it: NFC, line breaks as LF (whatever TOML string form held it)."""
    return _CRLF.sub("\n", nfc(text))


_CRLF = re.compile("\r+\n")  # \r\r\n too: one pass must leave no \r\n behind


def assign(table: dict[str, Any], dotted: str, value: object) -> None:
    """Set a (dotted) field in a TOML table; an empty value removes it."""
    *parents, leaf = dotted.split(".")
    for part in parents:
        table = table.setdefault(part, {})
    if value is None or value == "" or value == []:
        table.pop(leaf, None)
    else:
        table[leaf] = value


def field_type(cls: type, dotted: str) -> tuple[object, Mapping[str, Any]]:
    """The type and metadata of a (possibly nested, ``a.b``) field; KeyError if unknown."""
    head, _, rest = dotted.partition(".")
    f = {f.name: f for f in stored_fields(cls)}[head]
    tp, _ = _unwrap_optional(hints(cls)[head])
    if rest:
        if get_origin(tp) is dict:
            return get_args(tp)[1], f.metadata
        if not dataclasses.is_dataclass(tp):
            raise KeyError(dotted)
        assert isinstance(tp, type)
        return field_type(tp, rest)
    return tp, f.metadata


# What a person can type for a field: nothing (clear it), a date, a number, yes/no, a
# comma-separated list or a text.
TypedValue = date | int | bool | list[str] | str | None


def parse_field(cls: type, dotted: str, text: str) -> TypedValue:
    """What a person typed for the field ``dotted`` of ``cls``, as its value.

    KeyError when ``cls`` has no such field; :class:`FieldError` when the text is not a value
    of it (the reason in ``code`` and ``values``).
    """
    tp, meta = field_type(cls, dotted)
    return parse_field_text(tp, text, meta.get("labels", {}))


def parse_field_text(tp: object, text: str, labels: Mapping[str, str] | None = None) -> TypedValue:
    """Turn what a person typed into a value of type ``tp``; :class:`FieldError` if not.

    An empty text means "no value" (the field is cleared). A slug of a ``Literal`` may also be
    typed as its label (``labels``: slug → message key), see :func:`parse_choice`.
    """
    text = nfc(text.strip())
    if text == "":
        return None
    tp, _ = _unwrap_optional(tp)
    if tp is date:
        try:
            return parse_date(text)
        except ValueError:
            raise FieldError(N_("err.type.date_text"), {"value": text}) from None
    if tp is int:
        try:
            return int(text)
        except ValueError:
            raise FieldError(N_("err.type.int_text"), {"value": text}) from None
    if tp is bool:
        lowered = text.casefold()
        if lowered in {"true", "yes", "có", "1"}:
            return True
        if lowered in {"false", "no", "không", "0"}:
            return False
        raise FieldError(N_("err.type.bool_text"), {"value": text})
    if get_origin(tp) is list:
        return [part.strip() for part in text.split(",") if part.strip()]
    if get_origin(tp) is Literal:
        return parse_choice(get_args(tp), text, labels or {})
    if tp is str:
        return text
    raise FieldError(N_("err.not_settable"))


def parse_choice(allowed: tuple[str, ...], text: str, labels: Mapping[str, str]) -> str:
    """The slug of ``allowed`` that ``text`` names: the slug itself, or its label in the current
    language or in Vietnamese, whatever its marks, case and punctuation (``da nop``, ``ĐÃ NỘP``:
    what an input method left, or a keyboard without one). Refused with the labels people read.
    """
    if text in allowed:
        return text
    wanted = _words(text)
    languages: tuple[Lang, ...] = (current_language(), "vi")
    for slug in allowed:
        key = labels.get(slug)
        names = [slug, *(translator(lang).t(key) for lang in languages)] if key else [slug]
        if any(_words(name) == wanted for name in names):
            return slug
    shown = ", ".join(f"“{t(labels[slug])}”" if slug in labels else slug for slug in allowed)
    raise FieldError(N_("err.enum"), {"value": text, "allowed": shown})


def _words(text: str) -> list[str]:
    """The words of a label, folded: ``Văn hóa - xã hội`` and ``van hoa xa hoi`` are one."""
    return re.findall(r"\w+", fold(text))
