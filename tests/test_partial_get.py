"""``Store.get`` before a full load reads only the record and the ones it names; whatever
the repository holds, it must answer exactly as ``get`` after a full load does."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvtui.core.ids import BadId, RecordId
from dvtui.core.problems import DataError, InvalidRecord
from dvtui.core.records import Report
from dvtui.storage import Store


def outcome(store: Store, rid: RecordId) -> object:
    try:
        return store.get(rid)
    except InvalidRecord as exc:
        return ("invalid", sorted((p.file, p.field, p.code) for p in exc.problems))
    except DataError as exc:
        return ("error", exc.code)


def every_address(root: Path) -> list[RecordId]:
    out = []
    for path in sorted((root / "records").rglob("*.toml")):
        try:
            out.append(RecordId.parse(str(path.relative_to(root))))
        except BadId:
            continue
    return [*out, RecordId.parse("units/khong-co"), RecordId.parse("reports/2023-h1/khong-co")]


def assert_same_as_loaded(root: Path) -> None:
    loaded = Store(root)
    loaded.load()
    for rid in every_address(root):
        assert outcome(Store(root), rid) == outcome(loaded, rid), rid


def test_every_record_of_the_bundle(repo_path: Path) -> None:
    assert_same_as_loaded(repo_path)


def test_broken_and_dangling_records(repo_path: Path) -> None:
    records = repo_path / "records"
    # A period whose plan is gone drops the period, and so every report of it.
    (records / "periods/2023-year.toml").write_text(
        'schema = 1\nplan = "2099"\nname = "Kỳ lạ"\nkind = "year"\ndue = 2099-10-15\n',
        encoding="utf-8",
    )
    (records / "units/ubnd-xa-quai-cang.toml").write_text("schema = 1\nname = [", encoding="utf-8")
    (records / "tasks/2023-ii-1.toml").write_text(
        (records / "tasks/2023-ii-1.toml")
        .read_text(encoding="utf-8")
        .replace('"phong-noi-vu",', '"khong-co",\n    "../../ra-ngoai",'),
        encoding="utf-8",
    )
    assert_same_as_loaded(repo_path)
    report = RecordId.parse("reports/2023-year/phong-noi-vu")
    with pytest.raises(InvalidRecord):
        Store(repo_path).get(report)


def test_set_before_any_load_then_the_data_is_fresh(store: Store) -> None:
    rid = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
    store.set_fields(rid, {"status": "submitted", "submitted_on": "10/05/2023"})
    found = store.data.get(rid)
    assert isinstance(found, Report) and found.status == "submitted"
    after_load = Store(store.root).load().get(rid)
    assert after_load == found


def test_a_save_after_a_load_updates_the_loaded_records_in_place(store: Store) -> None:
    rid = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
    before = store.load()
    store.set_fields(rid, {"status": "submitted", "submitted_on": "10/05/2023"})
    assert store.data is not before
    fresh = Store(store.root).load()
    assert sorted(store.data, key=lambda r: r.id) == sorted(fresh, key=lambda r: r.id)
    assert store.data.problems == fresh.problems
