"""The load cache is never trusted blindly: whatever happened to the repository, a load
gives exactly what parsing every file from disk gives.

The oracle is the plain loader (walk the folder, decode every file, build the Dataset),
which knows nothing about git or the cache. Real repositories, real git commands.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import dvtui, git

from dvtui.core import codec
from dvtui.core.dataset import Dataset
from dvtui.core.ids import RecordId
from dvtui.core.records import Report
from dvtui.services.setup import init_data_repo
from dvtui.services.sync import clone
from dvtui.storage import Store, cachecodec, loadcache, loader
from dvtui.storage.files import walk_toml
from dvtui.storage.loadcache import BASE_NAME, DELTA_NAME, MAGIC, cache_file
from dvtui.storage.loader import load_files

QUAI_CANG = RecordId.parse("reports/2023-h1/ubnd-xa-quai-cang")
QUAI_CANG_FILE = "records/reports/2023-h1/ubnd-xa-quai-cang.toml"
UNIT_FILE = "records/units/ubnd-xa-quai-cang.toml"


def oracle(root: Path) -> Dataset:
    """Every file parsed from disk, as dvtui did before it had a cache."""
    records, problems = [], []
    for relpath, path in walk_toml(root):
        if path.is_symlink():
            from dvtui.core.problems import Problem

            problems.append(Problem(relpath, "", "err.symlink"))
            continue
        record, found = codec.decode(relpath, path.read_bytes())
        problems += found
        if record is not None:
            records.append(record)
    return Dataset(records, problems)


def contents(data: Dataset) -> tuple[list[Any], list[Any]]:
    """Records and problems, comparable (a Problem's ``args`` are left out of its ``==``)."""
    records = sorted(data, key=lambda r: r.id)
    problems = sorted((p.file, p.field, p.code, repr(p.args)) for p in data.problems)
    return records, problems


def assert_like_cold(root: Path) -> Dataset:
    """Load through the cache and check it against the oracle; the loaded Dataset."""
    data = Store(root).load()
    assert contents(data) == contents(oracle(root))
    return data


def warm(root: Path) -> None:
    """Fill the cache, and prove the next load uses it."""
    Store(root).load()
    assert load_files(root).from_cache > 100


def report(data: Dataset) -> Report:
    found = data.get(QUAI_CANG)
    assert isinstance(found, Report)
    return found


# --- the cache is used ----------------------------------------------------------------------


def test_a_second_load_comes_from_the_cache_and_is_the_same(repo_path: Path) -> None:
    first = load_files(repo_path)
    assert first.from_cache == 0 and first.parsed > 100
    assert cache_file(repo_path).exists()
    second = load_files(repo_path)
    assert second.parsed == 0 and second.from_cache == first.parsed
    assert second.files == first.files
    assert_like_cold(repo_path)


def test_the_cache_lives_in_the_git_folder_and_never_dirties_the_tree(repo_path: Path) -> None:
    warm(repo_path)
    assert cache_file(repo_path).parent == repo_path / ".git" / "dvtui"
    assert git(repo_path, "status", "--porcelain") == ""


# --- what a cache can never hide ------------------------------------------------------------


def test_a_hand_edit_not_committed_is_read_from_disk(repo_path: Path) -> None:
    warm(repo_path)
    path = repo_path / QUAI_CANG_FILE
    old = path.read_bytes()
    new = old.replace(b'status = "missing"', b'status = "missing"\nreviewer = "An"')
    assert new != old
    path.write_bytes(new)
    data = assert_like_cold(repo_path)
    assert report(data).reviewer == "An"


def test_a_same_size_edit_in_the_same_second_is_seen(repo_path: Path) -> None:
    warm(repo_path)
    path = repo_path / UNIT_FILE
    old = path.read_bytes()
    new = old.replace(b"Qu\xc3\xa0i", b"Qu\xc3\xa1i")  # Quài → Quái: same length
    assert len(new) == len(old) and new != old
    # Right after the cache was filled, maybe within the same second as the last index
    # write: git's racy-timestamp check compares the content then. (An edit that also
    # restores the old mtime and size fools ``git status`` too; dvtui trusts git as far.)
    path.write_bytes(new)
    data = assert_like_cold(repo_path)
    unit = data.unit("ubnd-xa-quai-cang")
    assert unit is not None and "Quái" in unit.name


def test_an_edit_made_invalid_is_a_problem_not_the_cached_record(repo_path: Path) -> None:
    warm(repo_path)
    (repo_path / QUAI_CANG_FILE).write_text('schema = 1\nstatus = "lost"\n', encoding="utf-8")
    data = assert_like_cold(repo_path)
    assert data.get(QUAI_CANG) is None
    assert any(p.file == QUAI_CANG_FILE and p.field == "status" for p in data.problems)


def test_staged_but_not_committed_and_assume_unchanged_edits(repo_path: Path) -> None:
    warm(repo_path)
    path = repo_path / QUAI_CANG_FILE
    path.write_bytes(path.read_bytes() + b'reviewer = "Staged"\n')
    git(repo_path, "add", QUAI_CANG_FILE)
    assert report(assert_like_cold(repo_path)).reviewer == "Staged"
    # git is told not to look at the file: the loader must not believe "unchanged" then.
    git(repo_path, "update-index", "--assume-unchanged", QUAI_CANG_FILE)
    path.write_bytes(path.read_bytes().replace(b"Staged", b"Hidden"))
    assert git(repo_path, "diff-files", "--name-only") == ""  # git really does not see it
    assert report(assert_like_cold(repo_path)).reviewer == "Hidden"


def test_new_deleted_and_symlinked_files(repo_path: Path) -> None:
    warm(repo_path)
    (repo_path / UNIT_FILE).unlink()
    new = repo_path / "records/units/ubnd-xa-moi.toml"
    new.write_text('schema = 1\nname = "UBND xã Mới"\nkind = "commune"\n', encoding="utf-8")
    (repo_path / "records/units/lien-ket.toml").symlink_to(new)
    data = assert_like_cold(repo_path)
    assert data.unit("ubnd-xa-moi") is not None
    assert data.unit("ubnd-xa-quai-cang") is None
    assert data.get(QUAI_CANG) is None  # its unit is gone: a problem, as in a cold load


def test_after_a_git_pull(tmp_path: Path) -> None:
    server = tmp_path / "server.git"
    init_data_repo(tmp_path / "first")
    git(tmp_path, "clone", "-q", "--bare", str(tmp_path / "first"), str(server))
    mine, theirs = clone(str(server), tmp_path / "mine"), clone(str(server), tmp_path / "theirs")
    warm(mine)
    Store(theirs).set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    git(theirs, "push", "-q", "origin", "main")
    git(mine, "pull", "-q")
    data = assert_like_cold(mine)
    assert report(data).status == "submitted"


def test_after_a_checkout_of_another_commit_and_back(store: Store) -> None:
    root = store.root
    first = git(root, "rev-parse", "HEAD").strip()
    store.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    warm(root)
    git(root, "checkout", "-q", first)
    assert report(assert_like_cold(root)).status == "missing"
    git(root, "checkout", "-q", "main")
    assert report(assert_like_cold(root)).status == "submitted"


def test_during_a_merge_conflict(tmp_path: Path) -> None:
    root = tmp_path / "data"
    init_data_repo(root)
    warm(root)
    git(root, "checkout", "-q", "-b", "other")
    (root / UNIT_FILE).write_text(
        'schema = 1\nname = "UBND xã Quài Cang (A)"\nkind = "commune"\n', encoding="utf-8"
    )
    git(root, "commit", "-q", "-am", "a")
    git(root, "checkout", "-q", "main")
    (root / UNIT_FILE).write_text(
        'schema = 1\nname = "UBND xã Quài Cang (B)"\nkind = "commune"\n', encoding="utf-8"
    )
    git(root, "commit", "-q", "-am", "b")
    git(root, "config", "--remove-section", "merge.dvtui")  # a plain conflict, with markers
    merge = subprocess.run(["git", "-C", str(root), "merge", "-q", "other"], capture_output=True)
    assert merge.returncode != 0 and b"<<<<<<<" in (root / UNIT_FILE).read_bytes()
    assert_like_cold(root)


# --- a cache file that is not to be trusted -------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # cut short
        lambda b: b[:-40] + bytes(40),  # zeros at the end
        lambda b: b[:300] + bytes([b[300] ^ 0xFF]) + b[301:],  # one flipped byte
        lambda b: b"",  # empty
        lambda b: os.urandom(len(b)),  # noise
    ],
    ids=["truncated", "zeroed", "bitflip", "empty", "noise"],
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(repo_path: Path, damage: Any) -> None:
    warm(repo_path)
    path = cache_file(repo_path)
    path.write_bytes(damage(path.read_bytes()))
    loaded = load_files(repo_path)
    assert loaded.from_cache == 0
    assert_like_cold(repo_path)
    assert load_files(repo_path).from_cache > 100  # rebuilt


