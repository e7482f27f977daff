"""Fuzzing with hypothesis: any valid record, any edit, any merge — and any bytes at all.

Strategies build records of every kind straight from the record dataclasses' type hints,
with text drawn from Vietnamese (NFC and NFD), control characters and ANSI escapes, Rich and
Textual markup, and arbitrary Unicode. Properties:

* encode → decode is the identity (up to the normalisation the store promises: NFC, LF)
  and encode is deterministic: a second write is byte-identical;
* a real save through the Store reads back as saved and leaves every other record alone;
* the three-way merge (and the git merge driver around it) is deterministic, symmetric
  when clean, and never writes invalid TOML or conflict markers;
* arbitrary TOML text and bytes (syntax fragments repeated into deep nesting, long headers
  and huge integers; random Unicode; random bytes; a valid record with bytes changed) are
  one problem line naming the file for the codec, the loader, the merge driver and the
  audit — never an exception — and the limits never change what a parsable file says.

``HYPOTHESIS_PROFILE=fuzz`` (``make fuzz``) runs many more examples (see conftest.py).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import types
import typing
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
from conftest import git
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from dvtui.core import codec
from dvtui.core.ids import RecordId
from dvtui.core.merge import merge_file
from dvtui.core.records import KINDS, Record
from dvtui.core.schema import from_table, hints, stored_fields, to_table
from dvtui.services.setup import init_data_repo
from dvtui.storage import Store
from dvtui.storage.merge_driver import run as run_driver

TRIED: Counter[str] = Counter()
SLOW = settings(
    max_examples=max(10, settings().max_examples // 6),  # a sixth of the profile's
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def report_counts(request: pytest.FixtureRequest) -> Iterator[None]:
    """Say how many cases were tried (``make fuzz`` prints it)."""
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None or not TRIED:
        return
    parts = ", ".join(f"{k} {n}" for k, n in sorted(TRIED.items()))
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"\nfuzz: {sum(TRIED.values())} cases tried ({parts})")


# --- text ---------------------------------------------------------------------------------------

WORDS = [
    "Quài Cang", "Tỏa Tình", "Mường Khong", "Nà Sáy", "thị trấn Tuần Giáo", "Ủy ban",
    "đồng bào", "dân vận khéo", "người", "nghiêng", "khuyến khích", "Đảng", "ưu tiên",
]  # fmt: skip
HOSTILE = [
    "\x1b[31m", "\x1b[0m", "\x1b]8;;http://x\x1b\\", "\x07", "\x08", "\r\n", "\n", "\t", "\x00",
    "[bold]", "[/]", "[/bold]", "[@click=app.quit]", "[link=http://x]", "[$accent]", "\\[",
    ":smile:", '"', "'''", '"""', "\\", "#", "=", "[[x]]", "<<<<<<< HEAD", "=======", ">>>>>>>",
]  # fmt: skip

word = st.sampled_from(WORDS).flatmap(
    lambda w: st.sampled_from([w, unicodedata.normalize("NFD", w), w.upper()])
)
texts = st.lists(
    st.one_of(
        word,
        st.sampled_from(HOSTILE),
        st.text(st.characters(exclude_categories=["Cs"]), max_size=8),
    ),
    max_size=6,
).map(" ".join)


def expected_text(text: str) -> str:
    """What the store keeps of a text: NFC, line ends as LF."""
    return re.sub("\r+\n", "\n", unicodedata.normalize("NFC", text))


# --- records from the type hints -------------------------------------------------------------

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
SHA = st.from_regex(r"[0-9a-f]{40}", fullmatch=True)


def value_of(tp: Any, meta: Any, name: str) -> st.SearchStrategy[Any]:
    """A strategy for one field's TOML value, from its type."""
    args = [a for a in get_args(tp) if a is not type(None)]
    if get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        tp = args[0]
    origin = get_origin(tp)
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if tp is str:
        if name == "upto":
            return SHA
        return slugs if "ref" in meta else texts
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=meta.get("min", -(10**6)), max_value=10**12)
    if tp is date:
        return dates
    if origin is list:
        (item,) = get_args(tp)
        return st.lists(value_of(item, meta, name), max_size=3)
    if origin is dict:
        return st.dictionaries(slugs, value_of(get_args(tp)[1], {}, name), max_size=3)
    if dataclasses.is_dataclass(tp):
        assert isinstance(tp, type)
        return table_of(tp)
    raise TypeError(tp)


