"""A problem found in the data: which file, which field, why — rendered in plain words."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from dvtui.core.text import inert
from dvtui.i18n import N_, t, text


def one_line(value: object) -> object:
    """A value for a message: text from files, names and users never drives the terminal.

    Control characters (ESC, BEL …) are shown as ``\\x1b``, a line break as ``\\n``, so a
    message stays one plain line whatever a hand-edited file or a pasted text holds.
    """
    if isinstance(value, str):
        return inert(value).replace("\n", "\\n").replace("\t", " ")
    return value


def message(code: str, values: dict[str, object]) -> str:
    """The text of a message key with its values made safe (see :func:`one_line`).

    A value named ``<name>_key`` is itself a message key, shown as ``{<name>}`` in the
    language of the moment (``{"other_key": "field.figures.petitions_received"}``: a rule
    names the other field by its label, whatever language the problem is read in). A
    plural message takes its count from the value ``n``.
    """
    shown: dict[str, object] = {}
    for name, value in values.items():
        if name.endswith("_key") and isinstance(value, str):
            shown[name.removesuffix("_key")] = t(value)
        else:
            shown[name] = one_line(value)
    return text(code, shown)


@dataclass(frozen=True, order=True)
class Problem:
    """``file: field: reason``; ``code`` is a message-catalog key filled with ``args``."""

    file: str
    field: str
    code: str
    args: dict[str, object] = dataclasses.field(default_factory=dict, compare=False)

    def reason(self) -> str:
        """The reason alone, in the current language."""
        return message(self.code, self.args)

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{one_line(where)}: {self.reason()}"


class FieldError(ValueError):
    """A value or a rule refused: a message key, its values, and the field when it is known.

    Raised by ``schema.parse_field_text`` (what a person typed), ``merge.choice_from_text``,
    the records' ``__post_init__`` rules (which name their ``field``) and, as ``BadId``,
    by ``RecordId.parse``. Whoever knows the file turns it into a :class:`Problem`.
    """

    def __init__(
        self, code: str, values: Mapping[str, object] | None = None, *, field: str = ""
    ) -> None:
        self.code = code
        self.values: dict[str, object] = dict(values) if values else {}
        self.field = field
        super().__init__(code, self.values)

    def __str__(self) -> str:
        return message(self.code, self.values)

    def problem(self, file: str, field: str | None = None) -> Problem:
        """This error as a problem of ``file``, at ``field`` (by default the one it names)."""
        return Problem(file, self.field if field is None else field, self.code, self.values)


class DataError(Exception):
    """A user or data error: shown as one line, never as a traceback.

    ``args`` = (message key, values) so that the text follows the current language.
    """

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code, values)
        self.code = code
        self.values = values

    def __str__(self) -> str:
        return message(self.code, self.values)


class InvalidRecord(DataError):
    """A record that does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(N_("err.invalid_record"), id=problems[0].file, detail=problems[0].reason())
        self.problems = problems

    def __str__(self) -> str:
        return "; ".join(str(p) for p in self.problems)


class ReferencedRecord(DataError):
    """A record that cannot be removed: others still name it (listed in ``referrers``)."""

    SHOWN = 10  # the message names this many; ``referrers`` has them all

    def __init__(self, rid: object, referrers: list[str]) -> None:
        shown = ", ".join(referrers[: self.SHOWN])
        if len(referrers) > self.SHOWN:
            shown += f" … (+{len(referrers) - self.SHOWN})"
        # A unit with reports is retired, not removed: the message says how.
        unit = str(rid).startswith("units/")
        code = N_("err.referenced_unit") if unit else N_("err.referenced")
        super().__init__(code, id=str(rid), n=len(referrers), records=shown)
        self.referrers = referrers