def _forge_payload(root: Path, key: str, payload: bytes, *, digest: str | None = None) -> None:
    """A cache file in the right place, with a header of our choosing over ``payload``."""
    header = {
        "key": key,
        "length": len(payload),
        "digest": digest or hashlib.blake2b(payload, digest_size=32).hexdigest(),
        "base": "",
    }
    path = cache_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + payload)
    (path.parent / DELTA_NAME).unlink(missing_ok=True)


def _forge(root: Path, key: str, entries: Any, *, digest: str | None = None) -> None:
    """A cache in dvtui's own format holding ``entries``."""
    _forge_payload(root, key, cachecodec.dumps_entries(entries.items()), digest=digest)


def _lying_entries(root: Path) -> dict[tuple[str, str], Any]:
    """Every current (path, blob) mapped to a wrong record: served, it would be seen."""
    blob = git(root, "rev-parse", f"HEAD:{QUAI_CANG_FILE}").strip()
    data = oracle(root)
    wrong = Report(id=QUAI_CANG, status="submitted", submitted_on=date(2023, 5, 10))
    assert report(data) != wrong
    return {(QUAI_CANG_FILE, blob): ((wrong, ()), ())}


def test_a_cache_of_another_schema_or_version_is_ignored(repo_path: Path) -> None:
    _forge(repo_path, "schema-0-dvtui-0.0.1", _lying_entries(repo_path))
    data = assert_like_cold(repo_path)
    assert report(data).status == "missing"


def test_a_cache_whose_digest_does_not_match_is_ignored(repo_path: Path) -> None:
    _forge(repo_path, loadcache.fingerprint(), _lying_entries(repo_path), digest="0" * 64)
    assert report(assert_like_cold(repo_path)).status == "missing"


def test_a_forged_cache_with_a_good_digest_is_what_the_cache_serves(repo_path: Path) -> None:
    # The control for the tests below: the forging itself is right, so what they refuse
    # is refused for what it holds, not for a broken header.
    _forge(repo_path, loadcache.fingerprint(), _lying_entries(repo_path))
    assert (
        load_files(repo_path).files[QUAI_CANG_FILE][0]
        == _lying_entries(repo_path)[
            (QUAI_CANG_FILE, git(repo_path, "rev-parse", f"HEAD:{QUAI_CANG_FILE}").strip())
        ][0][0]
    )