def field_strategies(cls: type) -> dict[str, st.SearchStrategy[Any]]:
    """Every stored field of ``cls`` and a strategy for its value."""
    return {f.name: value_of(hints(cls)[f.name], f.metadata, f.name) for f in stored_fields(cls)}


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def table_of(cls: type) -> st.SearchStrategy[dict[str, Any]]:
    """A TOML table for ``cls``: required fields always, optional ones sometimes."""
    strategies = field_strategies(cls)
    fields = stored_fields(cls)
    return st.fixed_dictionaries(
        {f.name: strategies[f.name] for f in fields if _required(f)},
        optional={f.name: strategies[f.name] for f in fields if not _required(f)},
    )


def record_id(kind: str) -> st.SearchStrategy[RecordId]:
    first = st.from_regex(r"20[0-9]{2}", fullmatch=True) if kind == "models" else slugs
    if kind in ("reports", "models"):
        return st.tuples(first, slugs).map(lambda p: RecordId(kind, p))
    return slugs.map(lambda s: RecordId(kind, (s,)))


def follow_rules(kind: str, table: dict[str, Any]) -> dict[str, Any]:
    """Make a random table keep the cross-field rules (so few examples are thrown away)."""
    if kind == "reports":
        if table.get("status", "missing") != "missing":
            table.setdefault("submitted_on", date(2023, 5, 10))
        if table.get("status") in ("returned", "approved"):
            table.setdefault("reviewed_on", date(2023, 5, 12))
        figures = table.get("figures", {})
        for done, total in (
            ("petitions_resolved", "petitions_received"),
            ("petitions_in_competence", "petitions_received"),
            ("voter_recommendations_resolved", "voter_recommendations_received"),
            ("models_recognised", "models_registered"),
        ):
            if done in figures and total in figures and figures[done] > figures[total]:
                figures[total] = figures[done] + figures[total]
    if kind == "tasks" and table.get("status") == "done":
        table.setdefault("completed_on", date(2023, 9, 30))
    return table


@st.composite
def records(draw: st.DrawFn, kinds: tuple[str, ...] = tuple(KINDS)) -> Record:
    """Any valid record of any kind."""
    kind = draw(st.sampled_from(kinds))
    cls = KINDS[kind]
    table = follow_rules(kind, draw(table_of(cls)))
    record, issues = from_table(cls, table, id=draw(record_id(kind)))
    # Texts that only hold spaces are left out on write, as if empty: a required one then
    # makes no valid record. That is the rule, not a finding.
    assume(record is not None and not issues)
    assert record is not None
    round_trip, _ = from_table(cls, to_table(record), id=record.id)
    assume(round_trip is not None)
    return record


# --- encode / decode -------------------------------------------------------------------------

MARKERS = ("<<<<<<<", ">>>>>>>", "|||||||", "=======")


def no_marker_lines(text: str) -> None:
    """What ``git diff --check`` would call a leftover conflict marker."""
    for line in text.splitlines():
        assert not line.startswith(MARKERS), line


def normalised(value: Any) -> Any:
    if isinstance(value, str):
        return expected_text(value)
    if isinstance(value, list):
        return [normalised(v) for v in value]
    if isinstance(value, dict):
        return {expected_text(k): normalised(v) for k, v in value.items()}
    return value


@FAST
@given(records())
def test_encode_decode_is_the_identity_and_encode_is_deterministic(record: Record) -> None:
    TRIED["round trip"] += 1
    data = codec.encode(record)
    assert data == codec.encode(record)
    back, problems = codec.decode(record.id.relpath, data)
    assert problems == [] and back is not None, problems
    assert codec.encode(back) == data  # a second write is byte-identical
    assert to_table(back) == normalised(to_table(record))
    text = data.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text) and "\r\n" not in text
    assert not any(c in text for c in "\x1b\x07\x00")  # control characters are escaped
    no_marker_lines(text)  # a text line never looks like a leftover conflict marker


