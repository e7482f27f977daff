"""``@record``: a frozen, keyword-only dataclass whose methods are not generated at import.

``dataclasses.dataclass(frozen=True, kw_only=True)`` writes the source of six methods per
class (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``,
``__delattr__``) and ``exec``s it at every start: for the 17 classes of ``records.py`` that
was most of the record module's import (~20 ms of CPU idle, ~50 ms at load 7), paid by every
command before it reads anything (issue 15).

``record`` runs dataclasses' own processing of the fields without generating code
(``init``, ``repr`` and ``eq`` off, not frozen: the fields, their defaults, metadata and
``__dataclass_fields__`` are dataclasses' own), then installs the same six methods from
``dvtui.core.recordmethods``, a module generated from this file's :func:`source` by
``make records`` and checked in, so that Python keeps it compiled like any other module.
The generated methods do what dataclasses' do (``tests/test_recordclass.py`` compares them
with real dataclasses built from the same ``records.py``, and fails when the checked-in
module is not what :func:`source` makes now). When the module does not match a class (a
field added, renamed, given or deprived of a default, ``__post_init__`` added or removed,
and ``make records`` not run yet), that class's methods are compiled from :func:`source`
at import instead: slower, never wrong.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

from dvtui.core import recordmethods

T = TypeVar("T")

_METHODS = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__")
CLASSES: list[type] = []
"""Every class made by :func:`record`, in order (what :func:`source` writes methods for)."""


class _HasFactory:
    """The default of a field with a ``default_factory`` in the generated ``__init__``."""

    def __repr__(self) -> str:
        return "<factory>"


_HAS_FACTORY = _HasFactory()


@dataclass_transform(
    frozen_default=True, kw_only_default=True, field_specifiers=(dataclasses.field,)
)
def record(cls: type[T]) -> type[T]:
    """What ``@dataclass(frozen=True, kw_only=True)`` makes of ``cls``, without ``exec``."""
    return _made(cls, kw_only=True)


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field,))
def frozen(cls: type[T]) -> type[T]:
    """What ``@dataclass(frozen=True)`` makes of ``cls``, without ``exec`` (the small value
    classes every command imports: ``GitDirs``, ``Commit``, ``Change`` …)."""
    return _made(cls, kw_only=False)


# The modules whose classes ``make records`` writes methods for (``python -m
# dvtui.core.recordclass`` imports them: a development tool, as ``dvtui.i18n.catalogs``).
GENERATED_FROM = (
    "dvtui.core.records",
    "dvtui.core.changes",
    "dvtui.core.facts",
    "dvtui.core.limits",
    "dvtui.core.schema",
    "dvtui.core.settings",
    "dvtui.core.trailers",
    "dvtui.git.dirs",
    "dvtui.git.locks",
    "dvtui.git.log",
    "dvtui.git.repo",
    "dvtui.services.history",
)


def _made(cls: type[T], *, kw_only: bool) -> type[T]:
    own = dict(cls.__dict__)  # before dataclasses adds to it: what the class defines itself
    # dataclasses refuses a non-frozen class on a frozen base: the bases' parameters say
    # "not frozen" while this class is processed, and are put back after.
    saved = [
        (base, base.__dict__["__dataclass_params__"])
        for base in cls.__mro__[1:]
        if "__dataclass_params__" in base.__dict__
    ]
    for base, params in saved:
        base.__dataclass_params__ = _params(params, frozen=False)  # type: ignore[attr-defined]
    try:
        dataclasses.dataclass(init=False, repr=False, eq=False, kw_only=kw_only)(cls)
    finally:
        for base, params in saved:
            base.__dataclass_params__ = params  # type: ignore[attr-defined]
    done: Any = cls
    done.__dataclass_params__ = _params(
        done.__dataclass_params__, init=True, repr=True, eq=True, frozen=True
    )
    fields = dataclasses.fields(done)
    for f in fields:  # the generated __init__ writes the instance's __dict__ directly
        if any(hasattr(type(k.__dict__.get(f.name)), "__set__") for k in cls.__mro__):
            raise TypeError(f"{cls.__qualname__}.{f.name}: a field cannot be a descriptor")
    key = _key(cls, fields)
    made: tuple[str, Callable[..., tuple[Any, ...]]] | None
    made = recordmethods.MAKERS.get(_name(cls))
    if made is None or made[0] != key:
        scope: dict[str, Any] = {}
        exec(_maker_source(cls, fields), scope)  # stale generated module: compiled here
        made = (key, scope[_maker_name(cls)])
    defaults = {f.name: f.default for f in fields}
    factories = {f.name: f.default_factory for f in fields}
    methods = made[1](cls, defaults, factories, _HAS_FACTORY, dataclasses.FrozenInstanceError)
    for name, method in zip(_METHODS, methods, strict=True):
        if name in ("__setattr__", "__delattr__") and name in own:
            raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
        if name == "__hash__":
            # dataclasses' rule: a __hash__ of the class's own stays (None beside its own
            # __eq__ is Python's implicit one, not the class's)
            explicit = own.get("__hash__", dataclasses.MISSING)
            if not (explicit is dataclasses.MISSING or (explicit is None and "__eq__" in own)):
                continue
        elif name in own:
            continue  # the class's own method stays, as dataclasses leaves it
        method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    if "__init__" not in own:
        cls.__init__.__annotations__ = {f.name: f.type for f in fields} | {"return": None}
    CLASSES.append(cls)
    return cls


def _params(params: Any, **changes: bool) -> Any:
    """A copy of a ``__dataclass_params__`` with some of its flags changed."""
    kind: Any = type(params)
    copy = kind.__new__(kind)
    for name in kind.__slots__:
        setattr(copy, name, changes.get(name, getattr(params, name)))
    return copy


def _key(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> str:
    """What the generated methods of ``cls`` depend on (the defaults' values do not count:
    they are handed to the maker)."""

    def default(f: dataclasses.Field[Any]) -> str:
        if f.default is not dataclasses.MISSING:
            return "="
        return "()" if f.default_factory is not dataclasses.MISSING else ""

    parts = [
        f"{f.name}{default(f)}{'' if f.init else '!init'}{'' if f.repr else '!repr'}"
        f"{'' if f.compare else '!compare'}{'' if f.hash is None else f'hash={f.hash}'}"
        f"{'*' if f.kw_only else ''}"
        for f in fields
    ]
    if hasattr(cls, "__post_init__"):
        parts.append("__post_init__")
    return " ".join(parts)


def _name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def _maker_name(cls: type) -> str:
    name = _name(cls).removeprefix("dvtui.")
    return "make_" + "".join(c if c.isalnum() else "_" for c in name)


def _maker_source(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> str:
    """The source of the function that makes the six methods of ``cls``, as dataclasses
    would write them (Python 3.11's ``dataclasses._process_class``)."""
    names = [f.name for f in fields]
    lines = [f"def {_maker_name(cls)}(cls, defaults, factories, HAS_FACTORY, FrozenError):"]
    params: list[str] = []
    keywords: list[str] = []  # after the *
    body: list[str] = []
    for f in fields:
        if not f.init:
            if f.default_factory is not dataclasses.MISSING:
                lines.append(f"    factory_{f.name} = factories[{f.name!r}]")
                body.append(f"        values[{f.name!r}] = factory_{f.name}()")
            elif f.default is not dataclasses.MISSING:
                body.append(f"        values[{f.name!r}] = defaults[{f.name!r}]")
            continue
        into = keywords if f.kw_only else params
        if f.default_factory is not dataclasses.MISSING:
            lines.append(f"    factory_{f.name} = factories[{f.name!r}]")
            into.append(f"{f.name}=HAS_FACTORY")
            body.append(
                f"        values[{f.name!r}] = "
                f"factory_{f.name}() if {f.name} is HAS_FACTORY else {f.name}"
            )
        else:
            if f.default is not dataclasses.MISSING:
                into.append(f"{f.name}=defaults[{f.name!r}]")
            else:
                into.append(f.name)
            body.append(f"        values[{f.name!r}] = {f.name}")
    if hasattr(cls, "__post_init__"):
        body.append("        self.__post_init__()")
    signature = ", ".join(["self", *params, *(["*", *keywords] if keywords else [])])
    lines.append(f"    def __init__({signature}):")
    lines.append("        values = self.__dict__")
    lines.extend(body)
    shown = ", ".join(f"{f.name}={{self.{f.name}!r}}" for f in fields if f.repr)
    lines += [
        "    @recursive_repr()",
        "    def __repr__(self):",
        f'        return self.__class__.__qualname__ + f"({shown})"',
    ]
    compared = "".join(f"self.{f.name}," for f in fields if f.compare)
    other = "".join(f"other.{f.name}," for f in fields if f.compare)
    lines += [
        "    def __eq__(self, other):",
        "        if other.__class__ is self.__class__:",
        f"            return ({compared}) == ({other})",
        "        return NotImplemented",
    ]
    hashed = "".join(f"self.{f.name}," for f in fields if (f.compare if f.hash is None else f.hash))
    lines += ["    def __hash__(self):", f"        return hash(({hashed}))"]
    frozen = "".join(f"{name!r}," for name in names)
    for verb, args, call in (
        ("setattr", "self, name, value", "name, value"),
        ("delattr", "self, name", "name"),
    ):
        what = "assign to" if verb == "setattr" else "delete"
        lines += [
            f"    def __{verb}__({args}):",
            f"        if type(self) is cls or name in ({frozen}):",
            f'            raise FrozenError(f"cannot {what} field {{name!r}}")',
            f"        super(cls, self).__{verb}__({call})",
        ]
    lines.append("    return __init__, __repr__, __eq__, __hash__, __setattr__, __delattr__")
    return "from reprlib import recursive_repr\n" + "\n".join(lines) + "\n"


def source(classes: list[type] | None = None) -> str:
    """The text of ``dvtui/core/recordmethods.py`` for the record classes (``make records``)."""
    out = [
        '"""The methods of the record classes, generated from ``dvtui/core/records.py`` by',
        "``make records`` (:mod:`dvtui.core.recordclass`): do not edit. A test fails when it",
        'is not what ``make records`` would write now."""',
        "",
        "# mypy: ignore-errors",
        "# fmt: off",
        "from reprlib import recursive_repr",
        "",
    ]
    makers = []
    chosen = CLASSES if classes is None else classes
    for cls in sorted(chosen, key=lambda c: (c.__module__, chosen.index(c))):
        fields = dataclasses.fields(cls)
        text = _maker_source(cls, fields).removeprefix("from reprlib import recursive_repr\n")
        out += ["", text]
        makers.append(f"    {_name(cls)!r}: ({_key(cls, fields)!r}, {_maker_name(cls)}),")
    out += ["", "MAKERS = {", *makers, "}", ""]
    return "\n".join(out)


def methods_of(cls: type) -> dict[str, Callable[..., Any]]:
    """The six methods ``record`` gave ``cls`` (for the tests)."""
    return {name: cls.__dict__[name] for name in _METHODS}


if __name__ == "__main__":  # ``make records``
    import importlib

    for module in GENERATED_FROM:
        importlib.import_module(module)
    from dvtui.core import recordclass  # this file runs as __main__: the imported copy's

    print(recordclass.source(), end="")