def _op(code: bytes, *texts: str) -> bytes:
    """A pickle opcode with short unicode arguments pushed before it."""
    pushed = b"".join(b"\x8c" + len(t.encode()).to_bytes(1, "little") + t.encode() for t in texts)
    return pushed + code


def _pickle_tricks(marker: Path) -> dict[str, bytes]:
    """Every way a pickle can call code, each aimed at a name the old unpickler allowed.

    The old one let any ``dvtui.core.*`` module through and, from protocol 4, resolved
    dotted names: ``dvtui.core.schema`` + ``typing.sys.modules.get`` is ``sys.modules.get``.
    """
    proto = b"\x80\x04"
    command = f"touch {marker}"
    get_os = _op(b"\x93", "dvtui.core.schema", "typing.sys.modules.get") + _op(
        b"\x85R", "os"
    )  # STACK_GLOBAL, then TUPLE1 REDUCE: sys.modules.get("os")
    system = _op(b"\x93", "dvtui.core.schema", "typing.operator.attrgetter") + _op(
        b"\x85R", "system"
    )  # attrgetter("system")
    run = system + get_os + b"\x85R" + _op(b"\x85R", command)  # attrgetter(os)(command)
    import pickle
    import shutil

    class Reduce:
        def __reduce__(self) -> Any:
            return (shutil.copy, (str(cache_file(marker.parent)), str(marker)))

    return {
        "stack-global-dotted": proto + run + b".",
        "global-dotted": b"cdvtui.core.schema\ntyping.sys.modules.get\n" + b"(S'os'\ntR" + b".",
        "inst": b"(S'" + command.encode() + b"'\nidvtui.core.schema\ntyping.os.system\n.",
        "obj": proto
        + b"("
        + _op(b"\x93", "dvtui.core.schema", "typing.os.system")
        + _op(b"o", command)
        + b".",
        "build-setstate": proto
        + _op(b"\x93", "dvtui.core.records", "Report")
        + b")\x81"
        + _op(b"b", "x")
        + b".",
        "nested-in-dict": proto + b"}" + _op(b"", "k") + run + b"s.",
        "plain-reduce": pickle.dumps({("x", "y"): Reduce()}),
    }


@pytest.mark.parametrize("trick", list(_pickle_tricks(Path("/x"))))
def test_no_pickle_trick_runs_code_or_is_served(
    repo_path: Path, tmp_path: Path, trick: str
) -> None:
    marker = tmp_path / "ran"
    payload = _pickle_tricks(marker)[trick]
    _forge_payload(repo_path, loadcache.fingerprint(), payload)
    assert_like_cold(repo_path)
    assert not marker.exists()
    assert load_files(repo_path).from_cache > 100  # ignored, then rebuilt


@pytest.mark.parametrize(
    "damage",
    [
        "status-is-a-number",
        "status-not-a-choice",
        "date-not-a-date",
        "figures-wrong-shape",
        "narrative-not-texts",
        "entry-path-not-a-record",
        "names-not-numbers",
        "deep-json",
    ],
)
def test_a_cache_with_values_of_the_wrong_type_is_ignored(repo_path: Path, damage: str) -> None:
    warm(repo_path)
    path = cache_file(repo_path)
    raw = path.read_bytes()
    end = raw.index(b"\n", len(MAGIC))
    doc = json.loads(raw[end + 1 :])
    reports = doc["records"]["reports"]
    if damage == "status-is-a-number":
        reports["status"][0] = 5
    elif damage == "status-not-a-choice":
        reports["status"][0] = "đã xoá"
    elif damage == "date-not-a-date":
        reports["submitted_on"][0] = ["2023-05-10"]
    elif damage == "figures-wrong-shape":
        reports["figures"]["fields"].pop("dialogues")
    elif damage == "narrative-not-texts":
        reports["narrative"][0] = {"2023-ii-1": {"os": "system"}}
    elif damage == "entry-path-not-a-record":
        doc["entries"][0][0] = "records/../../etc/passwd"
    elif damage == "names-not-numbers":
        doc["entries"][0][4] = ["os.system"]
    payload = json.dumps(doc).encode()
    if damage == "deep-json":
        payload = b"[" * 100_000 + b"]" * 100_000
    _forge_payload(repo_path, loadcache.fingerprint(), payload)
    assert load_files(repo_path).from_cache == 0
    assert_like_cold(repo_path)


def test_the_cache_holds_no_pickle_at_all(repo_path: Path) -> None:
    warm(repo_path)
    raw = cache_file(repo_path).read_bytes()
    json.loads(raw[raw.index(b"\n", len(MAGIC)) + 1 :])  # plain JSON, nothing else
    package = Path(loadcache.__file__).resolve().parent.parent
    users = [p for p in package.rglob("*.py") if "pickle" in p.read_text(encoding="utf-8")]
    assert [p.name for p in users if "import pickle" in p.read_text(encoding="utf-8")] == []


def test_the_fingerprint_follows_the_decoding_code() -> None:
    # A developer's change to the schema code must never meet records it did not validate.
    assert loadcache.fingerprint() != ""
    assert "dvtui.core.schema" in loadcache._DECODERS
    assert "dvtui.core.codec" in loadcache._DECODERS


# --- the small delta, and a cold load shared with a worker process ---------------------------


