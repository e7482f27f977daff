"""The record classes' methods come from the checked-in generated module, and do what
``@dataclass(frozen=True, kw_only=True)`` makes of the same ``records.py``."""

from __future__ import annotations

import dataclasses
import importlib
import subprocess
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dvtui.core import codec, recordclass, recordmethods, records
from dvtui.core.ids import RecordId
from dvtui.core.problems import FieldError
from dvtui.services.setup import bundled_records

RECORDS_PY = Path(records.__file__)
for _module in recordclass.GENERATED_FROM:
    importlib.import_module(_module)
MADE = list(recordclass.CLASSES)  # every class of the modules `make records` reads


def test_generated_module_is_current() -> None:
    """``make records`` has been run since the fields last changed."""
    assert Path(recordmethods.__file__).read_text(encoding="utf-8") == recordclass.source(), (
        "dvtui/core/recordmethods.py is stale: run `make records`"
    )


def test_every_record_class_uses_the_generated_methods() -> None:
    assert {recordclass._name(cls) for cls in MADE} == set(recordmethods.MAKERS)
    for cls in MADE:
        for name, method in recordclass.methods_of(cls).items():
            if name == "__repr__":
                continue  # reprlib's recursion guard around it
            code = method.__code__
            assert code.co_filename == recordmethods.__file__, (cls, name)


def test_every_module_with_such_classes_is_generated_from() -> None:
    """A module not in GENERATED_FROM would get its methods compiled at every start."""
    root = Path(recordclass.__file__).parents[1]
    using = {
        ".".join(path.relative_to(root.parent).with_suffix("").parts)
        for path in root.rglob("*.py")
        if any(
            line in ("@frozen", "@record") for line in path.read_text(encoding="utf-8").splitlines()
        )
    }
    assert using == set(recordclass.GENERATED_FROM)


def test_a_stale_generated_module_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """A class whose fields changed since ``make records`` gets methods compiled at import."""
    monkeypatch.setattr(recordmethods, "MAKERS", {})
    monkeypatch.setattr(recordclass, "CLASSES", [])  # not one of the records

    @recordclass.record
    class Extra:
        """A kind with a default and a factory."""

        name: str
        size: int = 3
        items: list[str] = dataclasses.field(default_factory=list)

    made = Extra(name="a")
    assert made == Extra(name="a", size=3, items=[])
    assert (
        repr(made)
        == "test_a_stale_generated_module_is_not_used.<locals>.Extra(name='a', size=3, items=[])"
    )
    assert Extra.__init__.__code__.co_filename == "<string>"
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.name = "b"  # type: ignore[misc]