# --- real saves --------------------------------------------------------------------------------

_repos: dict[str, Path] = {}


def fuzz_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if "repo" not in _repos:
        path = tmp_path_factory.mktemp("fuzz") / "data"
        init_data_repo(path)
        _repos["repo"] = path
    return _repos["repo"]


EDITABLE = {
    "reports/2023-h1/ubnd-xa-quai-cang": ("document_number", "review_note", "reviewer"),
    "units/ubnd-xa-quai-cang": ("name",),
    "tasks/2023-ii-1": ("title", "text"),
}


@SLOW
@given(st.data())
def test_a_saved_edit_reads_back_and_touches_nothing_else(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    repo = fuzz_repo(tmp_path_factory)
    store = Store(repo)
    before = {r.id: codec.encode(r) for r in store.load()}
    rid_text = data.draw(st.sampled_from(sorted(EDITABLE)))
    name = data.draw(st.sampled_from(EDITABLE[rid_text]))
    value = data.draw(texts)
    rid = RecordId.parse(rid_text)
    record = store.get(rid)
    try:
        result = store.replace(record, **{name: value})
    except Exception as exc:  # a refusal must be a clear DataError, never a crash
        from dvtui.core.problems import DataError

        assert isinstance(exc, DataError), repr(exc)
        assert "\n" not in str(exc)
        return
    TRIED["saves"] += 1
    fresh = Store(repo).load()
    saved = fresh.get(rid)
    assert saved is not None and codec.encode(saved) == codec.encode(result.record)
    assert getattr(saved, name) == (expected_text(value).strip() or None) or getattr(
        saved, name
    ) == expected_text(value)
    for other in fresh:
        if other.id != rid:
            assert codec.encode(other) == before[other.id]
    assert (repo / rid.relpath).read_bytes() == codec.encode(saved)


# --- the merge -----------------------------------------------------------------------------------

MERGE_KINDS = ("reports", "units", "tasks", "models", "plans", "summaries")


@st.composite
def three_versions(draw: st.DrawFn) -> tuple[str, bytes, bytes, bytes]:
    """A record and two independent edits of it (any fields, new random values)."""
    base = draw(records(MERGE_KINDS))
    cls = type(base)
    strategies = field_strategies(cls)

    def edit() -> bytes:
        table = to_table(base)
        for name in draw(st.lists(st.sampled_from(sorted(strategies)), max_size=3)):
            if draw(st.booleans()) or name not in table:
                table[name] = draw(strategies[name])
            else:
                table.pop(name)
        table = follow_rules(base.id.kind, table)
        record, _ = from_table(cls, table, id=base.id)
        assume(record is not None)
        assert record is not None
        data = codec.encode(record)
        assume(codec.decode(base.id.relpath, data)[0] is not None)  # no empty required text
        return data

    return base.id.relpath, codec.encode(base), edit(), edit()


def check_merged(path: str, data: bytes | None) -> None:
    assert data is not None
    text = data.decode("utf-8")
    tomllib.loads(text)  # valid TOML
    no_marker_lines(text)
    record, problems = codec.decode(path, data)
    assert record is not None and problems == [], problems
    assert codec.encode(record) == data  # canonical


@FAST
@given(three_versions())
def test_the_merge_is_deterministic_symmetric_and_never_writes_markers(
    versions: tuple[str, bytes, bytes, bytes],
) -> None:
    path, base, mine, theirs = versions
    TRIED["merges"] += 1
    first = merge_file(path, base, mine, theirs)
    again = merge_file(path, base, mine, theirs)
    assert first == again
    check_merged(path, first.data)
    other_way = merge_file(path, base, theirs, mine)
    check_merged(path, other_way.data)
    if first.clean:
        assert other_way.clean and other_way.data == first.data
    else:
        # A field changed two ways is a conflict whichever side is "mine". (Rules broken by
        # the provisional values — mine — may differ: they are checked again on resolve.)
        assert not other_way.clean
        both = {c.field for c in first.conflicts if c.reason != "invalid"}
        assert both == {c.field for c in other_way.conflicts if c.reason != "invalid"}


@SLOW
@given(three_versions())
def test_the_git_merge_driver_writes_what_the_merge_says(
    tmp_path_factory: pytest.TempPathFactory, versions: tuple[str, bytes, bytes, bytes]
) -> None:
    path, base, mine, theirs = versions
    TRIED["merge driver"] += 1
    folder = tmp_path_factory.mktemp("driver")
    files = []
    for name, data in (("base", base), ("mine", mine), ("theirs", theirs)):
        (folder / name).write_bytes(data)
        files.append(folder / name)
    code = run_driver(files[0], files[1], files[2], path)
    result = merge_file(path, base, mine, theirs)
    assert code == (0 if result.clean else 1)
    written = (folder / "mine").read_bytes()
    assert written == result.data
    check_merged(path, written)


# --- arbitrary text and bytes ----------------------------------------------------------------
# Not only records built through the schema: anything a hostile or careless colleague can
# commit. Fragments of TOML's syntax, repeated many times (deep nesting, long headers, huge
# integers), arbitrary Unicode and arbitrary bytes, alone or after a valid record's lines.

TOML_FRAGMENTS = [
    "[", "]", "[[", "]]", "{", "}", "{a=", "=", ".", ",", '"', "'", '"""', "'''", "\n", "#",
    "a", "a.", "x = ", "[a.b]", "[[a]]", "0x", "0o", "0b", "1_0", "9" * 30, "-", "+inf", "nan",
    "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z", "true", "\\u00e9", "\\U0001F600", "\\",
    " ", "\t", "\r\n", "\x00", "\x1b[31m", "\ufeff", "schema = 1\n", "schema = 99\n",
    "name = ", 'kind = "commune"\n', "[figures]\n", "dialogues = ",
]  # fmt: skip


def _closing(opening: str) -> str:
    return "".join({"[": "]", "{": "}"}[c] for c in reversed(opening) if c in "[{")


UNIT_LINES = 'schema = 1\nname = "UBND xã Mường Khong"\nkind = "commune"\n'

_fragment = st.sampled_from(TOML_FRAGMENTS)
_repeated = st.tuples(_fragment, st.integers(1, 3000)).map(lambda p: p[0] * p[1])
_nested = st.tuples(
    st.sampled_from(["[", "{a = ", "[{b = ", "{c = ["]),
    st.integers(1, 2000),
    st.sampled_from(["1", '"x"', "[]", "{}", ""]),
    st.booleans(),
).map(lambda p: "x = " + p[0] * p[1] + p[2] + ("" if p[3] else _closing(p[0]) * p[1]))
_header = st.tuples(st.sampled_from(["a", '"a"', "'a b'", "a . a"]), st.integers(1, 3000)).map(
    lambda p: "[" + ".".join([p[0]] * p[1]) + "]\n" + ".".join([p[0]] * p[1]) + " = 1"
)
_integer = st.tuples(st.sampled_from(["", "-", "+", "0x", "0o", "0b"]), st.integers(1, 6000)).map(
    lambda p: f"x = {p[0]}{'1' * p[1]}"
)
_soup = st.lists(st.one_of(_fragment, _repeated, st.text(max_size=12)), max_size=24).map("".join)
toml_texts = st.tuples(
    st.sampled_from(["", UNIT_LINES]),
    st.lists(st.one_of(_soup, _nested, _header, _integer), min_size=1, max_size=3).map("\n".join),
).map("".join)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid record's bytes with a few bytes inserted, removed or changed."""
    data = bytearray(codec.encode(draw(records())))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 8))
        data[at : at + cut] = draw(st.binary(max_size=8))
    return bytes(data)