def test_a_save_then_load_writes_only_the_small_delta(store: Store) -> None:
    warm(store.root)
    base = cache_file(store.root)
    before = base.stat().st_mtime_ns
    store.set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    loaded = load_files(store.root)
    assert loaded.parsed <= 1
    assert base.stat().st_mtime_ns == before
    assert (base.parent / DELTA_NAME).exists() or loaded.parsed == 0
    assert report(assert_like_cold(store.root)).status == "submitted"


def test_a_cold_load_shared_with_a_worker_process_is_the_same(
    repo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "PARALLEL_THRESHOLD", 10)
    monkeypatch.setattr(loader, "_cpus", lambda: 2)
    loaded = load_files(repo_path, use_cache=False)
    assert loaded.parsed > 100
    assert_like_cold(repo_path)
    assert (repo_path / ".git" / "dvtui" / BASE_NAME).exists()


# --- a cold load reads what git vouches for from its objects -----------------------------------


@pytest.fixture
def from_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cold loads read the files git vouches for from its objects, as when the files are not
    in the system's file cache (the ones a test has just written always are)."""
    monkeypatch.setattr(loader, "in_memory", lambda root, paths: False)


def cold_from_git(root: Path) -> Dataset:
    """A cold load (no cache), checked against the oracle; most files came from git."""
    cache_file(root).unlink(missing_ok=True)
    loaded = load_files(root, use_cache=False)
    assert loaded.parsed > 100 and loaded.from_git > loaded.parsed - 5
    cache_file(root).unlink()
    return assert_like_cold(root)


def test_a_cold_load_from_git_objects_is_the_same(repo_path: Path, from_git: None) -> None:
    cold_from_git(repo_path)
    warm(repo_path)  # what it cached is what the oracle reads
    assert_like_cold(repo_path)


def test_a_cold_load_from_git_reads_a_hand_edit_from_disk(repo_path: Path, from_git: None) -> None:
    path = repo_path / QUAI_CANG_FILE
    path.write_bytes(path.read_bytes().replace(b'status = "missing"', b'reviewer = "An"'))
    new = repo_path / "records/units/ubnd-xa-moi.toml"
    new.write_text('schema = 1\nname = "UBND xã Mới"\nkind = "commune"\n', encoding="utf-8")
    data = cold_from_git(repo_path)
    assert report(data).reviewer == "An" and data.unit("ubnd-xa-moi") is not None


def test_a_cold_load_from_git_after_a_pull_and_a_checkout(tmp_path: Path, from_git: None) -> None:
    server = tmp_path / "server.git"
    init_data_repo(tmp_path / "first")
    git(tmp_path, "clone", "-q", "--bare", str(tmp_path / "first"), str(server))
    mine, theirs = clone(str(server), tmp_path / "mine"), clone(str(server), tmp_path / "theirs")
    first = git(mine, "rev-parse", "HEAD").strip()
    Store(theirs).set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    git(theirs, "push", "-q", "origin", "main")
    git(mine, "pull", "-q")
    assert report(cold_from_git(mine)).status == "submitted"
    git(mine, "checkout", "-q", first)
    assert report(cold_from_git(mine)).status == "missing"


@pytest.mark.parametrize(
    "attribute", ["text eol=crlf", "working-tree-encoding=UTF-16LE-BOM", "text ident"]
)
def test_files_converted_on_checkout_are_read_as_they_are_on_disk(
    repo_path: Path, from_git: None, attribute: str
) -> None:
    # dvtui's own .git/info/attributes turns such conversions off for records; without it
    # (a clone dvtui never opened), git vouches for a converted file (its clean filter gives
    # the blob back) whose bytes on disk are not the blob's: a load reads what is on disk.
    (repo_path / ".git/info/attributes").unlink()
    with (repo_path / ".gitattributes").open("a", encoding="utf-8") as out:
        out.write(f"records/units/*.toml {attribute}\n")
    if attribute.endswith("ident"):
        path = repo_path / UNIT_FILE
        path.write_bytes(path.read_bytes() + b"# $Id$\n")
    git(repo_path, "commit", "-q", "-am", attribute)  # checkout reads the index's attributes
    units = list((repo_path / "records/units").iterdir())
    for path in units:
        path.unlink()
    git(repo_path, "checkout", "--", "records/units")
    git(repo_path, "update-index", "-q", "--refresh")
    assert git(repo_path, "diff-files", "--name-only", "--", "records") == ""
    loaded = load_files(repo_path, use_cache=False)
    assert loaded.from_git > 0  # the files before the units (they stop it: see _from_git)
    assert loaded.files == dict(sorted(loader._load_by_walking(repo_path).files.items()))


def test_a_tracked_file_over_the_limit_is_refused_unread(repo_path: Path, from_git: None) -> None:
    big = repo_path / "records/units/lon.toml"
    big.write_bytes(b'schema = 1\nname = "' + b"a" * codec.MAX_RECORD_BYTES + b'"\n')
    git(repo_path, "add", "records/units/lon.toml")
    git(repo_path, "commit", "-q", "-m", "big")
    data = cold_from_git(repo_path)
    assert [p.code for p in data.problems if p.file == "records/units/lon.toml"] == [
        "err.too_large"
    ]


