"""All loaded records, indexed, with the reference checks that need more than one file."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, TypeVar

from dvtui.core.ids import KIND_DEPTH, SLUG, RecordId
from dvtui.core.problems import Problem
from dvtui.core.records import (
    KINDS,
    Model,
    Period,
    Plan,
    Record,
    Report,
    Summary,
    Task,
    Unit,
)
from dvtui.core.text import sort_key

R = TypeVar("R", bound=Record)

# Kinds in an order where every reference points to an earlier kind.
_LOAD_ORDER = ("plans", "units", "tasks", "periods", "reports", "models", "summaries", "reviews")


class Dataset:
    """The records of a data repo that loaded and validated, and the problems of the rest."""

    def __init__(
        self,
        records: Iterable[Record],
        problems: Iterable[Problem] = (),
        *,
        named: Mapping[str, Collection[str]] | None = None,
    ) -> None:
        """``named``: kind -> every slug the records name (``names_of``), when the caller
        knows it (the load cache keeps each record's). If all of them exist, no record has
        a dangling reference, which is checked with a few set operations instead of one
        record at a time; otherwise every record is checked as usual."""
        self.problems: list[Problem] = list(problems)
        self._by_kind: dict[str, dict[RecordId, Record]] = {k: {} for k in KINDS}
        self._sorted: dict[str, list[Any]] = {}  # ``of`` by kind, sorted once
        self._groups: dict[tuple[str, bool, bool], dict[Any, list[Any]]] = {}  # ``_selection``
        # The slugs of each one-slug kind, for reference checks (a set lookup per check).
        self._names: dict[str, set[str]] = {k: set() for k in KINDS}
        candidates: dict[str, list[Record]] = {k: [] for k in KINDS}
        for record in records:
            candidates[record.id.kind].append(record)
        if named is not None and self._all_named_exist(candidates, named):
            for kind in _LOAD_ORDER:
                table = self._by_kind[kind]
                table.update((r.id, r) for r in candidates[kind])
                self._names[kind] = {rid.name for rid in table}
            self.problems.sort()
            return
        # Records whose own references dangle (a report's unit, a task's lead unit) are left
        # out, so screens never meet them. A dangling item of a list or table (one of a task's
        # assigned units) is reported but keeps the record: one broken unit file must not
        # take every task with it. A kind may point to itself (a sub-task's parent), so drop
        # until nothing more dangles.
        for kind in _LOAD_ORDER:
            table = self._by_kind[kind]
            table.update((r.id, r) for r in candidates[kind])
            names = self._names[kind] = {rid.name for rid in table}
            while True:
                found = [(r.id, self.reference_problems(r)) for r in table.values()]
                bad = [(rid, ps) for rid, ps in found if ps and any(map(_drops_record, ps))]
                if not bad:
                    self.problems.extend(p for _, ps in found for p in ps)
                    break
                for rid, ps in bad:
                    del table[rid]
                    if len(rid.parts) == 1:
                        names.discard(rid.name)
                    self.problems.extend(ps)
        self.problems.sort()

    def _all_named_exist(
        self, candidates: dict[str, list[Record]], named: Mapping[str, Collection[str]]
    ) -> bool:
        """Every slug named exists as a record of its kind (then nothing dangles)."""
        if not _refs_point_back():
            return False  # the one-at-a-time check would see a later kind as missing
        for kind, slugs in named.items():
            if not slugs:
                continue
            if kind not in candidates or KIND_DEPTH.get(kind) != 1:
                return False
            have = {r.id.parts[0] for r in candidates[kind]}
            if not have.issuperset(slugs):
                return False
        return True

    # --- lookups -------------------------------------------------------------------------

    def get(self, rid: RecordId) -> Record | None:
        """The record at ``rid``, or None."""
        return self._by_kind[rid.kind].get(rid)

    def __contains__(self, rid: RecordId) -> bool:
        return rid in self._by_kind[rid.kind]

    def __iter__(self) -> Iterator[Record]:
        for kind in _LOAD_ORDER:
            yield from self._by_kind[kind].values()

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_kind.values())

    def of(self, cls: type[R]) -> list[R]:
        """Every record of one kind, in a stable order (a new list: the caller may change it).

        Sorted once per kind: a Dataset never changes, and screens ask again and again.
        """
        items = self._sorted.get(cls.KIND)
        if items is None:
            items = list(self._by_kind[cls.KIND].values())
            if cls is Task:
                items.sort(key=lambda t: t.sort_key)
            elif cls is Unit:
                items.sort(key=unit_order)
            else:  # the order of RecordId, as a plain tuple (compared in C, not in Python)
                items.sort(key=lambda r: (r.id.kind, r.id.parts))
            self._sorted[cls.KIND] = items
        return list(items)

    def unit(self, slug: str) -> Unit | None:
        """The unit ``units/<slug>``."""
        return self._by_kind["units"].get(RecordId("units", (slug,)))  # type: ignore[return-value]

    def period(self, slug: str) -> Period | None:
        """The period ``periods/<slug>``."""
        rid = RecordId("periods", (slug,))
        return self._by_kind["periods"].get(rid)  # type: ignore[return-value]

    def task(self, slug: str) -> Task | None:
        """The task ``tasks/<slug>``."""
        return self._by_kind["tasks"].get(RecordId("tasks", (slug,)))  # type: ignore[return-value]

    def plans(self) -> list[Plan]:
        """Every plan, newest year first."""
        return sorted(self.of(Plan), key=lambda p: -p.year)

    def assignees(self) -> list[Unit]:
        """Units that are assigned work and report (agencies, communes, the township)."""
        return [u for u in self.of(Unit) if u.is_assignee]

    def reports(self, period: str | None = None, unit: str | None = None) -> list[Report]:
        """Reports, optionally of one period and/or one unit."""
        return list(self._selection(Report, period, unit))

    def models(self, year: int | None = None, unit: str | None = None) -> list[Model]:
        """Models and exemplary persons, optionally of one year and/or one unit."""
        return list(self._selection(Model, year, unit))

    def _selection(self, cls: type[R], first: Any, unit: str | None) -> list[R]:
        """Reports by (period, unit) or models by (year, unit), grouped once per Dataset.

        A follow-up list asks for each unit's reports and models: without the groups that
        is a scan of every record per unit. Each shape of question is grouped on first use.
        """
        if first is None and unit is None:
            return self.of(cls)
        shape = (cls.KIND, first is not None, unit is not None)
        groups = self._groups.get(shape)
        if groups is None:
            groups = {}
            attr = "period" if cls is Report else "year"
            for record in self.of(cls):
                key = (
                    getattr(record, attr) if first is not None else None,
                    getattr(record, "unit") if unit is not None else None,  # noqa: B009
                )
                groups.setdefault(key, []).append(record)
            self._groups[shape] = groups
        return groups.get((first, unit), [])

    # --- references --------------------------------------------------------------------

    def _exists(self, kind: str, slug: str) -> bool:
        return slug in self._names[kind]

    def reference_problems(self, record: Record) -> list[Problem]:
        """Every reference of ``record`` that names no loaded record."""
        return dangling_references(record, self._exists)

    def referrers(self, rid: RecordId) -> list[str]:
        """The addresses of the records that name ``rid`` (what stops its removal)."""
        if len(rid.parts) != 1:
            return []  # only one-slug kinds are named (a model or a report never is)
        wanted = (rid.kind, rid.name)
        return sorted(str(r.id) for r in self if r.id != rid and wanted in names_of(r))


# A name in a record: (field, item — a list position or a table key, None for a single
# value —, kind, slug). The one walk over what a record names, for the load, the audit and
# the store's partial reads alike.
_Name = tuple[str, "int | str | None", str, Any]


def _names(record: Record) -> Iterator[_Name]:
    for name, kind in _ref_fields(type(record)):
        value = getattr(record, name)
        if isinstance(value, str):
            yield name, None, kind, value
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield name, i + 1, kind, item
        elif isinstance(value, dict):
            for key in value:
                yield name, key, kind, key
    if isinstance(record, (Report, Summary)):
        yield "(period)", None, "periods", record.period
    if isinstance(record, Report):
        yield "(unit)", None, "units", record.unit


def dangling_references(record: Record, exists: Callable[[str, str], bool]) -> list[Problem]:
    """Every reference of ``record`` for which ``exists(kind, slug)`` is false.

    The one reference rule: the load asks its Dataset, the audit the tree of each commit.
    """
    out: list[Problem] = []
    for name, item, kind, value in _names(record):
        if not exists(kind, value):
            where = _field_text(name, item)
            out.append(Problem(record.id.relpath, where, "err.ref", {"kind": kind, "value": value}))
    return out


def _field_text(name: str, item: int | str | None) -> str:
    """``lead_unit``, ``assigned_units[2]`` (a list item), ``narrative.2023-ii-7`` (a key)."""
    if item is None:
        return name
    return f"{name}[{item}]" if isinstance(item, int) else f"{name}.{item}"


def renamed_references(record: R, kind: str, renames: Mapping[str, str]) -> R:
    """``record`` with every name of a ``kind`` record changed as ``renames`` says (old slug
    -> new slug): a single value, the items of a list, the keys of a table alike."""
    changes: dict[str, Any] = {}
    for name, of_kind in _ref_fields(type(record)):
        if of_kind != kind:
            continue
        value = getattr(record, name)
        if isinstance(value, str):
            new: Any = renames.get(value, value)
        elif isinstance(value, list):
            new = [renames.get(item, item) for item in value]
        elif isinstance(value, dict):
            new = {renames.get(key, key): text for key, text in value.items()}
        else:
            continue
        if new != value:
            changes[name] = new
    return dataclasses.replace(record, **changes) if changes else record


_PAIRS: dict[tuple[str, str], tuple[str, str]] = {}


def names_of(record: Record) -> tuple[tuple[str, str], ...]:
    """(kind, slug) of everything ``record`` names, as written (checked or not).

    Equal pairs are the same object (a few hundred units and periods are named by tens of
    thousands of reports): the load cache stores each once.
    """
    pairs = _PAIRS
    return tuple(
        pairs.setdefault((kind, slug), (kind, slug))
        for _name, _item, kind, slug in _names(record)
        if isinstance(slug, str)
    )


def references_of(record: Record, *, dropping: bool = False) -> list[RecordId]:
    """The addresses of every record ``record`` names (its unit, period, tasks …).

    ``dropping``: only the single references, whose dangling drops the record (not the
    items of a list or table, which are reported but keep it). A value that is not a
    valid slug names no file (``reference_problems`` reports it): it never becomes a path.
    """
    return [
        RecordId(kind, (slug,))
        for _name, item, kind, slug in _names(record)
        if isinstance(slug, str) and SLUG.fullmatch(slug) and not (dropping and item is not None)
    ]


_REF_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


@functools.cache
def _refs_point_back() -> bool:
    """Every kind names only kinds loaded before it (or itself), as ``_LOAD_ORDER`` says."""
    implied = {"reports": ("periods", "units"), "summaries": ("periods",)}
    for cls in KINDS.values():
        named = [kind for _, kind in _ref_fields(cls)] + list(implied.get(cls.KIND, ()))
        if any(_LOAD_ORDER.index(k) > _LOAD_ORDER.index(cls.KIND) for k in named):
            return False
    return True


def _ref_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """(field name, kind) of every field of ``cls`` that names another record (memoised)."""
    found = _REF_FIELDS.get(cls)
    if found is None:
        fields = dataclasses.fields(cls)
        found = _REF_FIELDS[cls] = tuple(
            (f.name, f.metadata["ref"]) for f in fields if "ref" in f.metadata
        )
    return found


def _drops_record(problem: Problem) -> bool:
    """A dangling single reference (``lead_unit``, ``(unit)``), not an item (``x[2]``, ``x.k``)."""
    return not (problem.field.endswith("]") or "." in problem.field)


def unit_order(unit: Unit) -> tuple[int, Any]:
    """Agencies first, then the township, wards and communes, then partners; Vietnamese A-Z."""
    group = {"agency": 0, "township": 1, "ward": 2, "commune": 2, "front": 3}.get(unit.kind, 4)
    return group, sort_key(unit.name)