def _reference() -> types.ModuleType:
    """``records.py`` as it was: every class made by ``@dataclass(frozen=True, kw_only=True)``."""
    text = RECORDS_PY.read_text(encoding="utf-8")
    line = "from dvtui.core.recordclass import record\n"
    assert line in text
    text = text.replace(
        line, "from dataclasses import dataclass\nrecord = dataclass(frozen=True, kw_only=True)\n"
    )
    module = types.ModuleType("records_reference")
    module.__file__ = str(RECORDS_PY)
    sys.modules[module.__name__] = module  # dataclasses looks ClassVar up in the module
    try:
        exec(compile(text, str(RECORDS_PY), "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    return module


REFERENCE = _reference()
CLASSES = [cls.__qualname__ for cls in MADE if cls.__module__ == records.__name__]
OTHERS = [cls for cls in MADE if cls.__module__ != records.__name__]


def _field_facts(f: dataclasses.Field[Any]) -> tuple[Any, ...]:
    factory = f.default_factory
    return (
        f.name,
        f.type,
        f.default,
        getattr(factory, "__qualname__", factory),
        dict(f.metadata),
        f.init,
        f.repr,
        f.hash,
        f.compare,
        f.kw_only,
        f._field_type,  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("name", CLASSES)
def test_the_class_is_what_dataclasses_makes(name: str) -> None:
    ours, theirs = getattr(records, name), getattr(REFERENCE, name)
    assert [_field_facts(f) for f in ours.__dataclass_fields__.values()] == [
        _field_facts(f) for f in theirs.__dataclass_fields__.values()
    ]
    params = type(ours.__dataclass_params__).__slots__
    assert [getattr(ours.__dataclass_params__, p) for p in params] == [
        getattr(theirs.__dataclass_params__, p) for p in params
    ]
    assert ours.__match_args__ == theirs.__match_args__
    for f in dataclasses.fields(ours):
        assert ours.__dict__.get(f.name, "absent") == theirs.__dict__.get(f.name, "absent")
    assert ours.__init__.__annotations__ == theirs.__init__.__annotations__
    assert ours.__init__.__qualname__ == theirs.__init__.__qualname__
    assert ours.__doc__ == theirs.__doc__


def _as_reference(value: Any) -> Any:
    """The same value built from the reference classes."""
    if isinstance(value, list):
        return [_as_reference(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_reference(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and type(value).__module__ == records.__name__:
        cls = getattr(REFERENCE, type(value).__qualname__)
        return cls(
            **{f.name: _as_reference(getattr(value, f.name)) for f in dataclasses.fields(value)}
        )
    return value


def _outcome(call: Any) -> tuple[str, Any]:
    try:
        return "value", repr(call())
    except Exception as exc:
        return type(exc).__name__, str(exc)


def _samples() -> list[Any]:
    """Every bundled record and every record inside one."""
    found: list[Any] = []

    def walk(value: Any) -> None:
        if isinstance(value, list | tuple):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif dataclasses.is_dataclass(value) and type(value).__module__ == records.__name__:
            found.append(value)
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))

    root = bundled_records()
    for path in sorted(root.rglob("*.toml")):
        record, _ = codec.decode("records/" + path.relative_to(root).as_posix(), path.read_bytes())
        walk(record)
    return found


def test_instances_behave_as_dataclasses_make_them() -> None:
    samples = _samples()
    assert {type(s).__qualname__ for s in samples} >= {"Plan", "Unit", "Task", "Report", "Figures"}
    for ours in samples:
        theirs = _as_reference(ours)
        assert repr(ours) == repr(theirs)
        assert ours == dataclasses.replace(ours)
        if "id" in ours.__dataclass_fields__:
            other = RecordId(ours.id.kind, (*ours.id.parts[:-1], "another"))
            assert ours != dataclasses.replace(ours, id=other)
        assert (ours == theirs) is False  # another class: neither says equal
        assert ours.__eq__(theirs) is NotImplemented
        assert _outcome(lambda o=ours: hash(o)) == _outcome(lambda t=theirs: hash(t))
        assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
        for name in ("id", "name", "other"):
            assert _outcome(lambda o=ours, n=name: setattr(o, n, 1)) == _outcome(
                lambda t=theirs, n=name: setattr(t, n, 1)
            )
            assert _outcome(lambda o=ours, n=name: delattr(o, n)) == _outcome(
                lambda t=theirs, n=name: delattr(t, n)
            )


@pytest.mark.parametrize("name", CLASSES)
def test_bad_arguments_fail_as_with_dataclasses(name: str) -> None:
    ours, theirs = getattr(records, name), getattr(REFERENCE, name)
    rid = RecordId("models", ("2023", "a"))
    for kwargs in ({}, {"id": rid}, {"id": rid, "unknown": 1}, {"name": "x", "nope": 2}):
        assert _outcome(lambda k=kwargs: ours(**k)) == _outcome(lambda k=kwargs: theirs(**k))
    assert _outcome(lambda: ours(rid)) == _outcome(lambda: theirs(rid))


def test_post_init_checks_still_run() -> None:
    with pytest.raises(FieldError):
        records.Task(
            id=RecordId("tasks", ("a",)), plan="2023", code="II.1", title="t", status="done"
        )
    with pytest.raises(FieldError):
        records.Attachment(
            name="a.pdf", sha256="nope", size=1, added_on=date(2023, 1, 1), added_by="a"
        )


def test_importing_the_records_generates_no_code() -> None:
    """No ``exec`` at import: every method comes compiled from a module file."""
    script = (
        "import dvtui.core.attachments, dvtui.core.ids, dvtui.core.labels, dvtui.core.schema\n"
        "import dvtui.core.recordclass\n"  # what records.py imports, with its own dataclasses
        "import builtins\n"
        "calls = []\n"
        "real = builtins.exec\n"
        "def counted(code, *rest):\n"
        "    if isinstance(code, str):\n"  # source text, as dataclasses generates it
        "        calls.append(code)\n"
        "    return real(code, *rest)\n"
        "builtins.exec = counted\n"
        "import dvtui.core.records\n"
        "print(len(calls))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "0"


def _dataclass_of(cls: type) -> Any:
    """``cls`` made again from its own definition by ``@dataclass(frozen=True)``."""
    skip = {"__dict__", "__weakref__", "__dataclass_fields__", "__dataclass_params__"}
    skip |= {"__match_args__", *recordclass.methods_of(cls)}
    namespace = {k: v for k, v in cls.__dict__.items() if k not in skip}
    for f in dataclasses.fields(cls):
        namespace[f.name] = dataclasses.field(
            default=f.default,
            default_factory=f.default_factory,
            init=f.init,
            repr=f.repr,
            hash=f.hash,
            compare=f.compare,
            metadata=f.metadata,
        )
    made = type(cls.__name__, cls.__bases__, namespace)
    kw_only = all(f.kw_only for f in dataclasses.fields(cls))
    return dataclasses.dataclass(frozen=True, kw_only=kw_only)(made)


def _values(cls: type) -> dict[str, Any]:
    """A value for every field without a default."""
    return {
        f.name: f"v-{f.name}"
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }


@pytest.mark.parametrize("cls", OTHERS, ids=recordclass._name)
def test_the_other_classes_are_what_dataclasses_makes(cls: Any) -> None:
    theirs = _dataclass_of(cls)
    assert [_field_facts(f) for f in cls.__dataclass_fields__.values()] == [
        _field_facts(f) for f in theirs.__dataclass_fields__.values()
    ]
    params = type(cls.__dataclass_params__).__slots__
    assert [getattr(cls.__dataclass_params__, p) for p in params] == [
        getattr(theirs.__dataclass_params__, p) for p in params
    ]
    assert cls.__match_args__ == theirs.__match_args__
    assert cls.__init__.__annotations__ == theirs.__init__.__annotations__
    values = _values(cls)
    ours_made, theirs_made = cls(**values), theirs(**values)
    assert repr(ours_made) == repr(theirs_made)
    assert ours_made == cls(**values)
    assert not ours_made != cls(**values)  # noqa: SIM202
    assert ours_made.__eq__(theirs_made) is NotImplemented
    assert _outcome(lambda: hash(ours_made)) == _outcome(lambda: hash(theirs_made))
    assert dataclasses.asdict(ours_made) == dataclasses.asdict(theirs_made)
    for name in [*values, "other"]:
        assert _outcome(lambda n=name: setattr(ours_made, n, 1)) == _outcome(
            lambda n=name: setattr(theirs_made, n, 1)
        )
        assert _outcome(lambda n=name: delattr(ours_made, n)) == _outcome(
            lambda n=name: delattr(theirs_made, n)
        )
    positional = list(values.values())
    assert _outcome(lambda: repr(cls(*positional))) == _outcome(lambda: repr(theirs(*positional)))
    for kwargs in ({}, {**values, "unknown": 1}):
        assert _outcome(lambda k=kwargs: cls(**k)) == _outcome(lambda k=kwargs: theirs(**k))