def _cached(path: Path) -> bool | None:
    """Whether a byte of the file reads without the disk (None: this system cannot say)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.preadv(fd, [bytearray(1)], 0, getattr(os, "RWF_NOWAIT", 0))
        return True
    except BlockingIOError:
        return False
    except OSError:
        return None
    finally:
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "RWF_NOWAIT"), reason="no RWF_NOWAIT on this system")
def test_files_in_memory_or_paged_out(repo_path: Path) -> None:
    folder = repo_path / "records/units"
    paths = [f"records/units/{p.name}" for p in folder.iterdir()]
    for path in paths:
        (repo_path / path).read_bytes()
    if _cached(repo_path / paths[0]) is None:
        pytest.skip("this file system cannot say what is in memory")
    assert loader.in_memory(str(repo_path), paths)
    for path in paths:
        fd = os.open(repo_path / path, os.O_RDONLY)
        os.fsync(fd)  # a page not yet written back stays
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
    if _cached(repo_path / paths[-1]):
        pytest.skip("the system kept the pages (just written, or tmpfs)")
    assert not loader.in_memory(str(repo_path), paths)


def test_without_git_every_file_is_read_from_disk(tmp_path: Path) -> None:
    root = tmp_path / "data"
    init_data_repo(root)
    shutil.rmtree(root / ".git")
    (root / ".git").mkdir()  # a folder git does not accept as a repository
    loaded = load_files(root)
    assert not loaded.used_git and loaded.parsed > 100
    assert contents(Store(root).load()) == contents(oracle(root))


# --- the quick reference check --------------------------------------------------------------


def _named(data_records: list[Any]) -> dict[str, set[str]]:
    from dvtui.core.dataset import names_of

    out: dict[str, set[str]] = {}
    for record in data_records:
        for kind, slug in names_of(record):
            out.setdefault(kind, set()).add(slug)
    return out


@pytest.mark.parametrize("damage", ["none", "unit-gone", "item-dangles", "period-plan-gone"])
def test_the_quick_reference_check_answers_like_the_full_one(repo_path: Path, damage: str) -> None:
    records_dir = repo_path / "records"
    if damage == "unit-gone":
        (repo_path / UNIT_FILE).unlink()
    elif damage == "item-dangles":
        task = records_dir / "tasks/2023-ii-1.toml"
        text = task.read_text(encoding="utf-8").replace('"phong-noi-vu",', '"khong-co",')
        task.write_text(text, encoding="utf-8")
    elif damage == "period-plan-gone":
        (records_dir / "plans/2023.toml").unlink()
    full = oracle(repo_path)
    records = _all_decoded(repo_path)  # every record that decodes, kept or dropped
    problems = [p for p in full.problems if p.code != "err.ref"]
    quick = Dataset(records, problems, named=_named(records))
    assert contents(quick) == contents(Dataset(records, problems))
    from dvtui.core.records import Model

    model = Model(
        id=RecordId.parse("models/2023/x"),
        kind="model",
        name="x",
        unit="khong-co",
        sector="economy",
    )
    assert quick.reference_problems(model) == Dataset(records, problems).reference_problems(model)
    assert quick.reference_problems(model)  # the unknown unit is seen


def _all_decoded(root: Path) -> list[Any]:
    out = []
    for relpath, path in walk_toml(root):
        record, _ = codec.decode(relpath, path.read_bytes())
        if record is not None:
            out.append(record)
    return out


# --- the row cache of `dvtui list` ------------------------------------------------------------

LIST_KINDS = ("reports", "tasks", "units", "periods", "models", "plans")
DAY = date(2023, 7, 20)  # the half-year's reports are due: some late, some overdue


def slow_list(root: Path, kind: str, today: date, plan: str | None = None) -> str:
    """What `dvtui list KIND [--plan P]` printed before the row cache: every file parsed from
    disk, the rows of ``list_rows`` of the plan in view, the plain table writer."""
    from dvtui.cli.output import plain_table
    from dvtui.i18n import t
    from dvtui.reports.listing import list_rows, listed_plan
    from dvtui.storage.store import load_settings

    settings, _ = load_settings(root)
    data = oracle(root)
    shown = listed_plan(data, settings, kind, plan)
    columns, rows = list_rows(data, settings, kind, today=today, searchable=False, plan=shown)
    text = plain_table([t(c) for c in columns], [r.cells for r in rows])
    assert text is not None
    return text


def listed(root: Path, kind: str, today: date, capsys: pytest.CaptureFixture[str]) -> str:
    """What the real command line prints (through the row cache when it holds)."""
    from dvtui.cli.quick import main

    assert main(["--repo", str(root), "--today", today.isoformat(), "list", kind]) == 0
    return capsys.readouterr().out


def from_the_row_cache(root: Path, kind: str, today: date = DAY) -> str | None:
    """The table the row cache gives on its own (None: it does not trust itself)."""
    from dvtui.git.dirs import find_git_dirs
    from dvtui.reports.listcache import cached

    dirs = find_git_dirs(root)
    assert dirs is not None
    return cached(root, dirs, kind, today, 1000)


def assert_lists_like_slow(
    root: Path, capsys: pytest.CaptureFixture[str], today: date = DAY
) -> None:
    for kind in LIST_KINDS:
        assert listed(root, kind, today, capsys) == slow_list(root, kind, today), kind


def warm_rows(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Fill the row caches (and the load cache), and prove they are used."""
    assert_lists_like_slow(root, capsys)
    for kind in LIST_KINDS:
        assert from_the_row_cache(root, kind) == slow_list(root, kind, DAY), kind


