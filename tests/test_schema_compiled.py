"""The converters compiled once per record class (``schema.from_table``) say exactly what a
walk of the type hints per value says: the same record, the same issues in the same order.

The walk below is the decoder dvtui used before the converters were compiled, kept as the
reference. Tables are drawn field by field from every kind's type hints, each value either
right for its field or wrong in one of the ways a hand-edited or hostile file can be wrong
(another type, a datetime for a date, a bool for a number, out of range, below the minimum,
a slug not in the set, text with lone surrogates, CRLF or marks in NFD, unknown keys,
missing required fields, nested tables broken the same ways).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from datetime import date, datetime
from typing import Any, Literal, get_args, get_origin

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dvtui.core.ids import RecordId
from dvtui.core.limits import in_int_range
from dvtui.core.problems import FieldError
from dvtui.core.records import KINDS
from dvtui.core.schema import Issue, from_table, hints, rule_issue, stored_fields
from dvtui.core.text import nfc

# --- the reference: the type hints walked for every value -------------------------------------


def _unwrap(tp: Any) -> Any:
    args = [a for a in get_args(tp) if a is not type(None)]
    return args[0] if len(args) == 1 and len(get_args(tp)) == 2 else tp


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def walk_table(cls: type, table: Any, prefix: str, issues: list[Issue]) -> dict[str, Any]:
    if not isinstance(table, dict):
        issues.append(Issue(prefix.rstrip("."), "err.type.table"))
        return {}
    known = {f.name: f for f in stored_fields(cls)}
    issues += [Issue(prefix + key, "err.unknown_key") for key in table if key not in known]
    out: dict[str, Any] = {}
    for name, f in known.items():
        if name not in table:
            if _required(f):
                issues.append(Issue(prefix + name, "err.required"))
            continue
        out[name] = walk_value(hints(cls)[name], table[name], prefix + name, f.metadata, issues)
    return out


def walk_value(tp: Any, value: Any, path: str, meta: Any, issues: list[Issue]) -> Any:
    tp = _unwrap(tp)
    origin = get_origin(tp)
    if origin is Literal:
        if value not in get_args(tp):
            allowed = ", ".join(get_args(tp))
            issues.append(Issue(path, "err.enum", {"value": value, "allowed": allowed}))
        return value
    if tp is str:
        if not isinstance(value, str):
            issues.append(Issue(path, "err.type.str"))
            return value
        if re.search("[\ud800-\udfff]", value):
            issues.append(Issue(path, "err.type.not_utf8"))
            return value
        return re.sub("\r+\n", "\n", nfc(value))
    if tp is bool:
        if not isinstance(value, bool):
            issues.append(Issue(path, "err.type.bool"))
        return value
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            issues.append(Issue(path, "err.type.int"))
        elif not in_int_range(value):
            issues.append(Issue(path, "err.int_range"))
        elif "min" in meta and value < meta["min"]:
            issues.append(Issue(path, "err.min", {"min": meta["min"]}))
        return value
    if tp is date:
        if not isinstance(value, date) or isinstance(value, datetime):
            issues.append(Issue(path, "err.type.date"))
        return value
    if origin is list:
        if not isinstance(value, list):
            issues.append(Issue(path, "err.type.list"))
            return []
        (item,) = get_args(tp)
        return [walk_value(item, v, f"{path}[{i + 1}]", meta, issues) for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            issues.append(Issue(path, "err.type.table"))
            return {}
        item = get_args(tp)[1]
        return {nfc(k): walk_value(item, v, f"{path}.{k}", meta, issues) for k, v in value.items()}
    assert dataclasses.is_dataclass(tp) and isinstance(tp, type)
    fields = walk_table(tp, value, path + ".", issues)
    try:
        return tp(**fields)
    except TypeError:
        return None
    except FieldError as exc:
        issues.append(rule_issue(exc))
        return None


def walk_record(cls: type, table: Any, rid: RecordId) -> tuple[Any, list[Issue]]:
    issues: list[Issue] = []
    fields = walk_table(cls, table, "", issues)
    if issues:
        return None, issues
    try:
        return cls(**fields, id=rid), []
    except FieldError as exc:
        return None, [rule_issue(exc)]


# --- tables right and wrong ---------------------------------------------------------------------

TEXTS = st.one_of(
    st.sampled_from(["Quài Cang", "Tỏa Tình", "a\r\nb", "x\r\r\ny", "plain", ""]),
    st.sampled_from(["Tỏa Tình", "Nà Sáy"]).map(lambda w: unicodedata.normalize("NFD", w)),
    st.text(max_size=6),  # lone surrogates among them
)
WRONG = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([-1, 0, 2**63, -(2**63) - 1, 2**63 - 1]),
    st.floats(allow_nan=False),
    TEXTS,
    st.dates(),
    st.datetimes(),
    st.lists(st.one_of(st.integers(), TEXTS, st.dates()), max_size=3),
    st.dictionaries(TEXTS, st.one_of(st.integers(), TEXTS), max_size=2),
)


def right_value(tp: Any, meta: Any, wrong: bool) -> st.SearchStrategy[Any]:
    """A value right for the field (with ``wrong``: any value within it may be wrong)."""
    tp = _unwrap(tp)
    origin = get_origin(tp)
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if tp is str:
        return TEXTS
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=-3 if wrong else meta.get("min", -3), max_value=10**6)
    if tp is date:
        return st.dates()
    if origin is list:
        return st.lists(field_value(get_args(tp)[0], meta, wrong), max_size=3)
    if origin is dict:
        return st.dictionaries(TEXTS, field_value(get_args(tp)[1], meta, wrong), max_size=3)
    assert isinstance(tp, type)
    return table_of(tp, wrong)


def field_value(tp: Any, meta: Any, wrong: bool) -> st.SearchStrategy[Any]:
    if not wrong:
        return right_value(tp, meta, wrong)
    return st.one_of(right_value(tp, meta, wrong), right_value(tp, meta, wrong), WRONG)


def table_of(cls: type, wrong: bool) -> st.SearchStrategy[dict[str, Any]]:
    """A table of ``cls``: every required field and some others, all right; or (``wrong``)
    any of its fields, some wrong, and unknown keys, in any order."""
    fields = {
        f.name: field_value(hints(cls)[f.name], f.metadata, wrong) for f in stored_fields(cls)
    }
    if not wrong:
        required = {f.name for f in stored_fields(cls) if _required(f)}
        return st.fixed_dictionaries(
            {k: v for k, v in fields.items() if k in required},
            optional={k: v for k, v in fields.items() if k not in required},
        )
    return st.fixed_dictionaries({}, optional={**fields, "unknown": WRONG, "figures_": WRONG}).map(
        lambda t: dict(sorted(t.items(), key=lambda kv: hash(kv[0]) % 7))
    )


ID_OF = {
    "plans": "plans/2023",
    "units": "units/xa-quai-cang",
    "tasks": "tasks/2023-ii-7",
    "periods": "periods/2023-h1",
    "reports": "reports/2023-h1/xa-quai-cang",
    "models": "models/2023/lua-nuoc",
    "summaries": "summaries/2023-h1",
    "reviews": "reviews/20230601-101500-lan",
}


@st.composite
def kind_and_table(draw: st.DrawFn) -> tuple[str, Any]:
    kind = draw(st.sampled_from(sorted(KINDS)))
    return kind, draw(st.one_of(table_of(KINDS[kind], False), table_of(KINDS[kind], True), WRONG))


@settings(
    max_examples=max(200, settings().max_examples * 3),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(kind_and_table())
def test_compiled_converters_say_what_the_walk_of_the_type_hints_says(
    case: tuple[str, Any],
) -> None:
    kind, table = case
    cls, rid = KINDS[kind], RecordId.parse(ID_OF[kind])
    expected, expected_issues = walk_record(cls, table, rid)
    record, issues = from_table(cls, table, id=rid)
    assert issues == expected_issues
    assert record == expected


def test_every_issue_kind_is_reached_by_the_tables_drawn() -> None:
    """The comparison above is worth something only if bad tables really are drawn: a
    fixed table with one of each mistake gives every issue code, in field order."""
    table = {
        "status": "sent",
        "submitted_on": datetime(2023, 6, 1, 8, 0),
        "document_number": 12,
        "figures": {"conferences": -1, "dialogues": True, "citizen_receptions": 2**63, "x": 1},
        "narrative": {"2023-ii-7": "a\ud800b", "2023-ii-8": ["x"]},
        "reviewer": "Lò Thị Lan\r\n",
        "extra": 1,
    }
    _record, issues = from_table(KINDS["reports"], table, id=RecordId.parse(ID_OF["reports"]))
    assert [(i.field, i.code) for i in issues] == [
        ("extra", "err.unknown_key"),
        ("status", "err.enum"),
        ("submitted_on", "err.type.date"),
        ("document_number", "err.type.str"),
        ("figures.x", "err.unknown_key"),
        ("figures.conferences", "err.min"),
        ("figures.citizen_receptions", "err.int_range"),
        ("figures.dialogues", "err.type.int"),
        ("narrative.2023-ii-7", "err.type.not_utf8"),
        ("narrative.2023-ii-8", "err.type.str"),
    ]
    assert issues == walk_record(KINDS["reports"], table, RecordId.parse(ID_OF["reports"]))[1]