any_bytes = st.one_of(
    toml_texts.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.binary(max_size=2000),
    mutated(),
)
FUZZ_PATH = "records/units/fuzz.toml"


def one_problem_line(problem: object, file: str) -> None:
    """A problem names the file and reads as one line, in words from the catalog."""
    text = str(problem)
    assert text.startswith(f"{file}: ") and "\n" not in text, text
    assert "{" not in text.split(": ", 1)[1].replace("{}", ""), text  # no unfilled placeholder


@FAST
@given(any_bytes)
def test_the_codec_answers_any_bytes_with_a_table_or_one_problem(data: bytes) -> None:
    TRIED["codec bytes"] += 1
    table, problems = codec.read_table(FUZZ_PATH, data)
    assert (table is None) == bool(problems)
    for p in problems:
        one_problem_line(p, FUZZ_PATH)
    if table is not None:  # the limits never change what a file says
        # (only then is tomllib asked: it is quadratic on the long headers the codec refuses)
        expected: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
        assert table == expected
    record, problems = codec.decode(FUZZ_PATH, data)
    assert record is None or codec.decode(FUZZ_PATH, codec.encode(record))[0] == record
    for p in problems:
        one_problem_line(p, FUZZ_PATH)


@FAST
@given(any_bytes, st.booleans())
def test_the_loader_answers_any_file_with_its_problem_and_loads_the_rest(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, as_settings: bool
) -> None:
    TRIED["loader files"] += 1
    repo = fuzz_repo(tmp_path_factory)
    where = repo / ("dvtui.toml" if as_settings else FUZZ_PATH)
    original = where.read_bytes() if as_settings else None
    where.write_bytes(data)
    try:
        store = Store(repo)
        dataset = store.load()
        name = str(where.relative_to(repo))
        for p in dataset.problems:
            one_problem_line(p, p.file)
        fine, _ = codec.read_table(name, data)
        if fine is None:  # a file that does not even parse is named, and only it
            assert {p.file for p in dataset.problems} == {name}
        assert dataset.get(RecordId.parse("units/ubnd-xa-quai-cang")) is not None
    finally:
        if original is None:
            where.unlink()
        else:
            where.write_bytes(original)