def test_a_list_comes_from_the_row_cache_and_is_the_same_on_any_day(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warm_rows(repo_path, capsys)
    # Only the day-dependent cells change with the day: before, on and after the due days.
    for day in (date(2023, 1, 2), date(2023, 7, 14), date(2023, 7, 15), date(2024, 3, 1)):
        assert_lists_like_slow(repo_path, capsys, day)
        assert from_the_row_cache(repo_path, "reports", day) == slow_list(repo_path, "reports", day)
    assert git(repo_path, "status", "--porcelain") == ""


def test_rows_after_a_hand_edit_of_a_tracked_file(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warm_rows(repo_path, capsys)
    path = repo_path / UNIT_FILE
    old = path.read_bytes()
    path.write_bytes(old.replace(b"Qu\xc3\xa0i", b"Qu\xc3\xa1i"))  # same size, same second
    assert from_the_row_cache(repo_path, "reports") is None
    assert "Quái" in listed(repo_path, "reports", DAY, capsys)
    assert_lists_like_slow(repo_path, capsys)


@pytest.mark.parametrize("how", ["untracked", "deleted", "folder", "settings", "staged"])
def test_rows_after_files_come_and_go(
    repo_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    warm_rows(repo_path, capsys)
    if how == "untracked":  # a new report copied in by hand, never added to git
        src = repo_path / QUAI_CANG_FILE
        shutil.copy(src, src.with_name("ubnd-xa-moi.toml"))
        (repo_path / "records/units/ubnd-xa-moi.toml").write_text(
            'schema = 1\nname = "UBND xã Mới"\nkind = "commune"\n', encoding="utf-8"
        )
    elif how == "deleted":
        (repo_path / QUAI_CANG_FILE).unlink()
    elif how == "folder":  # a new period folder with a report in it
        folder = repo_path / "records/reports/2023-q9"
        folder.mkdir()
        shutil.copy(repo_path / QUAI_CANG_FILE, folder / "ubnd-xa-quai-cang.toml")
    elif how == "settings":
        settings = repo_path / "dvtui.toml"
        settings.write_text(
            settings.read_text(encoding="utf-8") + "deadline_inclusive = false\n",
            encoding="utf-8",
        )
    else:  # an edit staged by hand, then the file put back as it was
        path = repo_path / QUAI_CANG_FILE
        old = path.read_bytes()
        path.write_bytes(old + b'reviewer = "Staged"\n')
        git(repo_path, "add", QUAI_CANG_FILE)
        path.write_bytes(old)
    assert from_the_row_cache(repo_path, "reports") is None
    assert_lists_like_slow(repo_path, capsys)


def test_rows_when_git_stops_looking_at_a_file(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``assume-unchanged``: git's word "unchanged" proves nothing, so no cache is kept."""
    git(repo_path, "update-index", "--assume-unchanged", QUAI_CANG_FILE)
    assert_lists_like_slow(repo_path, capsys)
    path = repo_path / QUAI_CANG_FILE
    path.write_bytes(path.read_bytes() + b'reviewer = "Hidden"\n')
    assert from_the_row_cache(repo_path, "reports") is None
    assert_lists_like_slow(repo_path, capsys)


def test_rows_after_a_pull_a_checkout_and_a_merge_conflict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server = tmp_path / "server.git"
    init_data_repo(tmp_path / "first")
    git(tmp_path, "clone", "-q", "--bare", str(tmp_path / "first"), str(server))
    mine, theirs = clone(str(server), tmp_path / "mine"), clone(str(server), tmp_path / "theirs")
    first = git(mine, "rev-parse", "HEAD").strip()
    warm_rows(mine, capsys)
    Store(theirs).set_fields(QUAI_CANG, {"status": "submitted", "submitted_on": "10/05/2023"})
    git(theirs, "push", "-q", "origin", "main")
    git(mine, "pull", "-q")
    assert from_the_row_cache(mine, "reports") is None
    assert_lists_like_slow(mine, capsys)
    git(mine, "checkout", "-q", first)
    assert from_the_row_cache(mine, "reports") is None
    assert_lists_like_slow(mine, capsys)
    git(mine, "checkout", "-q", "main")
    assert_lists_like_slow(mine, capsys)
    # Both sides rename the same unit: a conflict with markers in the file.
    for root, name in ((mine, "A"), (theirs, "B")):
        (root / UNIT_FILE).write_text(
            f'schema = 1\nname = "UBND xã Quài Cang ({name})"\nkind = "commune"\n',
            encoding="utf-8",
        )
        git(root, "commit", "-q", "-am", name)
    git(theirs, "push", "-q", "origin", "main")
    warm_rows(mine, capsys)
    git(mine, "config", "--remove-section", "merge.dvtui")
    merge = subprocess.run(
        ["git", "-C", str(mine), "pull", "-q", "--no-rebase"], capture_output=True
    )
    assert merge.returncode != 0 and b"<<<<<<<" in (mine / UNIT_FILE).read_bytes()
    assert from_the_row_cache(mine, "reports") is None
    assert_lists_like_slow(mine, capsys)


def test_a_set_keeps_the_rows_up_to_date(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``dvtui set`` makes the saved record's row again in place: the next list is quick and
    the same as the slow path's, however the row's cells change."""
    from dvtui.cli.quick import main

    warm_rows(repo_path, capsys)
    kept = []
    for assignments in (
        ["status=submitted", "submitted_on=10/07/2023"],  # on time: a wider date column
        ["submitted_on=20/07/2023"],  # late
        ["document_number=12/BC-UBND"],  # no cell changes
        ["status=missing", "submitted_on="],  # overdue again: a day-dependent cell
        ["status=submitted", "submitted_on=01/07/2023"],  # wider again (the only date)
        ["figures.dialogues=3"],  # what `dvtui set` mostly does: a figure
    ):
        assert main(["--repo", str(repo_path), "set", str(QUAI_CANG), *assignments]) == 0
        capsys.readouterr()
        quick = from_the_row_cache(repo_path, "reports")
        kept.append(quick is not None)
        # A column that gets wider or narrower changes every row: then the rows are made
        # again by the next list, never patched.
        assert quick is None or quick == slow_list(repo_path, "reports", DAY)
        assert listed(repo_path, "reports", DAY, capsys) == slow_list(repo_path, "reports", DAY)
    assert kept == [False, True, True, False, False, True]
    assert from_the_row_cache(repo_path, "units") is None  # other kinds: made again


@pytest.mark.parametrize("hooks", [False, True], ids=["plumbing", "git-commit"])
def test_a_set_while_another_record_is_staged_by_hand_keeps_no_rows(
    repo_path: Path, capsys: pytest.CaptureFixture[str], hooks: bool
) -> None:
    """Git's index then holds more than the saved commit: the rows are not patched (they
    are trusted only while the index is HEAD's tree plus the saved file, proved after the
    commit), with plumbing and with ``git commit`` alike; the next list makes them again."""
    from dvtui.cli.quick import main

    if hooks:
        hook = repo_path / ".git/hooks/post-commit"
        hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
        hook.chmod(0o755)
    other = sorted((repo_path / QUAI_CANG_FILE).parent.glob("*.toml"))[-1]
    assert other.name != Path(QUAI_CANG_FILE).name
    other.write_bytes(other.read_bytes().replace(b'status = "', b'reviewer = "Tay"\nstatus = "'))
    git(repo_path, "add", str(other.relative_to(repo_path)))
    warm_rows(repo_path, capsys)  # git vouches for the staged file: the rows are kept
    assert main(["--repo", str(repo_path), "set", str(QUAI_CANG), "figures.dialogues=3"]) == 0
    capsys.readouterr()
    assert from_the_row_cache(repo_path, "reports") is None
    staged = git(repo_path, "diff", "--cached", "--name-only").strip()
    assert staged == str(other.relative_to(repo_path))  # left staged, as git commit -- path
    assert_lists_like_slow(repo_path, capsys)


def test_a_set_of_a_unit_drops_every_list_that_shows_its_name(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dvtui.cli.quick import main

    warm_rows(repo_path, capsys)
    unit = "units/ubnd-xa-quai-cang"
    assert main(["--repo", str(repo_path), "set", unit, "name=UBND xã Quài Cang Mới"]) == 0
    assert from_the_row_cache(repo_path, "reports") is None
    assert "Quài Cang Mới" in listed(repo_path, "reports", DAY, capsys)
    assert_lists_like_slow(repo_path, capsys)


def test_a_set_with_a_hand_edit_elsewhere_or_another_commit_between(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the saving process did not make stays out of the rows it keeps."""
    from dvtui.cli.quick import main

    warm_rows(repo_path, capsys)
    other = "records/reports/2023-h1/ubnd-xa-chieng-sinh.toml"
    if not (repo_path / other).exists():
        other = sorted(
            str(p.relative_to(repo_path)) for p in (repo_path / QUAI_CANG_FILE).parent.iterdir()
        )[0]
    path = repo_path / other
    path.write_bytes(path.read_bytes() + b'reviewer = "Tay"\n')  # in the saved record's folder
    assert main(["--repo", str(repo_path), "set", str(QUAI_CANG), "document_number=1"]) == 0
    capsys.readouterr()
    assert from_the_row_cache(repo_path, "reports") is None  # git sees the edit
    assert_lists_like_slow(repo_path, capsys)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],
        lambda b: b[:-40] + bytes(40),
        lambda b: b[:-300] + bytes([b[-300] ^ 0xFF]) + b[-299:],
        lambda b: b"",
        lambda b: os.urandom(len(b)),
        lambda b: b.replace(b'"lang": "vi"', b'"lang": "en"'),
    ],
    ids=["truncated", "zeroed", "bitflip", "empty", "noise", "other-language"],
)
def test_a_damaged_row_cache_is_ignored_and_made_again(
    repo_path: Path, capsys: pytest.CaptureFixture[str], damage: Any
) -> None:
    warm_rows(repo_path, capsys)
    path = repo_path / ".git/dvtui/rows-reports-vi.bin"
    path.write_bytes(damage(path.read_bytes()))
    assert from_the_row_cache(repo_path, "reports") is None
    assert_lists_like_slow(repo_path, capsys)
    assert from_the_row_cache(repo_path, "reports") == slow_list(repo_path, "reports", DAY)


def test_every_list_follows_the_plan_in_view_fast_or_slow(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After next year's plan is made, the quick path lists what the full one does: the
    newest plan's tasks, periods, reports and models, ``default_plan`` when dvtui.toml names
    one, and ``--plan`` the plan asked for."""
    from dvtui.cli.quick import main

    warm_rows(repo_path, capsys)  # 2023's rows cached
    assert main(["--repo", str(repo_path), "plan", "new", "2024", "--from", "2023"]) == 0
    capsys.readouterr()
    for _ in range(2):  # the first list fills the row caches, the second is served by them
        assert_lists_like_slow(repo_path, capsys)
    for kind in LIST_KINDS:
        assert from_the_row_cache(repo_path, kind) == slow_list(repo_path, kind, DAY), kind
    reports = listed(repo_path, "reports", DAY, capsys)
    assert "Báo cáo 6 tháng năm 2024" in reports and "năm 2023" not in reports
    for kind in LIST_KINDS:
        args = ["--repo", str(repo_path), "--today", DAY.isoformat(), "list", kind]
        assert main([*args, "--plan", "2023"]) == 0
        assert capsys.readouterr().out == slow_list(repo_path, kind, DAY, "2023"), kind
    settings = repo_path / "dvtui.toml"
    settings.write_text(settings.read_text(encoding="utf-8") + 'default_plan = "2023"\n')
    for _ in range(2):
        assert_lists_like_slow(repo_path, capsys)
    assert "Báo cáo 6 tháng năm 2023" in listed(repo_path, "reports", DAY, capsys)


def test_a_period_saved_into_another_plan_leaves_the_rows_of_the_plan_in_view(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dvtui.cli.quick import main

    assert main(["--repo", str(repo_path), "plan", "new", "2024", "--from", "2023"]) == 0
    capsys.readouterr()
    warm_rows(repo_path, capsys)
    period = ["--repo", str(repo_path), "set", "periods/2024-year"]
    assert main([*period, "due=16/10/2024"]) == 0  # the same plan: the row made in place
    capsys.readouterr()
    assert from_the_row_cache(repo_path, "periods") == slow_list(repo_path, "periods", DAY)
    assert main([*period, "plan=2023"]) == 0
    capsys.readouterr()
    assert from_the_row_cache(repo_path, "periods") is None
    assert_lists_like_slow(repo_path, capsys)
    assert "2024" not in listed(repo_path, "periods", DAY, capsys).split("\n", 2)[2]


def _run_dvtui(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dvtui", "--repo", str(repo), *args],
        capture_output=True,
        text=True,
        timeout=60,  # a hang fails here instead of stopping the suite
    )


@pytest.mark.parametrize("kind", ["fifo", "symlink-to-dev-zero"])
def test_a_cache_file_that_is_not_a_regular_file_is_ignored(repo_path: Path, kind: str) -> None:
    """Whatever sits where a cache file should be — a FIFO (reading it would wait for ever),
    a symlink to ``/dev/zero`` (it would never end) — is no cache: the command answers."""
    _run_dvtui(repo_path, "list", "reports")
    caches = sorted((repo_path / ".git/dvtui").glob("*.bin"))
    assert {p.name for p in caches} >= {BASE_NAME, "rows-reports-vi.bin"}
    for path in caches:
        path.unlink()
        if kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")
    listed = _run_dvtui(repo_path, "list", "reports")
    assert listed.returncode == 0 and "Phòng Dân tộc" in listed.stdout, listed.stderr
    validated = _run_dvtui(repo_path, "validate")
    assert validated.returncode == 0 and "Không có lỗi" in validated.stdout, validated.stderr


def forge_rows(root: Path, capsys: pytest.CaptureFixture[str], forge: Any) -> None:
    """Fill the row caches, then write ``forge(payload)`` as the reports' rows with a good
    digest and a fresh look, as anyone who can write ``.git`` could."""
    from dvtui.git.dirs import find_git_dirs
    from dvtui.reports import listcache
    from dvtui.storage import rowcache

    warm_rows(root, capsys)
    dirs = find_git_dirs(root)
    assert dirs is not None
    code = listcache._code("vi")
    found = rowcache.read(dirs, "reports", "vi", code)
    assert found is not None
    fresh, payload = found
    forged = forge(payload)
    assert forged != payload
    rowcache.write(dirs, "reports", "vi", code, fresh, forged)
    assert rowcache.read(dirs, "reports", "vi", code) == (fresh, forged)


@pytest.mark.parametrize("planted", ["\x1b]0;pwned\x07", "\x1b[2J", "\u202e", "\x9b31m"])
def test_a_planted_row_cache_cannot_write_to_the_terminal(
    repo_path: Path, capsys: pytest.CaptureFixture[str], planted: str
) -> None:
    """The text a forged row cache serves never reaches the terminal as control characters:
    such rows are no cache, and the list is made from the records (where ``inert()``
    applies)."""
    name = "Phòng Dân tộc".encode()
    forge_rows(repo_path, capsys, lambda b: b.replace(name, f"Phòng{planted}Dân tộc".encode(), 1))

    assert from_the_row_cache(repo_path, "reports") is None
    shown = listed(repo_path, "reports", DAY, capsys)
    assert planted not in shown and "Phòng Dân tộc" in shown
    assert shown == slow_list(repo_path, "reports", DAY)


@pytest.mark.parametrize(
    "forged",
    [b"\xff\xfe not utf-8", b"no;meta\x1eat all", b"-1;x,y\x1e\x1f\x1f", b"0;5,1\x1eid\x1f3"],
    ids=["not-utf8", "bad-meta", "bad-widths", "too-few-cells"],
)
def test_a_forged_row_cache_that_does_not_parse_is_no_cache(
    repo_path: Path, capsys: pytest.CaptureFixture[str], forged: bytes
) -> None:
    forge_rows(repo_path, capsys, lambda _payload: forged)

    assert from_the_row_cache(repo_path, "reports") is None
    assert listed(repo_path, "reports", DAY, capsys) == slow_list(repo_path, "reports", DAY)


def test_a_set_over_a_forged_row_cache_saves_and_drops_it(
    repo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rid = "reports/2023-h1/phong-dan-toc"
    forge_rows(repo_path, capsys, lambda _payload: f"x;y\x1e{rid}\x1fnot,numbers\x1f".encode())

    done = dvtui("--repo", str(repo_path), "set", rid, "figures.conferences=7")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert from_the_row_cache(repo_path, "reports") is None
    assert_lists_like_slow(repo_path, capsys)