@FAST
@given(st.lists(st.one_of(any_bytes, st.just(b"")), min_size=3, max_size=3), st.data())
def test_the_merge_driver_answers_any_three_files_and_writes_only_valid_ones(
    tmp_path_factory: pytest.TempPathFactory, versions: list[bytes], data: st.DataObject
) -> None:
    TRIED["merge driver bytes"] += 1
    if data.draw(st.booleans()):  # one side valid, so that the merge itself is reached
        versions[data.draw(st.integers(0, 2))] = codec.encode(data.draw(records(("units",))))
    folder = tmp_path_factory.mktemp("driver-bytes")
    files = []
    for name, content in zip(("base", "mine", "theirs"), versions, strict=True):
        (folder / name).write_bytes(content)
        files.append(folder / name)
    code = run_driver(files[0], files[1], files[2], FUZZ_PATH)
    assert code in (0, 1)
    written = (folder / "mine").read_bytes()
    # Either side's own version kept as it is (the other left the file alone) is git's
    # answer too, and sync validates it before pushing; anything the merge wrote decodes.
    if written and written not in (versions[1], versions[2]):
        check_merged(FUZZ_PATH, written)


_audits: dict[str, Path] = {}


@SLOW
@given(any_bytes, st.booleans())
def test_the_audit_names_any_committed_file_that_does_not_decode(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, as_settings: bool
) -> None:
    from dvtui.services.audit import audit

    TRIED["audited commits"] += 1
    if "repo" not in _audits:
        _audits["repo"] = tmp_path_factory.mktemp("audit-fuzz") / "data"
        init_data_repo(_audits["repo"])
    repo = _audits["repo"]
    name = "dvtui.toml" if as_settings else FUZZ_PATH
    before = git(repo, "rev-parse", "HEAD").strip()
    (repo / name).write_bytes(data)
    git(repo, "add", "-A")
    if not git(repo, "status", "--porcelain"):
        return  # the same bytes as already committed
    git(repo, "commit", "-q", "--allow-empty", "-m", "Sửa tay")
    result = audit(Store(repo), since=before)
    assert result.checked == 1
    for finding in result.findings:
        assert "\n" not in finding.detail
    if not as_settings and codec.decode(FUZZ_PATH, data)[0] is None:
        assert any(f.file == FUZZ_PATH for f in result.findings if f.kind == "invalid-record")
    result.summary()  # what the command prints
